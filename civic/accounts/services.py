"""Account rules: sign-up, confirmation, log-in, password reset."""
from __future__ import annotations

import hashlib
import hmac
import unicodedata

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from civic.accounts.models import User, UserRole, new_session_key
from civic.accounts.passwords import hash_password, password_problem, verify_nothing
from civic.accounts.passwords import verify_password as _verify_password
from civic.core.errors import Conflict, DomainError
from civic.core.models import utcnow
from civic.core.permissions import GRANTABLE_ROLES
from civic.core.tokens import InvalidToken, make_token, read_token
from civic.extensions import db
from civic.mail.services import external_url, queue_user_mail

CONFIRM_PURPOSE = "confirm"
RESET_PURPOSE = "reset"
# Folded names that would pass for the label shown in place of deleted accounts.
RESERVED_NAME_KEYS = ("deleted participant", "participant supprime")


def normalize_email(email: str) -> str:
    return (email or "").strip().lower()


def fold_display_name(name: str) -> str:
    """Case- and accent-insensitive key: "Élodie" and "elodie" are the same name."""
    decomposed = unicodedata.normalize("NFKD", (name or "").strip())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def clean_display_name(name: str) -> str:
    """Collapse inner whitespace: "Camille   Martin" is shown as "Camille Martin"."""
    return " ".join((name or "").split())


# --- lookups ---------------------------------------------------------------------------

def find_user_by_email(email: str) -> User | None:
    return db.session.execute(
        select(User).where(User.email == normalize_email(email))
    ).scalar_one_or_none()


def display_name_taken(name: str, *, exclude: User | None = None) -> bool:
    query = select(User.id).where(User.display_name_key == fold_display_name(name))
    if exclude is not None:
        query = query.where(User.id != exclude.id)
    return db.session.execute(query).first() is not None


def check_display_name(name: str, *, exclude: User | None = None) -> None:
    key = fold_display_name(name)
    if not key:
        raise DomainError(_("Enter a display name."), field="display_name")
    if key.startswith(RESERVED_NAME_KEYS):
        raise DomainError(_("This name is reserved. Choose another one."), field="display_name")
    if display_name_taken(name, exclude=exclude):
        raise Conflict(_("This display name is already used. Choose another one, for "
                         "example by adding your initial or your neighbourhood."),
                       field="display_name")


def check_password(password: str, *, email: str = "", display_name: str = "") -> None:
    problem = password_problem(password, email=email, display_name=display_name)
    if problem:
        raise DomainError(problem, field="password")


# --- sign-up and confirmation ------------------------------------------------------------

def register_user(email: str, display_name: str, password: str, *, locale: str) -> User | None:
    """Create an unconfirmed account and queue its confirmation mail.

    When the address is already registered nothing is created: its owner gets a mail
    instead and None is returned. The caller shows the same result either way, so the
    form cannot be used to find out who has an account. The display name is checked
    first, for the same reason (names are public; addresses are not).
    """
    email = normalize_email(email)
    display_name = clean_display_name(display_name)
    check_display_name(display_name)
    check_password(password, email=email, display_name=display_name)
    existing = find_user_by_email(email)
    if existing is not None:
        if not existing.is_deleted:
            send_signup_attempt_mail(existing)
        return None
    user = User(email=email, display_name=display_name,
                display_name_key=fold_display_name(display_name),
                password_hash=hash_password(password), locale=locale)
    try:
        with db.session.begin_nested():
            db.session.add(user)
    except IntegrityError:
        # Someone took the address or the name a moment ago.
        check_display_name(display_name)
        existing = find_user_by_email(email)
        if existing is not None and not existing.is_deleted:
            send_signup_attempt_mail(existing)
        return None
    send_confirmation_mail(user)
    return user


def read_link(purpose: str, token: str, max_age: int, *, expired: str, invalid: str) -> dict:
    """The payload of a link sent by e-mail, or a DomainError saying what to do next."""
    try:
        payload = read_token(purpose, token, max_age)
    except InvalidToken as exc:
        raise DomainError(expired if exc.expired else invalid) from exc
    if not isinstance(payload, dict):
        raise DomainError(invalid)
    return payload


def confirmation_token(user: User) -> str:
    return make_token(CONFIRM_PURPOSE, {"uid": user.id, "email": user.email})


def send_confirmation_mail(user: User) -> None:
    hours = current_app.config["CONFIRM_TOKEN_MAX_AGE"] // 3600
    queue_user_mail(user, kind="confirm", subject=_l("Confirm your e-mail address"),
                    template="mail/confirm.txt", hours=hours,
                    url=external_url("accounts.confirm", token=confirmation_token(user)))


def send_signup_attempt_mail(user: User) -> None:
    queue_user_mail(user, kind="signup_attempt",
                    subject=_l("Someone tried to sign up with your e-mail address"),
                    template="mail/signup_attempt.txt",
                    login_url=external_url("accounts.login"),
                    reset_url=external_url("accounts.reset_request"))


def resend_confirmation(user: User) -> bool:
    """Queue a new confirmation mail; False when the address is already confirmed."""
    if user.is_confirmed:
        return False
    send_confirmation_mail(user)
    return True


