"""The staff's decision: accepting puts the text into the draft (credited), once;
rejecting needs a public answer; only staff decide; only the author withdraws."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from civic.amendments import services
from civic.amendments.models import Amendment
from civic.audit.models import AuditEntry
from civic.core.errors import Conflict, DomainError, PermissionDenied
from civic.extensions import db
from civic.masterplan import revisions
from civic.masterplan.models import RevisionSource
from civic.notifications.models import Notification
from tests.amendments.conftest import NEW_BODY, SECTION_BODY
from tests.fixtures.http import text


def _fresh(amendment) -> Amendment:
    db.session.expire_all()
    return db.session.get(Amendment, amendment.id)


def _draft_body(section_id):
    return revisions.section_text(revisions.open_draft(), section_id).body


def test_accepting_puts_the_text_in_the_draft_and_cites_it(client, login_as, staff, amendment,
                                                          section):
    login_as(staff)
    response = client.post_form(f"/amendments/{amendment.id}/accept",
                                {"answer": "Bonne idée."}, follow_redirects=True)
    assert "The amendment is accepted" in text(response)
    assert "Accepted into the draft of the next version" in text(response)
    accepted = _fresh(amendment)
    draft = revisions.open_draft()
    assert accepted.status == "accepted" and accepted.accepted_into_id == draft.id
    assert accepted.decided_by_id == staff.id and accepted.answer == "Bonne idée."
    text_in_draft = revisions.section_text(draft, section.id)
    assert text_in_draft.body == NEW_BODY
    assert text_in_draft.edited_by_id == staff.id and text_in_draft.version == 2
    source = db.session.scalars(select(RevisionSource)).one()
    assert (source.revision_id, source.section_id, source.source_type, source.source_id) == (
        draft.id, section.id, "amendment", amendment.id)
    assert db.session.scalars(select(AuditEntry).where(
        AuditEntry.action == "amendment.accept")).one().target_id == amendment.id
    # The published text does not change until the draft is published.
    assert db.session.get(type(section), section.id).body == SECTION_BODY


def test_accepting_twice_is_a_conflict_and_changes_nothing(client, login_as, staff,
                                                           amendment, section):
    services.accept_amendment(staff, amendment, "Oui.")
    db.session.commit()
    draft_text = revisions.section_text(revisions.open_draft(), section.id)
    draft_text.body = "Le texte retravaillé par l'équipe."
    db.session.commit()
    login_as(staff)
    response = client.post_form(f"/amendments/{amendment.id}/accept", {"answer": "Encore"})
    assert response.status_code == 409
    assert "This amendment was already accepted" in text(response)
    assert _draft_body(section.id) == "Le texte retravaillé par l'équipe."
    assert _fresh(amendment).answer == "Oui."
    assert db.session.query(RevisionSource).count() == 1
    with pytest.raises(Conflict):
        services.accept_amendment(staff, _fresh(amendment))


def test_a_rejected_or_withdrawn_amendment_cannot_be_accepted(staff, citizen, amendment,
                                                              section):
    services.reject_amendment(staff, amendment, "Non.")
    with pytest.raises(Conflict, match="already rejected"):
        services.accept_amendment(staff, amendment)
    other = services.propose_amendment(citizen, section, {
        "title": "Autre", "proposed_body": "Autre texte.", "justification": "Parce que."})
    services.withdraw_amendment(citizen, other)
    with pytest.raises(Conflict, match="withdrawn"):
        services.accept_amendment(staff, other)
    assert revisions.open_draft() is None


def test_a_concurrent_decision_loses_the_race(staff, amendment):
    """The status changes only WHERE it is still pending: the slower request is refused."""
    db.session.execute(Amendment.__table__.update().where(Amendment.id == amendment.id)
                       .values(status="rejected"))
    # `amendment` still believes it is pending, as a concurrent request would.
    with pytest.raises(Conflict):
        services.accept_amendment(staff, amendment)


def test_a_draft_change_since_the_base_is_replaced_and_said_so(client, login_as, staff,
                                                               amendment, section):
    draft = revisions.start_draft(staff)
    revisions.section_text(draft, section.id).body = "Une réécriture par l'équipe."
    db.session.commit()
    login_as(staff)
    response = client.post_form(f"/amendments/{amendment.id}/accept", {"answer": ""},
                                follow_redirects=True)
    assert "that change was replaced by the amendment" in text(response)
    assert _draft_body(section.id) == NEW_BODY


def test_rejecting_needs_a_public_answer(client, login_as, staff, amendment):
    login_as(staff)
    response = client.post_form(f"/amendments/{amendment.id}/reject", {"answer": "  "})
    assert response.status_code == 400
    assert "the answer is required" in text(response)
    assert _fresh(amendment).status == "pending"
    with pytest.raises(DomainError):
        services.reject_amendment(staff, amendment, "")
    response = client.post_form(f"/amendments/{amendment.id}/reject",
                                {"answer": "Ce n'est pas du ressort du plan."},
                                follow_redirects=True)
    assert "The amendment is rejected" in text(response)
    rejected = _fresh(amendment)
    assert rejected.status == "rejected" and rejected.answer == "Ce n'est pas du ressort du plan."
    page = text(client.get(f"/amendments/{amendment.id}"))
    assert "Decision of the metropolis" in page
    assert revisions.open_draft() is None


@pytest.mark.parametrize("who", ["citizen", "other_citizen", "moderator"])
def test_only_staff_decide(request, client, login_as, amendment, who):
    login_as(request.getfixturevalue(who))
    for action in ("accept", "reject"):
        response = client.post_form(f"/amendments/{amendment.id}/{action}", {"answer": "x"})
        assert response.status_code == 403
    assert _fresh(amendment).status == "pending"
    page = text(client.get(f"/amendments/{amendment.id}"))
    assert "Decide as the metropolis" not in page
    with pytest.raises(PermissionDenied):
        services.accept_amendment(request.getfixturevalue(who), amendment)


def test_staff_see_the_decision_form(client, login_as, staff, amendment):
    login_as(staff)
    page = text(client.get(f"/amendments/{amendment.id}"))
    assert "Decide as the metropolis" in page
    assert f'formaction="/amendments/{amendment.id}/reject"' in page


def test_only_the_author_withdraws_a_pending_amendment(client, login_as, citizen,
                                                       other_citizen, staff, amendment):
    login_as(other_citizen)
    assert client.post_form(f"/amendments/{amendment.id}/withdraw").status_code == 403
    assert _fresh(amendment).status == "pending"
    login_as(citizen)
    response = client.post_form(f"/amendments/{amendment.id}/withdraw", follow_redirects=True)
    assert "Your amendment is withdrawn" in text(response)
    assert _fresh(amendment).status == "withdrawn"
    assert client.post_form(f"/amendments/{amendment.id}/withdraw").status_code == 403
    page = text(client.get(f"/amendments/{amendment.id}"))
    assert "The author withdrew this amendment." in page
    assert "Comments are closed: the author withdrew this amendment." in page


def test_a_decided_amendment_cannot_be_withdrawn(citizen, staff, amendment):
    services.accept_amendment(staff, amendment)
    with pytest.raises(PermissionDenied):
        services.withdraw_amendment(citizen, amendment)


def test_the_author_and_followers_are_told(client, login_as, citizen, other_citizen, staff,
                                           amendment):
    from civic.amendments import supports

    supports.follow_amendment(other_citizen, amendment)
    supports.unfollow_amendment(citizen, amendment)  # the author is told all the same
    db.session.commit()
    services.accept_amendment(staff, amendment, "Merci !")
    db.session.commit()
    notes = db.session.scalars(select(Notification).where(
        Notification.kind == "amendment.accepted")).all()
    assert sorted(n.user_id for n in notes) == sorted([citizen.id, other_citizen.id])
    assert notes[0].data["path"] == f"/amendments/{amendment.id}"
    assert notes[0].data["answer"] == "Merci !"
    login_as(citizen)
    page = text(client.get("/notifications"))
    assert "was accepted: its text goes into the draft" in page


def test_rejection_is_notified(citizen, staff, amendment):
    services.reject_amendment(staff, amendment, "Non.")
    note = db.session.scalars(select(Notification).where(
        Notification.kind == "amendment.rejected")).one()
    assert note.user_id == citizen.id and note.target_type == "amendment"


def test_decision_posts_need_a_csrf_token(client, login_as, staff, amendment):
    login_as(staff)
    assert client.post(f"/amendments/{amendment.id}/accept", data={}).status_code == 400
    assert _fresh(amendment).status == "pending"


def test_published_draft_says_integrated(client, staff, amendment, section):
    services.accept_amendment(staff, amendment)
    draft = revisions.open_draft()
    draft.status, draft.number = "published", 2
    db.session.commit()
    page = text(client.get(f"/amendments/{amendment.id}"))
    assert "Integrated in v2 of the master plan." in page


def test_discarding_the_draft_reopens_its_amendments(staff, amendment):
    services.accept_amendment(staff, amendment, "Oui.")
    draft = revisions.open_draft()
    assert services.release_from_draft(staff, draft) == 1
    db.session.delete(draft)
    db.session.commit()
    reopened = _fresh(amendment)
    assert reopened.status == "pending" and reopened.accepted_into_id is None
    services.accept_amendment(staff, reopened)  # it can be decided on again
    assert _fresh(amendment).status == "accepted"
