"""GET /api/v1/...: public, read-only JSON. Bad parameters get a 400 naming them."""
from __future__ import annotations

from flask import Blueprint, abort, jsonify, request
from flask_babel import force_locale
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from civic.api import serialize
from civic.core.errors import render_error
from civic.core.permissions import public
from civic.extensions import db
from civic.masterplan.models import Section
from civic.proposals import queries, review
from civic.proposals.models import PUBLIC_STATUSES, Proposal

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def bad_parameter(parameter: str, detail: str):
    with force_locale("en"):
        return render_error(400, detail, parameter=parameter)


@bp.get("/proposals")
@public
def proposals():
    with force_locale("en"):
        filters, errors = queries.parse_list_args(request.args, read_seed=True)
        if errors:
            return bad_parameter(errors[0].parameter, errors[0].message)
    page = queries.list_proposals(filters)
    return jsonify(items=[serialize.proposal(p) for p in page.items], page=page.page,
                   per_page=page.per_page, total=page.total)


@bp.get("/proposals/<int:proposal_id>")
@public
def proposal(proposal_id: int):
    found = db.session.scalars(
        select(Proposal)
        .options(joinedload(Proposal.theme), joinedload(Proposal.author),
                 joinedload(Proposal.organization))
        .where(Proposal.id == proposal_id, Proposal.status.in_(PUBLIC_STATUSES),
               Proposal.moderation == "visible")
    ).first()
    if found is None:
        abort(404)
    data = serialize.proposal(found)
    data["answer"] = found.answer or ""
    data["timeline"] = [serialize.status_change(change) for change in review.timeline(found)]
    return jsonify(data)


@bp.get("/themes")
@public
def themes():
    sections = db.session.scalars(select(Section).order_by(Section.parent_id.is_not(None),
                                                           Section.position, Section.id))
    return jsonify(items=[serialize.section(s) for s in sections])
