"""The public lists of proposals: filters, full-text search, sorts, pages.

`parse_list_args` turns query-string parameters into `ListFilters` plus a list of
`ParamError` for the values it had to ignore; `list_proposals` runs the list in a fixed
number of queries (count + page, the page's theme, author and organization joined).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from flask import current_app, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import case, func, literal_column, or_, select, union_all
from sqlalchemy.orm import joinedload

from civic import search
from civic.core import cache
from civic.core.pagination import MAX_PAGE
from civic.core.pagination import Page as BasePage
from civic.extensions import db
from civic.masterplan.models import Section
from civic.organizations import queries as organization_queries
from civic.organizations.models import ORGANIZATION_KINDS, Organization
from civic.proposals.models import OPEN_STATUSES, PROPOSAL_KINDS, PUBLIC_STATUSES, Proposal

SORTS = ("recent", "supports", "comments", "random")
DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100
MAX_QUERY_LENGTH = 200
MAP_LIMIT = 1000  # markers on the map page: the most recent located proposals
RANDOM_PRIME = 2_147_483_647  # 2**31 - 1: random_key * seed stays within 64 bits
AUTHOR_TYPES = ("citizen", "organization", *ORGANIZATION_KINDS)


@dataclass
class ParamError:
    parameter: str
    message: str


@dataclass
class ListFilters:
    q: str = ""
    theme: Section | None = None
    status: str | None = None  # a public status, or "open"
    kind: str | None = None
    author: str | None = None  # "citizen", "organization" or an organization kind
    place: bool = False
    sort: str = "recent"
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    seed: int = 1

    def query_args(self, **changes) -> dict:
        """The URL parameters that describe this list (for links and shared searches)."""
        values = replace(self, **changes) if changes else self
        args = {
            "q": values.q or None,
            "theme": values.theme.slug if values.theme else None,
            "status": values.status, "kind": values.kind, "author": values.author,
            "place": "1" if values.place else None,
            "sort": values.sort if values.sort != "recent" else None,
            "page": values.page if values.page != 1 else None,
            "per_page": values.per_page if values.per_page != DEFAULT_PER_PAGE else None,
        }
        return {key: value for key, value in args.items() if value is not None}


@dataclass
class Page(BasePage):
    """A page of proposals, with the parameter errors met while reading the filters."""

    errors: list[ParamError] = field(default_factory=list)


def _same(*values) -> dict:
    return {value: value for value in values}


# Choice parameters: the values each accepts (mapped to the filter's value) and the
# message shown when it gets another one.
CHOICES = {
    "status": (_same("open", *PUBLIC_STATUSES), _l("Unknown status; showing every status.")),
    "kind": (_same(*PROPOSAL_KINDS), _l("Unknown kind of proposal; showing both kinds.")),
    "author": (_same(*AUTHOR_TYPES), _l("Unknown type of author; showing every author.")),
    "place": ({"1": True, "true": True, "yes": True, "on": True,
               "0": False, "false": False, "no": False},
              _l("The place filter takes 1 or 0.")),
    "sort": (_same(*SORTS), _l("Unknown sort order; showing the most recent first.")),
}
# Whole-number parameters: their highest value (the lowest is 1) and their message.
NUMBERS = {
    "page": (MAX_PAGE, _l("The page must be a number from 1 to %(n)s.", n=MAX_PAGE)),
    "per_page": (MAX_PER_PAGE, _l("The number per page must be from 1 to %(n)s.",
                                  n=MAX_PER_PAGE)),
}
# Only the API takes a seed for the random order (the pages keep one per visitor).
SEED = {"seed": (RANDOM_PRIME - 1, _l("The seed must be a number from 1 to %(n)s.",
                                      n=RANDOM_PRIME - 1))}


def _int(value: str, low: int, high: int) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if low <= number <= high else None


def find_theme(value: str, themes: list[Section] | None = None) -> Section | None:
    """A theme by slug or id, among `themes` (all of them when the caller has not
    loaded them: a few dozen rows)."""
    if themes is None:
        themes = list(db.session.scalars(select(Section)))
    return next((theme for theme in themes if value in (theme.slug, str(theme.id))), None)


def parse_list_args(args, themes: list[Section] | None = None, *,
                    read_seed: bool = False) -> tuple[ListFilters, list[ParamError]]:
    """Read list parameters; unknown or malformed values are dropped and reported."""
    filters, errors = ListFilters(), []

    def bad(parameter, message):
        errors.append(ParamError(parameter, str(message)))

    q = (args.get("q") or "").strip()
    if len(q) > MAX_QUERY_LENGTH:
        bad("q", _l("The search is too long: it was cut to %(n)s characters.",
                    n=MAX_QUERY_LENGTH))
        q = q[:MAX_QUERY_LENGTH]
    if q and not search.query_terms(q):
        bad("q", _l("The search has no word to look for; use whole words."))
        q = ""
    filters.q = q
    if value := args.get("theme"):
        filters.theme = find_theme(value, themes)
        if filters.theme is None:
            bad("theme", _l("There is no such theme; showing every theme."))
    for name, (accepted, message) in CHOICES.items():
        if value := args.get(name):
            if value in accepted:
                setattr(filters, name, accepted[value])
            else:
                bad(name, message)
    for name, (highest, message) in (NUMBERS | SEED if read_seed else NUMBERS).items():
        if (value := args.get(name)) is not None:
            number = _int(value, 1, highest)
            if number is None:
                bad(name, message)
            else:
                setattr(filters, name, number)
    return filters, errors


def _conditions(filters: ListFilters) -> list:
    # Never drafts, nor what the moderators hid or have not approved yet.
    conditions = [Proposal.status.in_(PUBLIC_STATUSES), Proposal.moderation == "visible"]
    if filters.q and (matches := search.matching_ids(filters.q)) is not None:
        conditions.append(Proposal.id.in_(matches))
    if filters.theme is not None:
        # One IN over the theme and its children: the (theme_id, moderation, status) index
        # covers it, where "= theme OR IN (children)" made SQLite scan the table.
        conditions.append(Proposal.theme_id.in_(select(Section.id).where(or_(
            Section.id == filters.theme.id, Section.parent_id == filters.theme.id))))
    if filters.status == "open":
        conditions.append(Proposal.status.in_(OPEN_STATUSES))
    elif filters.status:
        conditions.append(Proposal.status == filters.status)
    if filters.kind:
        conditions.append(Proposal.kind == filters.kind)
    if filters.author == "citizen":
        # Not indexable on purpose: most proposals have no organization, and SQLite (no
        # STAT4 histogram) would walk the organization_id index for all of them (10×).
        conditions.append(func.coalesce(Proposal.organization_id, 0) == 0)
    elif filters.author == "organization":
        conditions.append(Proposal.organization_id.is_not(None))
    elif filters.author:
        conditions.append(Proposal.organization_id.in_(
            select(Organization.id).where(Organization.kind == filters.author)))
    if filters.place:
        conditions.append(Proposal.latitude.is_not(None))
        conditions.append(Proposal.longitude.is_not(None))
    return conditions


def _order(filters: ListFilters) -> list:
    recent = [Proposal.published_at.desc(), Proposal.id.desc()]
    if filters.sort == "supports":
        return [Proposal.supports_count.desc(), Proposal.id.desc()]
    if filters.sort == "comments":
        return [Proposal.comments_count.desc(), Proposal.id.desc()]
    if filters.sort == "random":
        # Sorting the page's few rows: the keys from the visitor's starting point, then
        # the ones before it (see _random_page_ids).
        start = _random_start(filters.seed)
        return [case((Proposal.random_key >= start, 0), else_=1), Proposal.random_key,
                Proposal.status, Proposal.id]
    return recent


def _random_start(seed: int) -> int:
    """Where a visitor's random order starts among the random keys (0 ≤ key < 2³¹)."""
    # A bijection of 1..2³¹-2 (the prime modulus) that sends nearby seeds far apart.
    return (seed * 1_103_515_245) % RANDOM_PRIME


