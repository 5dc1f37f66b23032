"""GET /api/v1/master-plan...: the published versions of the master plan, their
differences and the sources of each section (same blueprint as the rest of the API).
Drafts are never shown."""
from __future__ import annotations

from flask import jsonify, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload
from werkzeug.routing import BuildError

from civic.api.http import last_modified
from civic.api.params import MAX_ID, page_and_size, page_response, slice_page, whole_number
from civic.api.serialize import _iso, absolute
from civic.api.views import bp
from civic.core.errors import render_error
from civic.core.permissions import public
from civic.extensions import db
from civic.masterplan import citations, provenance
from civic.masterplan.models import PlanRevision, Section
from civic.masterplan.revisions import TEXT_FIELDS


def _not_found(detail: str):
    return render_error(404, detail)


def _revision_url(number: int) -> str | None:
    try:
        return absolute(url_for("masterplan.revision", number=number))
    except BuildError:  # no permalink page
        return None


def _author(user) -> str | None:
    return user.public_name if user is not None else None


def _summary(revision: PlanRevision) -> dict:
    return {"number": revision.number, "published_at": _iso(revision.published_at),
            "summary": revision.summary or "", "author": _author(revision.published_by),
            "url": _revision_url(revision.number)}


def _text(text, slugs: dict[int, str]) -> dict:
    return {"id": text.section_id, "slug": slugs.get(text.section_id),
            **{name: getattr(text, name) or "" for name in TEXT_FIELDS},
            "position": text.position,
            "url": absolute(url_for("masterplan.section", section_id=text.section_id))}


def _tree(revision: PlanRevision) -> list[dict]:
    """Axes in order, each with its flagship projects (a project whose axis is missing
    from the version is listed as an axis)."""
    slugs = dict(db.session.execute(select(Section.id, Section.slug)).all())
    texts = list(revision.sections)
    present = {text.section_id for text in texts}

    def order(text):
        return (text.position, text.section_id)

    axes = sorted((t for t in texts if t.parent_section_id not in present), key=order)
    tree = []
    for axis in axes:
        projects = sorted((t for t in texts if t.parent_section_id == axis.section_id),
                          key=order)
        tree.append({**_text(axis, slugs), "projects": [_text(p, slugs) for p in projects]})
    return tree


def _full(revision: PlanRevision) -> dict:
    return {**_summary(revision), "sections": _tree(revision)}


def _published(number: int | None = None) -> PlanRevision | None:
    query = (select(PlanRevision).where(PlanRevision.status == "published")
             .options(joinedload(PlanRevision.published_by),
                      selectinload(PlanRevision.sections)))
    if number is None:
        query = query.order_by(PlanRevision.number.desc()).limit(1)
    else:
        query = query.where(PlanRevision.number == number)
    return db.session.scalars(query).first()


def _missing_version(number: int):
    with force_locale("en"):
        return _not_found(_("There is no version %(number)s of the master plan.",
                            number=number))


@bp.get("/master-plan")
@public
def master_plan():
    revision = _published()
    if revision is None:
        with force_locale("en"):
            return _not_found(_("The master plan has not been published yet."))
    last_modified(revision.published_at)
    return jsonify(_full(revision))


@bp.get("/master-plan/revisions")
@public
def master_plan_revisions():
    page, per_page = page_and_size()
    published = PlanRevision.status == "published"
    total = db.session.scalar(select(func.count(PlanRevision.id)).where(published)) or 0
    revisions = db.session.scalars(
        select(PlanRevision).where(published).options(joinedload(PlanRevision.published_by))
        .order_by(PlanRevision.number.desc()).limit(per_page).offset((page - 1) * per_page))
    return jsonify(items=[_summary(r) for r in revisions], page=page, per_page=per_page,
                   total=total)


@bp.get("/master-plan/revisions/<int:number>")
@public
def master_plan_revision(number: int):
    revision = _published(number)
    if revision is None:
        return _missing_version(number)
    last_modified(revision.published_at)  # a published version never changes
    return jsonify(_full(revision))


def _field_changes(old, new) -> list[dict]:
    from civic.core.sanitize import word_changes

    changes = []
    for name in TEXT_FIELDS:
        before = (getattr(old, name, "") if old is not None else "") or ""
        after = (getattr(new, name, "") if new is not None else "") or ""
        if before != after:
            added, removed = word_changes(before, after)
            changes.append({"field": name, "old": before, "new": after, "added": added,
                            "removed": removed})
    return changes


@bp.get("/master-plan/diff")
@public
def master_plan_diff():
    numbers = {}
    for name in ("from", "to"):
        numbers[name] = whole_number(name, None, MAX_ID)
    old, new = _published(numbers["from"]), _published(numbers["to"])
    for name, revision in (("from", old), ("to", new)):
        if revision is None:
            return _missing_version(numbers[name])
    old_texts = {t.section_id: t for t in old.sections}
    new_texts = {t.section_id: t for t in new.sections}
    order = [t.section_id for t in citations.ordered_texts(new)]  # the new plan's order
    order += [sid for sid in old_texts if sid not in new_texts]
    sections = []
    for section_id in order:
        before, after = old_texts.get(section_id), new_texts.get(section_id)
        fields = _field_changes(before, after)
        moved = (before is not None and after is not None
                 and (before.position, before.parent_section_id)
                 != (after.position, after.parent_section_id))
        if not fields and not moved:
            continue
        status = "added" if before is None else "removed" if after is None else "changed"
        sections.append({
            "id": section_id, "title": (after or before).title, "status": status,
            "moved": moved, "fields": fields,
            "added": sum(f["added"] for f in fields),
            "removed": sum(f["removed"] for f in fields)})
    return jsonify({"from": _summary(old), "to": _summary(new), "sections": sections})


@bp.get("/master-plan/sections/<int:section_id>/sources")
@public
def master_plan_section_sources(section_id: int):
    section = db.session.get(Section, section_id)
    if section is None:
        with force_locale("en"):
            return _not_found(_("This section of the master plan does not exist."))
    items = []
    for cited in provenance.sources_of_section(section_id):
        items.append({
            "revision": cited.revision_number, "cited_at": _iso(cited.published_at),
            "kind": cited.kind, "title": cited.label, "reference": cited.reference or None,
            "url": absolute(cited.url) if cited.url else None, "note": cited.note,
            "outcome": cited.outcome,
            "changes_url": absolute(cited.diff_path)})
    page, per_page = page_and_size()
    return page_response(slice_page(items, page, per_page), lambda item: item,
                         section={"id": section.id, "slug": section.slug,
                                  "title": section.title})
