"""Read the audit log: filters shared by the viewer and the CSV export."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Select, select
from sqlalchemy.orm import aliased, joinedload

from civic.accounts.models import User
from civic.admin.queries import person_matches
from civic.audit.models import AuditEntry
from civic.extensions import db

PER_PAGE = 50


@dataclass(frozen=True)
class AuditFilter:
    action: str = ""
    actor: str = ""  # part of the actor's name or e-mail
    date_from: date | None = None
    date_to: date | None = None  # inclusive

    def as_args(self) -> dict[str, str]:
        """The filter as URL query arguments (empty ones left out)."""
        args = {"action": self.action, "actor": self.actor,
                "date_from": self.date_from.isoformat() if self.date_from else "",
                "date_to": self.date_to.isoformat() if self.date_to else ""}
        return {key: value for key, value in args.items() if value}


def _start_of(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def filtered_entries(criteria: AuditFilter) -> Select:
    """Entries matching `criteria`, newest first, with their actor loaded."""
    stmt = (select(AuditEntry).options(joinedload(AuditEntry.actor))
            .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc()))
    if criteria.action:
        stmt = stmt.where(AuditEntry.action == criteria.action)
    if criteria.actor:
        actor = aliased(User)
        stmt = stmt.join(actor, actor.id == AuditEntry.actor_id).where(
            person_matches(actor, criteria.actor))
    if criteria.date_from:
        stmt = stmt.where(AuditEntry.created_at >= _start_of(criteria.date_from))
    if criteria.date_to and criteria.date_to < date.max:  # no day after 9999-12-31
        stmt = stmt.where(AuditEntry.created_at < _start_of(criteria.date_to + timedelta(days=1)))
    return stmt


def page_of_entries(criteria: AuditFilter, page: int = 1, per_page: int = PER_PAGE):
    return db.paginate(filtered_entries(criteria), page=page, per_page=per_page,
                       error_out=False, count=True)


def list_actions() -> list[str]:
    """Every action that appears in the log, for the filter's choices."""
    return list(db.session.scalars(
        select(AuditEntry.action).distinct().order_by(AuditEntry.action)))
