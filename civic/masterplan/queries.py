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


# --- revisions (the plan document) ---------------------------------------------------

def outline(texts) -> list[tuple]:
    """A revision's texts as [(axis, [flagship projects…]), …], both in plan order.

    A project whose axis is not in the revision is shown as an axis, never lost."""
    texts = list(texts)
    present = {text.section_id for text in texts}
    children: dict[int, list] = {}
    axes = []
    for text in texts:
        if text.parent_section_id is None or text.parent_section_id not in present:
            axes.append(text)
        else:
            children.setdefault(text.parent_section_id, []).append(text)

    def order(text):
        return (text.position, text.section_id)

    return [(axis, sorted(children.get(axis.section_id, []), key=order))
            for axis in sorted(axes, key=order)]


def published_revisions(with_texts: bool = False) -> list:
    """Every published version, newest first, with who published it (one query; two
    with the texts of every section)."""
    from sqlalchemy.orm import joinedload

    from civic.masterplan.models import PlanRevision

    options = [joinedload(PlanRevision.published_by)]
    if with_texts:
        options.append(selectinload(PlanRevision.sections))
    return list(db.session.scalars(
        select(PlanRevision).where(PlanRevision.status == "published")
        .options(*options).order_by(PlanRevision.number.desc())).unique())


def history() -> list[tuple]:
    """[(revision, changed sections count vs the previous version), …], newest first
    (two queries whatever the number of versions)."""
    from civic.masterplan.diffs import changed_count

    revisions = published_revisions(with_texts=True)
    rows = []
    for index, revision in enumerate(revisions):
        previous = revisions[index + 1] if index + 1 < len(revisions) else None
        rows.append((revision, changed_count(previous, revision)))
    return rows


def previous_number(number: int) -> int | None:
    """The number of the version published before vN (None for the first one)."""
    from sqlalchemy import func

    from civic.masterplan.models import PlanRevision

    return db.session.scalar(select(func.max(PlanRevision.number)).where(
        PlanRevision.status == "published", PlanRevision.number < number))
