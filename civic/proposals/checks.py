"""Refusals shared by the proposal services: unconfirmed e-mail, blocked account."""
from __future__ import annotations

from flask_babel import gettext as _

from civic.core import permissions
from civic.core.errors import PermissionDenied


def require_confirmed(user) -> None:
    if not getattr(user, "is_confirmed", False):
        raise PermissionDenied(_("Confirm your e-mail address first: open the link we sent "
                                 "you, or ask for a new one."))


def require_unblocked(user) -> None:
    """Blocked people read the platform but write nothing: say why and until when."""
    message = permissions.blocked_message(user)
    if message:
        raise PermissionDenied(message)
