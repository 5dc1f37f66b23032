"""Follow and unfollow anything that has a (target_type, target_id)."""
from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from civic.extensions import db
from civic.follows.models import Follow


def add_follow(user, target_type: str, target_id: int) -> bool:
    """Make `user` follow the target; False when they already did (the database decides)."""
    try:
        with db.session.begin_nested():
            db.session.add(Follow(user_id=user.id, target_type=target_type,
                                  target_id=target_id))
            db.session.flush()
    except IntegrityError:
        return False
    return True


def remove_follow(user, target_type: str, target_id: int) -> bool:
    """Stop following; False when `user` did not follow the target."""
    result = db.session.execute(
        delete(Follow).where(Follow.user_id == user.id, Follow.target_type == target_type,
                             Follow.target_id == target_id)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount)


def is_following(user, target_type: str, target_id: int) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return db.session.scalar(
        select(Follow.id).where(Follow.user_id == user.id, Follow.target_type == target_type,
                                Follow.target_id == target_id)
    ) is not None


def followers(target_type: str, target_id: int) -> list:
    """The accounts (not deleted) following the target."""
    from civic.accounts.models import User

    return list(db.session.scalars(
        select(User).join(Follow, Follow.user_id == User.id)
        .where(Follow.target_type == target_type, Follow.target_id == target_id,
               User.deleted_at.is_(None))
        .order_by(User.id)
    ))
