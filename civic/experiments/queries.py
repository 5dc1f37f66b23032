"""The public list of experiments (filters, pages) and what the pages load.

`parse_list_args` reads the query string into `ExperimentFilters` plus the parameter
errors met (the pages ignore them and say so; the API answers 400); `list_experiments`
runs in three queries whatever the number of experiments or partners.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from civic.core.pagination import MAX_PAGE
from civic.core.routing import as_id
from civic.experiments.models import (
    EXPERIMENT_STATUSES,
    Evaluation,
    Experiment,
    ExperimentPartner,
    experiment_proposals,
)
from civic.extensions import db
from civic.masterplan.models import Section
from civic.organizations.models import Organization
from civic.proposals.queries import Page, ParamError, find_theme

DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100


@dataclass
class ExperimentFilters:
    theme: Section | None = None
    status: str | None = None
    partner: Organization | None = None
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE

    def query_args(self, **changes) -> dict:
        values = replace(self, **changes) if changes else self
        args = {
            "theme": values.theme.slug if values.theme else None,
            "status": values.status,
            "partner": values.partner.slug if values.partner else None,
            "page": values.page if values.page != 1 else None,
            "per_page": values.per_page if values.per_page != DEFAULT_PER_PAGE else None,
        }
        return {key: value for key, value in args.items() if value is not None}


def _int(value, low: int, high: int) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if low <= number <= high else None


def find_partner(value: str) -> Organization | None:
    """An organization by slug or id."""
    condition = Organization.slug == value
    if as_id(value) is not None:
        condition = or_(condition, Organization.id == as_id(value))
    return db.session.scalars(select(Organization).where(condition)).first()


def parse_list_args(args, themes=None) -> tuple[ExperimentFilters, list[ParamError]]:
    filters, errors = ExperimentFilters(), []

    def bad(parameter, message):
        errors.append(ParamError(parameter, str(message)))

    if value := args.get("theme"):
        filters.theme = find_theme(value, themes)
        if filters.theme is None:
            bad("theme", _l("There is no such theme; showing every theme."))
    if value := args.get("status"):
        if value in EXPERIMENT_STATUSES:
            filters.status = value
        else:
            bad("status", _l("Unknown status; showing every status."))
    if value := args.get("partner"):
        filters.partner = find_partner(value[:100])
        if filters.partner is None:
            bad("partner", _l("There is no such organization; showing every partner."))
    numbers = {"page": (MAX_PAGE, _l("The page must be a number from 1 to %(n)s.",
                                     n=MAX_PAGE)),
               "per_page": (MAX_PER_PAGE, _l("The number per page must be from 1 to %(n)s.",
                                             n=MAX_PER_PAGE))}
    for name, (highest, message) in numbers.items():
        if (value := args.get(name)) is not None:
            number = _int(value, 1, highest)
            if number is None:
                bad(name, message)
            else:
                setattr(filters, name, number)
    return filters, errors


def _conditions(filters: ExperimentFilters) -> list:
    conditions = [Experiment.moderation == "visible"]
    if filters.theme is not None:
        children = select(Section.id).where(Section.parent_id == filters.theme.id)
        conditions.append(or_(Experiment.theme_id == filters.theme.id,
                              Experiment.theme_id.in_(children)))
    if filters.status:
        conditions.append(Experiment.status == filters.status)
    if filters.partner is not None:
        conditions.append(Experiment.id.in_(
            select(ExperimentPartner.experiment_id)
            .where(ExperimentPartner.organization_id == filters.partner.id)))
    return conditions


def list_experiments(filters: ExperimentFilters) -> Page:
    """One page of visible experiments, newest first: three queries (count, page,
    partners with their organizations)."""
    conditions = _conditions(filters)
    total = db.session.scalar(select(func.count(Experiment.id)).where(*conditions)) or 0
    items = list(db.session.scalars(
        select(Experiment).where(*conditions)
        .options(joinedload(Experiment.theme), selectinload(Experiment.partners))
        .order_by(Experiment.created_at.desc(), Experiment.id.desc())
        .limit(filters.per_page).offset((filters.page - 1) * filters.per_page)
    ))
    return Page(items=items, total=total, page=filters.page, per_page=filters.per_page)


def load_experiment(experiment_id: int) -> Experiment | None:
    """The experiment with everything its page and the API show (a fixed number of
    queries)."""
    return db.session.scalars(
        select(Experiment)
        .options(joinedload(Experiment.theme), selectinload(Experiment.partners),
                 selectinload(Experiment.proposals), selectinload(Experiment.updates),
                 selectinload(Experiment.evaluation).selectinload(Evaluation.indicators))
        .where(Experiment.id == experiment_id)
    ).first()


def experiments_of_proposal(proposal) -> list[Experiment]:
    """The visible experiments that experiment `proposal` (one query)."""
    if proposal is None or getattr(proposal, "id", None) is None:
        return []
    return list(db.session.scalars(
        select(Experiment)
        .join(experiment_proposals, experiment_proposals.c.experiment_id == Experiment.id)
        .where(experiment_proposals.c.proposal_id == proposal.id,
               Experiment.moderation == "visible")
        .order_by(Experiment.id)))


def organization_choices() -> list[Organization]:
    return list(db.session.scalars(select(Organization).order_by(Organization.name)))


def partner_choices() -> list:
    """Every organization's id, slug and name (rows), for the public list's partner filter:
    whole objects cost half the page's time with a city's 500 organizations."""
    return list(db.session.execute(
        select(Organization.id, Organization.slug, Organization.name)
        .order_by(Organization.name)))
