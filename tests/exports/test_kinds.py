"""Every export kind: its header, its rows, its filters, and nothing personal."""
from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, date, datetime, timedelta

import pytest

from civic.audit.export import HEADER as AUDIT_HEADER
from civic.audit.services import record
from civic.comments.models import Comment
from civic.core.errors import DomainError, PermissionDenied
from civic.core.models import utcnow
from civic.exports.kinds import Filters, all_kinds, get_kind
from civic.extensions import db
from civic.moderation.models import ModerationCase
from civic.proposals.models import Support
from tests.exports.conftest import export_bytes, export_csv, export_json, read_csv
from tests.factories import (
    make_amendment,
    make_comment,
    make_evaluation,
    make_experiment,
    make_organization,
    make_proposal,
    make_published_revision,
    make_section,
    make_user,
)

DAY1 = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
DAY2 = datetime(2026, 3, 2, 23, 59, tzinfo=UTC)
DAY3 = datetime(2026, 3, 5, 0, 0, tzinfo=UTC)


def _proposal(published_at=None, **fields):
    proposal = make_proposal(**fields)
    if published_at is not None:
        proposal.published_at = published_at
        db.session.commit()
    return proposal


@pytest.fixture
def city(db_session, citizen, other_citizen, staff):
    """Two axes (one with a flagship project), proposals, supports, comments, an
    experiment with its evaluation, an amendment, a version of the plan, a decision."""
    mobility = make_section(title="Mobilités")
    sensors = make_section(title="Capteurs de trafic", parent=mobility)
    nature = make_section(title="Nature en ville")
    org = make_organization(owner=citizen, members=[other_citizen], name="Vélo Cité",
                            verified=True, description="Une association de cyclistes.")
    bench = _proposal(author=citizen, theme=sensors, title="Des capteurs aux carrefours",
                          organization=org, published_at=DAY1)
    tree = _proposal(author=other_citizen, theme=nature, status="under_review",
                         title="Planter des arbres fruitiers", published_at=DAY2)
    hidden = _proposal(author=other_citizen, theme=mobility, title="Un texte masqué",
                           moderation="hidden", published_at=DAY3)
    draft = make_proposal(author=citizen, theme=mobility, status="draft",
                          title="Un brouillon privé")
    for user, proposal, when in ((citizen, tree, DAY1), (other_citizen, bench, DAY1),
                                 (staff, bench, DAY1 + timedelta(hours=2)),
                                 (staff, tree, DAY2)):
        db.session.add(Support(user_id=user.id, proposal_id=proposal.id, created_at=when))
    comment = make_comment(target=bench, author=other_citizen, body="Bonne idée, vraiment.",
                           alignment="for", created_at=DAY1)
    make_comment(parent=comment, author=citizen, body="Merci !", created_at=DAY2)
    make_comment(target=tree, author=citizen, body="Texte effacé", deleted_at=DAY3,
                 created_at=DAY2)
    experiment = make_experiment(title="Capteurs rue de Metz", theme=sensors,
                                 status="evaluated", budget_euros=12000,
                                 starts_on=date(2026, 4, 1), ends_on=date(2026, 6, 30),
                                 partners=[(org, "lead"), (make_organization(name="Labo"),
                                                           "partner")],
                                 proposals=[bench])
    make_evaluation(experiment, summary="Ça marche.", lessons="Associer les riverains.",
                    indicators=[{"name": "Trafic", "unit": "%", "target": -10.0,
                                 "measured": -12.5}])
    revision = make_published_revision(summary="Première version")
    make_amendment(section=sensors, revision=revision, author=citizen,
                   title="Plus de capteurs", justification="Parce que.")
    case = ModerationCase(target_type="proposal", target_id=hidden.id, status="hidden",
                          reports_count=3, decided_at=DAY3, decided_by_id=staff.id,
                          decision_reason="Hors sujet", target_author_id=other_citizen.id)
    open_case = ModerationCase(target_type="proposal", target_id=tree.id, status="reported",
                               reports_count=1)
    db.session.add_all([case, open_case])
    db.session.commit()
    return {"mobility": mobility, "sensors": sensors, "nature": nature, "org": org,
            "bench": bench, "tree": tree, "hidden": hidden, "draft": draft,
            "experiment": experiment, "revision": revision, "comment": comment}


def test_every_kind_writes_its_header_and_full_rows(city, admin):
    for kind in all_kinds():
        rows = read_csv(export_bytes(admin, kind.name))
        assert rows, f"{kind.name} exported nothing"
        assert list(rows[0]) == kind.header
        assert all(None not in row and None not in row.values() for row in rows), kind.name
        assert kind.count(Filters()) == len(rows), kind.name


