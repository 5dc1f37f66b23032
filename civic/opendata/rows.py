"""The rows of each open-data resource, streamed from the database (`yield_per`).

Only what the public can already see leaves the platform: no e-mails, IPs or internal
notes; no drafts, hidden or pending content, nor anything attached to them (comments,
supports, journal entries…); people by public display name only; individual supports never,
only counts per proposal and day (the conditions of what is public: civic.core.public).
Every generator yields dicts keyed by field name.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import aliased

from civic.accounts.models import User
from civic.amendments.models import Amendment
from civic.comments.models import Comment
from civic.core.public import (
    on_public_target,
    public_name,
    public_proposal,
    public_proposal_ids,
    visible,
    visible_ids,
)
from civic.core.sql import utc_day
from civic.experiments.models import (
    Evaluation,
    Experiment,
    ExperimentPartner,
    ExperimentUpdate,
    Indicator,
    experiment_proposals,
)
from civic.extensions import db
from civic.masterplan.models import PlanRevision, RevisionSection, Section
from civic.opendata.fields import DELETED_PARTICIPANT
from civic.organizations.models import Organization
from civic.proposals.models import Proposal, StatusChange, Support

BATCH = 2000


@dataclass
class Context:
    """What the rows need besides the database: absolute page addresses."""

    urls: dict[str, str]  # kind -> "https://…/proposals/{}"

    def url(self, kind: str, key) -> str:
        return self.urls[kind].format(key)


def _stream(statement) -> Iterator:
    return iter(db.session.execute(statement.execution_options(yield_per=BATCH)))


def _dicts(statement, ctx: Context | None = None, page: str = "",
           key: str = "id") -> Iterator[dict]:
    """Each row as a dict of its columns, plus the address of its public `page` (the
    row's `key` goes into the address) when one is named."""
    for row in _stream(statement):
        data = dict(row._mapping)
        if page:
            data["url"] = ctx.url(page, data[key])
        yield data


_THEME_COLUMNS = ("id", "slug", "parent_id", "position", "title", "summary", "body",
                  "objectives", "indicators", "campaign_opens_at", "campaign_closes_at",
                  "support_threshold", "comments_count")


def themes(ctx: Context) -> Iterator[dict]:
    statement = select(*(getattr(Section, n) for n in _THEME_COLUMNS)).order_by(Section.id)
    yield from _dicts(statement, ctx, "section")


def organizations(ctx: Context) -> Iterator[dict]:
    o = Organization
    statement = select(o.id, o.slug, o.name, o.kind, o.description, o.website,
                       o.verified_at, o.created_at).order_by(o.id)
    for row in _stream(statement):
        yield {"id": row.id, "slug": row.slug, "name": row.name, "kind": row.kind,
               "description": row.description, "website": row.website,
               "verified": row.verified_at is not None, "created_at": row.created_at,
               "url": ctx.url("organization", row.slug)}


_PROPOSAL_COLUMNS = ("id", "reference", "title", "body", "kind", "status", "theme_id",
                     "organization_id", "address", "latitude", "longitude", "published_at",
                     "edited_at", "answered_at", "answer", "threshold_reached_at",
                     "withdrawn_at", "supports_count", "comments_count", "followers_count")


def proposals(ctx: Context) -> Iterator[dict]:
    p = Proposal
    statement = (
        select(*(getattr(p, name) for name in _PROPOSAL_COLUMNS), User.display_name,
               User.deleted_at)
        .join(User, User.id == p.author_id)
        .where(public_proposal())
        .order_by(p.id))
    for row in _stream(statement):
        data = {name: row[i] for i, name in enumerate(_PROPOSAL_COLUMNS)}
        data["author"] = public_name(row.display_name, row.deleted_at, DELETED_PARTICIPANT)
        data["url"] = ctx.url("proposal", row.id)
        yield data


def status_changes(ctx: Context) -> Iterator[dict]:
    c = StatusChange  # never internal_note, never the actor
    statement = (select(c.id, c.proposal_id, c.from_status, c.to_status, c.answer,
                        c.created_at)
                 .where(c.proposal_id.in_(public_proposal_ids())).order_by(c.id))
    yield from _dicts(statement)


def supports_daily(ctx: Context) -> Iterator[dict]:
    day = utc_day(Support.created_at).label("day")
    statement = (select(Support.proposal_id, day, func.count().label("supports"))
                 .where(Support.proposal_id.in_(public_proposal_ids()))
                 .group_by(Support.proposal_id, day)
                 .order_by(Support.proposal_id, day))
    for row in _stream(statement):
        yield {"proposal_id": row.proposal_id, "date": str(row.day), "supports": row.supports}


def comments(ctx: Context) -> Iterator[dict]:
    """Comments on published content; pending ones (and replies under them) left out;
    deleted and hidden ones keep their row for the thread structure, without text,
    author or organization."""
    c = Comment
    parent, grandparent = aliased(Comment), aliased(Comment)
    statement = (
        select(c.id, c.target_type, c.target_id, c.parent_id, c.depth, c.moderation,
               c.deleted_at, c.alignment, c.body, c.organization_id, c.upvotes, c.downvotes,
               c.created_at, c.edited_at, User.display_name, User.deleted_at.label("gone"))
        .join(User, User.id == c.author_id)
        .outerjoin(parent, parent.id == c.parent_id)
        .outerjoin(grandparent, grandparent.id == parent.parent_id)
        .where(c.moderation != "pending", on_public_target(),
               or_(parent.id.is_(None), parent.moderation != "pending"),
               or_(grandparent.id.is_(None), grandparent.moderation != "pending"))
        .order_by(c.id))
    for row in _stream(statement):
        state = ("deleted" if row.deleted_at is not None
                 else "hidden" if row.moderation == "hidden" else "visible")
        shown = state == "visible"
        yield {"id": row.id, "target_type": row.target_type, "target_id": row.target_id,
               "parent_id": row.parent_id, "depth": row.depth, "state": state,
               "alignment": row.alignment if shown else None,
               "body": row.body if shown else "",
               "author": (public_name(row.display_name, row.gone, DELETED_PARTICIPANT)
                          if shown else ""),
               "organization_id": row.organization_id if shown else None,
               "upvotes": row.upvotes, "downvotes": row.downvotes,
               "created_at": row.created_at, "edited_at": row.edited_at if shown else None}


_EXPERIMENT_COLUMNS = ("id", "title", "description", "theme_id", "status", "stop_reason",
                       "address", "latitude", "longitude", "starts_on", "ends_on",
                       "budget_euros", "started_at", "evaluated_at", "stopped_at",
                       "supports_count", "comments_count", "followers_count", "created_at")


def experiments(ctx: Context) -> Iterator[dict]:
    e = Experiment
    statement = (select(*(getattr(e, name) for name in _EXPERIMENT_COLUMNS))
                 .where(visible(e)).order_by(e.id))
    yield from _dicts(statement, ctx, "experiment")


def experiment_partners(ctx: Context) -> Iterator[dict]:
    p = ExperimentPartner
    statement = (select(p.experiment_id, p.organization_id, p.role, p.position)
                 .where(p.experiment_id.in_(visible_ids(Experiment)))
                 .order_by(p.experiment_id, p.position, p.id))
    yield from _dicts(statement)


def experiment_proposals_rows(ctx: Context) -> Iterator[dict]:
    t = experiment_proposals.c
    statement = (select(t.experiment_id, t.proposal_id)
                 .where(t.experiment_id.in_(visible_ids(Experiment)),
                        t.proposal_id.in_(public_proposal_ids()))
                 .order_by(t.experiment_id, t.proposal_id))
    yield from _dicts(statement)


def experiment_updates(ctx: Context) -> Iterator[dict]:
    u = ExperimentUpdate  # the journal's author is staff: not published
    statement = (select(u.id, u.experiment_id, u.happened_on, u.title, u.body)
                 .where(u.experiment_id.in_(visible_ids(Experiment))).order_by(u.id))
    yield from _dicts(statement)


def evaluations(ctx: Context) -> Iterator[dict]:
    v = Evaluation
    statement = (select(v.experiment_id, v.outcome, v.summary, v.lessons, v.created_at)
                 .where(v.experiment_id.in_(visible_ids(Experiment)))
                 .order_by(v.experiment_id))
    yield from _dicts(statement)


def indicators(ctx: Context) -> Iterator[dict]:
    i = Indicator
    statement = (select(i.id, Evaluation.experiment_id, i.name, i.unit, i.target, i.measured,
                        i.position)
                 .join(Evaluation, Evaluation.id == i.evaluation_id)
                 .where(Evaluation.experiment_id.in_(visible_ids(Experiment)))
                 .order_by(i.id))
    yield from _dicts(statement)


def amendments(ctx: Context) -> Iterator[dict]:
    a = Amendment
    base, into = aliased(PlanRevision), aliased(PlanRevision)
    statement = (
        select(a.id, a.section_id, base.number.label("base_revision_number"), a.title,
               a.proposed_body, a.justification, a.organization_id, a.status, a.answer,
               a.decided_at, into.number.label("accepted_into_revision_number"),
               a.supports_count, a.comments_count, a.followers_count, a.created_at,
               User.display_name, User.deleted_at)
        .join(User, User.id == a.author_id)
        .outerjoin(base, and_(base.id == a.base_revision_id, base.status == "published"))
        .outerjoin(into, and_(into.id == a.accepted_into_id, into.status == "published"))
        .where(visible(a)).order_by(a.id))
    for row in _stream(statement):
        data = dict(row._mapping)
        data["author"] = public_name(data.pop("display_name"), data.pop("deleted_at"),
                                     DELETED_PARTICIPANT)
        data["url"] = ctx.url("amendment", row.id)
        yield data


def _published_revisions():
    return (PlanRevision.status == "published", PlanRevision.number.is_not(None))


def revisions(ctx: Context) -> Iterator[dict]:
    r = PlanRevision
    based_on = aliased(PlanRevision)
    statement = (select(r.number, based_on.number.label("based_on_number"), r.summary,
                        r.published_at)
                 .outerjoin(based_on, and_(based_on.id == r.based_on_id,
                                           based_on.status == "published"))
                 .where(*_published_revisions()).order_by(r.number))
    yield from _dicts(statement, ctx, "revision", key="number")


def revision_sections(ctx: Context) -> Iterator[dict]:
    s = RevisionSection
    statement = (select(PlanRevision.number.label("revision_number"), s.section_id,
                        s.parent_section_id, s.position, s.title, s.summary, s.body,
                        s.objectives, s.indicators)
                 .join(PlanRevision, PlanRevision.id == s.revision_id)
                 .where(*_published_revisions())
                 .order_by(PlanRevision.number, s.position, s.section_id))
    yield from _dicts(statement)


ROWS = {
    "themes": themes, "organizations": organizations, "proposals": proposals,
    "status_changes": status_changes, "supports_daily": supports_daily,
    "comments": comments, "experiments": experiments,
    "experiment_partners": experiment_partners,
    "experiment_proposals": experiment_proposals_rows,
    "experiment_updates": experiment_updates, "evaluations": evaluations,
    "indicators": indicators, "amendments": amendments, "revisions": revisions,
    "revision_sections": revision_sections,
}
