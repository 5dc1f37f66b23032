"""Participation statistics, computed in a constant number of SQL queries.

`compute_statistics()` always computes (about ten queries whatever the data size);
`statistics()` serves it through the cache (civic.core.cache) for STATS_CACHE_SECONDS
(600 by default; 0 computes every time). Only public, visible content counts: see
civic/stats/queries.py.
"""
from __future__ import annotations

from datetime import UTC, datetime

from flask import current_app
from sqlalchemy import String, func, literal, literal_column, not_, select, union_all

from civic.accounts.models import User
from civic.amendments.models import Amendment
from civic.comments.models import Comment
from civic.core import cache
from civic.core.models import utcnow
from civic.core.public import public_proposal, visible
from civic.core.sql import days_between, month_of
from civic.experiments.models import EXPERIMENT_STATUSES, OUTCOMES, Evaluation, Experiment
from civic.extensions import db
from civic.masterplan.models import Section
from civic.organizations.models import ORGANIZATION_KINDS, Organization
from civic.proposals.models import Proposal
from civic.stats.queries import participant_clause, public_comment, support_sources

CACHE_KEY = "stats:v1"
MONTHS = 24
CITIZEN = "citizen"
ACTOR_KINDS = (CITIZEN, *ORGANIZATION_KINDS)  # citizens, then each kind of organization


def statistics() -> dict:
    """`compute_statistics()`, cached for STATS_CACHE_SECONDS (default 600 s)."""
    ttl = current_app.config.get("STATS_CACHE_SECONDS", 600)
    return cache.cached(CACHE_KEY, ttl, compute_statistics)


def refresh_statistics() -> dict:
    """Compute now and store for STATS_CACHE_SECONDS (the `civic stats refresh` command)."""
    value = compute_statistics()
    cache.put(CACHE_KEY, value, current_app.config.get("STATS_CACHE_SECONDS", 600))
    return value


def compute_statistics() -> dict:
    """The participation figures, as a JSON-serializable dict (never cached here).

    Keys:
      generated_at: when computed, ISO 8601 UTC ("2026-12-01T10:00:00+00:00").
      totals: {proposals: published and visible proposals, comments: visible comments
        on public content (deleted ones excluded), supports: supports of proposals,
        experiments and amendments that count, experiments: visible experiments,
        amendments: visible amendments, participants: distinct accounts (not deleted)
        that wrote a proposal, an amendment or a comment, or gave a support, that count}.
      over_time: the last 24 calendar months (UTC), oldest first, the current one last:
        [{month: "YYYY-MM", proposals: published that month, comments: posted,
        supports: given}], zeros included.
      by_theme: one entry per axis of the master plan, in the plan's order:
        [{id, slug, title, proposals: its public proposals (those on its flagship
        projects included), supports: their supports, comments: their visible
        comments}].
      by_actor: [{kind, proposals, comments}] for kind "citizen" (no organization) then
        each organization kind: startup, company, association, research, public_body.
      experiments: {by_status: [{status, count}] for planned, running, evaluated,
        stopped; by_outcome: [{outcome, count}] for adopt, adapt, abandon (evaluations)}.
      answers: {published: public proposals, answered: those with an answer
        (answered_at set), share: answered / published between 0 and 1 (null when none
        is published), median_days: median time from publication to answer in days,
        one decimal (null when none is answered)}.
    """
    now = utcnow()
    totals = _totals()
    answers = _answers(totals.pop("published"), totals.pop("answered"))
    return {
        "generated_at": now.replace(microsecond=0).isoformat(),
        "totals": totals,
        "over_time": _over_time(now),
        "by_theme": _by_theme(),
        "by_actor": _by_actor(),
        "experiments": _experiments(),
        "answers": answers,
    }


def _count(model, *conditions):
    return select(func.count()).select_from(model).where(*conditions).scalar_subquery()


def _totals() -> dict:
    supports = None
    for _support, _key, model, counts in support_sources():
        # Counters kept exact in SQL by every support and withdrawal (civic/supports.py).
        part = select(func.coalesce(func.sum(model.supports_count), 0)).where(counts)
        part = part.scalar_subquery()
        supports = part if supports is None else supports + part
    row = db.session.execute(select(
        _count(Proposal, public_proposal()).label("published"),
        _count(Proposal, public_proposal(), Proposal.answered_at.is_not(None))
        .label("answered"),
        _count(Comment, public_comment()).label("comments"),
        supports.label("supports"),
        _count(Experiment, visible(Experiment)).label("experiments"),
        _count(Amendment, visible(Amendment)).label("amendments"),
        _count(User, participant_clause()).label("participants"),
    )).one()
    values = {key: int(value or 0) for key, value in row._mapping.items()}
    values["proposals"] = values["published"]
    return values


def _answers(published: int, answered: int) -> dict:
    return {
        "published": published,
        "answered": answered,
        "share": round(answered / published, 4) if published else None,
        "median_days": _median_days(answered),
    }


