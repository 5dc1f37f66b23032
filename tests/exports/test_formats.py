"""CSV, XLSX and JSON: RFC 4180, typed cells, and formula injection defused without
changing a single character of what people wrote."""
from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from civic.core.tabular import safe_cell, unsafe_cell
from civic.exports.formats import xlsx_text
from tests.exports.conftest import export_bytes, read_csv
from tests.factories import make_comment, make_proposal, make_section, make_user

ATTACKS_DIR = Path("/work/shared/data/attacks/csv_injection")
EXTRA = ["=1+1", "+cmd", "-2", "@SUM(A1)", "\t=x", "\r=x", "=HYPERLINK(\"http://x\")",
         "-", "+", "@", "=", "'=déjà cité", "Texte, avec \"guillemets\"\r\net retour"]


def _payloads() -> list[str]:
    lines = []
    if ATTACKS_DIR.is_dir():
        for path in sorted(ATTACKS_DIR.glob("*.txt")):
            if path.name.startswith("LICENSE"):
                continue
            lines += [line for line in path.read_text(encoding="utf-8").splitlines()
                      if line.strip()]
    return lines + EXTRA


PAYLOADS = _payloads()


@pytest.fixture
def attacks(db_session):
    """Every payload as a proposal title, a proposal text and a comment."""
    theme = make_section(title="=Thème dangereux")
    author = make_user(display_name="@Pseudo")
    proposals = []
    for payload in PAYLOADS:
        proposal = make_proposal(author=author, theme=theme, title=payload[:150],
                                 body=payload)
        make_comment(target=proposal, author=author, body=payload)
        proposals.append(proposal)
    return proposals


def test_the_attack_files_are_there():
    assert len(PAYLOADS) > len(EXTRA) + 10


def test_csv_round_trip_keeps_every_text_exactly(attacks, staff):
    rows = read_csv(export_bytes(staff, "proposals"))
    assert [unsafe_cell(row["body"]) for row in rows] == PAYLOADS
    assert [unsafe_cell(row["title"]) for row in rows] == [p[:150] for p in PAYLOADS]
    assert {unsafe_cell(row["theme"]) for row in rows} == {"=Thème dangereux"}
    for row in rows:  # nothing a spreadsheet would run
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    comments = read_csv(export_bytes(staff, "comments"))
    assert [unsafe_cell(row["body"]) for row in comments] == PAYLOADS
    assert {unsafe_cell(row["author"]) for row in comments} == {"@Pseudo"}


def test_csv_is_rfc_4180_with_a_bom_and_crlf(attacks, staff):
    data = export_bytes(staff, "proposals")
    assert data.startswith(b"\xef\xbb\xbfid,reference,title,body,")
    text = data.decode("utf-8-sig")
    assert text.split("\n", 1)[0].endswith("\r")
    # A text with a comma, quotes and a line break is quoted, its quotes doubled.
    assert '"Texte, avec ""guillemets""\r\net retour"' in text
    parsed = list(csv.reader(io.StringIO(text, newline="")))
    assert len(parsed) == len(PAYLOADS) + 1
    assert {len(row) for row in parsed} == {len(parsed[0])}


def test_numbers_stay_numbers_in_csv(attacks, staff):
    from civic.experiments.models import Evaluation, Indicator
    from civic.extensions import db
    from tests.factories import make_experiment

    experiment = make_experiment(status="evaluated")
    evaluation = Evaluation(experiment=experiment, outcome="adapt")
    evaluation.indicators.append(Indicator(name="-Baisse", target=-2.0, measured=-3.5))
    db.session.add(evaluation)
    db.session.commit()
    (row,) = read_csv(export_bytes(staff, "experiment_indicators"))
    assert (row["target"], row["measured"]) == ("-2.0", "-3.5")  # numbers, not defused
    assert row["name"] == "'-Baisse"


def _workbook(data: bytes):
    return load_workbook(io.BytesIO(data))


def test_xlsx_round_trip_keeps_text_and_never_writes_a_formula(attacks, staff):
    sheet = _workbook(export_bytes(staff, "proposals", "xlsx")).active
    assert sheet.freeze_panes == "A2"
    header = [cell.value for cell in sheet[1]]
    assert header[:4] == ["Id", "Reference", "Title", "Text"]
    assert all(cell.font.bold for cell in sheet[1])
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.value
    bodies = [row[3].value or "" for row in sheet.iter_rows(min_row=2)]
    # Line breaks are line feeds in a spreadsheet cell (XML has no carriage return).
    expected = [p.replace("\r\n", "\n").replace("\r", "\n") for p in PAYLOADS]
    assert [unsafe_cell(body) for body in bodies] == expected
    first = next(sheet.iter_rows(min_row=2))
    assert isinstance(first[0].value, int) and first[0].data_type == "n"
    assert isinstance(first[10].value, datetime)  # created_at, a real date
    assert first[10].number_format == "yyyy-mm-dd hh:mm:ss"


def test_xlsx_keeps_negative_numbers_and_booleans_typed(staff):
    from civic.experiments.models import Evaluation, Indicator
    from civic.extensions import db
    from tests.factories import make_experiment, make_organization

    experiment = make_experiment(status="evaluated")
    evaluation = Evaluation(experiment=experiment, outcome="adapt")
    evaluation.indicators.append(Indicator(name="=Baisse", target=-2.0, measured=-3.5))
    db.session.add(evaluation)
    make_organization(name="+Org", verified=True)
    db.session.commit()
    sheet = _workbook(export_bytes(staff, "experiment_indicators", "xlsx")).active
    row = [cell for cell in sheet[2]]
    assert [row[4].value, row[5].value] == [-2.0, -3.5]
    assert row[4].data_type == "n" and row[2].value == "'=Baisse"
    orgs = _workbook(export_bytes(staff, "organizations", "xlsx")).active
    values = [cell.value for cell in orgs[2]]
    assert values[2] == "'+Org" and values[7] is True


def test_xlsx_text_removes_only_what_xml_cannot_hold():
    assert xlsx_text("a\x00b\x1fc\td") == "a" + "b" + "c\td"
    assert xlsx_text("=x") == "'=x"
    assert xlsx_text("\r=x") == "\n=x"  # a line feed starts no formula


def test_json_is_a_valid_array_of_typed_objects(attacks, staff):
    rows = json.loads(export_bytes(staff, "proposals", "json"))
    assert [row["body"] for row in rows] == PAYLOADS  # JSON needs no defusing
    assert isinstance(rows[0]["id"], int)
    assert datetime.fromisoformat(rows[0]["published_at"]).tzinfo is not None
    assert json.loads(export_bytes(staff, "amendments", "json")) == []


@pytest.mark.parametrize("text", ["=x", "'=x", "''=x", "'abc", "abc", "", "'", "''-1", "-",
                                  "a=b", "\t=x", "'\t=x", "\r=x"])
def test_defusing_is_exactly_undone(text):
    assert unsafe_cell(safe_cell(text)) == text
    assert not safe_cell(text).startswith(("=", "+", "-", "@", "\t", "\r"))
