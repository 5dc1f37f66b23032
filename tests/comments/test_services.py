"""Commenting: replies three deep, stances, length and link limits, closed items, blocked
and unconfirmed people, the edit window, deletion, exact counts, pre-moderation."""
from __future__ import annotations

from datetime import timedelta

import pytest

from civic.comments import services
from civic.comments.models import Comment
from civic.core import content
from civic.core.errors import DomainError, PermissionDenied
from civic.core.models import utcnow
from civic.moderation.models import ModerationCase
from civic.notifications.models import Notification
from tests.factories import (
    make_comment,
    make_organization,
    make_proposal,
    make_section,
    make_user,
)


def _count(db, target) -> int:
    db.session.refresh(target)
    return target.comments_count


def test_a_comment_and_replies_three_levels_deep(db, proposal, other_citizen, citizen):
    first = services.create_comment(other_citizen, proposal, "Bonne idée.", "for")
    second = services.create_comment(citizen, proposal, "Merci !", "neutral", parent=first)
    third = services.create_comment(other_citizen, proposal, "Avec plaisir.", "for",
                                    parent=second)
    assert (first.depth, second.depth, third.depth) == (1, 2, 3)
    assert third.parent_id == second.id
    assert _count(db, proposal) == 3


def test_replying_below_the_third_level_is_refused(db, proposal, other_citizen, citizen):
    third = make_comment(parent=make_comment(parent=make_comment(target=proposal)))
    with pytest.raises(DomainError, match="three levels deep"):
        services.create_comment(citizen, proposal, "Trop profond", "neutral", parent=third)
    assert db.session.query(Comment).filter_by(depth=4).count() == 0


def test_a_reply_must_be_on_the_same_item(db, proposal, other_citizen):
    elsewhere = make_comment(target=make_proposal())
    with pytest.raises(DomainError):
        services.create_comment(other_citizen, proposal, "Ailleurs", "neutral",
                                parent=elsewhere)


def test_replying_to_a_deleted_comment_is_refused(db, proposal, citizen, other_citizen):
    parent = services.create_comment(citizen, proposal, "Texte", "neutral")
    services.delete_comment(citizen, parent)
    with pytest.raises(DomainError, match="no longer be answered"):
        services.create_comment(other_citizen, proposal, "Réponse", "neutral", parent=parent)


@pytest.mark.parametrize("alignment", ["maybe", "", None, "FOR"])
def test_the_stance_must_be_for_against_or_neutral(db, proposal, other_citizen, alignment):
    with pytest.raises(DomainError, match="for, against or neutral") as error:
        services.create_comment(other_citizen, proposal, "Un avis", alignment)
    assert error.value.field == "alignment"


def test_an_empty_comment_is_refused(db, proposal, other_citizen):
    with pytest.raises(DomainError, match="Write your comment"):
        services.create_comment(other_citizen, proposal, "   ", "for")


def test_comments_are_length_limited(app, db, proposal, other_citizen):
    limit = app.config["COMMENT_MAX_LENGTH"]
    services.create_comment(other_citizen, proposal, "a" * limit, "for")
    with pytest.raises(DomainError, match="the limit is") as error:
        services.create_comment(other_citizen, proposal, "a" * (limit + 1), "for")
    assert error.value.field == "body"
    assert _count(db, proposal) == 1


@pytest.mark.parametrize("body, links", [
    ("Voir https://a.example/x et http://b.example", 2),
    ("www.example.com puis [ce lien](https://c.example/page)", 2),
    ("http://www.example.com compte une fois", 1),
    ("Écrivez à contact@ville.fr, sans lien", 0),
    ("Le site toulouse-metropole.fr et rien d'autre", 1),
])
def test_links_are_counted(body, links):
    assert services.count_links(body) == links


def test_too_many_links_are_refused_with_a_clear_message(app, db, proposal, other_citizen):
    body = " ".join(f"https://site{n}.example/" for n in range(app.config["COMMENT_MAX_LINKS"]))
    services.create_comment(other_citizen, proposal, body, "for")
    with pytest.raises(DomainError, match="at most 3 links"):
        services.create_comment(other_citizen, proposal, body + " www.encore.example",
                                "for")


@pytest.mark.parametrize("status, reason", [("withdrawn", "withdrew"),
                                            ("rejected", "rejected")])
def test_comments_close_on_withdrawn_and_rejected_proposals(db, citizen, other_citizen,
                                                             status, reason):
    closed = make_proposal(author=citizen, status=status)
    with pytest.raises(DomainError, match=reason):
        services.create_comment(other_citizen, closed, "Trop tard ?", "neutral")
    assert _count(db, closed) == 0


def test_comments_close_outside_the_theme_campaign(db, citizen, other_citizen):
    now = utcnow()
    over = make_section(campaign_opens_at=now - timedelta(days=30),
                        campaign_closes_at=now - timedelta(days=1))
    later = make_section(campaign_opens_at=now + timedelta(days=3))
    with pytest.raises(DomainError, match="closed on"):
        services.create_comment(other_citizen, make_proposal(author=citizen, theme=over),
                                "Fini", "neutral")
    with pytest.raises(DomainError, match="opens on"):
        services.create_comment(other_citizen, later, "Bientôt", "neutral")


def test_master_plan_sections_take_comments(db, other_citizen, theme):
    comment = services.create_comment(other_citizen, theme, "Ce chantier est clé.", "for")
    assert (comment.target_type, comment.target_id) == ("section", theme.id)
    assert _count(db, theme) == 1


