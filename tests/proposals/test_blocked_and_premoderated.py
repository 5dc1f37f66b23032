"""Blocked accounts read but do not propose, publish or support; pre-moderation holds
new proposals until the moderators approve them."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from civic.core.errors import PermissionDenied
from civic.core.models import utcnow
from civic.moderation.models import ModerationCase
from civic.notifications.models import Notification
from civic.proposals import services, supports
from civic.proposals.models import Proposal
from tests.factories import make_proposal, make_user
from tests.fixtures.http import text
from tests.proposals.conftest import EN, form_data

UNTIL = datetime(2099, 12, 8, 12, 0, tzinfo=UTC)
REASON = "Insultes répétées"


@pytest.fixture
def blocked(db_session):
    return make_user(display_name="Bloqué Temporaire", locale="en", blocked_at=utcnow(),
                     blocked_until=UNTIL, block_reason=REASON)


def _says_why(message: str) -> None:
    assert "Your account is blocked until December 8, 2099" in message
    assert REASON in message


# --- blocks: services -----------------------------------------------------------------

def test_a_blocked_person_cannot_create_a_proposal(blocked, theme):
    with pytest.raises(PermissionDenied) as refused:
        services.create_proposal(blocked, {"title": "Une idée", "kind": "idea",
                                           "theme": theme})
    _says_why(refused.value.message)


def test_a_blocked_person_cannot_publish_nor_edit_a_draft(db, blocked, theme):
    draft = make_proposal(author=blocked, theme=theme, status="draft")
    with pytest.raises(PermissionDenied) as refused:
        services.publish_proposal(blocked, draft)
    _says_why(refused.value.message)
    with pytest.raises(PermissionDenied):
        services.update_proposal(blocked, draft, {"title": "Autre", "kind": "idea",
                                                  "theme": theme})
    db.session.refresh(draft)
    assert draft.status == "draft" and draft.reference is None


def test_a_blocked_person_cannot_support(db, blocked, proposal):
    with pytest.raises(PermissionDenied) as refused:
        supports.support_proposal(blocked, proposal)
    _says_why(refused.value.message)
    assert proposal.supports_count == 0


def test_a_block_without_end_says_so(theme):
    forever = make_user(locale="en", blocked_at=utcnow(), block_reason="Spam")
    with pytest.raises(PermissionDenied, match="until the moderators unblock it: Spam"):
        services.create_proposal(forever, {"title": "Une idée", "kind": "idea",
                                           "theme": theme})


def test_an_expired_block_no_longer_stops_anyone(theme):
    freed = make_user(locale="en", blocked_at=utcnow() - timedelta(days=10),
                      blocked_until=utcnow() - timedelta(days=1), block_reason="Spam")
    assert services.create_proposal(freed, {"title": "Une idée", "kind": "idea",
                                            "theme": theme}).id


# --- blocks: pages --------------------------------------------------------------------

def test_blocked_pages_hide_the_buttons_and_refuse_with_the_reason(client, login_as, db,
                                                                   blocked, proposal, theme):
    login_as(blocked)
    page = text(client.get(f"/proposals/{proposal.id}", headers=EN))
    assert "data-support-form" not in page
    assert "Make a proposal" not in text(client.get("/proposals/", headers=EN))

    response = client.get("/proposals/new", headers=EN)
    assert response.status_code == 403
    _says_why(text(response))
    response = client.post_form("/proposals/new", form_data(theme), headers=EN)
    assert response.status_code == 403
    assert db.session.scalar(select(Proposal).where(Proposal.author_id == blocked.id)) is None

    response = client.post_form(f"/proposals/{proposal.id}/support", {"action": "support"},
                                headers=EN, follow_redirects=True)
    _says_why(text(response))
    response = client.post_form(f"/proposals/{proposal.id}/support", {"action": "support"},
                                headers={**EN, "Accept": "application/json"})
    assert response.status_code == 403
    _says_why(response.get_json()["error"])
    db.session.refresh(proposal)
    assert proposal.supports_count == 0


def test_a_blocked_author_cannot_publish_a_draft_over_http(client, login_as, db, blocked,
                                                            theme):
    draft = make_proposal(author=blocked, theme=theme, status="draft")
    login_as(blocked)
    page = text(client.get(f"/proposals/{draft.id}", headers=EN))
    assert f"/proposals/{draft.id}/publish" not in page
    response = client.post_form(f"/proposals/{draft.id}/publish", headers=EN)
    assert response.status_code == 403
    _says_why(text(response))
    db.session.refresh(draft)
    assert draft.status == "draft"


# --- pre-moderation -------------------------------------------------------------------

@pytest.mark.parametrize(("mode", "account_age", "expected"), [
    ("off", 0, "visible"),
    ("new_accounts", 0, "pending"),
    ("new_accounts", 30, "visible"),
    ("all", 30, "pending"),
])
def test_publishing_under_each_premoderation_mode(app, monkeypatch, db, theme, moderator,
                                                  mode, account_age, expected):
    monkeypatch.setitem(app.config, "PREMODERATION", mode)
    author = make_user(locale="en", created_at=utcnow() - timedelta(days=account_age))
    draft = make_proposal(author=author, theme=theme, status="draft")
    services.publish_proposal(author, draft)
    assert draft.moderation == expected
    assert draft.status == "published" and draft.reference
    case = db.session.scalar(select(ModerationCase).where(
        ModerationCase.target_type == "proposal", ModerationCase.target_id == draft.id))
    told = db.session.scalars(select(Notification).where(
        Notification.user_id == moderator.id, Notification.kind == "moderation.pending")).all()
    if expected == "pending":
        assert case is not None and case.status == "pending"
        assert case.target_author_id == author.id
        assert len(told) == 1 and told[0].data["title"] == draft.title
    else:
        assert case is None and told == []


def test_moderators_are_never_premoderated(app, monkeypatch, theme, moderator):
    monkeypatch.setitem(app.config, "PREMODERATION", "all")
    draft = make_proposal(author=moderator, theme=theme, status="draft")
    services.publish_proposal(moderator, draft)
    assert draft.moderation == "visible"


def test_a_premoderated_proposal_is_announced_to_its_author_only(app, monkeypatch, client,
                                                                   login_as, citizen, theme):
    monkeypatch.setitem(app.config, "PREMODERATION", "all")
    draft = make_proposal(author=citizen, theme=theme, status="draft",
                          title="Des bancs à l'ombre des platanes")
    login_as(citizen)
    response = client.post_form(f"/proposals/{draft.id}/publish", headers=EN,
                                follow_redirects=True)
    page = text(response)
    assert "It will be public once the moderators approve it" in page
    assert "awaiting the moderators' approval" in page
    assert "Des bancs à l&#39;ombre des platanes" not in text(
        client.get("/proposals/", headers=EN))
    login_as(make_user(locale="en"))
    assert client.get(f"/proposals/{draft.id}", headers=EN).status_code == 404
