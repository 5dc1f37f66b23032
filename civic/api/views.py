"""GET /api/v1/...: public, read-only JSON. Bad parameters get a 400 naming them."""
from __future__ import annotations

from flask import Blueprint, abort, jsonify, request
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from civic.api import serialize
from civic.core.permissions import public
from civic.extensions import db
from civic.masterplan.models import Section
from civic.proposals import queries
from civic.proposals.models import PUBLIC_STATUSES, Proposal, StatusChange

bp = Blueprint("api", __name__, url_prefix="/api/v1")

API_PARAMETERS = ("q", "theme", "status", "kind", "author", "place", "sort", "page",
                  "per_page", "seed")


def bad_parameter(parameter: str, detail: str):
    with force_locale("en"):
        title = _("Bad request")
    response = jsonify(error={"status": 400, "title": title, "detail": detail,
                              "parameter": parameter})
    response.status_code = 400
    return response


@bp.get("/proposals")
@public
def proposals():
    seed = 1
    if (value := request.args.get("seed")) is not None:
        seed = queries._int(value, 1, queries.RANDOM_PRIME - 1)
        if seed is None:
            return bad_parameter("seed", f"seed must be a number from 1 to "
                                         f"{queries.RANDOM_PRIME - 1}.")
    with force_locale("en"):
        filters, errors = queries.parse_list_args(request.args, seed=seed)
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
        .where(Proposal.id == proposal_id, Proposal.status.in_(PUBLIC_STATUSES))
    ).first()
    if found is None:
        abort(404)
    timeline = db.session.scalars(
        select(StatusChange).where(StatusChange.proposal_id == found.id)
        .order_by(StatusChange.created_at, StatusChange.id))
    data = serialize.proposal(found)
    data["answer"] = found.answer or ""
    data["timeline"] = [serialize.status_change(change) for change in timeline]
    return jsonify(data)


@bp.get("/themes")
@public
def themes():
    sections = db.session.scalars(select(Section).order_by(Section.parent_id.is_not(None),
                                                           Section.position, Section.id))
    return jsonify(items=[serialize.section(s) for s in sections])
