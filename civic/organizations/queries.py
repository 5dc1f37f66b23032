"""Read organizations for pages: a fixed number of queries, whatever the page holds."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from civic.core.errors import NotFound
from civic.core.pagination import Page
from civic.extensions import db
from civic.organizations.models import ORGANIZATION_KINDS, Membership, Organization

PER_PAGE = 20




@dataclass
class OrganizationRow:
    organization: Organization
    member_count: int


def list_organizations(*, kind: str | None = None, verified_only: bool = False,
                       page: int = 1, per_page: int = PER_PAGE) -> Page:
    """One page of organizations by name, with their logo and member count (two queries)."""
    conditions = []
    if kind in ORGANIZATION_KINDS:
        conditions.append(Organization.kind == kind)
    if verified_only:
        conditions.append(Organization.verified_at.is_not(None))
    total = db.session.execute(
        select(func.count(Organization.id)).where(*conditions)).scalar_one()
    page = max(1, page)
    member_count = (
        select(func.count(Membership.id))
        .where(Membership.organization_id == Organization.id)
        .correlate(Organization).scalar_subquery()
    )
    rows = db.session.execute(
        select(Organization, member_count).where(*conditions)
        .order_by(func.lower(Organization.name), Organization.id)
        .limit(per_page).offset((page - 1) * per_page)
    ).unique().all()
    return Page([OrganizationRow(org, count) for org, count in rows], page, per_page, total)


def get_organization(slug: str) -> Organization:
    """The organization with its members (and their accounts) loaded; NotFound if none."""
    org = db.session.execute(
        select(Organization).where(Organization.slug == slug)
        .options(selectinload(Organization.memberships).joinedload(Membership.user))
    ).unique().scalar_one_or_none()
    if org is None:
        raise NotFound(_("This organization does not exist. It may have been renamed: "
                         "look for it in the list of organizations."))
    return org


# --- activity --------------------------------------------------------------------------

@dataclass(frozen=True)
class ActivityItem:
    at: datetime
    text: str
    url: str | None = None


ActivityProvider = Callable[[Organization], list[ActivityItem]]
ACTIVITY_PROVIDERS: list[ActivityProvider] = []


def activity_provider(func: ActivityProvider) -> ActivityProvider:
    """Register a source of activity items (later features: proposals, comments...)."""
    ACTIVITY_PROVIDERS.append(func)
    return func


@activity_provider
def _membership_activity(org: Organization) -> list[ActivityItem]:
    items = [ActivityItem(org.created_at, _("Joined the platform"))]
    if org.verified_at:
        items.append(ActivityItem(org.verified_at, _("Verified by the metropolis")))
    # Founders join with the organization itself: only later arrivals are news.
    founded = org.created_at + timedelta(minutes=1)
    items.extend(ActivityItem(m.created_at, _("%(name)s joined", name=m.user.public_name))
                 for m in org.memberships if m.created_at and m.created_at > founded)
    return items


def organization_activity(org: Organization, limit: int = 20) -> list[ActivityItem]:
    """Recent activity, newest first, from every registered provider."""
    items = [item for provider in ACTIVITY_PROVIDERS for item in provider(org)]
    return sorted(items, key=lambda item: item.at, reverse=True)[:limit]
