"""Downloads of any published version: Markdown, a printable page, and PDF when the
server has a PDF engine (the optional `weasyprint` package)."""
from __future__ import annotations

import importlib.util

from flask import render_template
from flask_babel import format_date
from flask_babel import gettext as _

from civic.masterplan.diffs import FIELD_LABELS
from civic.masterplan.queries import outline


def filename(revision, extension: str) -> str:
    return f"schema-directeur-v{revision.number}.{extension}"


def _block(lines: list[str], text: str) -> None:
    if text and text.strip():
        lines.extend([text.strip(), ""])


def _section_markdown(lines: list[str], text, level: int) -> None:
    lines.extend([f"{'#' * level} {text.title}", ""])
    if text.summary:
        lines.extend([f"*{text.summary.strip()}*", ""])
    _block(lines, text.body)
    for name in ("objectives", "indicators"):
        value = getattr(text, name)
        if value and value.strip():
            lines.extend([f"**{FIELD_LABELS[name]}**", ""])
            _block(lines, value)


def revision_markdown(revision, site_name: str = "") -> str:
    """The whole version as one Markdown document (axes ##, flagship projects ###)."""
    lines = [f"# {_('Master plan')} — v{revision.number}", ""]
    meta = []
    if revision.published_at is not None:
        meta.append(_("Published on %(date)s", date=format_date(revision.published_at, "long")))
    if site_name:
        meta.append(site_name)
    if meta:
        lines.extend([" · ".join(meta), ""])
    if revision.summary:
        lines.extend([f"> {line}" if line else ">" for line in revision.summary.splitlines()])
        lines.append("")
    for axis, projects in outline(revision.sections):
        _section_markdown(lines, axis, 2)
        for project in projects:
            _section_markdown(lines, project, 3)
    return "\n".join(lines).rstrip() + "\n"


def revision_print_html(revision) -> str:
    """A standalone, printable page of the whole version (its own print stylesheet)."""
    return render_template("masterplan/print.html", revision=revision,
                           outline=outline(revision.sections))


def pdf_available() -> bool:
    return importlib.util.find_spec("weasyprint") is not None


def revision_pdf(revision, base_url: str) -> bytes:  # pragma: no cover - optional engine
    import weasyprint

    return weasyprint.HTML(string=revision_print_html(revision), base_url=base_url).write_pdf()
