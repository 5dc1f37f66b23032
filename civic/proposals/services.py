"""Proposing, editing, publishing, withdrawing, supporting and following proposals."""
from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import attributes

from civic.core import permissions
from civic.core.errors import DomainError, NotFound, PermissionDenied
from civic.core.models import utcnow
from civic.extensions import db
from civic.follows import services as follows
from civic.proposals.models import (
    FOLLOW_TYPE,
    OPEN_STATUSES,
    PROPOSAL_KINDS,
    Proposal,
    ProposalAttachment,
    StatusChange,
    Support,
)
from civic.proposals.notify import notify_threshold
from civic.search.index import index_proposal
from civic.uploads.services import store_upload


def require_confirmed(user) -> None:
    if not getattr(user, "is_confirmed", False):
        raise PermissionDenied(_("Confirm your e-mail address first: open the link we sent "
                                 "you, or ask for a new one."))


def _check_place(latitude, longitude) -> None:
    if (latitude is None) != (longitude is None):
        raise DomainError(_("Give both the latitude and the longitude, or neither."),
                          field="latitude")
    if latitude is None:
        return
    south, west, north, east = current_app.config["MAP_BOUNDS"]
    if not (south <= latitude <= north):
        raise DomainError(_("This latitude is outside %(metropolis)s. Pick a place inside "
                            "the metropolis.", metropolis=current_app.config["METROPOLIS_NAME"]),
                          field="latitude")
    if not (west <= longitude <= east):
        raise DomainError(_("This longitude is outside %(metropolis)s. Pick a place inside "
                            "the metropolis.", metropolis=current_app.config["METROPOLIS_NAME"]),
                          field="longitude")


def _check_organization(author, organization):
    if organization is not None and not permissions.can_act_for_organization(author,
                                                                              organization):
        raise PermissionDenied(_("You can only publish on behalf of an organization you "
                                 "belong to."))


def _apply(proposal: Proposal, author, data: dict) -> None:
    title = (data.get("title") or "").strip()
    if not title or len(title) > 150:
        raise DomainError(_("Give your proposal a title of at most 150 characters."),
                          field="title")
    if data.get("kind") not in PROPOSAL_KINDS:
        raise DomainError(_("Choose whether this is an idea or an experiment proposal."),
                          field="kind")
    if data.get("theme") is None:
        raise DomainError(_("Choose a theme of the master plan."), field="theme")
    _check_place(data.get("latitude"), data.get("longitude"))
    _check_organization(author, data.get("organization"))
    proposal.title = title
    proposal.body = data.get("body") or ""
    proposal.theme = data["theme"]
    proposal.kind = data["kind"]
    proposal.organization = data.get("organization")
    proposal.address = (data.get("address") or "").strip()[:300]
    proposal.latitude = data.get("latitude")
    proposal.longitude = data.get("longitude")


def _attach(user, proposal: Proposal, files) -> None:
    files = [f for f in (files or ()) if f and getattr(f, "filename", "")]
    max_files = current_app.config["ATTACHMENT_MAX_FILES"]
    if len(proposal.attachments) + len(files) > max_files:
        raise DomainError(_("At most %(n)s attachments per proposal.", n=max_files),
                          field="attachments")
    for position, file_storage in enumerate(files, start=len(proposal.attachments)):
        stored = store_upload(file_storage, owner=user, purpose="proposal_attachment",
                              allowed={"image", "pdf"},
                              max_bytes=current_app.config["ATTACHMENT_MAX_BYTES"])
        proposal.attachments.append(ProposalAttachment(file=stored, position=position))


def create_proposal(author, data: dict, files=()) -> Proposal:
    """Save a private draft (its author follows it once it is published)."""
    proposal = Proposal(author=author, status="draft", supports_count=0, comments_count=0,
                        followers_count=0)
    _apply(proposal, author, data)
    db.session.add(proposal)
    _attach(author, proposal, files)
    db.session.flush()
    return proposal


def update_proposal(user, proposal: Proposal, data: dict, files=()) -> Proposal:
    if not permissions.can_edit_proposal(user, proposal):
        raise PermissionDenied(_("This proposal can no longer be edited: it has been "
                                 "answered or has already received supports or comments."))
    _apply(proposal, user, data)
    _attach(user, proposal, files)
    if proposal.status != "draft":
        proposal.edited_at = utcnow()
        index_proposal(proposal)
    db.session.flush()
    return proposal


def record_status_change(proposal: Proposal, actor, to_status: str, answer: str = "",
                         internal_note: str = "") -> StatusChange:
    """Move `proposal` to `to_status` and add the step to its timeline."""
    change = StatusChange(proposal_id=proposal.id, actor_id=getattr(actor, "id", None),
                          from_status=proposal.status, to_status=to_status, answer=answer,
                          internal_note=internal_note)
    db.session.add(change)
    proposal.status = to_status
    return change


def _assign_reference(proposal: Proposal) -> None:
    """P-<year>-<sequence>; a concurrent publication taking the same number makes us retry."""
    prefix = f"P-{proposal.published_at.year}-"
    for attempt in range(20):
        last = db.session.scalar(
            select(Proposal.reference).where(Proposal.reference.like(prefix + "%"))
            .order_by(func.length(Proposal.reference).desc(), Proposal.reference.desc())
            .limit(1)
        )
        number = (int(last.rsplit("-", 1)[1]) if last else 0) + 1 + attempt
        try:
            with db.session.begin_nested():
                db.session.execute(
                    update(Proposal).where(Proposal.id == proposal.id)
                    .values(reference=f"{prefix}{number:04d}")
                    .execution_options(synchronize_session=False)
                )
        except IntegrityError:
            continue
        attributes.set_committed_value(proposal, "reference", f"{prefix}{number:04d}")
        return
    raise DomainError(_("Publication is very busy right now. Try again in a moment."))


