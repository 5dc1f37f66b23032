"""Editing the draft and publishing it: the rules staff meet."""
# ruff: noqa: F811  (pytest fixtures imported from plan_fixtures, used as arguments)
from __future__ import annotations

import pytest
from sqlalchemy import select, update

from civic.audit.models import AuditEntry
from civic.core.errors import Conflict, DomainError, PermissionDenied
from civic.extensions import db
from civic.masterplan import revisions, services
from civic.masterplan.models import PlanRevision, RevisionSection, Section
from tests.factories import make_user
from tests.masterplan.plan_fixtures import (  # noqa: F401
    EN,
    _english_pages,
    citizen,
    moderator,
    plan,
    publish_change,
    request_ctx,
    staff,
)


def test_one_draft_at_a_time_copied_from_the_current_version(staff, plan):
    draft = revisions.start_draft(staff)
    again = revisions.start_draft(staff)
    assert again.id == draft.id and draft.is_draft and draft.based_on_id == plan["v1"].id
    text = revisions.section_text(draft, plan["axis"].id)
    assert text.body == "Le texte de l'axe 1 parle de mobilité douce."


def test_edit_with_the_loaded_version_saves_and_bumps_it(staff, plan):
    draft = revisions.start_draft(staff)
    text = revisions.section_text(draft, plan["axis"].id)
    loaded = text.version
    services.edit_section_text(staff, draft, plan["axis"].id,
                               {"title": "Axe renommé", "body": "Nouveau texte"}, loaded)
    db.session.commit()
    text = revisions.section_text(draft, plan["axis"].id)
    assert (text.title, text.body, text.edited_by_id) == ("Axe renommé", "Nouveau texte",
                                                         staff.id)
    assert text.version == loaded + 1
    # the public text does not change before publication
    assert db.session.get(Section, plan["axis"].id).title == "Axe numéro 1"


def test_a_stale_version_is_refused_and_the_saved_text_kept(staff, plan):
    other = make_user(roles=("staff",), locale="en")
    draft = revisions.start_draft(staff)
    loaded = revisions.section_text(draft, plan["axis"].id).version
    services.edit_section_text(other, draft, plan["axis"].id, {"body": "Texte de l'autre"},
                               loaded)
    db.session.commit()
    with pytest.raises(Conflict) as refused:
        services.edit_section_text(staff, draft, plan["axis"].id, {"body": "Mon texte"},
                                   loaded)
    assert refused.value.status_code == 409 and "Someone else saved" in refused.value.message
    db.session.rollback()
    assert revisions.section_text(draft, plan["axis"].id).body == "Texte de l'autre"


def test_a_write_racing_the_check_is_a_conflict_too(staff, plan, monkeypatch):
    from sqlalchemy.orm.exc import StaleDataError

    draft = revisions.start_draft(staff)
    db.session.commit()
    text = revisions.section_text(draft, plan["axis"].id)
    loaded = text.version
    real_now = services.utcnow

    def someone_saves_meanwhile():  # runs between the version check and the write
        table = RevisionSection.__table__  # core, on the connection: no autoflush
        db.session.connection().execute(update(table).where(table.c.id == text.id)
                                        .values(version=loaded + 1, body="Écrit entre-temps"))
        return real_now()

    monkeypatch.setattr(services, "utcnow", someone_saves_meanwhile)
    with pytest.raises(Conflict) as refused:
        services.edit_section_text(staff, draft, plan["axis"].id, {"body": "Mon texte"},
                                   loaded)
    assert isinstance(refused.value.__cause__, StaleDataError)
    db.session.rollback()
    assert revisions.section_text(draft, plan["axis"].id).body != "Mon texte"


def test_no_expected_version_means_no_check(staff, plan):
    draft = revisions.start_draft(staff)
    services.edit_section_text(staff, draft, plan["axis"].id, {"body": "Un"}, None)
    services.edit_section_text(staff, draft, plan["axis"].id, {"body": "Deux"}, None)
    assert revisions.section_text(draft, plan["axis"].id).body == "Deux"


def test_an_empty_title_is_refused(staff, plan):
    draft = revisions.start_draft(staff)
    with pytest.raises(DomainError) as refused:
        services.edit_section_text(staff, draft, plan["axis"].id, {"title": "  "}, None)
    assert refused.value.field == "title"