def resend_confirmation_to(email: str) -> None:
    """Mail a new link when `email` belongs to an unconfirmed account; say nothing either
    way (the form is open to anyone: it must not tell who has an account)."""
    user = find_user_by_email(email)
    if user is not None and not user.is_deleted:
        resend_confirmation(user)


def user_for_confirmation(token: str) -> User:
    """The account a confirmation link belongs to (reads only)."""
    invalid = _("This confirmation link is not valid. Copy the whole link from the e-mail, "
                "or log in and ask for a new one.")
    data = read_link(CONFIRM_PURPOSE, token, current_app.config["CONFIRM_TOKEN_MAX_AGE"],
                     expired=_("This confirmation link has expired. Log in and ask for a "
                               "new one."), invalid=invalid)
    try:
        user = db.session.get(User, int(data["uid"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise DomainError(invalid) from exc
    if user is None or user.is_deleted or user.email != data.get("email"):
        raise DomainError(_("This confirmation link is no longer valid. Log in and ask for "
                            "a new one."))
    return user


def confirm_email(token: str) -> User:
    user = user_for_confirmation(token)
    if not user.is_confirmed:
        user.email_confirmed_at = utcnow()
    return user


# --- log-in ------------------------------------------------------------------------------

def authenticate(email: str, password: str) -> User:
    """The account matching `email` and `password`; one message for every failure."""
    user = find_user_by_email(email)
    if user is None or user.is_deleted or not user.password_hash:
        verify_nothing(password)
        ok = False
    else:
        ok = _verify_password(user.password_hash, password)
    if not ok:
        raise DomainError(_("E-mail or password is incorrect."))
    user.last_login_at = utcnow()
    return user


def rotate_session_key(user: User) -> None:
    """End every session of `user`: flask-login identifies sessions by this key."""
    user.session_key = new_session_key()


# --- password reset ---------------------------------------------------------------------

def _password_fingerprint(user: User) -> str:
    # Changes when the password (or the address) changes: a used link stops working.
    secret = current_app.config["SECRET_KEY"].encode()
    material = f"{user.password_hash or ''}|{user.email}".encode()
    return hmac.new(secret, material, hashlib.sha256).hexdigest()[:32]


def reset_token(user: User) -> str:
    return make_token(RESET_PURPOSE, {"uid": user.id, "fp": _password_fingerprint(user)})


def request_password_reset(email: str) -> None:
    """Mail a reset link when the account exists; say nothing either way."""
    user = find_user_by_email(email)
    if user is None or user.is_deleted:
        return
    minutes = current_app.config["RESET_TOKEN_MAX_AGE"] // 60
    queue_user_mail(user, kind="reset", subject=_l("Reset your password"),
                    template="mail/reset.txt", minutes=minutes,
                    url=external_url("accounts.reset_password", token=reset_token(user)))


def user_for_reset_token(token: str) -> User:
    """The account a reset link belongs to, while the link is unused and fresh."""
    invalid = _("This reset link is invalid, expired or already used. Ask for a new one.")
    data = read_link(RESET_PURPOSE, token, current_app.config["RESET_TOKEN_MAX_AGE"],
                     expired=invalid, invalid=invalid)
    try:
        user = db.session.get(User, int(data["uid"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise DomainError(invalid) from exc
    if user is None or user.is_deleted or not hmac.compare_digest(
        str(data.get("fp")), _password_fingerprint(user)
    ):
        raise DomainError(invalid)
    return user


def reset_password(user: User, password: str) -> None:
    """Set a new password and end every other session.

    Following the link proved the person reads this mailbox, so the address counts as
    confirmed too.
    """
    check_password(password, email=user.email, display_name=user.display_name)
    user.password_hash = hash_password(password)
    rotate_session_key(user)
    if not user.is_confirmed:
        user.email_confirmed_at = utcnow()


# --- administration ---------------------------------------------------------------------

def create_user(actor: User | None, *, email: str, display_name: str, password: str,
                roles=(), locale: str | None = None, confirmed: bool = True) -> User:
    """Create an account directly (command line): no mail, confirmed by default."""
    from civic.audit.services import record

    try:
        email = validate_email(email, check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise DomainError(_("Enter a valid e-mail address."), field="email") from exc
    unknown = set(roles) - set(GRANTABLE_ROLES) - {"citizen"}
    if unknown:
        raise DomainError(_("Unknown role: %(roles)s.", roles=", ".join(sorted(unknown))))
    if find_user_by_email(email) is not None:
        raise Conflict(_("An account with this e-mail address already exists."),
                       field="email")
    display_name = clean_display_name(display_name)
    check_display_name(display_name)
    check_password(password, email=email, display_name=display_name)
    user = User(email=email, display_name=display_name,
                display_name_key=fold_display_name(display_name),
                password_hash=hash_password(password),
                locale=locale or current_app.config["BABEL_DEFAULT_LOCALE"],
                email_confirmed_at=utcnow() if confirmed else None)
    for role in sorted(set(roles) - {"citizen"}):
        user.roles.append(UserRole(role=role, granted_by_id=getattr(actor, "id", None)))
    db.session.add(user)
    db.session.flush()
    record(actor, "account.create", user, target_label=user.display_name,
           after={"roles": sorted(user.role_names), "confirmed": confirmed})
    return user
