"""Up and down votes on comments: one per account (the database says so), exact counts."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import attributes

from civic.comments.models import Comment, CommentVote
from civic.core import permissions
from civic.core.errors import DomainError, PermissionDenied
from civic.extensions import db

VALUES = {"up": 1, "down": -1}
_COLUMNS = {1: "upvotes", -1: "downvotes"}


def _bump(comment: Comment, changes: dict[int, int]) -> None:
    """Change the counters in SQL (never read-modify-write) and show the new values."""
    values = {_COLUMNS[value]: getattr(Comment, _COLUMNS[value]) + delta
              for value, delta in changes.items() if delta}
    if not values:
        return
    up, down = db.session.execute(
        update(Comment).where(Comment.id == comment.id).values(values)
        .returning(Comment.upvotes, Comment.downvotes)
        .execution_options(synchronize_session=False)
    ).one()
    attributes.set_committed_value(comment, "upvotes", up)
    attributes.set_committed_value(comment, "downvotes", down)


def my_vote(user, comment: Comment) -> int:
    """1, -1, or 0 when `user` has not voted."""
    if not permissions.is_signed_in(user):
        return 0
    return db.session.scalar(select(CommentVote.value).where(
        CommentVote.comment_id == comment.id, CommentVote.user_id == user.id)) or 0


def _insert(user, comment: Comment, value: int) -> bool:
    try:
        with db.session.begin_nested():
            db.session.add(CommentVote(comment_id=comment.id, user_id=user.id, value=value))
            db.session.flush()
    except IntegrityError:
        return False  # voted already, maybe in a concurrent request
    return True


def vote_comment(user, comment: Comment, value) -> int:
    """Vote `value` ("up"/"down" or 1/-1). Voting the same again takes the vote back; the
    other value switches it. Returns the person's vote now: 1, -1 or 0."""
    from civic.comments.services import require_confirmed, require_not_blocked

    value = VALUES.get(value, value)
    if value not in (1, -1):
        raise DomainError(_("Choose an up or a down vote."), field="value")
    require_not_blocked(user)
    if not permissions.can_vote_comment(user, comment):
        raise PermissionDenied(_("You cannot vote on your own comment, nor on a deleted "
                                 "or hidden one."))
    require_confirmed(user)
    if _insert(user, comment, value):
        _bump(comment, {value: 1})
        return value
    current = my_vote(user, comment)
    if current == 0:  # taken back by a concurrent request meanwhile
        if not _insert(user, comment, value):
            return my_vote(user, comment)
        _bump(comment, {value: 1})
        return value
    if current == value:
        removed = db.session.execute(
            delete(CommentVote).where(CommentVote.comment_id == comment.id,
                                      CommentVote.user_id == user.id,
                                      CommentVote.value == value)
            .execution_options(synchronize_session=False)).rowcount
        if removed:
            _bump(comment, {value: -1})
        return 0
    switched = db.session.execute(
        update(CommentVote).where(CommentVote.comment_id == comment.id,
                                  CommentVote.user_id == user.id,
                                  CommentVote.value == current)
        .values(value=value).execution_options(synchronize_session=False)).rowcount
    if switched:
        _bump(comment, {current: -1, value: 1})
    return value


def erase_votes(user) -> None:
    """Take back every vote of `user` (account deletion), keeping counts exact."""
    for value, column in _COLUMNS.items():
        voted = select(CommentVote.comment_id).where(CommentVote.user_id == user.id,
                                                     CommentVote.value == value)
        db.session.execute(
            update(Comment).where(Comment.id.in_(voted))
            .values({column: getattr(Comment, column) - 1})
            .execution_options(synchronize_session=False))
    db.session.execute(delete(CommentVote).where(CommentVote.user_id == user.id)
                       .execution_options(synchronize_session=False))
