"""Moderators block participants: they keep reading, are told why, and cannot contribute."""
from __future__ import annotations

from datetime import date, timedelta

from civic.core import permissions
from civic.core.models import utcnow
from civic.extensions import db
from civic.moderation import blocks
from tests.factories import make_comment, make_proposal, make_user
from tests.fixtures.http import text
from tests.moderation.helpers import audit, case_of, mails, notifications


def test_a_moderator_blocks_a_person_until_a_date(client, login_as, moderator, author):
    login_as(moderator)
    assert "Block this person" in text(client.get(f"/people/{author.id}"))
    form = client.get(f"/moderation/users/{author.id}/block")
    assert form.status_code == 200 and 'type="date"' in text(form)
    until = date.today() + timedelta(days=10)
    response = client.post_form(f"/moderation/users/{author.id}/block",
                                {"reason": "Insultes répétées", "until": until.isoformat()})
    assert response.status_code == 302
    db.session.refresh(author)
    assert author.is_blocked and author.block_reason == "Insultes répétées"
    assert author.blocked_until.date() == until
    assert not permissions.can_contribute(author)
    [entry] = audit("user.block")
    assert entry.actor_id == moderator.id and entry.reason == "Insultes répétées"
    assert entry.before["blocked"] is False and entry.after["until"] == until.isoformat()
    [note] = notifications(author, "account.blocked")
    assert note.data["reason"] == "Insultes répétées" and note.data["until"] == until.isoformat()
    assert mails(author, "account.blocked")  # e-mailed whatever their preference


def test_the_blocked_person_sees_why_on_every_page(client, login_as, moderator, author):
    blocks.block_user(moderator, author, "Insultes répétées")
    db.session.commit()
    login_as(author)
    page = text(client.get("/about"))
    assert "Your account is blocked" in page and "Insultes répétées" in page
    assert "You can still read" in page
    login_as(moderator)
    assert "Your account is blocked" not in text(client.get("/about"))


def test_a_block_ends_at_its_date(moderator, author):
    blocks.block_user(moderator, author, "Spam", until=date.today() + timedelta(days=1))
    assert author.is_blocked
    author.blocked_until = utcnow() - timedelta(minutes=1)
    assert not author.is_blocked and permissions.can_contribute(author)


def test_reason_is_required_and_the_end_date_in_the_future(client, login_as, moderator,
                                                           author):
    login_as(moderator)
    response = client.post_form(f"/moderation/users/{author.id}/block", {"reason": ""})
    assert response.status_code == 400 and "Give the reason" in text(response)
    response = client.post_form(f"/moderation/users/{author.id}/block",
                                {"reason": "Spam", "until": date.today().isoformat()})
    assert response.status_code == 400 and "end date in the future" in text(response)
    db.session.refresh(author)
    assert not author.is_blocked and audit("user.block") == []


def test_blocking_can_hide_all_of_the_persons_content(client, login_as, moderator, author):
    proposal = make_proposal(author=author)
    other = make_proposal()
    first = make_comment(target=other, author=author)
    make_comment(target=other, author=author, moderation="hidden")
    make_comment(target=other)
    assert other.comments_count == 2
    login_as(moderator)
    response = client.post_form(f"/moderation/users/{author.id}/block",
                                {"reason": "Campagne de spam", "hide_content": "y"})
    assert response.status_code == 302
    assert "2 items of their content are hidden." in text(client.get("/about"))
    db.session.refresh(proposal)
    db.session.refresh(other)
    db.session.refresh(first)
    assert proposal.moderation == "hidden" and first.moderation == "hidden"
    assert other.moderation == "visible"
    assert other.comments_count == 1  # the other person's comment still counts
    assert case_of("comment", first.id).status == "hidden"
    [entry] = audit("moderation.hide_all")
    assert entry.after["count"] == 2 and entry.after["by_kind"] == {"proposal": 1, "comment": 1}


def test_unblock_lifts_the_block_and_tells_the_person(client, login_as, moderator, author):
    blocks.block_user(moderator, author, "Spam")
    db.session.commit()
    login_as(moderator)
    assert "Unblock" in text(client.get(f"/moderation/users/{author.id}/block"))
    response = client.post_form(f"/moderation/users/{author.id}/unblock",
                                {"reason": "Excuses présentées"})
    assert response.status_code == 302
    db.session.refresh(author)
    assert not author.is_blocked and author.block_reason == ""
    assert audit("user.unblock")[0].reason == "Excuses présentées"
    assert notifications(author, "account.unblocked")
    assert mails(author, "account.unblocked")
    client.post_form(f"/moderation/users/{author.id}/unblock")  # not blocked: a message
    assert "not blocked" in text(client.get("/about"))


def test_moderators_cannot_block_staff_moderators_or_themselves(client, login_as, moderator,
                                                                 staff, admin):
    other_moderator = make_user(roles=("moderator",), locale="en")
    login_as(moderator)
    for person in (staff, admin, other_moderator, moderator):
        assert client.get(f"/moderation/users/{person.id}/block").status_code == 403
        response = client.post_form(f"/moderation/users/{person.id}/block",
                                    {"reason": "Abus"})
        assert response.status_code == 403
        db.session.refresh(person)
        assert not person.is_blocked
    assert audit("user.block") == []


def test_citizens_and_visitors_cannot_block(client, login_as, citizen, author):
    login_as(citizen)
    assert client.get(f"/moderation/users/{author.id}/block").status_code == 403
    assert client.post_form(f"/moderation/users/{author.id}/block",
                            {"reason": "Abus"}).status_code == 403
    assert client.post_form(f"/moderation/users/{author.id}/unblock").status_code == 403
    client.get("/about")
    with client.session_transaction() as session:
        session.clear()
    assert client.post_form(f"/moderation/users/{author.id}/block",
                            {"reason": "Abus"}).status_code == 401
    db.session.refresh(author)
    assert not author.is_blocked


def test_unknown_people_are_not_found(client, login_as, moderator):
    login_as(moderator)
    assert client.get("/moderation/users/999999/block").status_code == 404


def test_the_case_page_links_to_blocking_the_author(client, login_as, moderator, comment,
                                                    citizen):
    from civic.moderation import reports

    reports.report_content(citizen, "comment", comment.id, "spam")
    db.session.commit()
    login_as(moderator)
    page = text(client.get(f"/moderation/cases/{case_of('comment', comment.id).id}"))
    assert f"/moderation/users/{comment.author_id}/block" in page
