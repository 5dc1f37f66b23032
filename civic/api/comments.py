"""GET /api/v1/comments?target_type=&target_id= and /api/v1/comments/<id>.

What the public pages show, flat and oldest first (`parent_id` and `depth` rebuild the
threads): comments awaiting pre-moderation are left out; a comment hidden by the
moderators is a placeholder (`state: "hidden"`, its public `hidden_reason`, no body, no
author); a deleted comment is a placeholder (`state: "deleted"`) while it has replies and
is left out otherwise. Comments of items the public cannot see (drafts, hidden or pending
items) are 404, like the items themselves.
"""
from __future__ import annotations

from flask import jsonify
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import AnonymousUserMixin
from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import aliased, joinedload

from civic.api.params import (
    MAX_ID,
    choice,
    not_found,
    page_and_size,
    page_response,
    required,
    whole_number,
)
from civic.api.serialize import _iso, absolute, author, organization
from civic.api.views import bp
from civic.comments.models import Comment
from civic.core import content, permissions
from civic.core.pagination import Page
from civic.core.permissions import public
from civic.extensions import db
from civic.proposals.models import PUBLIC_STATUSES, Proposal

TARGET_TYPES = ("proposal", "experiment", "section", "amendment")


def public_target(target_type: str, target_id: int):
    """The commented item when the public sees it and its comments, else None."""
    target = content.load(target_type, target_id)
    if target is None or not permissions.can_view_comments_on(AnonymousUserMixin(), target):
        return None
    if isinstance(target, Proposal) and target.status not in PUBLIC_STATUSES:
        return None
    return target


def _listed():
    """Conditions of the comments the API lists (see the module's docstring)."""
    reply = aliased(Comment)
    has_replies = exists().where(reply.parent_id == Comment.id, reply.moderation != "pending")
    return and_(Comment.moderation != "pending",
                or_(Comment.deleted_at.is_(None), has_replies))


def state(comment: Comment) -> str:
    if comment.deleted_at is not None:
        return "deleted"
    return "hidden" if comment.moderation == "hidden" else "visible"


def serialize_comment(comment: Comment, target_url: str) -> dict:
    current = state(comment)
    shown = current == "visible"
    return {
        "id": comment.id, "target_type": comment.target_type,
        "target_id": comment.target_id, "parent_id": comment.parent_id,
        "depth": comment.depth, "state": current,
        "hidden_reason": (comment.hidden_reason or None) if current == "hidden" else None,
        "alignment": comment.alignment,
        "body": comment.body if shown else None,
        "author": author(comment.author) if shown else None,
        "organization": organization(comment.organization) if shown else None,
        "created_at": _iso(comment.created_at), "edited_at": _iso(comment.edited_at),
        "upvotes": comment.upvotes, "downvotes": comment.downvotes,
        "url": absolute(f"{target_url}#comment-{comment.id}"),
    }


def _query():
    return select(Comment).options(joinedload(Comment.author),
                                   joinedload(Comment.organization))


@bp.get("/comments")
@public
def comments():
    required("target_type")
    target_type = choice("target_type", TARGET_TYPES)
    target_id = whole_number("target_id", None, MAX_ID)
    page, per_page = page_and_size()
    target = public_target(target_type, target_id)
    if target is None:
        with force_locale("en"):
            return not_found(_("There is no public item of this type with this id."))
    conditions = (Comment.target_type == target_type, Comment.target_id == target_id,
                  _listed())
    total = db.session.scalar(select(func.count(Comment.id)).where(*conditions)) or 0
    items = list(db.session.scalars(
        _query().where(*conditions).order_by(Comment.created_at, Comment.id)
        .limit(per_page).offset((page - 1) * per_page)))
    target_url = content.get(target_type).url(target)
    return page_response(Page(items=items, page=page, per_page=per_page, total=total),
                         lambda c: serialize_comment(c, target_url))


@bp.get("/comments/<int:comment_id>")
@public
def comment(comment_id: int):
    found = db.session.scalars(
        _query().where(Comment.id == comment_id, _listed())).first()
    target = (public_target(found.target_type, found.target_id)
              if found is not None and found.target_type in TARGET_TYPES else None)
    if target is None:
        with force_locale("en"):
            return not_found(_("This comment does not exist or is not public."))
    return jsonify(serialize_comment(found, content.get(found.target_type).url(target)))
