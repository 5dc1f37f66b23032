"""The master plan's public pages: the current version (default view), any published
version (permalink), the history, the differences between two versions, downloads, and one
section with its comment thread. Staff editing lives in views_edit.py."""
from __future__ import annotations

import re

from flask import Blueprint, Response, abort, current_app, render_template, request
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from civic.core.errors import render_error
from civic.core.permissions import public
from civic.extensions import db
from civic.masterplan import exports, queries
from civic.masterplan.diffs import diff_revisions
from civic.masterplan.models import Section
from civic.masterplan.queries import (
    campaign_closed_reason,
    list_axes,
    outline,
    previous_number,
    published_revisions,
)
from civic.masterplan.revisions import current_revision, revision_by_number

bp = Blueprint("masterplan", __name__, url_prefix="/plan")

MAX_ID = 2**31 - 1  # larger numbers in an address cannot exist (and overflow on PostgreSQL)


def load_revision(number: int):
    """A published version by number, or a 404 saying there is none."""
    return revision_by_number(number if number <= MAX_ID else 0)


def _document(revision, current):
    return render_template("masterplan/index.html", revision=revision,
                           outline=outline(revision.sections),
                           is_current=current is not None and revision.id == current.id,
                           current=current, pdf_available=exports.pdf_available())


@bp.get("/")
@public
def index():
    current = current_revision()
    if current is None:  # nothing published yet: the sections as they stand
        return render_template("masterplan/index.html", revision=None, axes=list_axes())
    return _document(current, current)


@bp.get("/v/<int:number>")
@public
def revision(number: int):
    found = load_revision(number)
    return _document(found, current_revision())


@bp.get("/history")
@public
def history():
    return render_template("masterplan/history.html", rows=queries.history(),
                           current=current_revision())


def _version_argument(name: str) -> int | None:
    raw = request.args.get(name, "").strip().lstrip("v")
    if not raw:
        return None
    if not re.fullmatch(r"[0-9]{1,9}", raw):
        abort(400)
    return int(raw)


@bp.get("/diff")
@public
def diff():
    revisions = published_revisions()
    if not revisions:
        return render_error(404, _("The master plan has not been published yet."))
    to_number = _version_argument("to") or revisions[0].number
    from_number = _version_argument("from")
    if from_number is None:
        from_number = previous_number(to_number) or to_number
    new = revision_by_number(to_number)
    old = revision_by_number(from_number)
    diffs = diff_revisions(old, new) if old.id != new.id else []
    return render_template("masterplan/diff.html", old=old, new=new, revisions=revisions,
                           changed=[d for d in diffs if d.changed],
                           unchanged=[d for d in diffs if not d.changed])


@bp.get("/v/<int:number>.md")
@public
def markdown(number: int):
    found = load_revision(number)
    body = exports.revision_markdown(found, current_app.config.get("SITE_NAME", ""))
    return Response(body, mimetype="text/markdown", headers={
        "Content-Disposition": f'attachment; filename="{exports.filename(found, "md")}"'})


@bp.get("/v/<int:number>/print")
@public
def print_version(number: int):
    return exports.revision_print_html(load_revision(number))


@bp.get("/v/<int:number>.pdf")
@public
def pdf(number: int):
    found = load_revision(number)
    if not exports.pdf_available():
        return render_error(404, _("This server has no PDF engine: download the Markdown "
                                   "version or print the printable page to PDF instead."))
    return Response(exports.revision_pdf(found, request.url_root),  # pragma: no cover
                    mimetype="application/pdf", headers={
                        "Content-Disposition":
                            f'attachment; filename="{exports.filename(found, "pdf")}"'})


@bp.get("/sections/<int:section_id>")
@public
def section(section_id: int):
    if section_id > MAX_ID:
        abort(404)
    found = db.session.execute(
        select(Section).options(joinedload(Section.parent)).where(Section.id == section_id)
    ).scalar_one_or_none()
    if found is None:
        abort(404)
    return render_template("masterplan/section.html", section=found,
                           campaign_closed=campaign_closed_reason(found),
                           current=current_revision())
