"""Append to the audit log."""
from __future__ import annotations

from typing import Any

from civic.audit.models import AuditEntry
from civic.extensions import db


def record(actor, action: str, target, *, reason: str = "", before: dict[str, Any] | None = None,
           after: dict[str, Any] | None = None, target_label: str | None = None) -> AuditEntry:
    """Append one entry: who did `action` to `target`, and why."""
    entry = AuditEntry(
        actor_id=getattr(actor, "id", None),
        action=action,
        target_type=getattr(target, "__tablename__", type(target).__name__.lower()),
        target_id=getattr(target, "id", None),
        target_label=(target_label if target_label is not None else str(target))[:200],
        reason=reason or "",
        before=before,
        after=after,
    )
    db.session.add(entry)
    return entry
