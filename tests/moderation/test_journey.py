"""Issue 4 as a new user meets it, end to end over HTTP.

Three citizens report an offensive comment; it disappears from the public page; a
moderator sees it at the top of the queue, hides it with a reason and blocks its author
for seven days; the author is told why and cannot comment until the block ends; the audit
log shows each step; the proposal's followers get their daily digest.
"""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from civic.audit.models import AuditEntry
from civic.comments.models import Comment
from civic.core.models import utcnow
from civic.extensions import db
from civic.mail.models import OutboxMail
from civic.moderation.models import ModerationCase
from tests.factories import make_comment, make_proposal, make_user
from tests.fixtures.http import text

INSULT = "Vous êtes tous des imbéciles, cette idée est stupide."


def _comment_on(client, proposal, body):
    return client.post_form(f"/comments/proposal/{proposal.id}",
                            {"body": body, "alignment": "against", "parent_id": ""})


def test_report_hide_block_audit_and_digest(app, client, login_as, moderator, admin):
    proposal = make_proposal(title="Des fontaines à eau dans chaque parc")
    follower = make_user(display_name="Fidèle Suiveuse", locale="fr")
    troll = make_user(display_name="Troll Anonyme", locale="en")
    page_url = f"/proposals/{proposal.id}"

    login_as(follower)
    assert client.post_form(f"{page_url}/follow", {"action": "follow"}).status_code == 302
    login_as(troll)
    assert _comment_on(client, proposal, INSULT).status_code == 302
    comment = db.session.scalars(select(Comment).where(Comment.author_id == troll.id)).one()
    assert INSULT in text(client.get(page_url))

    # Something else was reported once: the insult must still come first in the queue.
    other = make_comment(target=proposal, body="Hors sujet, un peu.")
    login_as(make_user())
    client.post_form(f"/report/comment/{other.id}", {"reason": "off_topic", "details": ""})

    # Three citizens report it; the third report hides it from everyone.
    for n in range(3):
        login_as(make_user())
        response = client.post_form(f"/report/comment/{comment.id}",
                                    {"reason": "offensive", "details": f"insulte {n}"})
        assert response.status_code == 302
    assert INSULT not in text(client.get(page_url))
    with client.session_transaction() as session:
        session.clear()
    assert INSULT not in text(client.get(page_url))  # signed out too

    # Reporting twice is refused and changes nothing.
    client.post_form(f"/report/comment/{comment.id}", {"reason": "spam", "details": ""})
    case = db.session.scalars(select(ModerationCase).where(
        ModerationCase.target_type == "comment", ModerationCase.target_id == comment.id)).one()
    assert case.reports_count == 3

    # A citizen cannot open the queue; the moderator sees the insult first.
    assert client.get("/moderation").status_code in (302, 401, 403)
    login_as(moderator)
    queue = text(client.get("/moderation?sort=reports", headers={"Accept-Language": "en"}))
    other_case = db.session.scalars(select(ModerationCase.id).where(
        ModerationCase.target_type == "comment", ModerationCase.target_id == other.id)).one()
    assert queue.index(f"/moderation/cases/{case.id}") < queue.index(
        f"/moderation/cases/{other_case}")

    reason = "Insults towards other participants"
    assert client.post_form(f"/moderation/cases/{case.id}/hide",
                            {"reason": reason}).status_code == 302
    until = (utcnow() + timedelta(days=7)).date().isoformat()
    assert client.post_form(f"/moderation/users/{troll.id}/block",
                            {"reason": "Repeated insults", "until": until}).status_code == 302
    public = text(client.get(page_url))
    assert reason in public and INSULT in public  # moderators still read the original

    # The author is told why, everywhere, and cannot comment any more.
    login_as(troll)
    notices = text(client.get("/notifications", headers={"Accept-Language": "en"}))
    assert reason in notices and "Repeated insults" in notices
    assert "Repeated insults" in text(client.get(page_url))  # the banner on every page
    refused = _comment_on(client, proposal, "Je recommence.")
    assert refused.status_code in (302, 403)
    assert db.session.scalar(select(Comment.id).where(Comment.body == "Je recommence.")) is None
    assert db.session.scalar(select(OutboxMail.id).where(
        OutboxMail.recipient_id == troll.id, OutboxMail.body_text.contains("Repeated insults")))

    # When the block ends, they take part again.
    troll.blocked_until = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert _comment_on(client, proposal, "Pardon pour tout à l'heure.").status_code == 302
    assert "Pardon pour tout" in text(client.get(page_url))

    # The audit log shows every step, and nobody can rewrite it.
    actions = list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
    assert actions[-3:] == ["moderation.auto_hide", "moderation.hide", "user.block"]
    login_as(admin)
    log = text(client.get("/admin/audit"))
    assert "moderation.hide" in log and "user.block" in log

    # The follower (daily digest, the default) gets one digest in French.
    result = app.test_cli_runner().invoke(args=["civic", "send-mail"])
    assert result.exit_code == 0, result.output
    digest = db.session.scalars(select(OutboxMail).where(
        OutboxMail.recipient_id == follower.id,
        OutboxMail.kind == "notifications.digest")).one()
    assert proposal.title in digest.body_text and digest.unsubscribe_url
