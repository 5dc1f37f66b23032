"""What the proposal pages need: loading, theme choices, similar proposals, page context."""
from __future__ import annotations

from flask import abort, current_app
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from civic import search
from civic.core import permissions
from civic.extensions import db
from civic.masterplan.models import Section
from civic.proposals import review, supports
from civic.proposals.forms import KIND_LABELS, STATUS_LABELS, StatusForm, choices
from civic.proposals.models import Proposal, ProposalAttachment


def load_proposal(proposal_id: int) -> Proposal:
    """The proposal with everything its page shows, in one query; 404 if it is hidden."""
    proposal = db.session.execute(
        select(Proposal)
        .options(joinedload(Proposal.theme), joinedload(Proposal.author),
                 joinedload(Proposal.organization),
                 selectinload(Proposal.attachments).joinedload(ProposalAttachment.file))
        .where(Proposal.id == proposal_id)
    ).unique().scalar_one_or_none()
    if proposal is None or not permissions.can_view_proposal(current_user, proposal):
        abort(404)
    return proposal


def theme_choices() -> list[Section]:
    """Axes in plan order, each followed by its flagship projects."""
    sections = list(db.session.scalars(select(Section).order_by(Section.position,
                                                                Section.id)))
    children: dict[int, list[Section]] = {}
    for section in sections:
        if section.parent_id is not None:
            children.setdefault(section.parent_id, []).append(section)
    ordered = []
    for axis in (s for s in sections if s.parent_id is None):
        ordered.append(axis)
        ordered.extend(children.get(axis.id, []))
    return ordered


def similar_to(proposal: Proposal) -> list:
    """Published proposals most like this one."""
    return search.similar_proposals(proposal.title, proposal.body, proposal.id, limit=5)


def status_form(proposal: Proposal, form: StatusForm | None = None) -> StatusForm | None:
    if not permissions.can_review_proposal(current_user, proposal):
        return None
    form = form or StatusForm(formdata=None)
    form.status.choices = choices((s, STATUS_LABELS[s]) for s in review.next_statuses(proposal))
    return form


def detail_context(proposal: Proposal, form: StatusForm | None = None) -> dict:
    return {
        "proposal": proposal,
        "timeline": review.timeline(proposal),
        "similar": similar_to(proposal),
        "supported": supports.has_supported(current_user, proposal),
        "following": supports.is_following(current_user, proposal),
        "threshold": supports.support_threshold(proposal),
        "status_form": status_form(proposal, form),
        "is_reviewer": permissions.can_review_proposal(current_user, proposal),
        "has_map": "proposals.map" in current_app.view_functions,
        "status_labels": STATUS_LABELS, "kind_labels": KIND_LABELS,
    }
