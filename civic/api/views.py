"""GET /api/v1/...: public, read-only JSON. Bad parameters get a 400 naming them.

Every list answers {"items": [...], "page", "per_page", "total"} and reads `page` and
`per_page` the same way (civic.api.params); caching, CORS and the rate limit are set once
for the whole blueprint (civic.api.http). The other endpoints live in the modules imported
at the end of this file (and in civic.api.experiments / civic.api.masterplan).
"""
from __future__ import annotations

from flask import Blueprint, abort, jsonify, request
from flask_babel import force_locale
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from civic.api import serialize
from civic.api.params import bad_parameter, page_and_size, page_response, slice_page
from civic.core.permissions import public
from civic.core.public import public_proposal
from civic.extensions import db
from civic.masterplan.models import Section
from civic.proposals import queries, review
from civic.proposals.models import Proposal

bp = Blueprint("api", __name__, url_prefix="/api/v1")

__all__ = ["bad_parameter", "bp"]


@bp.get("/proposals")
@public
def proposals():
    with force_locale("en"):
        filters, errors = queries.parse_list_args(request.args, read_seed=True)
        if errors:
            return bad_parameter(errors[0].parameter, errors[0].message)
    page = queries.list_proposals(filters)
    return page_response(page, serialize.proposal)


@bp.get("/proposals/<int:proposal_id>")
@public
def proposal(proposal_id: int):
    found = db.session.scalars(
        select(Proposal)
        .options(joinedload(Proposal.theme), joinedload(Proposal.author),
                 joinedload(Proposal.organization))
        .where(Proposal.id == proposal_id, public_proposal())
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
    page, per_page = page_and_size()
    sections = list(db.session.scalars(select(Section).order_by(
        Section.parent_id.is_not(None), Section.position, Section.id)))
    return page_response(slice_page(sections, page, per_page), serialize.section)


# Routes added to `bp` by other modules of the package (imported once `bp` exists).
from civic.api import (  # noqa: E402,F401
    amendments,
    comments,
    docs,
    http,
    organizations,
    statistics,
)