def test_proposals_for_staff_include_hidden_ones_but_never_drafts(city, staff):
    rows = {row["title"]: row for row in export_csv(staff, "proposals")}
    assert set(rows) == {"Des capteurs aux carrefours", "Planter des arbres fruitiers",
                         "Un texte masqué"}
    bench = rows["Des capteurs aux carrefours"]
    assert bench["author"] == "Camille Citoyenne"
    assert bench["organization"] == "Vélo Cité"
    assert bench["theme"] == "Capteurs de trafic"
    assert bench["supports_count"] == "0"  # the counter column, as the site shows it
    assert bench["published_at"].startswith("2026-03-01T09:30:00")
    assert rows["Un texte masqué"]["moderation"] == "hidden"


def test_a_deleted_author_is_a_deleted_participant(city, staff, other_citizen):
    other_citizen.deleted_at = utcnow()
    db.session.commit()
    rows = {row["title"]: row["author"] for row in export_csv(staff, "proposals")}
    assert rows["Planter des arbres fruitiers"] == "Deleted participant"
    assert "Dominique Voisin" not in export_bytes(staff, "comments").decode()


def test_a_theme_filter_on_an_axis_includes_its_flagship_projects(city, staff):
    axis = export_csv(staff, "proposals", theme_id=city["mobility"].id)
    assert {row["title"] for row in axis} == {"Des capteurs aux carrefours", "Un texte masqué"}
    project = export_csv(staff, "proposals", theme_id=city["sensors"].id)
    assert [row["title"] for row in project] == ["Des capteurs aux carrefours"]
    experiments = export_csv(staff, "experiments", theme_id=city["nature"].id)
    assert experiments == []


def test_status_and_date_filters(city, staff):
    reviewed = export_csv(staff, "proposals", status="under_review")
    assert [row["title"] for row in reviewed] == ["Planter des arbres fruitiers"]
    # Both days included, on the publication date.
    days = export_csv(staff, "proposals", date_from=date(2026, 3, 1), date_to=date(2026, 3, 2))
    assert {row["title"] for row in days} == {"Des capteurs aux carrefours",
                                              "Planter des arbres fruitiers"}
    later = export_csv(staff, "proposals", date_from=date(2026, 3, 3))
    assert [row["title"] for row in later] == ["Un texte masqué"]


def test_supports_are_counted_per_proposal_and_day(city, staff):
    rows = [(row["reference"], row["day"], row["supports"])
            for row in export_csv(staff, "supports")]
    bench, tree = city["bench"].reference, city["tree"].reference
    assert rows == [(bench, "2026-03-01", "2"), (tree, "2026-03-01", "1"),
                    (tree, "2026-03-02", "1")]
    one_day = export_csv(staff, "supports", date_from=date(2026, 3, 2), date_to=date(2026, 3, 2))
    assert [(row["reference"], row["supports"]) for row in one_day] == [(tree, "1")]


def test_supports_are_counted_per_theme_and_day(city, staff):
    rows = {(row["theme"], row["day"]): int(row["supports"])
            for row in export_csv(staff, "supports_by_theme")}
    assert rows == {("Capteurs de trafic", "2026-03-01"): 2,
                    ("Nature en ville", "2026-03-01"): 1, ("Nature en ville", "2026-03-02"): 1}
    axis = export_csv(staff, "supports_by_theme", theme_id=city["mobility"].id)
    assert {row["theme"] for row in axis} == {"Capteurs de trafic"}


def test_individual_supports_are_pseudonymous_and_stable(app, city, staff, citizen,
                                                         other_citizen):
    data = export_bytes(staff, "supports_individual").decode("utf-8-sig")
    rows = read_csv(export_bytes(staff, "supports_individual"))
    assert list(rows[0]) == ["proposal_id", "reference", "supporter", "created_at"]
    for person in (citizen, other_citizen, staff):
        assert person.email not in data and person.display_name not in data
    supporters = [row["supporter"] for row in rows]
    assert all(len(s) == 16 and int(s, 16) >= 0 for s in supporters)
    expected = hmac.new(app.config["SECRET_KEY"].encode(), str(staff.id).encode(),
                        hashlib.sha256).hexdigest()[:16]
    assert supporters.count(expected) == 2  # the same person, the same pseudonym
    assert len(set(supporters)) == 3
    again = [row["supporter"] for row in export_csv(staff, "supports_individual")]
    assert again == supporters


def test_comments_keep_deleted_rows_without_their_text(city, staff):
    rows = export_csv(staff, "comments")
    by_body = {row["body"]: row for row in rows}
    assert "Texte effacé" not in by_body
    deleted = by_body[""]
    assert deleted["deleted_at"].startswith("2026-03-05")
    reply = by_body["Merci !"]
    assert reply["parent_id"] == str(city["comment"].id) and reply["depth"] == "2"
    assert by_body["Bonne idée, vraiment."]["alignment"] == "for"
    on_sensors = export_csv(staff, "comments", theme_id=city["mobility"].id)
    assert {row["body"] for row in on_sensors} == {"Bonne idée, vraiment.", "Merci !"}


