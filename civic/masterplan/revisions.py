"""The master plan's revisions: the current published one, the draft, citing sources.

The building blocks every domain shares (amendments go into the draft, proposals and
experiments are cited as sources). Editing, publishing and diffs build on them.
"""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from civic.core import permissions
from civic.core.errors import DomainError, NotFound, PermissionDenied
from civic.core.models import utcnow
from civic.extensions import db
from civic.masterplan.models import (
    SOURCE_TYPES,
    PlanRevision,
    RevisionSection,
    RevisionSource,
    Section,
)

TEXT_FIELDS = ("title", "summary", "body", "objectives", "indicators")


def current_revision() -> PlanRevision | None:
    """The published revision with the highest number (None before the first one)."""
    return db.session.scalars(
        select(PlanRevision).where(PlanRevision.status == "published")
        .order_by(PlanRevision.number.desc()).limit(1)).first()


def revision_by_number(number: int) -> PlanRevision:
    revision = db.session.scalars(
        select(PlanRevision).where(PlanRevision.number == number,
                                   PlanRevision.status == "published")).first()
    if revision is None:
        raise NotFound(_("There is no version %(number)s of the master plan.", number=number))
    return revision


def open_draft() -> PlanRevision | None:
    return db.session.scalars(
        select(PlanRevision).where(PlanRevision.status == "draft")
        .order_by(PlanRevision.id).limit(1)).first()


def _require_editor(actor) -> None:
    if not permissions.can_edit_plan(actor):
        raise PermissionDenied(_("Only the metropolis' staff edit the master plan."))


def start_draft(actor) -> PlanRevision:
    """The draft of the next revision (created from the current text when there is none)."""
    _require_editor(actor)
    draft = open_draft()
    if draft is not None:
        return draft
    base = current_revision()
    draft = PlanRevision(status="draft", based_on=base, created_by_id=actor.id,
                         created_at=utcnow())
    if base is not None:
        for text in base.sections:
            draft.sections.append(RevisionSection(
                section_id=text.section_id, parent_section_id=text.parent_section_id,
                position=text.position, **{name: getattr(text, name) for name in TEXT_FIELDS}))
    else:  # no revision yet: start from the sections as they stand
        for section in db.session.scalars(select(Section).order_by(Section.id)):
            draft.sections.append(RevisionSection(
                section_id=section.id, parent_section_id=section.parent_id,
                position=section.position,
                **{name: getattr(section, name) or "" for name in TEXT_FIELDS}))
    try:
        with db.session.begin_nested():
            db.session.add(draft)
            db.session.flush()
    except IntegrityError:  # someone else started the draft at the same moment: use theirs
        return open_draft()
    return draft


def section_text(revision: PlanRevision, section_id: int) -> RevisionSection:
    text = db.session.scalars(
        select(RevisionSection).where(RevisionSection.revision_id == revision.id,
                                      RevisionSection.section_id == section_id)).first()
    if text is None:
        raise NotFound(_("This section is not part of this version of the master plan."))
    return text


def cite_source(actor, draft: PlanRevision, section_id: int, source_type: str, source_id: int,
                note: str = "") -> RevisionSource:
    """Credit a contribution for the draft's change of one section (once per section)."""
    _require_editor(actor)
    if not draft.is_draft:
        raise DomainError(_("A published version cannot change: cite it in the next draft."))
    if source_type not in SOURCE_TYPES:
        raise DomainError(_("Cite a proposal, an amendment or an experiment."),
                          field="source_type")
    section_text(draft, section_id)  # 404 when the section is not in the plan
    existing = db.session.scalars(select(RevisionSource).where(
        RevisionSource.revision_id == draft.id, RevisionSource.section_id == section_id,
        RevisionSource.source_type == source_type, RevisionSource.source_id == source_id)).first()
    if existing is not None:
        if note:
            existing.note = note
        return existing
    source = RevisionSource(revision=draft, section_id=section_id, source_type=source_type,
                            source_id=source_id, note=note, created_by_id=actor.id)
    db.session.add(source)
    db.session.flush()
    return source
