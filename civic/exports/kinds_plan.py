"""Export kinds of the Lab's work: experiments, amendments, master-plan revisions."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import aliased

from civic.accounts.models import User
from civic.amendments.models import AMENDMENT_STATUSES, Amendment
from civic.core.public import public_name
from civic.experiments.models import (
    EXPERIMENT_STATUSES,
    Evaluation,
    Experiment,
    ExperimentPartner,
    Indicator,
    experiment_proposals,
)
from civic.exports.kinds import (
    Column,
    Filters,
    Kind,
    in_date_range,
    in_theme,
    register,
    with_status,
)
from civic.extensions import db
from civic.masterplan.models import PlanRevision, RevisionSection, Section
from civic.organizations.models import Organization
from civic.proposals.models import Proposal

# --- experiments ----------------------------------------------------------------------


def _experiments(filters: Filters):
    stmt = (select(Experiment.id, Experiment.title, Experiment.status, Experiment.theme_id,
                   Section.title.label("theme"), Experiment.starts_on, Experiment.ends_on,
                   Experiment.budget_euros, Experiment.created_at, Experiment.started_at,
                   Experiment.evaluated_at, Experiment.stopped_at, Experiment.stop_reason,
                   Evaluation.outcome, Evaluation.summary, Evaluation.lessons,
                   Experiment.supports_count, Experiment.comments_count,
                   Experiment.followers_count, Experiment.moderation)
            .outerjoin(Section, Section.id == Experiment.theme_id)
            .outerjoin(Evaluation, Evaluation.experiment_id == Experiment.id)
            .order_by(Experiment.id))
    return _experiment_filters(stmt, filters)


def _experiment_filters(stmt, filters: Filters):
    stmt = in_theme(stmt, Experiment.theme_id, filters)
    stmt = with_status(stmt, Experiment.status, filters)
    return in_date_range(stmt, Experiment.created_at, filters)


def _partners_and_proposals(batch) -> dict:
    """For one batch of experiments: their partners and their proposals' references."""
    ids = [row.id for row in batch]
    partners: dict[int, list[str]] = {}
    for experiment_id, name, role in db.session.execute(
            select(ExperimentPartner.experiment_id, Organization.name, ExperimentPartner.role)
            .join(Organization, Organization.id == ExperimentPartner.organization_id)
            .where(ExperimentPartner.experiment_id.in_(ids))
            .order_by(ExperimentPartner.experiment_id, ExperimentPartner.position,
                      ExperimentPartner.id)):
        partners.setdefault(experiment_id, []).append(f"{name} ({role})")
    references: dict[int, list[str]] = {}
    link = experiment_proposals.c
    for experiment_id, reference in db.session.execute(
            select(link.experiment_id, Proposal.reference)
            .join(Proposal, Proposal.id == link.proposal_id)
            .where(link.experiment_id.in_(ids)).order_by(link.experiment_id, Proposal.id)):
        references.setdefault(experiment_id, []).append(reference or "")
    return {"partners": partners, "references": references}


def _experiment_row(r, extra) -> list:
    return [r.id, r.title, r.status, r.theme_id, r.theme,
            "; ".join(extra["partners"].get(r.id, ())),
            "; ".join(extra["references"].get(r.id, ())), r.starts_on, r.ends_on,
            r.budget_euros, r.created_at, r.started_at, r.evaluated_at, r.stopped_at,
            r.stop_reason, r.outcome, r.summary, r.lessons, r.supports_count,
            r.comments_count, r.followers_count, r.moderation]


register(Kind(
    name="experiments", order=40, label=_l("Experiments"),
    description=_l("One row per experiment, with its partners, linked proposals, dates, "
                   "budget, status and evaluation."),
    columns=(
        Column("id", _l("Id"), "int"), Column("title", _l("Title")),
        Column("status", _l("Status")), Column("theme_id", _l("Theme id"), "int"),
        Column("theme", _l("Theme")), Column("partners", _l("Partners")),
        Column("proposals", _l("Linked proposals")),
        Column("starts_on", _l("Starts on"), "date"), Column("ends_on", _l("Ends on"), "date"),
        Column("budget_euros", _l("Budget (euros)"), "int"),
        Column("created_at", _l("Created at"), "datetime"),
        Column("started_at", _l("Started at"), "datetime"),
        Column("evaluated_at", _l("Evaluated at"), "datetime"),
        Column("stopped_at", _l("Stopped at"), "datetime"),
        Column("stop_reason", _l("Reason for stopping")),
        Column("outcome", _l("Outcome")), Column("evaluation_summary", _l("Evaluation")),
        Column("lessons", _l("Lessons")), Column("supports_count", _l("Supports"), "int"),
        Column("comments_count", _l("Comments"), "int"),
        Column("followers_count", _l("Followers"), "int"),
        Column("moderation", _l("Moderation")),
    ),
    query=_experiments, to_row=_experiment_row, enrich=_partners_and_proposals,
    statuses=EXPERIMENT_STATUSES, themed=True, date_label=_l("creation date"),
))


def _indicators(filters: Filters):
    stmt = (select(Experiment.id, Experiment.title, Indicator.name, Indicator.unit,
                   Indicator.target, Indicator.measured)
            .select_from(Indicator)
            .join(Evaluation, Evaluation.id == Indicator.evaluation_id)
            .join(Experiment, Experiment.id == Evaluation.experiment_id)
            .order_by(Experiment.id, Indicator.position, Indicator.id))
    return _experiment_filters(stmt, filters)


