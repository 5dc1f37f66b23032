"""Account rules of the settings pages: profile, password, e-mail change, deletion.

The GDPR export and the public activity list live in `civic.accounts.profile_data`.
"""
from __future__ import annotations

from collections.abc import Callable

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import selectinload

from civic.accounts.models import EMAIL_FREQUENCIES, User
from civic.accounts.passwords import hash_password, password_problem, verify_password
from civic.accounts.profile_data import EXPORTERS, export_user_data  # noqa: F401 (re-exported)
from civic.accounts.services import (
    check_display_name,
    clean_display_name,
    find_user_by_email,
    fold_display_name,
    normalize_email,
    read_link,
    rotate_session_key,
)
from civic.core.errors import Conflict, DomainError, PermissionDenied
from civic.core.models import utcnow
from civic.core.tokens import make_token
from civic.extensions import db
from civic.mail.services import external_url, queue_user_mail

CHANGE_EMAIL_PURPOSE = "change-email"


def deleted_name_key(user_id: int) -> str:
    """A display_name_key no living account can hold: fold_display_name() never yields
    upper-case letters."""
    return f"DELETED-{user_id}"


def _refuse_wrong_password(user: User, password: str, field: str) -> None:
    if not verify_password(user.password_hash, password):
        raise DomainError(_("This password is not right. Type your current password again."),
                          field=field)


# --- profile -----------------------------------------------------------------------

def update_profile(user: User, *, display_name: str, bio: str, locale: str) -> User:
    """Change the public name, the bio and the interface language."""
    display_name = clean_display_name(display_name)
    check_display_name(display_name, exclude=user)
    if locale not in current_app.config["LANGUAGES"]:
        raise DomainError(_("Choose one of the offered languages."), field="locale")
    user.display_name = display_name
    user.display_name_key = fold_display_name(display_name)
    user.bio = bio or ""
    user.locale = locale
    db.session.flush()
    return user


def update_notifications(user: User, *, email_frequency: str) -> User:
    if email_frequency not in EMAIL_FREQUENCIES:
        raise DomainError(_("Choose how often you want e-mails."), field="email_frequency")
    user.email_frequency = email_frequency
    db.session.flush()
    return user


# --- password ----------------------------------------------------------------------

def change_password(user: User, *, current_password: str, new_password: str) -> User:
    """Set a new password and end every other session (the session key changes)."""
    _refuse_wrong_password(user, current_password, "current_password")
    problem = password_problem(new_password, email=user.email, display_name=user.display_name)
    if problem:
        raise DomainError(problem, field="new_password")
    if verify_password(user.password_hash, new_password):
        raise DomainError(_("The new password is the same as the current one. Choose a "
                            "different one."), field="new_password")
    user.password_hash = hash_password(new_password)
    rotate_session_key(user)
    queue_user_mail(user, kind="password-changed", subject=_l("Your password was changed"),
                    template="mail/password_changed.txt",
                    reset_url=external_url("accounts.reset_request"))
    db.session.flush()
    return user


# --- e-mail address ----------------------------------------------------------------

def _refuse_taken_email(user: User, email: str, field: str | None = "new_email") -> None:
    owner = find_user_by_email(email)
    if owner is not None and owner.id != user.id:
        # Neutral on purpose: the page must not tell whether someone else has an account.
        raise Conflict(_("This address cannot be used for your account. Choose another "
                         "address."), field=field)


def request_email_change(user: User, *, new_email: str, current_password: str) -> str:
    """Remember the new address and send it a confirmation link; warn the old one."""
    _refuse_wrong_password(user, current_password, "current_password")
    new_email = normalize_email(new_email)
    if new_email == normalize_email(user.email):
        raise DomainError(_("This is already your address. Enter a different one."),
                          field="new_email")
    _refuse_taken_email(user, new_email)
    user.pending_email = new_email
    token = make_token(CHANGE_EMAIL_PURPOSE, {"user": user.id, "email": new_email})
    queue_user_mail(user, kind="change-email", to_address=new_email,
                    subject=_l("Confirm your new e-mail address"),
                    template="mail/email_change.txt",
                    hours=current_app.config["CONFIRM_TOKEN_MAX_AGE"] // 3600,
                    url=external_url("profiles.confirm_email", token=token))
    queue_user_mail(user, kind="change-email-notice",
                    subject=_l("A change of your e-mail address was requested"),
                    template="mail/email_change_notice.txt",
                    password_url=external_url("profiles.password"))
    db.session.flush()
    return token


