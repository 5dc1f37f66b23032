"""The audit log as CSV that spreadsheets open safely."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator

from civic.audit.models import AuditEntry

# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

HEADER = ("id", "created_at", "actor_id", "actor", "action", "target_type", "target_id",
          "target_label", "reason", "before", "after")


def safe_cell(value) -> str:
    """`value` as text, with a leading quote when a spreadsheet would run it as a formula."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def _json(value) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def entry_row(entry: AuditEntry) -> list[str]:
    actor = entry.actor
    return [safe_cell(cell) for cell in (
        entry.id, entry.created_at.isoformat(), entry.actor_id,
        actor.display_name if actor is not None else "", entry.action, entry.target_type,
        entry.target_id, entry.target_label, entry.reason, _json(entry.before),
        _json(entry.after),
    )]


def csv_lines(entries: Iterable[AuditEntry]) -> Iterator[str]:
    """A UTF-8 BOM (so spreadsheets pick the encoding), the header, then one line per entry."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(HEADER)
    yield "\ufeff" + flush()
    for entry in entries:
        writer.writerow(entry_row(entry))
        yield flush()
