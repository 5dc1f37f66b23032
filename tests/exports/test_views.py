"""The staff export page: who may use it, the streamed file, and its audit entry."""
from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from civic.audit.models import AuditEntry
from civic.extensions import db
from tests.exports.conftest import fetch
from tests.factories import make_proposal, make_section
from tests.fixtures.http import text

URL = "/admin/exports"


def _exports():
    return list(db.session.scalars(
        select(AuditEntry).where(AuditEntry.action.like("export.%")).order_by(AuditEntry.id)))


@pytest.fixture
def proposals(db_session):
    axis = make_section(title="Mobilités")
    return [make_proposal(theme=axis, title="Des bancs, connectés"),
            make_proposal(theme=make_section(title="Nature"), title="=1+1",
                          status="under_review")]


def test_staff_see_the_form_and_every_kind_but_the_audit_log(client, login_as, staff):
    login_as(staff)
    response = client.get(URL)
    assert response.status_code == 200
    page = text(response)
    assert "<h1>Data exports</h1>" in page
    assert 'name="kind"' in page and 'name="format"' in page and 'name="theme"' in page
    assert "supports_individual" in page and "moderation_decisions" in page
    assert "audit_log" not in page
    assert 'href="/admin/exports"' in page  # the header menu links to it


def test_admins_also_export_the_audit_log_from_the_admin_area(client, login_as, admin):
    login_as(admin)
    page = text(client.get(URL))
    assert "audit_log" in page and 'aria-current="page">Data exports' in page


@pytest.mark.parametrize("person", ["citizen", "moderator"])
def test_citizens_and_moderators_are_refused(client, login_as, request, person, proposals):
    login_as(request.getfixturevalue(person))
    assert client.get(URL).status_code == 403
    response = client.post_form(URL, {"kind": "proposals", "format": "csv"})
    assert response.status_code == 403
    assert _exports() == []


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_csv_export_streams_an_attachment_and_is_audited(client, login_as, staff, proposals):
    login_as(staff)
    response = fetch(client, "post_form", URL, {"kind": "proposals", "format": "csv",
                                                "status": "published"})
    assert response.status_code == 200
    assert response.is_streamed
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="civic-proposals-')
    assert disposition.endswith('.csv"')
    assert response.headers["Cache-Control"] == "no-store"
    # The audit entry is saved before the body is read.
    (entry,) = _exports()
    assert entry.action == "export.proposals" and entry.actor_id == staff.id
    assert entry.target_type == "exports"
    assert entry.after == {"format": "csv", "filters": {"status": "published"}}
    rows = list(csv.DictReader(io.StringIO(response.text())))
    assert [row["title"] for row in rows] == ["Des bancs, connectés"]


def test_an_xlsx_export_with_a_theme(client, login_as, staff, proposals):
    login_as(staff)
    theme = proposals[1].theme_id
    response = fetch(client, "post_form", URL, {"kind": "proposals", "format": "xlsx",
                                                "theme": str(theme)})
    assert response.status_code == 200 and response.is_streamed
    assert response.headers["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.body)).active
    assert sheet.freeze_panes == "A2"
    assert sheet.cell(row=2, column=3).value == "'=1+1"
    assert sheet.max_row == 2
    (entry,) = _exports()
    assert entry.after == {"format": "xlsx", "filters": {"theme": theme}}


def test_each_export_is_one_audit_entry(client, login_as, staff, proposals):
    login_as(staff)
    for fmt in ("csv", "json", "xlsx"):
        response = fetch(client, "post_form", URL, {"kind": "supports", "format": fmt})
        assert response.status_code == 200
    assert [entry.after["format"] for entry in _exports()] == ["csv", "json", "xlsx"]


def test_a_filter_that_does_not_fit_is_explained(client, login_as, staff, proposals):
    login_as(staff)
    response = client.post_form(URL, {"kind": "proposals", "format": "csv",
                                      "status": "verified"})
    assert response.status_code == 400
    assert "is not a status of this export" in text(response)
    response = client.post_form(URL, {"kind": "proposals", "format": "csv",
                                      "date_from": "2026-03-02", "date_to": "2026-03-01"})
    assert response.status_code == 400
    assert "The end date must be on or after the start date." in text(response)
    assert _exports() == []


def test_staff_may_not_export_the_audit_log(client, login_as, staff):
    login_as(staff)
    response = client.post_form(URL, {"kind": "audit_log", "format": "csv"})
    assert response.status_code == 403
    assert _exports() == []


def test_admins_export_the_audit_log(client, login_as, admin):
    login_as(admin)
    response = fetch(client, "post_form", URL, {"kind": "audit_log", "format": "json"})
    assert response.status_code == 200
    (entry,) = _exports()
    assert entry.action == "export.audit_log"
    # Saved before the body is read: the file lists the export that made it.
    assert [row["action"] for row in json.loads(response.body)] == ["export.audit_log"]


def test_a_post_without_csrf_token_is_refused(client, login_as, staff, proposals):
    login_as(staff)
    response = client.post(URL, data={"kind": "proposals", "format": "csv"})
    assert response.status_code == 400
    assert _exports() == []
