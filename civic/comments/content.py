"""Comments and master-plan sections as content (sections are commented on, not reported)."""
from __future__ import annotations

from flask import url_for
from sqlalchemy import select, update
from sqlalchemy.orm.util import identity_key

from civic.comments.models import Comment
from civic.core import content
from civic.core.content import ContentType
from civic.core.sanitize import plain_text
from civic.extensions import db
from civic.masterplan.models import Section
from civic.masterplan.queries import campaign_closed_reason


def comment_url(comment: Comment) -> str:
    target = content.load(comment.target_type, comment.target_id)
    base = content.get(comment.target_type).url(target) if target is not None else "/"
    return f"{base}#comment-{comment.id}"


def change_count(target_type: str, target_id: int, delta: int) -> None:
    """Keep `comments_count` on the commented item exact (an atomic UPDATE)."""
    content_type = content.get(target_type)
    model = content_type.model if content_type else None
    if model is None or not hasattr(model, "comments_count"):
        return
    db.session.execute(
        update(model).where(model.id == target_id)
        .values(comments_count=model.comments_count + delta)
        .execution_options(synchronize_session=False))
    target = db.session.identity_map.get(identity_key(model, target_id))
    if target is not None:
        db.session.expire(target, ["comments_count"])


def _visibility_changed(comment: Comment, visible: bool) -> None:
    if comment.deleted_at is None:
        change_count(comment.target_type, comment.target_id, 1 if visible else -1)


def _authored_by(user_id: int):
    return select(Comment.id).where(Comment.author_id == user_id,
                                    Comment.deleted_at.is_(None))


CONTENT_TYPES = (
    ContentType(
        name="comment", model=Comment,
        label=lambda c: plain_text(c.body)[:80] or str(c),
        url=comment_url,
        excerpt=lambda c: c.body[:500],
        on_visibility_change=_visibility_changed,
        authored_by=_authored_by,
    ),
    ContentType(
        name="section", model=Section,
        label=lambda s: s.title,
        url=lambda s: url_for("masterplan.section", section_id=s.id),
        author_id=lambda s: None,
        comments_closed=campaign_closed_reason,
        reportable=False,
    ),
)