def _random_page_ids(conditions: list, filters: ListFilters):
    """The ids of one page of the random order, read in order from the (moderation,
    random_key, status, id) index rather than sorted: every proposal has a random key
    drawn once, and each visitor reads that one shuffled order from their own starting
    point, wrapping around at the end. Each of the two index ranges (from the start, then
    before it) gives at most offset + page size rows in index order, and only those are
    sorted: no sort of every public proposal (an order computed per row took 40-55 ms on
    100,000)."""
    start = _random_start(filters.seed)
    wanted = filters.page * filters.per_page
    key = (Proposal.random_key, Proposal.status, Proposal.id)
    ranges = [
        select(Proposal.id, literal_column(str(part)).label("part"), *key[:2])
        .where(*conditions, condition).order_by(*key).limit(wanted).subquery()
        for part, condition in enumerate((Proposal.random_key >= start,
                                          Proposal.random_key < start))]
    both = union_all(*(select(*range_.c) for range_ in ranges)).subquery()
    return (select(both.c.id)
            .order_by(both.c.part, both.c.random_key, both.c.status, both.c.id)
            .limit(filters.per_page).offset((filters.page - 1) * filters.per_page))


def list_proposals(filters: ListFilters) -> Page:
    """One page of public proposals: two queries whatever their number or content.

    The page's ids are chosen first (a subquery on the proposals alone), then only those
    rows are joined to their theme, author and organization: an order that needs a sort
    (random, or a filter the order's index does not serve) then sorts ids, not every
    joined row (the random order took 0.5 s on 100,000 proposals)."""
    conditions = _conditions(filters)
    order = _order(filters)
    page_ids = (select(Proposal.id).where(*conditions).order_by(*order)
                .limit(filters.per_page).offset((filters.page - 1) * filters.per_page))
    if filters.sort == "random" and not filters.q:
        page_ids = _random_page_ids(conditions, filters)
    elif (filters.theme is not None and filters.sort == "recent" and not filters.q
          and db.session.get_bind().dialect.name == "sqlite"):
        # A theme's rows come from its covering index, then are sorted. SQLite may walk
        # the whole date index instead, and for a rare filter (a project's experiments)
        # visit most proposals to fill a page (60-130 ms): the same dates, as an
        # expression, leave it only the theme's index.
        page_ids = page_ids.order_by(None).order_by(
            func.coalesce(Proposal.published_at, Proposal.published_at).desc(),
            Proposal.id.desc())
    if filters.q and db.session.get_bind().dialect.name == "sqlite":
        # SQLite visits every match of a search anyway (to sort them): count them in the
        # same pass (a window over the filtered rows) rather than in a second query that
        # looks each match up again (4,700 matches: 25 ms → 13 ms). Not on PostgreSQL: its
        # planner then walks every public proposal by date to test the match (0.9 s).
        rows = db.session.execute(page_ids.add_columns(func.count().over())).all()
        if not rows:  # no match, or a page past the last: count them apart
            return Page(items=[], total=_total(filters, conditions), page=filters.page,
                        per_page=filters.per_page)
        total, ids_condition = rows[0][1], Proposal.id.in_([row[0] for row in rows])
    else:
        total = _total(filters, conditions)
        ids_condition = Proposal.id.in_(page_ids.scalar_subquery())
    items = list(db.session.scalars(
        select(Proposal).where(ids_condition)
        .options(joinedload(Proposal.theme), joinedload(Proposal.author),
                 joinedload(Proposal.organization))
        .order_by(*order)
    ))
    return Page(items=items, total=total, page=filters.page, per_page=filters.per_page)


