"""A person's comments and votes: GDPR export, profile activity, erasure."""
from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from civic.comments.models import Comment, CommentVote
from civic.core import content
from civic.extensions import db


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def export(user) -> dict[str, Any]:
    """Every comment the person wrote (deleted ones without their erased text) and votes."""
    comments = db.session.scalars(
        select(Comment).where(Comment.author_id == user.id).order_by(Comment.id))
    votes = db.session.execute(
        select(CommentVote.comment_id, CommentVote.value, CommentVote.created_at)
        .where(CommentVote.user_id == user.id).order_by(CommentVote.id))
    return {
        "comments": [
            {"id": c.id, "target_type": c.target_type, "target_id": c.target_id,
             "parent_id": c.parent_id, "alignment": c.alignment, "body": c.body,
             "organization_id": c.organization_id, "moderation": c.moderation,
             "created_at": _iso(c.created_at), "edited_at": _iso(c.edited_at),
             "deleted_at": _iso(c.deleted_at)}
            for c in comments
        ],
        "comment_votes": [{"comment_id": cid, "value": "up" if value > 0 else "down",
                           "created_at": _iso(at)} for cid, value, at in votes],
    }


def activity(user) -> list:
    """The person's recent visible comments, for their public profile (one query per kind
    of commented item)."""
    from civic.accounts.profile_data import ActivityItem

    comments = list(db.session.scalars(
        select(Comment).where(Comment.author_id == user.id, Comment.deleted_at.is_(None),
                              Comment.moderation == "visible")
        .order_by(Comment.created_at.desc()).limit(30)))
    targets = content.load_many((c.target_type, c.target_id) for c in comments)
    items = []
    for comment in comments:
        target = targets.get((comment.target_type, comment.target_id))
        content_type = content.get(comment.target_type)
        if target is None or content_type is None:
            continue
        if getattr(target, "status", None) == "draft" or \
                getattr(target, "moderation", "visible") != "visible":
            continue
        items.append(ActivityItem(
            comment.created_at, "comment",
            _("Commented on “%(title)s”", title=content_type.label(target)),
            f"{content_type.url(target)}#comment-{comment.id}"))
    return items


def erase(user) -> None:
    """On account deletion: comments stay (signed "Deleted participant"), votes go (the
    comments' counts stay exact)."""
    from civic.comments.votes import erase_votes

    erase_votes(user)
