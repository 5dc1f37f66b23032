"""The usage lab's workflow: transitions, answers, timeline, audit, review page."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from civic.audit.models import AuditEntry
from civic.core.errors import DomainError, PermissionDenied
from civic.mail.models import OutboxMail
from civic.notifications.models import Notification
from civic.proposals import review, supports
from tests.factories import make_proposal, make_section, make_user
from tests.fixtures.http import text
from tests.proposals.conftest import EN


def test_a_citizen_cannot_change_a_status(db, proposal, other_citizen):
    with pytest.raises(PermissionDenied):
        review.change_status(other_citizen, proposal, "accepted", answer="Oui")
    assert proposal.status == "published"


def test_a_citizen_gets_403_on_the_status_route(client, login_as, proposal, citizen):
    login_as(citizen)
    response = client.post_form(f"/proposals/{proposal.id}/status",
                                {"status": "accepted", "answer": "Oui"})
    assert response.status_code == 403
    assert proposal.status == "published"


@pytest.mark.parametrize(("start", "target"), [
    ("published", "integrated"), ("rejected", "accepted"), ("withdrawn", "under_review"),
    ("under_review", "published"), ("accepted", "rejected"),
])
def test_illegal_transitions_are_refused(db, moderator, start, target):
    proposal = make_proposal(status=start)
    with pytest.raises(DomainError, match="cannot"):
        review.change_status(moderator, proposal, target, answer="Réponse")
    assert proposal.status == start


def test_rejecting_requires_a_public_answer(db, proposal, moderator):
    with pytest.raises(DomainError, match="public answer") as error:
        review.change_status(moderator, proposal, "rejected")
    assert error.value.field == "answer"
    review.change_status(moderator, proposal, "rejected", answer="Hors compétence.")
    assert proposal.status == "rejected" and proposal.answer == "Hors compétence."


def test_full_path_is_recorded_and_audited(db, proposal, moderator, staff):
    review.change_status(moderator, proposal, "under_review", internal_note="À voir")
    review.change_status(staff, proposal, "accepted", answer="Bonne idée")
    review.change_status(staff, proposal, "experimenting")
    steps = [(c.from_status, c.to_status) for c in review.timeline(proposal)]
    assert steps == [("published", "under_review"), ("under_review", "accepted"),
                     ("accepted", "experimenting")]
    audit = db.session.scalars(select(AuditEntry).where(
        AuditEntry.action == "proposal.status").order_by(AuditEntry.id)).all()
    assert [(a.before, a.after) for a in audit][1] == ({"status": "under_review"},
                                                       {"status": "accepted"})


def test_followers_are_notified_and_mailed_when_they_asked(db, proposal, citizen, moderator):
    eager = make_user(email_frequency="immediate")
    daily = make_user(email_frequency="daily")
    supports.follow_proposal(eager, proposal)
    supports.follow_proposal(daily, proposal)
    supports.follow_proposal(citizen, proposal)
    review.change_status(moderator, proposal, "accepted", answer="Adoptée")
    notified = {n.user_id for n in db.session.scalars(select(Notification).where(
        Notification.kind == "proposal.answered"))}
    assert notified == {eager.id, daily.id, citizen.id}
    mailed = [m.to_address for m in db.session.scalars(select(OutboxMail).where(
        OutboxMail.kind == "proposal.answered"))]
    assert eager.email in mailed and daily.email not in mailed


def test_timeline_is_public_without_internal_notes(client, login_as, proposal, moderator,
                                                   other_citizen, db):
    review.change_status(moderator, proposal, "under_review", answer="Le Lab étudie.",
                         internal_note="Secret: budget serré")
    db.session.commit()
    page = text(client.get(f"/proposals/{proposal.id}", headers=EN))
    assert "Le Lab étudie." in page and "Under review" in page
    assert "Secret: budget serré" not in page
    login_as(other_citizen)
    assert "Secret: budget serré" not in text(client.get(f"/proposals/{proposal.id}"))
    login_as(moderator)
    assert "Secret: budget serré" in text(client.get(f"/proposals/{proposal.id}"))


def test_moderator_changes_status_through_the_page(client, login_as, proposal, moderator):
    login_as(moderator)
    response = client.post_form(f"/proposals/{proposal.id}/status",
                                {"status": "under_review", "answer": "Nous étudions.",
                                 "internal_note": ""})
    assert response.status_code == 302
    assert proposal.status == "under_review" and proposal.answered_at is not None


def test_illegal_transition_through_the_page_says_why(client, login_as, proposal, staff):
    login_as(staff)
    response = client.post_form(f"/proposals/{proposal.id}/status",
                                {"status": "integrated", "answer": ""}, headers=EN)
    assert response.status_code == 400
    assert "Possible next steps" in text(response)
    response = client.post_form(f"/proposals/{proposal.id}/status",
                                {"status": "rejected", "answer": ""}, headers=EN)
    assert response.status_code == 400 and "required to reject" in text(response)
    assert proposal.status == "published"


def test_review_page_is_for_the_lab_only(client, login_as, citizen, moderator, proposal):
    login_as(citizen)
    assert client.get("/proposals/review").status_code == 403
    login_as(moderator)
    page = client.get("/proposals/review", headers=EN)
    assert page.status_code == 200 and proposal.title in text(page)


def test_review_page_filters_and_sorts(client, login_as, staff, db):
    theme = make_section()
    old = make_proposal(theme=theme, title="Ancienne proposition")
    popular = make_proposal(theme=theme, title="Proposition populaire", supports_count=50)
    make_proposal(title="Autre thème")
    make_proposal(theme=theme, status="accepted", title="Déjà acceptée")
    login_as(staff)
    page = text(client.get(f"/proposals/review?theme={theme.id}&sort=supports"))
    assert "Autre thème" not in page and "Déjà acceptée" not in page
    assert page.index(popular.title) < page.index(old.title)
    page = text(client.get(f"/proposals/review?theme={theme.id}&sort=oldest"))
    assert page.index(old.title) < page.index(popular.title)


def test_review_page_query_count_is_constant(client, login_as, moderator, count_queries):
    theme = make_section()
    make_proposal(theme=theme)
    login_as(moderator)
    client.get("/proposals/review")
    with count_queries() as few:
        client.get("/proposals/review")
    for _ in range(15):
        make_proposal(theme=make_section(), author=make_user())
    with count_queries() as many:
        client.get("/proposals/review")
    assert many.count == few.count
