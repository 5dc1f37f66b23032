"""Moderators hide, restore, dismiss and approve; every decision is audited and explained."""
from __future__ import annotations

import pytest

from civic.extensions import db
from civic.moderation import decisions, reports, services
from tests.factories import make_comment
from tests.fixtures.http import text
from tests.moderation.conftest import reporters
from tests.moderation.helpers import audit, case_of, notifications


@pytest.fixture
def reported(comment):
    for person in reporters(2):
        reports.report_content(person, "comment", comment.id, "offensive", "Propos blessants")
    db.session.commit()
    return case_of("comment", comment.id)


def test_a_moderator_hides_a_reported_comment_with_a_public_reason(
        client, login_as, moderator, author, comment, proposal, reported):
    login_as(moderator)
    page = client.get(f"/moderation/cases/{reported.id}")
    assert page.status_code == 200
    assert "Un commentaire désagréable." in text(page) and "Propos blessants" in text(page)
    response = client.post_form(f"/moderation/cases/{reported.id}/hide",
                                {"reason": "Propos injurieux"})
    assert response.status_code == 302
    db.session.refresh(comment)
    assert comment.moderation == "hidden" and comment.hidden_reason == "Propos injurieux"
    assert proposal.comments_count == 0
    assert reported.status == "hidden" and reported.decided_by_id == moderator.id
    [entry] = audit("moderation.hide")
    assert entry.actor_id == moderator.id and entry.reason == "Propos injurieux"
    assert entry.before["moderation"] == "visible" and entry.after["moderation"] == "hidden"
    [note] = notifications(author, "moderation.hidden")
    assert note.data["reason"] == "Propos injurieux"


def test_hiding_needs_a_reason(client, login_as, moderator, comment, reported):
    login_as(moderator)
    response = client.post_form(f"/moderation/cases/{reported.id}/hide", {"reason": "  "})
    assert response.status_code == 400
    assert "Give the reason" in text(response)
    assert comment.moderation == "visible" and audit("moderation.hide") == []


def test_restore_makes_the_item_visible_and_tells_the_author(
        client, login_as, moderator, author, comment, proposal, reported):
    decisions.hide_case(moderator, reported, "Propos injurieux")
    db.session.commit()
    login_as(moderator)
    response = client.post_form(f"/moderation/cases/{reported.id}/restore", {"reason": ""})
    assert response.status_code == 302
    db.session.refresh(comment)
    assert comment.moderation == "visible" and comment.hidden_reason == ""
    assert proposal.comments_count == 1
    assert reported.status == "restored"
    assert audit("moderation.restore")[0].after == {"moderation": "visible",
                                                   "case": reported.id}
    assert notifications(author, "moderation.restored")


def test_dismissing_an_auto_hidden_item_shows_it_again(app, monkeypatch, moderator, comment,
                                                       proposal):
    monkeypatch.setitem(app.config, "REPORTS_TO_HIDE", 1)
    reports.report_content(reporters(1)[0], "comment", comment.id, "spam")
    assert comment.moderation == "hidden" and proposal.comments_count == 0
    case = case_of("comment", comment.id)
    decisions.dismiss_case(moderator, case, "Pas de problème")
    assert comment.moderation == "visible" and case.status == "dismissed"
    assert proposal.comments_count == 1
    [entry] = audit("moderation.dismiss")
    assert entry.before["moderation"] == "hidden" and entry.after["moderation"] == "visible"


def test_restore_and_dismiss_refuse_what_makes_no_sense(moderator, comment, reported):
    with pytest.raises(decisions.DomainError, match="not hidden"):
        decisions.restore_case(moderator, reported)
    decisions.dismiss_case(moderator, reported)
    with pytest.raises(decisions.DomainError, match="no open reports"):
        decisions.dismiss_case(moderator, reported)
    with pytest.raises(decisions.DomainError, match="not awaiting approval"):
        decisions.approve_case(moderator, reported)


