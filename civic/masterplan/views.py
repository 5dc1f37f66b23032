"""The master plan's pages: its axes and flagship projects, and one section with its
comment thread (issue 5 will rebuild the plan document)."""
from __future__ import annotations

from flask import Blueprint, abort, render_template
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from civic.core.permissions import public
from civic.extensions import db
from civic.masterplan.models import Section
from civic.masterplan.queries import campaign_closed_reason, list_axes

bp = Blueprint("masterplan", __name__, url_prefix="/plan")


@bp.get("/")
@public
def index():
    return render_template("masterplan/index.html", axes=list_axes())


@bp.get("/sections/<int:section_id>")
@public
def section(section_id: int):
    found = db.session.execute(
        select(Section).options(joinedload(Section.parent)).where(Section.id == section_id)
    ).scalar_one_or_none()
    if found is None:
        abort(404)
    return render_template("masterplan/section.html", section=found,
                           campaign_closed=campaign_closed_reason(found))
