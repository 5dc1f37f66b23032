"""Supporting: once per account, exact counts, open proposals only, threshold, JSON."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from civic.core.errors import DomainError, PermissionDenied
from civic.core.models import utcnow
from civic.mail.models import OutboxMail
from civic.notifications.models import Notification
from civic.proposals import supports
from civic.proposals.models import Support
from tests.factories import make_proposal, make_section, make_user
from tests.fixtures.http import text
from tests.proposals.conftest import EN


def _rows(db, proposal) -> int:
    return db.session.scalar(select(func.count(Support.id))
                             .where(Support.proposal_id == proposal.id))


def test_support_and_unsupport_toggle(db, proposal, other_citizen):
    assert supports.set_support(other_citizen, proposal) is True
    assert proposal.supports_count == 1 and _rows(db, proposal) == 1
    assert supports.set_support(other_citizen, proposal) is False
    assert proposal.supports_count == 0 and _rows(db, proposal) == 0


def test_supporting_twice_changes_nothing(db, proposal, other_citizen):
    assert supports.support_proposal(other_citizen, proposal) is True
    assert supports.support_proposal(other_citizen, proposal) is False
    db.session.refresh(proposal)
    assert proposal.supports_count == 1 and _rows(db, proposal) == 1


def test_the_database_refuses_a_duplicate_support(db, proposal, other_citizen):
    db.session.add(Support(proposal_id=proposal.id, user_id=other_citizen.id))
    db.session.flush()
    with pytest.raises(IntegrityError):
        with db.session.begin_nested():
            db.session.add(Support(proposal_id=proposal.id, user_id=other_citizen.id))
            db.session.flush()


def test_authors_cannot_support_their_own_proposal(db, proposal, citizen):
    with pytest.raises(DomainError, match="your own proposal"):
        supports.support_proposal(citizen, proposal)


@pytest.mark.parametrize("status", ["withdrawn", "rejected", "accepted", "draft"])
def test_closed_proposals_take_no_support(db, citizen, other_citizen, status):
    closed = make_proposal(author=citizen, status=status)
    with pytest.raises(DomainError):
        supports.support_proposal(other_citizen, closed)
    assert closed.supports_count == 0


def test_supports_only_inside_the_theme_campaign(db, citizen, other_citizen):
    now = utcnow()
    closed = make_section(campaign_opens_at=now - timedelta(days=30),
                          campaign_closes_at=now - timedelta(days=1))
    future = make_section(campaign_opens_at=now + timedelta(days=1))
    current = make_section(campaign_opens_at=now - timedelta(days=1),
                           campaign_closes_at=now + timedelta(days=1))
    with pytest.raises(DomainError, match="closed"):
        supports.support_proposal(other_citizen, make_proposal(author=citizen, theme=closed))
    with pytest.raises(DomainError, match="open on"):
        supports.support_proposal(other_citizen, make_proposal(author=citizen, theme=future))
    assert supports.support_proposal(other_citizen, make_proposal(author=citizen,
                                                                  theme=current))


def test_unconfirmed_accounts_cannot_support(db, proposal):
    with pytest.raises(PermissionDenied, match="Confirm your e-mail"):
        supports.support_proposal(make_user(confirmed=False), proposal)


def test_reaching_the_threshold_notifies_the_lab_once(db, citizen, moderator, staff):
    theme = make_section(support_threshold=2)
    proposal = make_proposal(author=citizen, theme=theme)
    supports.support_proposal(make_user(), proposal)
    assert proposal.threshold_reached_at is None
    supports.support_proposal(make_user(), proposal)
    assert proposal.threshold_reached_at is not None
    supports.support_proposal(make_user(), proposal)
    notes = db.session.scalars(select(Notification).where(
        Notification.kind == "proposal.threshold")).all()
    assert [n.user_id for n in notes] == [moderator.id]
    assert notes[0].target_type == "proposal" and notes[0].target_id == proposal.id
    mails = db.session.scalars(select(OutboxMail).where(
        OutboxMail.kind == "proposal.threshold")).all()
    assert [m.to_address for m in mails] == [moderator.email]


def test_default_threshold_comes_from_config(app, proposal):
    assert supports.support_threshold(proposal) == app.config["PROPOSAL_SUPPORT_THRESHOLD"]


# --- views ---------------------------------------------------------------------------

def test_support_button_without_javascript(client, login_as, proposal, other_citizen):
    login_as(other_citizen)
    page = text(client.get(f"/proposals/{proposal.id}", headers=EN))
    assert "<progress" in page and f"/proposals/{proposal.id}/support" in page
    response = client.post_form(f"/proposals/{proposal.id}/support")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/proposals/{proposal.id}")
    assert proposal.supports_count == 1
    client.post_form(f"/proposals/{proposal.id}/support")
    assert proposal.supports_count == 0


def test_support_answers_json_when_asked(client, login_as, proposal, other_citizen):
    login_as(other_citizen)
    response = client.post_form(f"/proposals/{proposal.id}/support",
                                headers={"Accept": "application/json"})
    assert response.status_code == 200
    assert response.get_json() == {"supported": True, "supports_count": 1}
    response = client.post_form(f"/proposals/{proposal.id}/support",
                                headers={"Accept": "application/json"})
    assert response.get_json() == {"supported": False, "supports_count": 0}


def test_json_support_refusal_says_why(client, login_as, citizen, other_citizen):
    withdrawn = make_proposal(author=citizen, status="withdrawn")
    login_as(other_citizen)
    response = client.post_form(f"/proposals/{withdrawn.id}/support",
                                headers={"Accept": "application/json", **EN})
    assert response.status_code == 400
    assert "no longer accepts supports" in response.get_json()["error"]


def test_unconfirmed_account_is_told_to_confirm(client, login_as, proposal):
    user = make_user(confirmed=False, locale="en")
    login_as(user)
    page = text(client.get(f"/proposals/{proposal.id}", headers=EN))
    assert "Confirm your e-mail address to support" in page
    client.post_form(f"/proposals/{proposal.id}/support", headers=EN)
    assert proposal.supports_count == 0


def test_anonymous_visitors_cannot_support(client, proposal):
    assert client.post_form(f"/proposals/{proposal.id}/support").status_code == 401
    assert proposal.supports_count == 0


def test_follow_toggle_keeps_an_exact_count(client, login_as, proposal, other_citizen):
    login_as(other_citizen)
    client.post_form(f"/proposals/{proposal.id}/follow")
    assert proposal.followers_count == 1
    client.post_form(f"/proposals/{proposal.id}/follow")
    assert proposal.followers_count == 0


def test_a_double_click_on_support_supports_once(client, login_as, proposal, other_citizen):
    login_as(other_citizen)
    for _ in range(2):
        response = client.post_form(f"/proposals/{proposal.id}/support", {"action": "support"})
        assert response.status_code == 302
    assert proposal.supports_count == 1
    for _ in range(2):
        client.post_form(f"/proposals/{proposal.id}/support", {"action": "unsupport"})
    assert proposal.supports_count == 0


def test_the_follow_button_says_what_it_does(client, login_as, proposal, other_citizen):
    login_as(other_citizen)
    page = text(client.get(f"/proposals/{proposal.id}", headers=EN))
    assert 'name="action" value="follow"' in page
    for _ in range(2):  # a double click follows once
        client.post_form(f"/proposals/{proposal.id}/follow", {"action": "follow"})
    assert proposal.followers_count == 1
    page = text(client.get(f"/proposals/{proposal.id}", headers=EN))
    assert 'name="action" value="unfollow"' in page and "Stop following" in page
    response = client.post_form(f"/proposals/{proposal.id}/follow", {"action": "unfollow"},
                                headers={"Accept": "application/json"})
    assert response.get_json() == {"following": False, "followers_count": 0}


def test_nobody_else_follows_a_draft(client, login_as, draft, other_citizen):
    login_as(other_citizen)
    assert client.post_form(f"/proposals/{draft.id}/follow").status_code == 404
    assert draft.followers_count == 0