def test_approving_a_pending_comment_publishes_and_announces_it(monkeypatch, moderator,
                                                                 proposal, author):
    pending = make_comment(target=proposal, author=author, moderation="pending")
    case = services.open_pending_case("comment", pending, author.id)
    assert notifications(moderator, "moderation.pending")
    announced = []
    monkeypatch.setattr(decisions, "_announce", lambda kind, item: announced.append(item))
    count = proposal.comments_count
    decisions.approve_case(moderator, case)
    assert pending.moderation == "visible" and case.status == "approved"
    assert proposal.comments_count == count + 1
    assert announced == [pending]
    assert audit("moderation.approve")[0].after["moderation"] == "visible"


def test_rejecting_a_pending_comment_hides_it(moderator, proposal, author):
    pending = make_comment(target=proposal, author=author, moderation="pending")
    case = services.open_pending_case("comment", pending, author.id)
    count = proposal.comments_count
    decisions.hide_case(moderator, case, "Hors sujet")
    assert pending.moderation == "hidden" and case.status == "hidden"
    assert proposal.comments_count == count  # it never counted


def test_the_announce_hook_is_skipped_when_the_domain_has_none(moderator):
    decisions._announce("profile", object())  # no hook: nothing happens


def test_hide_from_the_public_page_creates_the_case(client, login_as, moderator, author,
                                                     proposal):
    login_as(moderator)
    form = client.get(f"/moderation/hide/proposal/{proposal.id}")
    assert form.status_code == 200 and "Public reason" in text(form)
    assert client.post_form(f"/moderation/hide/proposal/{proposal.id}",
                            {"reason": ""}).status_code == 400
    assert case_of("proposal", proposal.id) is None
    response = client.post_form(f"/moderation/hide/proposal/{proposal.id}",
                                {"reason": "Données personnelles"})
    assert response.status_code == 302
    case = case_of("proposal", proposal.id)
    assert case.status == "hidden" and case.reports_count == 0
    db.session.refresh(proposal)
    assert proposal.moderation == "hidden"
    assert proposal.hidden_reason == "Données personnelles"
    assert audit("moderation.hide")[0].target_label.startswith("proposal: ")


def test_citizens_cannot_moderate(client, login_as, citizen, comment, reported, proposal):
    login_as(citizen)
    assert client.get("/moderation").status_code == 403
    assert client.get(f"/moderation/cases/{reported.id}").status_code == 403
    assert client.get(f"/moderation/hide/comment/{comment.id}").status_code == 403
    for action in ("hide", "restore", "dismiss", "approve"):
        response = client.post_form(f"/moderation/cases/{reported.id}/{action}",
                                    {"reason": "Je décide"})
        assert response.status_code == 403
    assert client.post_form(f"/moderation/hide/proposal/{proposal.id}",
                            {"reason": "x"}).status_code == 403
    assert client.post_form("/moderation/bulk", {"case_ids": [reported.id], "action": "hide",
                                                 "reason": "x"}).status_code == 403
    db.session.refresh(comment)
    assert comment.moderation == "visible" and reported.status == "reported"
    assert audit("moderation.hide") == []


def test_anonymous_visitors_are_sent_to_log_in(client, reported):
    response = client.get("/moderation")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert client.post_form(f"/moderation/cases/{reported.id}/dismiss").status_code == 401


def test_moderation_posts_need_a_csrf_token(client, login_as, moderator, comment, reported):
    login_as(moderator)
    response = client.post(f"/moderation/cases/{reported.id}/hide", data={"reason": "x"})
    assert response.status_code == 400
    assert comment.moderation == "visible"


def test_unknown_target_types_and_cases_are_not_found(client, login_as, moderator):
    login_as(moderator)
    assert client.get("/moderation/hide/nonsense/1").status_code == 404
    assert client.get("/moderation/cases/999999").status_code == 404


def test_the_admin_audit_viewer_lists_moderation_actions(client, login_as, admin, moderator,
                                                         reported):
    decisions.hide_case(moderator, reported, "Propos injurieux")
    db.session.commit()
    login_as(admin)
    page = text(client.get("/admin/audit"))
    assert "moderation.hide" in page and "Propos injurieux" in page