def publish_proposal(user, proposal: Proposal) -> Proposal:
    """Make a draft public, give it its reference, and have its author follow it."""
    if not permissions.can_publish_proposal(user, proposal):
        raise PermissionDenied(_("Only the author can publish this draft, once."))
    require_confirmed(user)
    proposal.published_at = utcnow()
    record_status_change(proposal, user, "published")
    db.session.flush()
    _assign_reference(proposal)
    follow_proposal(user, proposal)
    index_proposal(proposal)
    return proposal


def withdraw_proposal(user, proposal: Proposal) -> Proposal:
    if not permissions.can_withdraw_proposal(user, proposal):
        raise PermissionDenied(_("Only the author can withdraw a proposal, and only before "
                                 "it is accepted or rejected."))
    proposal.withdrawn_at = utcnow()
    record_status_change(proposal, user, "withdrawn")
    db.session.flush()
    index_proposal(proposal)
    return proposal


# --- supports ------------------------------------------------------------------------

def support_threshold(proposal: Proposal) -> int:
    theme = proposal.theme
    if theme is not None and theme.support_threshold:
        return theme.support_threshold
    return current_app.config["PROPOSAL_SUPPORT_THRESHOLD"]


def _check_can_support(user, proposal: Proposal) -> None:
    if proposal.author_id == getattr(user, "id", None):
        raise DomainError(_("You cannot support your own proposal. Share it so others "
                            "support it."))
    require_confirmed(user)
    if proposal.status not in OPEN_STATUSES:
        raise DomainError(_("This proposal no longer accepts supports."))
    theme = proposal.theme
    now = utcnow()
    if theme is not None and theme.campaign_opens_at and now < theme.campaign_opens_at:
        raise DomainError(_("Supports for this theme open on %(date)s.",
                            date=theme.campaign_opens_at.date().isoformat()))
    if theme is not None and theme.campaign_closes_at and now > theme.campaign_closes_at:
        raise DomainError(_("The support campaign for this theme is closed."))


def _bump(proposal: Proposal, column: str, delta: int) -> int:
    """Change a counter in SQL (never read-modify-write) and return its new value."""
    value = db.session.execute(
        update(Proposal).where(Proposal.id == proposal.id)
        .values({column: getattr(Proposal, column) + delta})
        .returning(getattr(Proposal, column))
        .execution_options(synchronize_session=False)
    ).scalar_one()
    attributes.set_committed_value(proposal, column, value)
    return value


def has_supported(user, proposal: Proposal) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return db.session.scalar(
        select(Support.id).where(Support.proposal_id == proposal.id,
                                 Support.user_id == user.id)
    ) is not None


def support_proposal(user, proposal: Proposal) -> bool:
    """Add `user`'s support; False if they already supported (no count change)."""
    _check_can_support(user, proposal)
    try:
        with db.session.begin_nested():
            db.session.add(Support(proposal_id=proposal.id, user_id=user.id))
            db.session.flush()
    except IntegrityError:
        # Supported already (maybe by a concurrent request): show the count as it is now.
        attributes.set_committed_value(proposal, "supports_count", db.session.scalar(
            select(Proposal.supports_count).where(Proposal.id == proposal.id)))
        return False
    count = _bump(proposal, "supports_count", 1)
    if proposal.threshold_reached_at is None and count >= support_threshold(proposal):
        _mark_threshold_reached(proposal)
    return True


def unsupport_proposal(user, proposal: Proposal) -> bool:
    """Take `user`'s support back while the proposal is open; False if there was none."""
    if proposal.status not in OPEN_STATUSES:
        raise DomainError(_("This proposal is closed: supports can no longer change."))
    result = db.session.execute(
        Support.__table__.delete().where(Support.proposal_id == proposal.id,
                                         Support.user_id == user.id)
    )
    if not result.rowcount:
        return False
    _bump(proposal, "supports_count", -1)
    return True


def set_support(user, proposal: Proposal, wanted: bool | None = None) -> bool:
    """Support (`wanted` True), take the support back (False) or toggle (None); returns
    whether `user` now supports it. Saying what is wanted makes a double click harmless."""
    if wanted is None:
        wanted = not has_supported(user, proposal)
    if wanted:
        support_proposal(user, proposal)
    else:
        unsupport_proposal(user, proposal)
    return wanted


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
    if not permissions.can_view_proposal(user, proposal):
        raise NotFound(_("This proposal does not exist."))
    if not follows.add_follow(user, FOLLOW_TYPE, proposal.id):
        return False
    _bump(proposal, "followers_count", 1)
    return True


def is_following(user, proposal: Proposal) -> bool:
    return follows.is_following(user, FOLLOW_TYPE, proposal.id)


def unfollow_proposal(user, proposal: Proposal) -> bool:
    if not follows.remove_follow(user, FOLLOW_TYPE, proposal.id):
        return False
    _bump(proposal, "followers_count", -1)
    return True


def set_follow(user, proposal: Proposal, wanted: bool | None = None) -> bool:
    """Follow (`wanted` True), stop (False) or toggle (None); returns whether `user` now
    follows the proposal."""
    if wanted is None:
        wanted = not is_following(user, proposal)
    if wanted:
        follow_proposal(user, proposal)
    else:
        unfollow_proposal(user, proposal)
    return wanted
