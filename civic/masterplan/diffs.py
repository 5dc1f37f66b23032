"""What changed between two versions of the master plan, section by section, word by word.

Sections are matched by their lasting identity (`section_id`); each changed field is shown
with `civic.core.sanitize.render_word_diff` (<del>/<ins> with screen-reader labels).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from civic.core.sanitize import render_word_diff, word_changes
from civic.masterplan.queries import outline
from civic.masterplan.revisions import TEXT_FIELDS

FIELD_LABELS = {
    "title": _l("Title"),
    "summary": _l("Summary"),
    "body": _l("Text"),
    "objectives": _l("Objectives"),
    "indicators": _l("Indicators"),
}


@dataclass
class FieldDiff:
    name: str
    label: str
    html: Markup
    added: int
    removed: int


@dataclass
class SectionDiff:
    """One section between two versions: added, removed, changed or unchanged."""

    section_id: int
    title: str
    status: str  # "added" | "removed" | "changed" | "unchanged"
    old: object | None = None
    new: object | None = None
    fields: list[FieldDiff] = field(default_factory=list)
    moved: bool = False

    @property
    def changed(self) -> bool:
        return self.status != "unchanged"

    @property
    def added(self) -> int:
        return sum(f.added for f in self.fields)

    @property
    def removed(self) -> int:
        return sum(f.removed for f in self.fields)

    @property
    def is_axis(self) -> bool:
        text = self.new if self.new is not None else self.old
        return _value(text, "parent_section_id") is None


def _value(text, name: str):
    if text is None:
        return None
    if isinstance(text, dict):
        return text.get(name)
    return getattr(text, name, None)


def _text(text, name: str) -> str:
    return _value(text, name) or ""


def texts_differ(old, new) -> bool:
    """Whether two texts of one section differ (text, place in the plan or parent)."""
    if old is None or new is None:
        return old is not new
    return any(_text(old, name) != _text(new, name) for name in TEXT_FIELDS) or _moved(old, new)


def _moved(old, new) -> bool:
    return (_value(old, "position") != _value(new, "position")
            or _value(old, "parent_section_id") != _value(new, "parent_section_id"))


def diff_texts(old, new, section_id: int | None = None) -> SectionDiff:
    """The differences of one section; `old`/`new` are texts (RevisionSection or dicts of
    the text fields) or None when the section is absent from that version."""
    inserted, deleted = _("inserted"), _("deleted")
    fields: list[FieldDiff] = []
    for name in TEXT_FIELDS:
        before, after = _text(old, name), _text(new, name)
        if before == after:
            continue
        added, removed = word_changes(before, after)
        fields.append(FieldDiff(name, str(FIELD_LABELS[name]),
                                render_word_diff(before, after, inserted=inserted,
                                                 deleted=deleted), added, removed))
    if old is None:
        status = "added"
    elif new is None:
        status = "removed"
    else:
        status = "changed" if fields or _moved(old, new) else "unchanged"
    moved = old is not None and new is not None and _moved(old, new)
    title = _text(new, "title") or _text(old, "title")
    if section_id is None:
        section_id = _value(new, "section_id") or _value(old, "section_id")
    return SectionDiff(section_id, title, status, old, new, fields, moved)


def _ordered(revision) -> list:
    if revision is None:
        return []
    return [text for axis, projects in outline(revision.sections)
            for text in (axis, *projects)]


def diff_revisions(old_revision, new_revision) -> list[SectionDiff]:
    """Every section of either version, in the new version's order (removed ones last)."""
    old_texts = {text.section_id: text for text in _ordered(old_revision)}
    result = []
    seen = set()
    for text in _ordered(new_revision):
        seen.add(text.section_id)
        result.append(diff_texts(old_texts.get(text.section_id), text, text.section_id))
    for section_id, text in old_texts.items():
        if section_id not in seen:
            result.append(diff_texts(text, None, section_id))
    return result


def changed_count(old_revision, new_revision) -> int:
    """How many sections differ between two versions (no rendering)."""
    old = {t.section_id: t for t in (old_revision.sections if old_revision else [])}
    new = {t.section_id: t for t in (new_revision.sections if new_revision else [])}
    return sum(texts_differ(old.get(sid), new.get(sid)) for sid in old.keys() | new.keys())
