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


def campaign_closed_reason(section: Section, now=None) -> str | None:
    """None while the section's campaign (or, without one, its axis') is open; otherwise
    why it is closed, for people who wanted to take part."""
    from flask_babel import format_date
    from flask_babel import gettext as _

    from civic.core.models import utcnow

    now = now or utcnow()
    holder = section
    if section.campaign_opens_at is None and section.campaign_closes_at is None \
            and section.parent is not None:
        holder = section.parent
    if holder.campaign_opens_at is not None and now < holder.campaign_opens_at:
        return _("The participation campaign on “%(title)s” opens on %(date)s.",
                 title=section.title, date=format_date(holder.campaign_opens_at))
    if holder.campaign_closes_at is not None and now >= holder.campaign_closes_at:
        return _("The participation campaign on “%(title)s” closed on %(date)s.",
                 title=section.title, date=format_date(holder.campaign_closes_at))
    return None