def _median_days(answered: int) -> float | None:
    """The median in the database: the middle one (odd count) or two (even count)."""
    if not answered:
        return None
    duration = days_between(Proposal.published_at, Proposal.answered_at)
    middle = list(db.session.scalars(
        select(duration)
        .where(public_proposal(), Proposal.answered_at.is_not(None))
        .order_by(duration)
        .limit(1 if answered % 2 else 2)
        .offset((answered - 1) // 2)
    ))
    if not middle:  # answered between the two queries: the figure waits for next time
        return None
    return round(sum(float(value) for value in middle) / len(middle), 1)


def month_keys(now: datetime, count: int = MONTHS) -> list[str]:
    """The last `count` months as "YYYY-MM", oldest first, the month of `now` last."""
    index = now.year * 12 + now.month - 1
    return [f"{m // 12:04d}-{m % 12 + 1:02d}" for m in range(index - count + 1, index + 1)]


def _over_time(now: datetime) -> list[dict]:
    months = month_keys(now)
    start = _month_start(months[0])
    parts = [
        select(literal_column("'proposals'").label("series"),
               month_of(Proposal.published_at).label("month"), func.count().label("n"))
        .where(public_proposal(), Proposal.published_at >= start)
        .group_by(month_of(Proposal.published_at)),
        select(literal_column("'comments'"), month_of(Comment.created_at), func.count())
        .where(public_comment(), Comment.created_at >= start)
        .group_by(month_of(Comment.created_at)),
    ]
    bounds = [_month_start(month) for month in months] + [_month_start(_next(months[-1]))]
    for support, key, model, counts in support_sources():
        # Every support of the period, minus those on what does not count (drafts,
        # hidden or pending items: few): no join over the (large) supports table. Each
        # month is a range count on the created_at index: grouping a million supports
        # by month made SQLite sort them all (2 s; 0.1 s this way).
        parts.extend(
            select(literal_column("'supports'"), literal(month, String), func.count())
            .select_from(support)
            .where(support.created_at >= low, support.created_at < high)
            for month, low, high in zip(months, bounds[:-1], bounds[1:], strict=True))
        # No condition on created_at here (older months are dropped below): with one,
        # SQLite walked the million supports by their created_at index (1.7 s) instead
        # of the few supports of what does not count.
        month = month_of(support.created_at)
        parts.append(
            select(literal_column("'supports'"), month, -func.count())
            .select_from(model).join(support, key == model.id)
            .where(not_(counts)).group_by(month))
    series = {month: {"month": month, "proposals": 0, "comments": 0, "supports": 0}
              for month in months}
    for name, month, count in db.session.execute(union_all(*parts)):
        if month in series:
            series[month][name] += int(count)
    return list(series.values())


def _month_start(key: str) -> datetime:
    return datetime(int(key[:4]), int(key[5:]), 1, tzinfo=UTC)


def _next(key: str) -> str:
    year, month = int(key[:4]), int(key[5:])
    return f"{year + month // 12:04d}-{month % 12 + 1:02d}"


def _by_theme() -> list[dict]:
    theme = Section.__table__.alias("theme")
    axis_id = func.coalesce(theme.c.parent_id, theme.c.id)
    proposals = (
        select(axis_id.label("axis_id"), func.count().label("proposals"),
               # Counters kept exact in SQL by every support and withdrawal.
               func.coalesce(func.sum(Proposal.supports_count), 0).label("supports"))
        .join(theme, theme.c.id == Proposal.theme_id)
        .where(public_proposal())
        .group_by(axis_id)
        .subquery()
    )
    comments = (
        select(axis_id.label("axis_id"), func.count().label("comments"))
        .select_from(Comment)
        .join(Proposal, Proposal.id == Comment.target_id)
        .join(theme, theme.c.id == Proposal.theme_id)
        .where(Comment.target_type == "proposal", public_proposal(),
               visible(Comment), Comment.deleted_at.is_(None))
        .group_by(axis_id)
        .subquery()
    )
    rows = db.session.execute(
        select(Section.id, Section.slug, Section.title, proposals.c.proposals,
               proposals.c.supports, comments.c.comments)
        .outerjoin(proposals, proposals.c.axis_id == Section.id)
        .outerjoin(comments, comments.c.axis_id == Section.id)
        .where(Section.parent_id.is_(None))
        .order_by(Section.position, Section.id)
    )
    return [{"id": row.id, "slug": row.slug, "title": row.title,
             "proposals": int(row.proposals or 0), "supports": int(row.supports or 0),
             "comments": int(row.comments or 0)} for row in rows]


def _by_actor() -> list[dict]:
    parts = []
    for name, model, counts in (("proposals", Proposal, public_proposal()),
                                ("comments", Comment, public_comment())):
        parts.append(
            select(literal_column(f"'{name}'").label("series"), Organization.kind.label("kind"),
                   func.count().label("n"))
            .select_from(model)
            .outerjoin(Organization, Organization.id == model.organization_id)
            .where(counts)
            .group_by(Organization.kind))
    figures = {kind: {"kind": kind, "proposals": 0, "comments": 0} for kind in ACTOR_KINDS}
    for name, kind, count in db.session.execute(union_all(*parts)):
        kind = kind or CITIZEN
        if kind in figures:
            figures[kind][name] += int(count)
    return list(figures.values())


def _experiments() -> dict:
    rows = db.session.execute(union_all(
        select(literal_column("'status'").label("what"), Experiment.status.label("value"),
               func.count().label("n"))
        .where(visible(Experiment)).group_by(Experiment.status),
        select(literal_column("'outcome'"), Evaluation.outcome, func.count())
        .join(Experiment, Experiment.id == Evaluation.experiment_id)
        .where(visible(Experiment)).group_by(Evaluation.outcome),
    ))
    counts = {"status": dict.fromkeys(EXPERIMENT_STATUSES, 0),
              "outcome": dict.fromkeys(OUTCOMES, 0)}
    for what, value, count in rows:
        if value in counts[what]:
            counts[what][value] += int(count)
    return {
        "by_status": [{"status": s, "count": n} for s, n in counts["status"].items()],
        "by_outcome": [{"outcome": o, "count": n} for o, n in counts["outcome"].items()],
    }
