"""What an account holds: the GDPR export and the public activity of a profile.

Both are open registries: the domains listed in `civic.ACCOUNT_PARTS` add their part when
the app is created — an exporter `(user) -> {"section": [...]}` and an activity source
`(user) -> [ActivityItem, ...]`.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import or_, select
from sqlalchemy.orm import contains_eager

from civic.accounts.models import User
from civic.core.models import utcnow
from civic.extensions import db

EXPORT_FORMAT = "civic-account-export/1"


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


# --- public activity ---------------------------------------------------------------

@dataclass(frozen=True)
class ActivityItem:
    """One line of a profile's activity: `label` is plain text (escaped when shown)."""

    when: datetime
    kind: str
    label: str
    url: str | None = None


def list_memberships(user: User) -> list:
    """The person's memberships with their organization, by organization name."""
    from civic.organizations.models import Membership, Organization

    return list(db.session.scalars(
        select(Membership).join(Membership.organization)
        .options(contains_eager(Membership.organization))
        .where(Membership.user_id == user.id)
        .order_by(Organization.name)
    ))


def _account_activity(user: User) -> list[ActivityItem]:
    return [ActivityItem(user.created_at, "account", _("Joined the platform"))]


def _membership_activity(user: User) -> list[ActivityItem]:
    return [
        ActivityItem(m.created_at, "membership",
                     _("Joined %(organization)s", organization=m.organization.name))
        for m in list_memberships(user)
    ]


ACTIVITY_SOURCES: list[Callable[[User], Iterable[ActivityItem]]] = [
    _account_activity,
    _membership_activity,
]


def list_activity(user: User, limit: int = 30) -> list[ActivityItem]:
    """The newest public activity of `user`, from every registered source; none once the
    account is deleted (its profile only says so)."""
    if user.is_deleted:
        return []
    items = [item for source in ACTIVITY_SOURCES for item in source(user)]
    items.sort(key=lambda item: item.when, reverse=True)
    return items[:limit]


# --- GDPR export -------------------------------------------------------------------

def _export_account(user: User) -> dict[str, Any]:
    # Never the password hash nor the session key: they are secrets, not personal data.
    account = {
        "id": user.id,
        "email": user.email,
        "pending_email": user.pending_email,
        "display_name": user.display_name,
        "bio": user.bio,
        "locale": user.locale,
        "email_frequency": user.email_frequency,
        "email_confirmed_at": _iso(user.email_confirmed_at),
        "last_login_at": _iso(user.last_login_at),
        "created_at": _iso(user.created_at),
        "updated_at": _iso(user.updated_at),
        "deleted_at": _iso(user.deleted_at),
    }
    roles = [{"role": r.role, "granted_at": _iso(r.granted_at)} for r in user.roles]
    return {"account": account, "roles": roles}


def _export_organizations(user: User) -> dict[str, Any]:
    from civic.organizations.models import Invitation, JoinRequest

    memberships = [
        {"organization": m.organization.name, "slug": m.organization.slug, "role": m.role,
         "joined_at": _iso(m.created_at)}
        for m in list_memberships(user)
    ]
    join_requests = [
        {"organization": r.organization.name, "message": r.message, "status": r.status,
         "created_at": _iso(r.created_at), "decided_at": _iso(r.decided_at)}
        for r in db.session.scalars(select(JoinRequest).where(JoinRequest.user_id == user.id)
                                    .order_by(JoinRequest.created_at))
    ]

    def invitation(inv, with_email: bool) -> dict[str, Any]:
        row = {"organization": inv.organization.name, "role": inv.role,
               "created_at": _iso(inv.created_at), "accepted_at": _iso(inv.accepted_at)}
        if with_email:
            row["email"] = inv.email
        return row

    sent = db.session.scalars(select(Invitation).where(Invitation.invited_by_id == user.id)
                              .order_by(Invitation.created_at))
    received = db.session.scalars(
        select(Invitation).where(or_(Invitation.email == user.email,
                                     Invitation.accepted_by_id == user.id))
        .order_by(Invitation.created_at))
    return {
        "memberships": memberships,
        "join_requests": join_requests,
        "invitations_sent": [invitation(inv, True) for inv in sent],
        "invitations_received": [invitation(inv, False) for inv in received],
    }


def _export_mail(user: User) -> dict[str, Any]:
    from civic.mail.models import OutboxMail

    mails = db.session.scalars(
        select(OutboxMail).where(or_(OutboxMail.recipient_id == user.id,
                                     OutboxMail.to_address == user.email))
        .order_by(OutboxMail.created_at, OutboxMail.id))
    return {"emails": [
        {"created_at": _iso(m.created_at), "to": m.to_address, "kind": m.kind,
         "subject": m.subject, "body": m.body_text, "status": m.status,
         "sent_at": _iso(m.sent_at)}
        for m in mails
    ]}


def _export_audit(user: User) -> dict[str, Any]:
    from civic.audit.models import AuditEntry

    entries = db.session.scalars(
        select(AuditEntry).where(or_(
            AuditEntry.actor_id == user.id,
            (AuditEntry.target_type == User.__tablename__) & (AuditEntry.target_id == user.id),
        )).order_by(AuditEntry.created_at, AuditEntry.id))
    return {"audit_log": [
        {"created_at": _iso(e.created_at), "action": e.action, "by_you": e.actor_id == user.id,
         "target_type": e.target_type, "target_id": e.target_id,
         "target_label": e.target_label, "reason": e.reason}
        for e in entries
    ]}


EXPORTERS: list[Callable[[User], dict[str, Any]]] = [
    _export_account,
    _export_organizations,
    _export_mail,
    _export_audit,
]


def export_user_data(user: User) -> dict[str, Any]:
    """Everything the account holds, as JSON-ready data, from every registered exporter."""
    data: dict[str, Any] = {"format": EXPORT_FORMAT, "generated_at": _iso(utcnow())}
    for exporter in EXPORTERS:
        part = exporter(user)
        clash = set(part) & set(data)
        if clash:
            raise RuntimeError(f"export sections exported twice: {sorted(clash)}")
        data.update(part)
    return data
