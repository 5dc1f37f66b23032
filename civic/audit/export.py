"""The audit log as CSV that spreadsheets open safely."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from civic.audit.models import AuditEntry
from civic.core.tabular import csv_stream, safe_cell  # noqa: F401 (safe_cell re-exported)

HEADER = ("id", "created_at", "actor_id", "actor", "action", "target_type", "target_id",
          "target_label", "reason", "before", "after")


def _json(value) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def entry_row(entry: AuditEntry) -> list:
    """The entry's cells (raw: `csv_lines` defuses formulas)."""
    actor = entry.actor
    return [
        entry.id, entry.created_at.isoformat(), entry.actor_id,
        actor.display_name if actor is not None else "", entry.action, entry.target_type,
        entry.target_id, entry.target_label, entry.reason, _json(entry.before),
        _json(entry.after),
    ]


def csv_lines(entries: Iterable[AuditEntry]) -> Iterator[str]:
    """A UTF-8 BOM (so spreadsheets pick the encoding), the header, then one line per entry."""
    return csv_stream(HEADER, (entry_row(entry) for entry in entries))
