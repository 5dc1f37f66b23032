"""Proposing, editing, publishing and withdrawing proposals.

Supports and follows are in supports.py.
"""
from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import attributes

from civic.core import permissions
from civic.core.errors import DomainError, PermissionDenied
from civic.core.models import utcnow
from civic.core.places import check_place
from civic.extensions import db
from civic.moderation.services import (
    close_case_by_author,
    initial_moderation,
    open_pending_case,
)
from civic.proposals.checks import require_confirmed, require_unblocked
from civic.proposals.models import PROPOSAL_KINDS, Proposal, ProposalAttachment, StatusChange
from civic.proposals.supports import (  # noqa: F401 - also reachable from here
    follow_proposal,
    has_supported,
    is_following,
    set_follow,
    set_support,
    support_proposal,
    support_threshold,
    unfollow_proposal,
    unsupport_proposal,
)
from civic.search.index import index_proposal
from civic.uploads.services import clean_filename, store_upload


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
    check_place(data.get("latitude"), data.get("longitude"))
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
        try:
            stored = store_upload(file_storage, owner=user, purpose="proposal_attachment",
                                  allowed={"image", "pdf"},
                                  max_bytes=current_app.config["ATTACHMENT_MAX_BYTES"])
        except DomainError as exc:  # say which of the files, next to the field
            raise DomainError(_("%(name)s: %(reason)s",
                                name=clean_filename(file_storage.filename),
                                reason=exc.message), field="attachments") from exc
        proposal.attachments.append(ProposalAttachment(file=stored, position=position))


def create_proposal(author, data: dict, files=()) -> Proposal:
    """Save a private draft (its author follows it once it is published)."""
    require_unblocked(author)
    proposal = Proposal(author=author, status="draft", supports_count=0, comments_count=0,
                        followers_count=0)
    _apply(proposal, author, data)
    db.session.add(proposal)
    _attach(author, proposal, files)
    db.session.flush()
    return proposal


def update_proposal(user, proposal: Proposal, data: dict, files=()) -> Proposal:
    require_unblocked(user)
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
    """Make a draft public, give it its reference, and have its author follow it.

    Under pre-moderation (CIVIC_PREMODERATION) the proposal waits for the moderators'
    approval instead ("pending", seen by its author and the moderators only): the case
    goes to the moderators' queue, and `proposal.is_pending` tells the caller."""
    require_unblocked(user)
    if not permissions.can_publish_proposal(user, proposal):
        raise PermissionDenied(_("Only the author can publish this draft, once."))
    require_confirmed(user)
    proposal.published_at = utcnow()
    proposal.moderation = initial_moderation(user)
    record_status_change(proposal, user, "published")
    db.session.flush()
    _assign_reference(proposal)
    follow_proposal(user, proposal)
    index_proposal(proposal)  # the lists and search filter on `moderation` themselves
    if proposal.moderation == "pending":
        open_pending_case("proposal", proposal, user.id)  # tells the moderators too
    return proposal


def announce_proposal(proposal: Proposal) -> Proposal:
    """A moderator approved a pre-moderated proposal (the moderation decision's hook): do
    what publishing does for a proposal nothing holds back. Publishing already gave it its
    reference, its timeline step, its author's follow and its search entry while it
    waited; nobody else is notified of a new proposal (no one follows a theme), and the
    lists, search, similar proposals, statistics and activity lists show it as soon as it
    is visible. What remains is its date: it is public from now, so it comes first among
    the newest proposals, as one published directly would."""
    proposal.published_at = utcnow()
    index_proposal(proposal)
    db.session.flush()
    return proposal


def withdraw_proposal(user, proposal: Proposal) -> Proposal:
    """The author withdraws: it stays public, marked withdrawn. One still awaiting the
    moderators' approval stays unpublished and leaves their queue (its case is closed);
    reports on a public one stay open, since it is still shown."""
    if not permissions.can_withdraw_proposal(user, proposal):
        raise PermissionDenied(_("Only the author can withdraw a proposal, and only before "
                                 "it is accepted or rejected."))
    proposal.withdrawn_at = utcnow()
    record_status_change(proposal, user, "withdrawn")
    db.session.flush()
    index_proposal(proposal)
    if proposal.moderation == "pending":
        close_case_by_author("proposal", proposal, user, statuses=("pending",))
    return proposal
