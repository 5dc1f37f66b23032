"""GET /api/v1/amendments[/<id>]: the public amendments to the master plan (those the
moderators hid or have not approved yet are left out, and 404)."""
from __future__ import annotations

from flask import jsonify, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from civic.amendments.models import AMENDMENT_STATUSES, Amendment
from civic.api.params import BadParameter, choice, not_found, page_and_size, page_response
from civic.api.serialize import _iso, absolute, author, organization, theme
from civic.api.views import bp
from civic.core.pagination import Page
from civic.core.permissions import public
from civic.core.public import visible
from civic.extensions import db
from civic.proposals.queries import find_theme


def serialize_amendment(a: Amendment) -> dict:
    return {
        "id": a.id, "title": a.title, "status": a.status,
        "section": theme(a.section),
        "base_revision": a.base_revision.number if a.base_revision else None,
        "proposed_body": a.proposed_body or "", "justification": a.justification or "",
        "answer": a.answer or "",
        "author": author(a.author), "organization": organization(a.organization),
        "supports_count": a.supports_count, "comments_count": a.comments_count,
        "created_at": _iso(a.created_at), "decided_at": _iso(a.decided_at),
        "accepted_into": a.accepted_into.number if a.accepted_into else None,
        "url": absolute(url_for("amendments.detail", amendment_id=a.id)),
    }


def _query():
    return (select(Amendment).where(visible(Amendment))
            .options(joinedload(Amendment.section), joinedload(Amendment.author),
                     joinedload(Amendment.organization), joinedload(Amendment.base_revision),
                     joinedload(Amendment.accepted_into)))


@bp.get("/amendments")
@public
def amendments():
    status = choice("status", AMENDMENT_STATUSES)
    conditions = [visible(Amendment)]
    if value := request.args.get("section"):
        section = find_theme(value)
        if section is None:
            with force_locale("en"):
                raise BadParameter("section", _("There is no such section of the master "
                                                "plan."))
        conditions.append(Amendment.section_id == section.id)
    if status:
        conditions.append(Amendment.status == status)
    page, per_page = page_and_size()
    total = db.session.scalar(select(func.count(Amendment.id)).where(*conditions)) or 0
    items = list(db.session.scalars(
        _query().where(*conditions).order_by(Amendment.created_at.desc(), Amendment.id.desc())
        .limit(per_page).offset((page - 1) * per_page)))
    return page_response(Page(items=items, page=page, per_page=per_page, total=total),
                         serialize_amendment)


@bp.get("/amendments/<int:amendment_id>")
@public
def amendment(amendment_id: int):
    found = db.session.scalars(_query().where(Amendment.id == amendment_id)).first()
    if found is None:
        with force_locale("en"):
            return not_found(_("This amendment does not exist or is not public."))
    return jsonify(serialize_amendment(found))
