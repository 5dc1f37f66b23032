"""Read people and their site roles for the admin pages."""
from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from civic.accounts.models import User, UserRole
from civic.accounts.services import fold_display_name, normalize_email
from civic.core.permissions import GRANTABLE_ROLES
from civic.extensions import db

PER_PAGE = 20


def person_matches(person, text: str):
    """`person`'s name (accents and case ignored) or e-mail contains `text`; `%` and `_`
    are taken literally. `person` is User or an alias of it."""
    return or_(person.display_name_key.contains(fold_display_name(text), autoescape=True),
               person.email.contains(normalize_email(text), autoescape=True))


def search_people(query: str, page: int = 1, per_page: int = PER_PAGE):
    """People whose name or e-mail contains `query`, by name; roles loaded (3 queries)."""
    stmt = select(User).order_by(User.display_name_key, User.id)
    query = (query or "").strip()
    if query:
        stmt = stmt.where(person_matches(User, query))
    return db.paginate(stmt, page=page, per_page=per_page, error_out=False, count=True)


def list_role_holders() -> dict[str, list[UserRole]]:
    """Every moderator, staff member and admin, grouped by role, with who granted it."""
    rows = db.session.execute(
        select(UserRole).join(User, User.id == UserRole.user_id)
        .where(UserRole.role.in_(GRANTABLE_ROLES))
        .options(joinedload(UserRole.user), joinedload(UserRole.granted_by))
        .order_by(UserRole.role, User.display_name_key)
    ).scalars().all()
    holders: dict[str, list[UserRole]] = {role: [] for role in GRANTABLE_ROLES}
    for row in rows:
        holders[row.role].append(row)
    return holders
