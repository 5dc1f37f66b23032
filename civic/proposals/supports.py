"""Supporting and following proposals: once per account, counters changed in SQL (the
mechanics are civic.supports')."""
from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import update
from sqlalchemy.orm import attributes

from civic.core import permissions
from civic.core.errors import DomainError, NotFound
from civic.core.models import utcnow
from civic.extensions import db
from civic.proposals.checks import require_confirmed, require_unblocked
from civic.proposals.models import FOLLOW_TYPE, OPEN_STATUSES, Proposal, Support
from civic.proposals.notify import notify_threshold
from civic.supports import Toggles, set_state

TOGGLES = Toggles(Proposal, Support, "proposal_id", FOLLOW_TYPE)

# --- supports ------------------------------------------------------------------------

def support_threshold(proposal: Proposal) -> int:
    theme = proposal.theme
    if theme is not None and theme.support_threshold:
        return theme.support_threshold
    return current_app.config["PROPOSAL_SUPPORT_THRESHOLD"]


def _check_can_support(user, proposal: Proposal) -> None:
    require_unblocked(user)
    if proposal.author_id == getattr(user, "id", None):
        raise DomainError(_("You cannot support your own proposal. Share it so others "
                            "support it."))
    require_confirmed(user)
    if proposal.moderation == "pending":
        raise DomainError(_("This proposal awaits the moderators' approval: it takes "
                            "supports once it is public."))
    if proposal.moderation == "hidden":
        raise DomainError(_("This proposal was hidden by the moderators: it no longer "
                            "accepts supports."))
    if proposal.status not in OPEN_STATUSES:
        raise DomainError(_("This proposal no longer accepts supports."))
    theme = proposal.theme
    now = utcnow()
    if theme is not None and theme.campaign_opens_at and now < theme.campaign_opens_at:
        raise DomainError(_("Supports for this theme open on %(date)s.",
                            date=theme.campaign_opens_at.date().isoformat()))
    if theme is not None and theme.campaign_closes_at and now > theme.campaign_closes_at:
        raise DomainError(_("The support campaign for this theme is closed."))


def has_supported(user, proposal: Proposal) -> bool:
    return TOGGLES.has_supported(user, proposal)


def support_proposal(user, proposal: Proposal) -> bool:
    """Add `user`'s support; False if they already supported (no count change)."""
    _check_can_support(user, proposal)
    if not TOGGLES.add_support(user, proposal):
        return False
    if proposal.threshold_reached_at is None and \
            proposal.supports_count >= support_threshold(proposal):
        _mark_threshold_reached(proposal)
    return True


def unsupport_proposal(user, proposal: Proposal) -> bool:
    """Take `user`'s support back while the proposal is open; False if there was none."""
    if proposal.status not in OPEN_STATUSES:
        raise DomainError(_("This proposal is closed: supports can no longer change."))
    return TOGGLES.remove_support(user, proposal)


def set_support(user, proposal: Proposal, wanted: bool | None = None) -> bool:
    """Support (`wanted` True), take the support back (False) or toggle (None); returns
    whether `user` now supports it. Saying what is wanted makes a double click harmless."""
    return set_state(user, proposal, wanted, has_supported, support_proposal,
                     unsupport_proposal)


def _mark_threshold_reached(proposal: Proposal) -> None:
    """Only the request that crosses the threshold first notifies the Lab."""
    now = utcnow()
    result = db.session.execute(
        update(Proposal).where(Proposal.id == proposal.id,
                               Proposal.threshold_reached_at.is_(None))
        .values(threshold_reached_at=now).execution_options(synchronize_session=False)
    )
    if not result.rowcount:
        return
    attributes.set_committed_value(proposal, "threshold_reached_at", now)
    notify_threshold(proposal)


# --- follows -------------------------------------------------------------------------

def follow_proposal(user, proposal: Proposal) -> bool:
    if not (permissions.can_view_proposal(user, proposal)
            and permissions.can_view_hidden_content(user, proposal)):
        raise NotFound(_("This proposal does not exist."))
    return TOGGLES.add_follow(user, proposal)


def is_following(user, proposal: Proposal) -> bool:
    return TOGGLES.is_following(user, proposal)


def unfollow_proposal(user, proposal: Proposal) -> bool:
    return TOGGLES.remove_follow(user, proposal)


def set_follow(user, proposal: Proposal, wanted: bool | None = None) -> bool:
    """Follow (`wanted` True), stop (False) or toggle (None); returns whether `user` now
    follows the proposal."""
    return set_state(user, proposal, wanted, is_following, follow_proposal,
                     unfollow_proposal)
