"""Supporting and following any kind of item (proposal, experiment, amendment): once per
account, the database deciding; counters changed in SQL, never read-modify-write, so
double clicks and simultaneous requests count once.

A kind describes itself with `Toggles(model, support_model, key, follow_type)`; its own
supports.py keeps its rules (who may support what, and when) and calls these.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import attributes

from civic.extensions import db
from civic.follows import services as follows
from civic.follows.models import Follow


def bump(item, column: str, delta: int) -> int:
    """Change `item`'s counter in SQL and return its new value."""
    model = type(item)
    value = db.session.execute(
        update(model).where(model.id == item.id)
        .values({column: getattr(model, column) + delta})
        .returning(getattr(model, column))
        .execution_options(synchronize_session=False)
    ).scalar_one()
    attributes.set_committed_value(item, column, value)
    return value


def set_state(user, item, wanted: bool | None, is_on, turn_on, turn_off) -> bool:
    """Turn on (`wanted` True), off (False) or toggle (None); returns whether it is now on.
    Saying what is wanted makes a double click harmless."""
    if wanted is None:
        wanted = not is_on(user, item)
    (turn_on if wanted else turn_off)(user, item)
    return wanted


@dataclass(frozen=True)
class Toggles:
    """The supports and follows of one kind of item (`model`).

    `support_model` has `user_id` and the column named `key` (e.g. "experiment_id"),
    unique together; `model` has `supports_count` and `followers_count`."""

    model: type
    support_model: type
    key: str
    follow_type: str

    def _support_of(self, user, item):
        return (getattr(self.support_model, self.key) == item.id,
                self.support_model.user_id == user.id)

    # --- supports --------------------------------------------------------------------

    def has_supported(self, user, item) -> bool:
        if not getattr(user, "is_authenticated", False):
            return False
        return db.session.scalar(
            select(self.support_model.id).where(*self._support_of(user, item))
        ) is not None

    def add_support(self, user, item) -> bool:
        """Add `user`'s support (the caller checked they may); False if they already
        supported (no count change)."""
        try:
            with db.session.begin_nested():
                db.session.add(self.support_model(**{self.key: item.id, "user_id": user.id}))
                db.session.flush()
        except IntegrityError:
            # Supported already (maybe by a concurrent request): show the count as it is now.
            model = self.model
            attributes.set_committed_value(item, "supports_count", db.session.scalar(
                select(model.supports_count).where(model.id == item.id)))
            return False
        bump(item, "supports_count", 1)
        return True

    def remove_support(self, user, item) -> bool:
        """Take `user`'s support back; False if there was none."""
        result = db.session.execute(
            self.support_model.__table__.delete().where(*self._support_of(user, item)))
        if not result.rowcount:
            return False
        bump(item, "supports_count", -1)
        return True

    # --- follows ---------------------------------------------------------------------

    def is_following(self, user, item) -> bool:
        return follows.is_following(user, self.follow_type, item.id)

    def add_follow(self, user, item) -> bool:
        """Make `user` follow `item` (the caller checked they may see it); False if they
        already did."""
        if not follows.add_follow(user, self.follow_type, item.id):
            return False
        bump(item, "followers_count", 1)
        return True

    def remove_follow(self, user, item) -> bool:
        if not follows.remove_follow(user, self.follow_type, item.id):
            return False
        bump(item, "followers_count", -1)
        return True

    # --- a person's data (GDPR export, erasure) -----------------------------------------

    def exported_supports(self, user):
        """(created_at, item id, item title) of each support by `user`, oldest first."""
        model, support = self.model, self.support_model
        return db.session.execute(
            select(support.created_at, model.id, model.title)
            .join(model, model.id == getattr(support, self.key))
            .where(support.user_id == user.id).order_by(support.created_at))

    def exported_follows(self, user):
        """(created_at, item id, item title) of each item `user` follows, oldest first."""
        model = self.model
        return db.session.execute(
            select(Follow.created_at, model.id, model.title)
            .join(model, model.id == Follow.target_id)
            .where(Follow.user_id == user.id, Follow.target_type == self.follow_type)
            .order_by(Follow.created_at))

    def erase_supports(self, user) -> None:
        """Delete `user`'s supports; each item they supported counts one less."""
        model = self.model
        supported = select(getattr(self.support_model, self.key)).where(
            self.support_model.user_id == user.id)
        db.session.execute(
            update(model).where(model.id.in_(supported))
            .values(supports_count=model.supports_count - 1)
            .execution_options(synchronize_session=False))
        db.session.execute(delete(self.support_model)
                           .where(self.support_model.user_id == user.id)
                           .execution_options(synchronize_session=False))

    def erase_follows(self, user) -> None:
        """Delete `user`'s follows of this kind; each item they followed counts one
        follower less."""
        model = self.model
        followed = select(Follow.target_id).where(Follow.user_id == user.id,
                                                  Follow.target_type == self.follow_type)
        db.session.execute(
            update(model).where(model.id.in_(followed))
            .values(followers_count=model.followers_count - 1)
            .execution_options(synchronize_session=False))
        db.session.execute(delete(Follow).where(Follow.user_id == user.id,
                                                Follow.target_type == self.follow_type)
                           .execution_options(synchronize_session=False))
