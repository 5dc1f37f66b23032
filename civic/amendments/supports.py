"""Supporting and following amendments: once per account, counters changed in SQL."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import attributes

from civic.amendments.models import FOLLOW_TYPE, Amendment, AmendmentSupport
from civic.core import permissions
from civic.core.errors import DomainError, NotFound
from civic.extensions import db
from civic.follows import services as follows
from civic.masterplan.queries import campaign_closed_reason
from civic.proposals.checks import require_confirmed, require_unblocked


def _bump(amendment: Amendment, column: str, delta: int) -> int:
    """Change a counter in SQL (never read-modify-write) and return its new value."""
    value = db.session.execute(
        update(Amendment).where(Amendment.id == amendment.id)
        .values({column: getattr(Amendment, column) + delta})
        .returning(getattr(Amendment, column))
        .execution_options(synchronize_session=False)
    ).scalar_one()
    attributes.set_committed_value(amendment, column, value)
    return value


def _set(user, amendment: Amendment, wanted: bool | None, is_on, turn_on, turn_off) -> bool:
    """Turn on (`wanted` True), off (False) or toggle (None); returns whether it is now on."""
    if wanted is None:
        wanted = not is_on(user, amendment)
    (turn_on if wanted else turn_off)(user, amendment)
    return wanted


# --- supports ------------------------------------------------------------------------

def _check_can_support(user, amendment: Amendment) -> None:
    require_unblocked(user)
    if amendment.author_id == getattr(user, "id", None):
        raise DomainError(_("You cannot support your own amendment. Share it so others "
                            "support it."))
    require_confirmed(user)
    if amendment.moderation == "pending":
        raise DomainError(_("This amendment awaits the moderators' approval: it takes "
                            "supports once it is public."))
    if amendment.moderation == "hidden":
        raise DomainError(_("This amendment was hidden by the moderators: it no longer "
                            "accepts supports."))
    if amendment.status != "pending":
        raise DomainError(_("This amendment has been decided on or withdrawn: it no longer "
                            "accepts supports."))
    reason = campaign_closed_reason(amendment.section)
    if reason:
        raise DomainError(reason)


def has_supported(user, amendment: Amendment) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return db.session.scalar(
        select(AmendmentSupport.id).where(AmendmentSupport.amendment_id == amendment.id,
                                          AmendmentSupport.user_id == user.id)
    ) is not None


def support_amendment(user, amendment: Amendment) -> bool:
    """Add `user`'s support; False if they already supported (no count change)."""
    _check_can_support(user, amendment)
    try:
        with db.session.begin_nested():
            db.session.add(AmendmentSupport(amendment_id=amendment.id, user_id=user.id))
            db.session.flush()
    except IntegrityError:
        # Supported already (maybe by a concurrent request): show the count as it is now.
        attributes.set_committed_value(amendment, "supports_count", db.session.scalar(
            select(Amendment.supports_count).where(Amendment.id == amendment.id)))
        return False
    _bump(amendment, "supports_count", 1)
    return True


def unsupport_amendment(user, amendment: Amendment) -> bool:
    """Take `user`'s support back while the amendment is pending; False if there was none."""
    if amendment.status != "pending":
        raise DomainError(_("This amendment has been decided on or withdrawn: supports can "
                            "no longer change."))
    result = db.session.execute(
        AmendmentSupport.__table__.delete().where(AmendmentSupport.amendment_id == amendment.id,
                                                  AmendmentSupport.user_id == user.id))
    if not result.rowcount:
        return False
    _bump(amendment, "supports_count", -1)
    return True


def set_support(user, amendment: Amendment, wanted: bool | None = None) -> bool:
    """Support (`wanted` True), take the support back (False) or toggle (None); returns
    whether `user` now supports it. Saying what is wanted makes a double click harmless."""
    return _set(user, amendment, wanted, has_supported, support_amendment,
                unsupport_amendment)


# --- follows -------------------------------------------------------------------------

def is_following(user, amendment: Amendment) -> bool:
    return follows.is_following(user, FOLLOW_TYPE, amendment.id)


def follow_amendment(user, amendment: Amendment) -> bool:
    if not (permissions.can_view_amendment(user, amendment)
            and permissions.can_view_hidden_content(user, amendment)):
        raise NotFound(_("This amendment does not exist."))
    if not follows.add_follow(user, FOLLOW_TYPE, amendment.id):
        return False
    _bump(amendment, "followers_count", 1)
    return True


def unfollow_amendment(user, amendment: Amendment) -> bool:
    if not follows.remove_follow(user, FOLLOW_TYPE, amendment.id):
        return False
    _bump(amendment, "followers_count", -1)
    return True


def set_follow(user, amendment: Amendment, wanted: bool | None = None) -> bool:
    """Follow (`wanted` True), stop (False) or toggle (None); returns whether `user` now
    follows the amendment."""
    return _set(user, amendment, wanted, is_following, follow_amendment, unfollow_amendment)
