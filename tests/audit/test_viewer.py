"""Admins read, filter and export the audit log."""
import csv
import io
from datetime import UTC, datetime

import pytest

from civic.audit.export import safe_cell
from civic.audit.services import record
from civic.extensions import db
from tests.factories import make_user
from tests.fixtures.http import text


def add_entry(actor, action, target, when, **fields):
    entry = record(actor, action, target, **fields)
    entry.created_at = when
    db.session.commit()
    return entry


@pytest.fixture
def log(admin, staff, moderator, citizen):
    """Three entries by three people on three days."""
    return [
        add_entry(admin, "role.grant", citizen, datetime(2026, 3, 1, 9, tzinfo=UTC),
                  target_label="Grant-Alpha"),
        add_entry(staff, "organization.verify", citizen, datetime(2026, 3, 5, 12, tzinfo=UTC),
                  target_label="Verify-Bravo"),
        add_entry(moderator, "proposal.hide", citizen, datetime(2026, 3, 9, 23, 30, tzinfo=UTC),
                  target_label="Hide-Charlie", reason="Propos injurieux"),
    ]


def labels(page: str) -> list[str]:
    return [label for label in ("Grant-Alpha", "Verify-Bravo", "Hide-Charlie") if label in page]


def order(page: str) -> list[str]:
    return sorted(labels(page), key=page.index)


def test_the_log_lists_newest_first(client, admin_en, log):
    page = text(client.get("/admin/audit"))
    assert order(page) == ["Hide-Charlie", "Verify-Bravo", "Grant-Alpha"]
    assert "Propos injurieux" in page
    assert page.count("<h1>") == 1


def test_filter_by_action(client, admin_en, log):
    page = text(client.get("/admin/audit?action=organization.verify"))
    assert labels(page) == ["Verify-Bravo"]


def test_filter_by_actor_name_or_email(client, admin_en, log, staff):
    assert labels(text(client.get("/admin/audit?actor=agent metropole"))) == ["Verify-Bravo"]
    assert labels(text(client.get(f"/admin/audit?actor={staff.email}"))) == ["Verify-Bravo"]


def test_filter_by_date_range_includes_both_days(client, admin_en, log):
    page = text(client.get("/admin/audit?date_from=2026-03-05&date_to=2026-03-09"))
    assert order(page) == ["Hide-Charlie", "Verify-Bravo"]
    assert labels(text(client.get("/admin/audit?date_to=2026-03-01"))) == ["Grant-Alpha"]


def test_the_last_representable_day_is_a_valid_end(client, admin_en, log):
    page = text(client.get("/admin/audit?date_from=0001-01-01&date_to=9999-12-31"))
    assert order(page) == ["Hide-Charlie", "Verify-Bravo", "Grant-Alpha"]
    rows = read_csv(client.get("/admin/audit.csv?date_to=9999-12-31"))
    assert len(rows) == 4


def test_the_actor_filter_takes_wildcards_literally(client, admin_en, log):
    assert labels(text(client.get("/admin/audit?actor=%25"))) == []
    assert labels(text(client.get("/admin/audit?actor=_"))) == []


def test_an_impossible_date_range_is_explained(client, admin_en, log):
    response = client.get("/admin/audit?date_from=2026-03-09&date_to=2026-03-01")
    assert response.status_code == 400
    assert "end date must be on or after" in text(response)
    assert client.get("/admin/audit?date_from=yesterday").status_code == 400
    assert client.get("/admin/audit.csv?date_from=yesterday").status_code == 400


def test_the_log_is_paginated_with_a_constant_number_of_queries(client, admin_en,
                                                                 count_queries):
    def add(n):
        for i in range(n):
            actor = make_user()
            add_entry(actor, "role.grant", actor, datetime(2026, 1, 1, tzinfo=UTC),
                      target_label=f"entry-{i}")

    add(3)
    with count_queries() as few:
        client.get("/admin/audit")
    add(60)
    with count_queries() as many:
        response = client.get("/admin/audit")
    assert many.count == few.count
    assert "Page 1 of 2" in text(response)
    assert "Page 2 of 2" in text(client.get("/admin/audit?page=2"))


def read_csv(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    body = response.get_data()
    assert body.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM, for spreadsheets
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_csv_export_follows_the_filter(client, admin_en, log):
    rows = read_csv(client.get("/admin/audit.csv?date_from=2026-03-05"))
    assert rows[0][:5] == ["id", "created_at", "actor_id", "actor", "action"]
    assert [row[7] for row in rows[1:]] == ["Hide-Charlie", "Verify-Bravo"]


def test_csv_neutralises_formulas_and_keeps_other_text(client, admin_en, citizen):
    tricky = "Élodie, «guillemets» \"doubles\"\nsur deux lignes ; 😀"
    add_entry(admin_en, "=HYPERLINK(\"http://evil\")", citizen,
              datetime(2026, 4, 1, tzinfo=UTC), target_label="+33 6 12", reason=tricky)
    add_entry(admin_en, "role.grant", citizen, datetime(2026, 4, 2, tzinfo=UTC),
              target_label="@SUM(A1)", reason="-2+3")
    add_entry(admin_en, "role.grant", citizen, datetime(2026, 4, 3, tzinfo=UTC),
              target_label="\tcmd", reason="\rcalc")
    rows = read_csv(client.get("/admin/audit.csv"))
    by_label = {row[7]: row for row in rows[1:]}
    assert set(by_label) == {"'\tcmd", "'@SUM(A1)", "'+33 6 12"}
    assert by_label["'\tcmd"][8] == "'\rcalc"
    assert by_label["'@SUM(A1)"][8] == "'-2+3"
    first = by_label["'+33 6 12"]
    assert first[4] == "'=HYPERLINK(\"http://evil\")"
    assert first[8] == tricky  # round-trips unchanged
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
               for row in rows for cell in row)


@pytest.mark.parametrize(("value", "expected"), [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@x", "'@x"), ("\tx", "'\tx"),
    ("\rx", "'\rx"), ("a=b", "a=b"), ("", ""), (None, ""), (42, "42"), ("Émile", "Émile"),
])
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected
