"""Site roles: admins grant and revoke them; every change is in the audit log."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from civic.accounts.models import User, UserRole
from civic.audit.services import record
from civic.core.errors import Conflict, DomainError, PermissionDenied
from civic.core.models import utcnow
from civic.core.permissions import GRANTABLE_ROLES, can_grant_roles
from civic.extensions import db

ROLE_LABELS = {
    "moderator": _l("Moderator (usage lab)"),
    "staff": _l("Staff (metropolis)"),
    "admin": _l("Administrator"),
}


def role_label(role: str) -> str:
    return str(ROLE_LABELS.get(role, role))


def _check(actor, role: str) -> None:
    if not can_grant_roles(actor):
        raise PermissionDenied(_("Only administrators can change site roles."))
    if role not in GRANTABLE_ROLES:
        raise DomainError(_("Unknown role. Choose one of: %(roles)s.",
                            roles=", ".join(GRANTABLE_ROLES)), field="role")


def _role_set(user) -> list[str]:
    return sorted(user.role_names)


def count_admins() -> int:
    """Active accounts holding the admin role, their rows locked until the commit.

    The lock (PostgreSQL; SQLite writers are serialized anyway) keeps two admins who
    revoke each other at the same moment from leaving the platform without any.
    """
    stmt = (select(UserRole.user_id).join(User, User.id == UserRole.user_id)
            .where(UserRole.role == "admin", User.deleted_at.is_(None))
            .with_for_update(of=UserRole))
    return len(db.session.execute(stmt).all())


def _already_holds(user, role: str) -> Conflict:
    return Conflict(_("%(name)s already holds the role “%(role)s”. Nothing changed.",
                      name=user.display_name, role=role_label(role)))


def grant_role(actor, user, role: str) -> UserRole:
    """Give `role` to `user`, remembering who granted it and when."""
    _check(actor, role)
    if user.is_deleted:
        raise DomainError(_("This account has been deleted: it cannot receive a role."))
    if role in user.role_names:
        raise _already_holds(user, role)
    before = _role_set(user)
    granted = UserRole(role=role, granted_by_id=actor.id, granted_at=utcnow())
    try:
        with db.session.begin_nested():  # a double click races to the same primary key
            user.roles.append(granted)
    except IntegrityError:
        raise _already_holds(user, role) from None
    record(actor, "role.grant", user, target_label=user.display_name,
           before={"roles": before}, after={"roles": _role_set(user)})
    db.session.flush()
    return granted


def revoke_role(actor, user, role: str) -> None:
    """Take `role` away from `user`; the platform always keeps one administrator."""
    _check(actor, role)
    held = next((r for r in user.roles if r.role == role), None)
    if held is None:
        raise Conflict(_("%(name)s does not hold the role “%(role)s”. Nothing changed.",
                         name=user.display_name, role=role_label(role)))
    # A deleted account's admin role does not count: removing it is always allowed.
    if role == "admin" and not user.is_deleted and count_admins() <= 1:
        raise DomainError(_("You cannot remove the last administrator. Grant the admin role "
                            "to someone else first."))
    before = _role_set(user)
    user.roles.remove(held)
    record(actor, "role.revoke", user, target_label=user.display_name,
           before={"roles": before}, after={"roles": _role_set(user)})
    db.session.flush()
