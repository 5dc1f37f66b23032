"""Supporting and following amendments: once per account, counters changed in SQL (the
mechanics are civic.supports')."""
from __future__ import annotations

from flask_babel import gettext as _

from civic.amendments.models import FOLLOW_TYPE, Amendment, AmendmentSupport
from civic.core import permissions
from civic.core.errors import DomainError, NotFound
from civic.masterplan.queries import campaign_closed_reason
from civic.proposals.checks import require_confirmed, require_unblocked
from civic.supports import Toggles, set_state

TOGGLES = Toggles(Amendment, AmendmentSupport, "amendment_id", FOLLOW_TYPE)

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
    return TOGGLES.has_supported(user, amendment)


def support_amendment(user, amendment: Amendment) -> bool:
    """Add `user`'s support; False if they already supported (no count change)."""
    _check_can_support(user, amendment)
    return TOGGLES.add_support(user, amendment)


def unsupport_amendment(user, amendment: Amendment) -> bool:
    """Take `user`'s support back while the amendment is pending; False if there was none."""
    if amendment.status != "pending":
        raise DomainError(_("This amendment has been decided on or withdrawn: supports can "
                            "no longer change."))
    return TOGGLES.remove_support(user, amendment)


def set_support(user, amendment: Amendment, wanted: bool | None = None) -> bool:
    """Support (`wanted` True), take the support back (False) or toggle (None); returns
    whether `user` now supports it. Saying what is wanted makes a double click harmless."""
    return set_state(user, amendment, wanted, has_supported, support_amendment,
                     unsupport_amendment)


# --- follows -------------------------------------------------------------------------

def is_following(user, amendment: Amendment) -> bool:
    return TOGGLES.is_following(user, amendment)


def follow_amendment(user, amendment: Amendment) -> bool:
    if not (permissions.can_view_amendment(user, amendment)
            and permissions.can_view_hidden_content(user, amendment)):
        raise NotFound(_("This amendment does not exist."))
    return TOGGLES.add_follow(user, amendment)


def unfollow_amendment(user, amendment: Amendment) -> bool:
    return TOGGLES.remove_follow(user, amendment)


def set_follow(user, amendment: Amendment, wanted: bool | None = None) -> bool:
    """Follow (`wanted` True), stop (False) or toggle (None); returns whether `user` now
    follows the amendment."""
    return set_state(user, amendment, wanted, is_following, follow_amendment,
                     unfollow_amendment)