def test_comments_filter_on_their_moderation_state(city, staff):
    comment = city["comment"]
    db.session.get(Comment, comment.id).moderation = "hidden"
    db.session.commit()
    assert [row["id"] for row in export_csv(staff, "comments", status="hidden")] == [
        str(comment.id)]


def test_experiments_flatten_partners_and_proposals(city, staff):
    (row,) = export_json(staff, "experiments")
    assert row["partners"] == "Vélo Cité (lead); Labo (partner)"
    assert row["proposals"] == city["bench"].reference
    assert row["budget_euros"] == 12000
    assert row["starts_on"] == "2026-04-01"
    assert row["outcome"] == "adopt" and row["evaluation_summary"] == "Ça marche."
    assert row["lessons"] == "Associer les riverains."
    (indicator,) = export_json(staff, "experiment_indicators")
    assert indicator == {"experiment_id": city["experiment"].id,
                         "experiment": "Capteurs rue de Metz", "name": "Trafic", "unit": "%",
                         "target": -10.0, "measured": -12.5}


def test_amendments_and_plan_versions(city, staff):
    (amendment,) = export_json(staff, "amendments")
    assert amendment["author"] == "Camille Citoyenne"
    assert amendment["base_revision"] == city["revision"].number
    assert amendment["status"] == "pending" and amendment["decided_by"] == ""
    assert export_json(staff, "amendments", theme_id=city["nature"].id) == []
    sections = export_json(staff, "plan_revisions")
    assert {row["title"] for row in sections} >= {"Mobilités", "Capteurs de trafic",
                                                  "Nature en ville"}
    assert {row["revision"] for row in sections} == {city["revision"].number}
    axis = export_json(staff, "plan_revisions", theme_id=city["mobility"].id)
    assert {row["title"] for row in axis} == {"Mobilités", "Capteurs de trafic"}


def test_organizations_count_members_and_name_nobody(city, staff, citizen):
    rows = {row["name"]: row for row in export_json(staff, "organizations")}
    assert rows["Vélo Cité"]["members_count"] == 2 and rows["Vélo Cité"]["verified"] is True
    assert rows["Labo"]["members_count"] == 0 and rows["Labo"]["verified"] is False
    verified = export_json(staff, "organizations", status="verified")
    assert [row["name"] for row in verified] == ["Vélo Cité"]


def test_moderation_decisions_list_decided_cases_only(city, staff):
    (row,) = export_json(staff, "moderation_decisions")
    assert row["target_id"] == city["hidden"].id and row["status"] == "hidden"
    assert row["decided_by"] == "Agent Métropole" and row["decision_reason"] == "Hors sujet"
    assert row["reports_count"] == 3


def test_the_audit_log_is_for_admins_with_the_admin_export_columns(city, staff, admin):
    record(admin, "role.grant", staff, target_label="Agent Métropole", after={"roles": ["x"]})
    db.session.commit()
    with pytest.raises(PermissionDenied):
        export_bytes(staff, "audit_log")
    rows = export_csv(admin, "audit_log")
    assert list(rows[0]) == list(AUDIT_HEADER)
    grant = next(row for row in rows if row["action"] == "role.grant")
    assert grant["actor"] == "Admin Plateforme"
    assert json.loads(grant["after"]) == {"roles": ["x"]}


def test_no_export_holds_an_email_address(city, admin, citizen, other_citizen, staff):
    everyone = [citizen, other_citizen, staff, admin, make_user(email="secret@example.org")]
    for kind in all_kinds():
        for fmt in ("csv", "json"):
            data = export_bytes(admin, kind.name, fmt).decode("utf-8-sig")
            for person in everyone:
                assert person.email not in data, (kind.name, fmt)
            assert "@example.org" not in data, (kind.name, fmt)


@pytest.mark.parametrize("kind, filters, field", [
    ("nothing", {}, "kind"),
    ("proposals", {"status": "draft"}, "status"),
    ("plan_revisions", {"status": "published"}, "status"),
    ("organizations", {"theme_id": 1}, "theme"),
    ("proposals", {"theme_id": 999999}, "theme"),
    ("proposals", {"date_from": date(2026, 3, 2), "date_to": date(2026, 3, 1)}, "date_to"),
])
def test_filters_that_do_not_fit_the_kind_are_refused(staff, kind, filters, field):
    with pytest.raises(DomainError) as refused:
        export_bytes(staff, kind, **filters)
    assert refused.value.field == field


def test_an_unknown_format_is_refused(staff):
    with pytest.raises(DomainError) as refused:
        export_bytes(staff, "proposals", "pdf")
    assert refused.value.field == "format"


def test_citizens_and_moderators_may_not_export(citizen, moderator):
    for person in (citizen, moderator):
        with pytest.raises(PermissionDenied):
            export_bytes(person, "proposals")


def test_every_column_has_a_known_type_and_unique_key():
    for kind in all_kinds():
        assert len(set(kind.header)) == len(kind.header), kind.name
        assert get_kind(kind.name) is kind
