"""Reading amendments: one with everything its page shows, a section's lists."""
from __future__ import annotations

from dataclasses import dataclass, field

from flask import abort
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from civic.amendments.models import AMENDMENT_STATUSES, Amendment
from civic.core import permissions
from civic.core.pagination import Page
from civic.extensions import db

PER_PAGE = 20
SECTION_PREVIEW = 5  # amendments shown on the section's page


def load_amendment(amendment_id: int) -> Amendment:
    """The amendment with its section, author, organization and revisions (one query);
    404 when it does not exist or awaits approval and the visitor may not see it."""
    amendment = db.session.execute(
        select(Amendment)
        .options(joinedload(Amendment.section), joinedload(Amendment.author),
                 joinedload(Amendment.organization), joinedload(Amendment.base_revision),
                 joinedload(Amendment.accepted_into), joinedload(Amendment.decided_by))
        .where(Amendment.id == amendment_id)
    ).unique().scalar_one_or_none()
    if amendment is None or not permissions.can_view_amendment(current_user, amendment):
        abort(404)
    return amendment


def _public(section_id: int):
    return (Amendment.section_id == section_id, Amendment.moderation == "visible")


def status_counts(section_id: int) -> dict[str, int]:
    """How many public amendments of the section are in each status (one query)."""
    rows = db.session.execute(
        select(Amendment.status, func.count(Amendment.id)).where(*_public(section_id))
        .group_by(Amendment.status))
    counts = dict.fromkeys(AMENDMENT_STATUSES, 0)
    counts.update({status: count for status, count in rows})
    return counts


def _newest(conditions, limit: int, offset: int = 0) -> list[Amendment]:
    return list(db.session.scalars(
        select(Amendment).where(*conditions)
        .options(joinedload(Amendment.author), joinedload(Amendment.organization))
        .order_by(Amendment.created_at.desc(), Amendment.id.desc())
        .limit(limit).offset(offset)))


def section_amendments(section_id: int, status: str | None = None, page: int = 1,
                       per_page: int = PER_PAGE) -> Page:
    """A page of the section's public amendments, newest first: two queries whatever
    the page size (count, then the page with authors and organizations joined)."""
    conditions = list(_public(section_id))
    if status in AMENDMENT_STATUSES:
        conditions.append(Amendment.status == status)
    total = db.session.scalar(select(func.count(Amendment.id)).where(*conditions)) or 0
    items = _newest(conditions, per_page, (page - 1) * per_page)
    return Page(items=items, page=page, per_page=per_page, total=total)


@dataclass
class SectionSummary:
    """What the section's page shows: the latest amendments and the counts."""

    items: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def section_summary(section_id: int) -> SectionSummary:
    """Two queries: the latest public amendments, and the counts by status."""
    return SectionSummary(items=_newest(_public(section_id), SECTION_PREVIEW),
                          counts=status_counts(section_id))
