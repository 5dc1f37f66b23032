"""Read the master plan's structure."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from civic.extensions import db
from civic.masterplan.models import Section


def list_axes() -> list[Section]:
    """Axes in order, each with its flagship projects loaded (two queries)."""
    return list(db.session.execute(
        select(Section).where(Section.parent_id.is_(None))
        .options(selectinload(Section.children)).order_by(Section.position, Section.id)
    ).scalars())
