"""Approving a pre-moderated contribution does what publishing it directly does, once."""
from __future__ import annotations

from datetime import timedelta
from importlib import import_module

import pytest

from civic.extensions import db
from civic.moderation import decisions, services
from civic.proposals import services as proposals
from tests.factories import make_comment, make_proposal, make_user
from tests.fixtures.http import text
from tests.moderation.helpers import audit, case_of, notifications


@pytest.mark.parametrize("kind", sorted(decisions.ANNOUNCE_HOOKS))
def test_every_declared_announce_hook_exists(kind):
    module_name, function_name = decisions.ANNOUNCE_HOOKS[kind]
    assert callable(getattr(import_module(module_name), function_name))


def test_an_approved_proposal_comes_first_among_the_newest(app, monkeypatch, client,
                                                            login_as, moderator, author):
    monkeypatch.setitem(app.config, "PREMODERATION", "all")
    draft = make_proposal(author=author, status="draft", title="Un potager sur le toit")
    proposals.publish_proposal(author, draft)
    draft.published_at -= timedelta(days=2)  # sent two days ago
    make_proposal(title="Des fontaines à chaque carrefour")  # published directly since
    db.session.commit()
    reader = make_user(locale="en")
    login_as(reader)
    assert "Un potager sur le toit" not in text(client.get("/proposals/"))

    login_as(moderator)
    case = case_of("proposal", draft.id)
    response = client.post_form(f"/moderation/cases/{case.id}/approve", {"reason": ""})
    assert response.status_code == 302
    login_as(reader)
    page = text(client.get("/proposals/"))
    assert page.index("Un potager sur le toit") < page.index("Des fontaines à chaque")
    assert client.get(f"/proposals/{draft.id}").status_code == 200
    assert draft.reference and proposals.is_following(author, draft)

    login_as(moderator)  # a second approval (another moderator, a stale page) is refused
    response = client.post_form(f"/moderation/cases/{case.id}/approve", {"reason": ""})
    assert response.status_code == 400 and "not awaiting approval" in text(response)
    assert len(audit("moderation.approve")) == 1


def test_an_approved_comment_is_announced_to_followers_once(moderator, author, proposal):
    follower = make_user(locale="en")
    proposals.follow_proposal(follower, proposal)
    pending = make_comment(target=proposal, author=author, moderation="pending")
    case = services.open_pending_case("comment", pending, author.id)
    assert notifications(follower, "comment.new") == []
    decisions.approve_case(moderator, case)
    assert len(notifications(follower, "comment.new")) == 1
    with pytest.raises(decisions.DomainError, match="not awaiting approval"):
        decisions.approve_case(moderator, case)
    with pytest.raises(decisions.DomainError, match="Nothing was changed"):
        decisions.bulk_decide(moderator, [case.id], "approve")
    assert len(notifications(follower, "comment.new")) == 1
    assert proposal.comments_count == 1
