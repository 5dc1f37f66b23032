"""Editing the master plan's draft and publishing it as the next version (v1, v2, …).

Saves are optimistic: a save based on an older version of a section's text is refused with
a Conflict (the person keeps their text and sees the other one). Publication is numbered
inside the transaction; the unique number and a conditional update make a double
publication fail cleanly instead of writing twice.
"""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from civic.audit.services import record
from civic.core import permissions
from civic.core.errors import Conflict, DomainError, PermissionDenied
from civic.core.models import utcnow
from civic.extensions import db
from civic.masterplan import provenance
from civic.masterplan.diffs import diff_revisions
from civic.masterplan.models import PlanRevision, Section
from civic.masterplan.revisions import TEXT_FIELDS, current_revision, section_text

TITLE_MAX = 200
SUMMARY_MAX = 2_000
TEXT_MAX = 50_000


def _require_editor(actor) -> None:
    if not permissions.can_edit_plan(actor):
        raise PermissionDenied(_("Only the metropolis' staff edit the master plan."))


def _require_draft(revision: PlanRevision) -> None:
    if revision is None or not revision.is_draft:
        raise DomainError(_("This version is published and cannot change any more: start a "
                            "new draft to edit the plan."))


def _conflict() -> Conflict:
    return Conflict(_("Someone else saved this section while you were editing it. Your text "
                      "is kept below, next to theirs: compare them, then save again to "
                      "replace their text with yours."))


def edit_section_text(actor, draft: PlanRevision, section_id: int, data: dict,
                      expected_version: int | None):
    """Change a section's text in the draft. `data` holds some of title, summary, body,
    objectives, indicators (and position); only those are changed. `expected_version` is
    the version the editor loaded (None: no check, for automated edits such as accepted
    amendments)."""
    _require_editor(actor)
    _require_draft(draft)
    text = section_text(draft, section_id)
    if expected_version is not None and text.version != expected_version:
        raise _conflict()
    values = {name: (data[name] or "").strip() for name in TEXT_FIELDS if name in data}
    if "title" in values:
        if not values["title"]:
            raise DomainError(_("Give the section a title."), field="title")
        if len(values["title"]) > TITLE_MAX:
            raise DomainError(_("Give the section a title of at most %(n)s characters.",
                                n=TITLE_MAX), field="title")
    if len(values.get("summary", "")) > SUMMARY_MAX:
        raise DomainError(_("Keep the summary under %(n)s characters.", n=SUMMARY_MAX),
                          field="summary")
    for name in ("body", "objectives", "indicators"):
        if len(values.get(name, "")) > TEXT_MAX:
            raise DomainError(_("This text is too long: at most %(n)s characters.",
                                n=TEXT_MAX), field=name)
    for name, value in values.items():
        setattr(text, name, value)
    if data.get("position") is not None:
        text.position = int(data["position"])
    text.edited_by_id = actor.id
    text.edited_at = utcnow()
    try:
        db.session.flush()
    except StaleDataError as error:  # saved by someone else between our check and write
        raise _conflict() from error
    return text


def discard_draft(actor, draft: PlanRevision) -> None:
    """Throw the draft away (the published version stays as it is)."""
    from civic.amendments.services import release_from_draft

    _require_editor(actor)
    _require_draft(draft)
    release_from_draft(actor, draft)  # amendments accepted into it wait for a decision again
    record(actor, "masterplan.discard_draft", draft, target_label=_("draft"))
    db.session.delete(draft)
    db.session.flush()


def _next_number() -> int:
    return (db.session.scalar(select(func.max(PlanRevision.number))) or 0) + 1


def _already_published() -> Conflict:
    return Conflict(_("This draft was published by someone else at the same time. Open "
                      "the history to see the new version; start a new draft for further "
                      "changes."))


def publish_draft(actor, draft: PlanRevision, summary: str) -> PlanRevision:
    """Publish the draft as the next version: numbered, dated, signed, summarised; the
    sections' current text (themes, section pages) becomes the draft's."""
    _require_editor(actor)
    _require_draft(draft)
    summary = (summary or "").strip()
    if not summary:
        raise DomainError(_("Summarise what changed in this version: the summary is shown "
                            "in the history."), field="summary")
    if len(summary) > SUMMARY_MAX:
        raise DomainError(_("Keep the summary under %(n)s characters.", n=SUMMARY_MAX),
                          field="summary")
    base = current_revision()
    if base is not None and base.id == draft.id:  # published meanwhile by someone else
        raise _already_published()
    changes = [diff for diff in diff_revisions(base, draft) if diff.changed]
    if base is not None and not changes:
        raise DomainError(_("Nothing changed since the current version %(label)s: edit a "
                            "section before publishing.", label=f"v{base.number}"))
    number = _next_number()
    now = utcnow()
    try:
        with db.session.begin_nested():
            result = db.session.execute(
                update(PlanRevision)
                .where(PlanRevision.id == draft.id, PlanRevision.status == "draft")
                .values(status="published", number=number, summary=summary,
                        published_by_id=actor.id, published_at=now)
                .execution_options(synchronize_session=False))
    except IntegrityError as error:  # another draft took this number at the same time
        raise _already_published() from error
    if result.rowcount != 1:
        raise _already_published()
    db.session.refresh(draft)
    _copy_texts_to_sections(draft)
    record(actor, "masterplan.publish", draft, target_label=f"v{number}", reason=summary,
           after={"number": number, "changed_sections": len(changes)})
    db.session.flush()
    provenance.after_publish(actor, draft)
    db.session.flush()
    return draft


def _copy_texts_to_sections(revision: PlanRevision) -> None:
    """Sections (themes, section pages) show the text of the current version."""
    texts = list(revision.sections)
    sections = {section.id: section for section in db.session.scalars(
        select(Section).where(Section.id.in_([text.section_id for text in texts])))}
    for text in texts:
        section = sections[text.section_id]
        for name in TEXT_FIELDS:
            setattr(section, name, getattr(text, name))
        section.position = text.position
        section.parent_id = text.parent_section_id