register(Kind(
    name="experiment_indicators", order=41, label=_l("Experiment indicators"),
    description=_l("One row per indicator of an experiment's evaluation: its target and "
                   "measured value."),
    columns=(
        Column("experiment_id", _l("Experiment id"), "int"),
        Column("experiment", _l("Experiment")), Column("name", _l("Indicator")),
        Column("unit", _l("Unit")), Column("target", _l("Target"), "float"),
        Column("measured", _l("Measured"), "float"),
    ),
    query=_indicators, to_row=lambda r, extra: list(r), statuses=EXPERIMENT_STATUSES,
    themed=True, date_label=_l("creation date of the experiment"),
))


# --- amendments -----------------------------------------------------------------------

def _amendments(filters: Filters):
    author, decider = aliased(User), aliased(User)
    base, accepted_into = aliased(PlanRevision), aliased(PlanRevision)
    stmt = (select(Amendment.id, Amendment.title, Amendment.status, Amendment.section_id,
                   Section.title.label("section"), base.number.label("base_revision"),
                   author.display_name.label("author_name"),
                   author.deleted_at.label("author_deleted_at"),
                   Organization.name.label("organization"), Amendment.created_at,
                   Amendment.decided_at, decider.display_name.label("decider_name"),
                   decider.deleted_at.label("decider_deleted_at"),
                   accepted_into.number.label("accepted_into"), Amendment.supports_count,
                   Amendment.comments_count, Amendment.followers_count, Amendment.moderation,
                   Amendment.proposed_body, Amendment.justification, Amendment.answer)
            .join(Section, Section.id == Amendment.section_id)
            .join(author, author.id == Amendment.author_id)
            .outerjoin(base, base.id == Amendment.base_revision_id)
            .outerjoin(decider, decider.id == Amendment.decided_by_id)
            .outerjoin(accepted_into, accepted_into.id == Amendment.accepted_into_id)
            .outerjoin(Organization, Organization.id == Amendment.organization_id)
            .order_by(Amendment.id))
    stmt = in_theme(stmt, Amendment.section_id, filters)
    stmt = with_status(stmt, Amendment.status, filters)
    return in_date_range(stmt, Amendment.created_at, filters)


def _amendment_row(r, extra) -> list:
    return [r.id, r.title, r.status, r.section_id, r.section, r.base_revision,
            public_name(r.author_name, r.author_deleted_at), r.organization, r.created_at,
            r.decided_at, public_name(r.decider_name, r.decider_deleted_at), r.accepted_into,
            r.supports_count, r.comments_count, r.followers_count, r.moderation,
            r.proposed_body, r.justification, r.answer]


register(Kind(
    name="amendments", order=50, label=_l("Amendments"),
    description=_l("Every amendment to the master plan, with its proposed text, status "
                   "and the Lab's answer."),
    columns=(
        Column("id", _l("Id"), "int"), Column("title", _l("Title")),
        Column("status", _l("Status")), Column("section_id", _l("Section id"), "int"),
        Column("section", _l("Section")),
        Column("base_revision", _l("Written against version"), "int"),
        Column("author", _l("Author")), Column("organization", _l("Organization")),
        Column("created_at", _l("Created at"), "datetime"),
        Column("decided_at", _l("Decided at"), "datetime"),
        Column("decided_by", _l("Decided by")),
        Column("accepted_into", _l("Accepted into version"), "int"),
        Column("supports_count", _l("Supports"), "int"),
        Column("comments_count", _l("Comments"), "int"),
        Column("followers_count", _l("Followers"), "int"),
        Column("moderation", _l("Moderation")),
        Column("proposed_body", _l("Proposed text")),
        Column("justification", _l("Justification")), Column("answer", _l("Answer")),
    ),
    query=_amendments, to_row=_amendment_row, statuses=AMENDMENT_STATUSES, themed=True,
    date_label=_l("creation date"),
))


# --- master-plan revisions ------------------------------------------------------------

def _revisions(filters: Filters):
    publisher = aliased(User)
    stmt = (select(PlanRevision.number, PlanRevision.published_at,
                   publisher.display_name, publisher.deleted_at, PlanRevision.summary,
                   RevisionSection.section_id, RevisionSection.parent_section_id,
                   RevisionSection.position, RevisionSection.title, RevisionSection.summary
                   .label("section_summary"), RevisionSection.body,
                   RevisionSection.objectives, RevisionSection.indicators)
            .select_from(RevisionSection)
            .join(PlanRevision, PlanRevision.id == RevisionSection.revision_id)
            .outerjoin(publisher, publisher.id == PlanRevision.published_by_id)
            .where(PlanRevision.status == "published")
            .order_by(PlanRevision.number, RevisionSection.id))
    stmt = in_theme(stmt, RevisionSection.section_id, filters)
    return in_date_range(stmt, PlanRevision.published_at, filters)


def _revision_row(r, extra) -> list:
    return [r.number, r.published_at, public_name(r.display_name, r.deleted_at), r.summary,
            r.section_id, r.parent_section_id, r.position, r.title, r.section_summary,
            r.body, r.objectives, r.indicators]


register(Kind(
    name="plan_revisions", order=60, label=_l("Master-plan versions"),
    description=_l("One row per published version and section: the full text of every "
                   "section as each version published it."),
    columns=(
        Column("revision", _l("Version"), "int"),
        Column("published_at", _l("Published at"), "datetime"),
        Column("published_by", _l("Published by")), Column("summary", _l("Summary of changes")),
        Column("section_id", _l("Section id"), "int"),
        Column("parent_section_id", _l("Axis id"), "int"),
        Column("position", _l("Position"), "int"), Column("title", _l("Title")),
        Column("section_summary", _l("Section summary")), Column("body", _l("Text")),
        Column("objectives", _l("Objectives")), Column("indicators", _l("Indicators")),
    ),
    query=_revisions, to_row=_revision_row, themed=True, date_label=_l("publication date"),
))