def test_blocked_people_cannot_comment(db, proposal):
    blocked = make_user(blocked_at=utcnow(), block_reason="Propos insultants")
    with pytest.raises(PermissionDenied, match="Propos insultants"):
        services.create_comment(blocked, proposal, "Encore moi", "against")
    assert _count(db, proposal) == 0


def test_unconfirmed_accounts_cannot_comment(db, proposal):
    with pytest.raises(PermissionDenied, match="Confirm your e-mail"):
        services.create_comment(make_user(confirmed=False), proposal, "Bonjour", "neutral")


def test_commenting_for_an_organization_one_belongs_to(db, proposal, other_citizen):
    mine = make_organization(owner=other_citizen, name="Vélo Cité")
    theirs = make_organization(name="Autre Association")
    comment = services.create_comment(other_citizen, proposal, "Nous soutenons.", "for",
                                      organization=mine)
    assert comment.organization_id == mine.id
    with pytest.raises(PermissionDenied, match="organization you belong to"):
        services.create_comment(other_citizen, proposal, "Au nom d'autrui", "for",
                                organization=theirs)


# --- editing -------------------------------------------------------------------------

def test_the_author_edits_within_the_window(db, proposal, other_citizen):
    comment = services.create_comment(other_citizen, proposal, "Premier jet", "neutral")
    services.edit_comment(other_citizen, comment, "Version corrigée", "for")
    assert comment.body == "Version corrigée" and comment.alignment == "for"
    assert comment.edited_at is not None


def test_editing_after_the_window_is_refused(app, db, proposal, other_citizen):
    window = app.config["COMMENT_EDIT_WINDOW"]
    comment = make_comment(target=proposal, author=other_citizen, body="Ancien",
                           created_at=utcnow() - window - timedelta(minutes=1))
    with pytest.raises(PermissionDenied, match="within 30 minutes"):
        services.edit_comment(other_citizen, comment, "Nouveau", "neutral")
    db.session.refresh(comment)
    assert comment.body == "Ancien" and comment.edited_at is None


def test_nobody_else_edits_or_deletes_a_comment(db, proposal, citizen, other_citizen):
    comment = make_comment(target=proposal, author=other_citizen, body="À moi")
    with pytest.raises(PermissionDenied):
        services.edit_comment(citizen, comment, "Piraté", "neutral")
    with pytest.raises(PermissionDenied):
        services.delete_comment(citizen, comment)
    assert comment.body == "À moi" and comment.deleted_at is None


def test_edits_check_the_same_limits(db, proposal, other_citizen):
    comment = services.create_comment(other_citizen, proposal, "Court", "neutral")
    with pytest.raises(DomainError, match="links"):
        services.edit_comment(other_citizen, comment,
                              "https://a.example https://b.example https://c.example "
                              "https://d.example", "neutral")


# --- deleting and counts -------------------------------------------------------------

def test_deleting_leaves_a_placeholder_and_keeps_replies(db, proposal, citizen,
                                                         other_citizen):
    parent = services.create_comment(other_citizen, proposal, "Texte privé", "against")
    reply = services.create_comment(citizen, proposal, "Je réponds", "for", parent=parent)
    assert _count(db, proposal) == 2
    services.delete_comment(other_citizen, parent)
    db.session.commit()
    db.session.refresh(parent)
    assert parent.deleted_at is not None and parent.body == ""
    assert db.session.get(Comment, reply.id).parent_id == parent.id
    assert _count(db, proposal) == 1


def test_counts_stay_exact_when_moderators_hide_and_restore(db, proposal, other_citizen):
    comment = services.create_comment(other_citizen, proposal, "Limite", "against")
    kind = content.get("comment")
    assert _count(db, proposal) == 1
    comment.moderation = "hidden"
    kind.on_visibility_change(comment, False)
    assert _count(db, proposal) == 0
    comment.moderation = "visible"
    kind.on_visibility_change(comment, True)
    assert _count(db, proposal) == 1
    services.delete_comment(other_citizen, comment)
    assert _count(db, proposal) == 0


def test_deleting_a_hidden_comment_does_not_count_twice(db, proposal, other_citizen):
    comment = services.create_comment(other_citizen, proposal, "Limite", "against")
    comment.moderation = "hidden"
    content.get("comment").on_visibility_change(comment, False)
    services.delete_comment(other_citizen, comment)
    assert _count(db, proposal) == 0


# --- pre-moderation ------------------------------------------------------------------

def test_premoderated_comments_wait_and_do_not_count(app, db, monkeypatch, proposal,
                                                     citizen, moderator):
    monkeypatch.setitem(app.config, "PREMODERATION", "all")
    newcomer = make_user(display_name="Nouvelle Venue")
    comment = services.create_comment(newcomer, proposal, "Bonjour @Camille Citoyenne",
                                      "for")
    assert comment.moderation == "pending"
    assert _count(db, proposal) == 0
    case = db.session.query(ModerationCase).filter_by(target_type="comment",
                                                      target_id=comment.id).one()
    assert case.status == "pending"
    to_moderator = db.session.query(Notification).filter_by(user_id=moderator.id).one()
    assert to_moderator.kind == "moderation.pending"
    assert to_moderator.data["path"].startswith("/moderation")
    # the proposal's author hears nothing yet (neither as follower nor as mentioned)
    assert db.session.query(Notification).filter_by(user_id=citizen.id).count() == 0
