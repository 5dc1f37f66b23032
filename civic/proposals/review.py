"""The usage lab's workflow: move proposals along, with a public answer."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from civic.audit.services import record
from civic.core import permissions
from civic.core.errors import DomainError, PermissionDenied
from civic.core.models import utcnow
from civic.extensions import db
from civic.proposals.forms import STATUS_LABELS
from civic.proposals.models import OPEN_STATUSES, Proposal, StatusChange
from civic.proposals.notify import notify_status_change
from civic.proposals.services import record_status_change
from civic.search.index import index_proposal

# Who may move a proposal from one status to another. The author publishes drafts and
# withdraws open proposals (services.py); the Lab does everything else.
AUTHOR_TRANSITIONS = {
    "draft": ("published",),
    "published": ("withdrawn",),
    "under_review": ("withdrawn",),
}
REVIEW_TRANSITIONS = {
    "published": ("under_review", "accepted", "rejected"),
    "under_review": ("accepted", "rejected"),
    "accepted": ("experimenting", "integrated"),
    "experimenting": ("integrated",),
}
ANSWER_REQUIRED = ("rejected",)
REVIEW_PAGE_SIZE = 25


def next_statuses(proposal: Proposal) -> tuple[str, ...]:
    return REVIEW_TRANSITIONS.get(proposal.status, ())


def change_status(actor, proposal: Proposal, to_status: str, *, answer: str = "",
                  internal_note: str = "") -> StatusChange:
    """Move `proposal` to `to_status`, answer publicly, log it, and tell its followers."""
    if not permissions.can_review_proposal(actor, proposal):
        raise PermissionDenied(_("Only the usage lab and the metropolis' staff can change "
                                 "the status of a proposal."))
    allowed = next_statuses(proposal)
    if to_status not in allowed:
        current = STATUS_LABELS.get(proposal.status, proposal.status)
        target = STATUS_LABELS.get(to_status, to_status)
        if allowed:
            raise DomainError(_("A proposal cannot go from “%(current)s” to “%(target)s”. "
                                "Possible next steps: %(steps)s.", current=current,
                                target=target,
                                steps=", ".join(str(STATUS_LABELS[s]) for s in allowed)),
                              field="status")
        raise DomainError(_("A proposal that is “%(current)s” cannot change status any more.",
                            current=current), field="status")
    answer = (answer or "").strip()
    if to_status in ANSWER_REQUIRED and not answer:
        raise DomainError(_("Explain the decision in a public answer: it is required to "
                            "reject a proposal."), field="answer")
    from_status = proposal.status
    change = record_status_change(proposal, actor, to_status, answer,
                                  (internal_note or "").strip())
    if answer:
        proposal.answer = answer
        proposal.answered_at = utcnow()
    record(actor, "proposal.status", proposal, target_label=proposal.reference or proposal.title,
           reason=answer, before={"status": from_status}, after={"status": to_status})
    db.session.flush()
    index_proposal(proposal)
    notify_status_change(proposal, change, actor)
    return change


def timeline(proposal: Proposal) -> list[StatusChange]:
    """Every status change, oldest first (callers hide internal notes from the public)."""
    return list(db.session.scalars(
        select(StatusChange).options(joinedload(StatusChange.actor))
        .where(StatusChange.proposal_id == proposal.id)
        .order_by(StatusChange.created_at, StatusChange.id)
    ))


def review_queue(*, theme_id: int = 0, status: str = "", kind: str = "", threshold: str = "",
                 sort: str = "oldest", page: int = 1):
    """Proposals awaiting an answer, filtered and paginated (two queries whatever the size)."""
    query = select(Proposal).options(joinedload(Proposal.theme), joinedload(Proposal.author),
                                     joinedload(Proposal.organization))
    statuses = (status,) if status in OPEN_STATUSES else OPEN_STATUSES
    # Hidden proposals are out of the queue; pending ones are not published yet (the
    # moderation queue approves them first).
    query = query.where(Proposal.status.in_(statuses), Proposal.moderation == "visible")
    if theme_id:
        query = query.where(Proposal.theme_id == theme_id)
    if kind:
        query = query.where(Proposal.kind == kind)
    if threshold == "reached":
        query = query.where(Proposal.threshold_reached_at.is_not(None))
    elif threshold == "not_reached":
        query = query.where(Proposal.threshold_reached_at.is_(None))
    if sort == "supports":
        query = query.order_by(Proposal.supports_count.desc(), Proposal.published_at,
                               Proposal.id)
    else:
        query = query.order_by(Proposal.published_at, Proposal.id)
    return db.paginate(query, page=page, per_page=REVIEW_PAGE_SIZE, error_out=False,
                       count=True)


def awaiting_count() -> int:
    return db.session.scalar(
        select(func.count(Proposal.id)).where(Proposal.status.in_(OPEN_STATUSES),
                                              Proposal.moderation == "visible")) or 0
