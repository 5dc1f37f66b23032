"""One-click unsubscribe from notification e-mails (footer link and List-Unsubscribe).

The link carries a signed token naming the account and a key derived from the address
the mail was sent to: it never expires, but stops working once the account is deleted
or its e-mail address changed (the old mails went to another address). Unsubscribing
sets the e-mail frequency to "never"; the notifications stay on the site.
"""
from __future__ import annotations

import hashlib

from flask_babel import gettext as _

from civic.core.errors import DomainError, NotFound
from civic.core.tokens import InvalidToken, make_token, read_token
from civic.extensions import db

PURPOSE = "unsubscribe"


def _account_key(user) -> str:
    return hashlib.sha256(f"{user.id}:{(user.email or '').lower()}".encode()).hexdigest()[:16]


def make_unsubscribe_token(user) -> str:
    return make_token(PURPOSE, {"u": user.id, "k": _account_key(user)})


def unsubscribe_url(user) -> str:
    from civic.mail.services import external_url

    return external_url("notifications.unsubscribe", token=make_unsubscribe_token(user))


def read_unsubscribe_token(token: str):
    """The account a link stops e-mails for; refuses damaged and outdated links."""
    from civic.accounts.models import User

    try:
        payload = read_token(PURPOSE, token, max_age=None)
    except InvalidToken as error:
        raise DomainError(_("This unsubscribe link is damaged: copy the whole link from the "
                            "e-mail, or log in and choose which e-mails you receive in "
                            "your settings.")) from error
    user = None
    if isinstance(payload, dict) and isinstance(payload.get("u"), int):
        user = db.session.get(User, payload["u"])
    if user is None or user.is_deleted or payload.get("k") != _account_key(user):
        raise NotFound(_("This unsubscribe link no longer matches an account (it was "
                         "deleted, or its e-mail address changed). Log in and choose which "
                         "e-mails you receive in your settings."))
    return user


def unsubscribe(user) -> bool:
    """Stop notification e-mails for `user`; False when they were already stopped."""
    if user.email_frequency == "never":
        return False
    user.email_frequency = "never"
    db.session.flush()
    return True


def masked_email(address: str) -> str:
    """"camille@example.org" -> "c•••@example.org": enough to recognise one's address."""
    local, _sep, domain = (address or "").partition("@")
    return f"{local[:1]}•••@{domain}" if domain else "•••"