def test_publishing_numbers_signs_and_copies_the_text(staff, plan):
    v2 = publish_change(staff, plan["project"], "Le projet déploie 40 capteurs.",
                        summary="Plus de capteurs")
    assert (v2.number, v2.status, v2.published_by_id) == (2, "published", staff.id)
    assert v2.published_at is not None and v2.summary == "Plus de capteurs"
    assert revisions.current_revision().id == v2.id
    section = db.session.get(Section, plan["project"].id)
    assert section.body == "Le projet déploie 40 capteurs."
    entry = db.session.scalars(select(AuditEntry).where(
        AuditEntry.action == "masterplan.publish")).one()
    assert entry.target_label == "v2" and entry.reason == "Plus de capteurs"
    assert entry.after == {"number": 2, "changed_sections": 1}
    v3 = publish_change(staff, plan["axis"], "Encore un changement.", summary="Troisième")
    assert v3.number == 3


def test_publishing_calls_the_provenance_hook(staff, plan, monkeypatch):
    from civic.masterplan import provenance

    seen = []
    monkeypatch.setattr(provenance, "after_publish",
                        lambda actor, revision: seen.append((actor.id, revision.number)))
    publish_change(staff, plan["axis"], "Changé.")
    assert seen == [(staff.id, 2)]


def test_a_summary_is_required(staff, plan):
    draft = revisions.start_draft(staff)
    services.edit_section_text(staff, draft, plan["axis"].id, {"body": "Changé"}, None)
    with pytest.raises(DomainError) as refused:
        services.publish_draft(staff, draft, "   ")
    assert refused.value.field == "summary" and "Summarise" in refused.value.message
    assert draft.is_draft


def test_a_draft_without_change_is_not_published(staff, plan):
    draft = revisions.start_draft(staff)
    with pytest.raises(DomainError) as refused:
        services.publish_draft(staff, draft, "Rien")
    assert "Nothing changed" in refused.value.message
    assert revisions.current_revision().number == 1


def test_two_publications_at_once_one_wins(staff, plan, monkeypatch):
    publish_change(staff, plan["axis"], "Changé par la première.")  # v2
    # A second draft whose publisher computed the same number before seeing v2.
    draft = revisions.start_draft(staff)
    services.edit_section_text(staff, draft, plan["axis"].id, {"body": "Autre"}, None)
    monkeypatch.setattr(services, "_next_number", lambda: 2)
    with pytest.raises(Conflict) as refused:
        services.publish_draft(staff, draft, "En même temps")
    assert "published by someone else" in refused.value.message
    db.session.rollback()
    numbers = db.session.scalars(select(PlanRevision.number).where(
        PlanRevision.status == "published").order_by(PlanRevision.number)).all()
    assert numbers == [1, 2]


def test_publishing_a_draft_already_published_is_a_conflict(staff, plan):
    draft = revisions.start_draft(staff)
    services.edit_section_text(staff, draft, plan["axis"].id, {"body": "Changé"}, None)
    db.session.commit()
    # The other staff member's publication committed first.
    db.session.execute(update(PlanRevision).where(PlanRevision.id == draft.id)
                       .values(status="published", number=2)
                       .execution_options(synchronize_session=False))
    with pytest.raises(Conflict):
        services.publish_draft(staff, draft, "Moi aussi")


def test_discarding_the_draft_keeps_the_published_version(staff, plan):
    draft = revisions.start_draft(staff)
    services.edit_section_text(staff, draft, plan["axis"].id, {"body": "Jeté"}, None)
    services.discard_draft(staff, draft)
    assert revisions.open_draft() is None
    assert revisions.current_revision().number == 1
    assert revisions.section_text(revisions.current_revision(), plan["axis"].id).body != "Jeté"


@pytest.mark.parametrize("who", ["citizen", "moderator"])
def test_citizens_and_moderators_cannot_edit_or_publish(request, staff, plan, who):
    person = request.getfixturevalue(who)
    draft = revisions.start_draft(staff)
    with pytest.raises(PermissionDenied):
        revisions.start_draft(person)
    with pytest.raises(PermissionDenied):
        services.edit_section_text(person, draft, plan["axis"].id, {"body": "Non"}, None)
    with pytest.raises(PermissionDenied):
        services.publish_draft(person, draft, "Non")
    with pytest.raises(PermissionDenied):
        services.discard_draft(person, draft)


def test_the_first_publication_is_v1(staff, db):
    from tests.factories import make_section

    axis = make_section(title="Premier axe", body="Texte initial")
    draft = revisions.start_draft(staff)
    services.edit_section_text(staff, draft, axis.id, {"title": "Premier axe revu"}, None)
    revision = services.publish_draft(staff, draft, "Première publication")
    assert revision.number == 1 and revisions.current_revision().id == revision.id
    assert db.session.get(Section, axis.id).title == "Premier axe revu"
