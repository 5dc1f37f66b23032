"""Who hears about a comment: the person answered, people mentioned, followers; nobody
twice, never the author, and nothing while a comment awaits moderation."""
from __future__ import annotations

from civic.comments import services
from civic.comments.notify import announce_comment
from civic.core.models import utcnow
from civic.follows.services import add_follow
from civic.notifications.models import Notification
from tests.factories import make_comment, make_user


def _kinds(db, user) -> list[str]:
    return sorted(n.kind for n in db.session.query(Notification).filter_by(user_id=user.id))


def test_a_reply_notifies_the_parent_author(db, proposal, citizen, other_citizen):
    parent = make_comment(target=proposal, author=citizen, body="Ma question")
    reply = services.create_comment(other_citizen, proposal, "Ma **réponse** détaillée",
                                    "for", parent=parent)
    notification = db.session.query(Notification).filter_by(user_id=citizen.id).one()
    assert notification.kind == "comment.reply"
    assert notification.data["title"] == proposal.title
    assert notification.data["path"] == f"/proposals/{proposal.id}#comment-{reply.id}"
    assert notification.data["excerpt"] == "Ma réponse détaillée"
    assert notification.data["actor_name"] == "Dominique Voisin"


def test_a_mention_with_a_two_word_accented_name(db, proposal, other_citizen):
    helene = make_user(display_name="Hélène Garcia")
    services.create_comment(other_citizen, proposal, "Qu'en pense @helene garcia ?",
                            "neutral")
    assert _kinds(db, helene) == ["comment.mention"]


def test_followers_hear_of_new_comments_but_not_twice(db, proposal, citizen,
                                                      other_citizen):
    follower = make_user(display_name="Fidèle Lectrice")
    mentioned_follower = make_user(display_name="Suiveur Cité")
    for person in (citizen, follower, mentioned_follower, other_citizen):
        add_follow(person, "proposal", proposal.id)
    parent = make_comment(target=proposal, author=citizen)
    services.create_comment(other_citizen, proposal, "Oui ! @Suiveur Cité", "for",
                            parent=parent)
    assert _kinds(db, follower) == ["comment.new"]
    assert _kinds(db, citizen) == ["comment.reply"]
    assert _kinds(db, mentioned_follower) == ["comment.mention"]
    assert _kinds(db, other_citizen) == []  # never the author


def test_the_author_deleted_accounts_and_crowds_are_not_notified(db, proposal,
                                                                 other_citizen):
    make_user(display_name="Parti Loin", deleted_at=utcnow())
    crowd = [make_user(display_name=f"Foule{n}") for n in range(12)]
    body = "@Dominique Voisin @Parti Loin " + " ".join(f"@Foule{n}" for n in range(12))
    services.create_comment(other_citizen, proposal, body, "neutral")
    told = db.session.query(Notification).filter_by(kind="comment.mention").count()
    assert told == 10
    assert _kinds(db, crowd[11]) == []


def test_pending_comments_notify_only_once_approved(app, db, monkeypatch, proposal,
                                                    citizen):
    monkeypatch.setitem(app.config, "PREMODERATION", "all")
    add_follow(citizen, "proposal", proposal.id)
    comment = services.create_comment(make_user(), proposal, "Bonjour", "for")
    assert _kinds(db, citizen) == []
    comment.moderation = "visible"  # what the moderators' approval does, then:
    announce_comment(comment)
    assert _kinds(db, citizen) == ["comment.new"]


def test_new_mentions_in_an_edit_are_notified_once(db, proposal, other_citizen):
    anna = make_user(display_name="Anna Lopez")
    comment = services.create_comment(other_citizen, proposal, "Bonjour @Anna Lopez",
                                      "for")
    services.edit_comment(other_citizen, comment, "Bonjour @Anna Lopez, c'est corrigé",
                          "for")
    assert _kinds(db, anna) == ["comment.mention"]
