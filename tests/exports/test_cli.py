"""`flask civic export`: a file written atomically, a progress bar, an audit entry."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from civic.audit.models import AuditEntry
from civic.extensions import db
from tests.exports.conftest import read_csv
from tests.factories import make_proposal, make_section


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def proposals(db_session):
    theme = make_section(title="Mobilités")
    return [make_proposal(theme=theme, title=f"Proposition {n}") for n in range(3)]


def _exports():
    return list(db.session.scalars(
        select(AuditEntry).where(AuditEntry.action.like("export.%")).order_by(AuditEntry.id)))


def test_export_writes_the_file_shows_progress_and_is_audited(runner, tmp_path, proposals):
    target = tmp_path / "proposals.csv"
    result = runner.invoke(args=["civic", "export", "proposals", "--format", "csv",
                                 "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "Exporting 3 rows of proposals" in result.output
    assert f"Wrote {target}" in result.output
    rows = read_csv(target.read_bytes())
    assert [row["title"] for row in rows] == [p.title for p in proposals]
    assert [p.name for p in tmp_path.iterdir()] == ["proposals.csv"]  # no temporary left
    (entry,) = _exports()
    assert entry.actor_id is None and entry.reason == "command line"
    assert entry.after == {"format": "csv", "filters": {}}


def test_export_with_filters_as_a_staff_account(runner, tmp_path, proposals, staff):
    target = tmp_path / "out.json"
    result = runner.invoke(args=[
        "civic", "export", "proposals", "--format", "json", "-o", str(target),
        "--theme", str(proposals[0].theme_id), "--status", "published",
        "--from", "2000-01-01", "--to", "2999-12-31", "--as", staff.email.upper()])
    assert result.exit_code == 0, result.output
    assert len(json.loads(target.read_text())) == 3
    (entry,) = _exports()
    assert entry.actor_id == staff.id
    assert entry.after["filters"] == {"theme": proposals[0].theme_id, "status": "published",
                                      "from": "2000-01-01", "to": "2999-12-31"}


def test_an_existing_file_is_replaced_whole(runner, tmp_path, proposals):
    target = tmp_path / "p.xlsx"
    target.write_bytes(b"old")
    result = runner.invoke(args=["civic", "export", "supports", "--format", "xlsx",
                                 "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"PK")


@pytest.mark.parametrize("args, message", [
    (["nothing"], "unknown export 'nothing'; choose one of: proposals, supports"),
    (["proposals", "--format", "pdf"], "'pdf' is not one of"),
    (["proposals", "--from", "01/02/2026"], "does not match the format"),
    (["proposals", "--status", "verified"], "is not a status of this export"),
    (["organizations", "--theme", "1"], "This export is not about themes"),
    (["proposals", "--as", "nobody@example.org"], "no account with the e-mail address"),
])
def test_bad_arguments_exit_with_code_2_and_say_why(runner, tmp_path, args, message):
    target = tmp_path / "out"
    result = runner.invoke(args=["civic", "export", *args, "-o", str(target)])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert not target.exists()
    assert _exports() == []


def test_a_citizen_account_may_not_export(runner, tmp_path, citizen):
    result = runner.invoke(args=["civic", "export", "proposals", "-o", str(tmp_path / "x"),
                                 "--as", citizen.email])
    assert result.exit_code == 2
    assert "may not export" in result.output
    assert _exports() == []