def read_email_change(user: User, token: str) -> str:
    """The address a confirmation link would set, after checking it may still be used."""
    payload = read_link(
        CHANGE_EMAIL_PURPOSE, token, current_app.config["CONFIRM_TOKEN_MAX_AGE"],
        expired=_("This link has expired. Ask for a new one in your settings."),
        invalid=_("This link is not valid. Copy the whole link from the e-mail, or ask for a "
                  "new one in your settings."))
    if payload.get("user") != user.id:
        raise PermissionDenied(_("This link was sent for another account. Log in with that "
                                 "account, then open the link again."))
    email = payload.get("email")
    if not email or email != user.pending_email:
        raise DomainError(_("This link is no longer valid: it was already used, or a newer "
                            "change was asked for. Use the latest e-mail you received."))
    _refuse_taken_email(user, email, field=None)
    return email


def confirm_email_change(user: User, token: str) -> User:
    user.email = read_email_change(user, token)
    user.pending_email = None
    user.email_confirmed_at = utcnow()
    db.session.flush()
    return user


# --- deletion ----------------------------------------------------------------------

# Other domains drop what they hold about a deleted person (drafts, follows,
# notifications): registered from `civic.ACCOUNT_PARTS`; `fn(user)` must not commit. Public
# contributions are kept: they show up under "Deleted participant".
ACCOUNT_ERASERS: list[Callable[[User], None]] = []


def organizations_blocking_deletion(user: User) -> list:
    """Organizations where `user` is the last owner while other people are members."""
    from civic.organizations.models import Membership, Organization

    owned = db.session.scalars(
        select(Organization).join(Membership).where(
            Membership.user_id == user.id, Membership.role == "owner")
        .options(selectinload(Organization.memberships))
        .order_by(Organization.name)
    )
    blocking = []
    for org in owned:
        others = [m for m in org.memberships if m.user_id != user.id]
        if others and not any(m.role == "owner" for m in others):
            blocking.append(org)
    return blocking


def delete_account(user: User, *, password: str) -> User:
    """Remove the person's personal data; what they published stays, unsigned."""
    from civic.audit.services import record
    from civic.mail.models import OutboxMail
    from civic.organizations.models import Invitation, JoinRequest, Membership

    _refuse_wrong_password(user, password, "password")
    blocking = organizations_blocking_deletion(user)
    if blocking:
        raise Conflict(_("You are the last owner of %(names)s. Make another member an owner "
                         "(or remove the other members) first, then delete your account.",
                         names=", ".join(org.name for org in blocking)))
    addresses = [a for a in (user.email, user.pending_email) if a]
    db.session.execute(delete(Membership).where(Membership.user_id == user.id))
    db.session.execute(delete(JoinRequest).where(JoinRequest.user_id == user.id,
                                                 JoinRequest.status == "pending"))
    db.session.execute(delete(Invitation).where(Invitation.email.in_(addresses),
                                                Invitation.accepted_at.is_(None)))
    placeholder = f"deleted-{user.id}@invalid.civic"
    db.session.execute(update(Invitation).where(Invitation.accepted_by_id == user.id)
                       .values(email=placeholder))
    db.session.execute(delete(OutboxMail).where(or_(OutboxMail.recipient_id == user.id,
                                                    OutboxMail.to_address.in_(addresses))))
    for erase in ACCOUNT_ERASERS:
        erase(user)
    user.roles.clear()
    user.deleted_at = utcnow()
    user.email = placeholder
    user.pending_email = None
    user.display_name = f"Deleted participant {user.id}"
    user.display_name_key = deleted_name_key(user.id)
    user.bio = ""
    user.password_hash = None
    rotate_session_key(user)
    user.email_frequency = "never"
    user.last_login_at = None
    record(user, "account.delete", user, target_label=f"user {user.id}")
    db.session.flush()
    return user
