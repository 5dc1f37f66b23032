"""Citing sources in the draft of the master plan: find the item, check it may be cited,
add or remove the citation (staff only)."""
from __future__ import annotations

import re

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from civic.core import permissions
from civic.core.errors import DomainError, NotFound, PermissionDenied
from civic.extensions import db
from civic.masterplan import revisions
from civic.masterplan.models import SOURCE_TYPES, RevisionSource
from civic.masterplan.provenance import CITABLE_PROPOSAL_STATUSES, _models, is_public, load_items

_NUMBER = re.compile(r"#?\s*(\d{1,9})")


def _require_editor(actor) -> None:
    if not permissions.can_edit_plan(actor):
        raise PermissionDenied(_("Only the metropolis' staff edit the master plan."))


def _not_found(kind: str, reference: str) -> DomainError:
    messages = {
        "proposal": _("There is no proposal “%(reference)s”: give its reference (like "
                      "P-2026-00012) or its number.", reference=reference),
        "amendment": _("There is no amendment number “%(reference)s”: give the number "
                       "shown in its address.", reference=reference),
        "experiment": _("There is no experiment number “%(reference)s”: give the number "
                        "shown in its address.", reference=reference),
    }
    return DomainError(messages[kind], field="reference")


def find_citable(kind: str, reference: str):
    """The proposal, amendment or experiment `reference` names, if it may be cited."""
    if kind not in SOURCE_TYPES:
        raise DomainError(_("Cite a proposal, an amendment or an experiment."), field="kind")
    reference = (reference or "").strip()
    if not reference:
        raise DomainError(_("Give the reference or the number of the item to cite."),
                          field="reference")
    model = _models()[kind]
    item = None
    match = _NUMBER.fullmatch(reference)
    if match:
        item = db.session.get(model, int(match.group(1)))
    elif kind == "proposal":
        item = db.session.scalars(select(model).where(
            func.upper(model.reference) == reference.upper())).first()
    if item is None:
        raise _not_found(kind, reference)
    if kind == "proposal" and item.status == "draft":  # a draft is private: it does not exist
        raise _not_found(kind, reference)
    if not is_public(item):
        raise DomainError(_("“%(title)s” is hidden or awaits the moderators' approval: only "
                            "public contributions can be cited.", title=item.title),
                          field="reference")
    if kind == "proposal" and item.status not in CITABLE_PROPOSAL_STATUSES:
        raise DomainError(_("The proposal “%(title)s” has not been accepted by the usage lab: "
                            "only accepted, experimented or integrated proposals can be "
                            "cited.", title=item.title), field="reference")
    if kind == "amendment" and item.status != "accepted":
        raise DomainError(_("The amendment “%(title)s” has not been accepted: accept it "
                            "before citing it.", title=item.title), field="reference")
    return item


def cite_contribution(actor, section_id: int, kind: str, reference: str,
                      note: str = "") -> RevisionSource:
    """Credit a contribution for the draft's change of a section (starts the draft of the
    next version when there is none)."""
    _require_editor(actor)
    item = find_citable(kind, reference)
    draft = revisions.start_draft(actor)
    return revisions.cite_source(actor, draft, section_id, kind, item.id, (note or "").strip())


def remove_citation(actor, source: RevisionSource) -> None:
    _require_editor(actor)
    if not source.revision.is_draft:
        raise DomainError(_("A published version cannot change: its sources stay."))
    db.session.delete(source)
    db.session.flush()


def load_citation(source_id: int) -> RevisionSource:
    source = db.session.get(RevisionSource, source_id)
    if source is None:
        raise NotFound(_("This citation does not exist (any more)."))
    return source


def draft_citations(draft) -> list[tuple[object, list[tuple[RevisionSource, object]]]]:
    """The draft's citations grouped by section in the plan's order: [(section text,
    [(citation, item or None)])] (three or four queries)."""
    if draft is None:
        return []
    sources = list(db.session.scalars(
        select(RevisionSource).options(joinedload(RevisionSource.section))
        .where(RevisionSource.revision_id == draft.id).order_by(RevisionSource.id)))
    items = load_items((s.source_type, s.source_id) for s in sources)
    by_section: dict[int, list] = {}
    for source in sources:
        by_section.setdefault(source.section_id, []).append(
            (source, items.get((source.source_type, source.source_id))))
    return [(text, by_section[text.section_id]) for text in ordered_texts(draft)
            if text.section_id in by_section]


def ordered_texts(revision) -> list:
    """The revision's section texts: each axis followed by its projects."""
    texts = list(revision.sections)
    axes = sorted((t for t in texts if t.parent_section_id is None),
                  key=lambda t: (t.position, t.section_id))
    ordered = []
    for axis in axes:
        ordered.append(axis)
        ordered.extend(sorted((t for t in texts if t.parent_section_id == axis.section_id),
                              key=lambda t: (t.position, t.section_id)))
    seen = {t.section_id for t in ordered}
    ordered.extend(t for t in texts if t.section_id not in seen)  # orphans, last
    return ordered