def _total(filters: ListFilters, conditions: list) -> int:
    """The number of proposals the list has, cached PROPOSAL_COUNT_CACHE_SECONDS (30 s)
    per combination of filters: it walks an index of every matching proposal (10 ms on
    SQLite, 25 ms on PostgreSQL for all 100,000; up to 30 ms for a theme with a filter),
    on the most visited pages, where the cards themselves are never cached. A search
    always counts afresh (its words make the combinations unbounded)."""
    def count() -> int:
        return db.session.scalar(select(func.count(Proposal.id)).where(*conditions)) or 0

    if filters.q:
        return count()
    ttl = current_app.config.get("PROPOSAL_COUNT_CACHE_SECONDS", 30)
    if not (filters.theme or filters.status or filters.kind or filters.author
            or filters.place):
        return cache.cached("proposals:public-count", ttl, count)
    key = ":".join(str(part) for part in (
        filters.theme.id if filters.theme else "", filters.status or "", filters.kind or "",
        filters.author or "", int(bool(filters.place))))
    return cache.cached(f"proposals:count:{key}", ttl, count)


def located_proposals(limit: int = MAP_LIMIT) -> list[Proposal]:
    """Public proposals that have a place, for the map (most recent first, bounded)."""
    return list(db.session.scalars(
        select(Proposal)
        .where(*_conditions(ListFilters(place=True)))
        .options(joinedload(Proposal.theme))
        .order_by(Proposal.published_at.desc(), Proposal.id.desc()).limit(limit)
    ))


@organization_queries.activity_provider
def organization_activity(org: Organization, limit: int = 20) -> list:
    """The public proposals made on behalf of `org`, for its page (one query)."""
    published = db.session.scalars(
        select(Proposal).where(Proposal.organization_id == org.id,
                               *_conditions(ListFilters()))
        .order_by(Proposal.published_at.desc(), Proposal.id.desc()).limit(limit))
    return [organization_queries.ActivityItem(
        p.published_at or p.created_at, _("Proposed “%(title)s”", title=p.title),
        url_for("proposals.detail", proposal_id=p.id)) for p in published]
