"""Membership rules: invitations by e-mail, join requests, roles, leaving.

An organization always keeps at least one owner: the last owner can neither leave, be
removed nor be demoted until someone else is named owner.
"""
from __future__ import annotations

from flask import current_app, render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from civic.accounts.services import normalize_email
from civic.core import permissions
from civic.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from civic.core.models import utcnow
from civic.core.tokens import InvalidToken, make_token, read_token
from civic.extensions import db
from civic.mail.services import external_url, queue_mail, queue_user_mail
from civic.organizations.models import (
    MEMBER_ROLES,
    Invitation,
    JoinRequest,
    Membership,
    Organization,
)

INVITE_PURPOSE = "org-invite"
INVITE_MAX_AGE = 14 * 24 * 3600


def _require_manager(user, org: Organization) -> None:
    if not permissions.can_manage_organization(user, org):
        raise PermissionDenied(_("Only the owners of this organization can do this."))


def _owner_count(org: Organization) -> int:
    return sum(1 for m in org.memberships if m.role == "owner")


def _keep_an_owner(membership: Membership) -> None:
    if membership.role == "owner" and _owner_count(membership.organization) <= 1:
        raise DomainError(_("%(name)s is the last owner of %(org)s. Name another owner "
                            "first.", name=membership.user.public_name,
                            org=membership.organization.name))


# --- invitations -----------------------------------------------------------------------

def invitation_link(invitation: Invitation) -> str:
    token = make_token(INVITE_PURPOSE, {"i": invitation.id, "o": invitation.organization_id})
    return external_url("organizations.invitation", token=token)


def invite_member(user, org: Organization, email: str, role: str = "member") -> Invitation:
    """Invite someone by e-mail; the link in the mail is the credential (single use)."""
    _require_manager(user, org)
    email = normalize_email(email)
    if role not in MEMBER_ROLES:
        raise DomainError(_("Choose owner or member."), field="role")
    if any(normalize_email(m.user.email) == email for m in org.memberships):
        raise Conflict(_("This person is already a member of %(org)s.", org=org.name))
    pending = db.session.execute(
        select(Invitation.id).where(Invitation.organization_id == org.id,
                                    Invitation.email == email,
                                    Invitation.accepted_at.is_(None))
    ).first()
    if pending:
        raise Conflict(_("An invitation to this address is already waiting. Cancel it "
                         "first to send a new one."), field="email")
    invitation = Invitation(organization=org, email=email, role=role, invited_by_id=user.id)
    db.session.add(invitation)
    db.session.flush()
    max_days = current_app.config.get("ORG_INVITE_MAX_AGE", INVITE_MAX_AGE) // 86400
    body = render_template(
        "organizations/mail/invitation.txt", inviter=user, org=org, days=max_days,
        role_label=invitation.role_label,
        url=invitation_link(invitation))
    queue_mail(email, _("Invitation to join %(org)s", org=org.name), body,
               kind="organization-invitation")
    return invitation


def cancel_invitation(user, invitation: Invitation) -> None:
    _require_manager(user, invitation.organization)
    if invitation.accepted_at is not None:
        raise Conflict(_("This invitation has already been accepted."))
    db.session.delete(invitation)
    db.session.flush()


def invitation_from_token(token: str) -> Invitation:
    """The invitation a link points to; NotFound when the link is wrong or expired."""
    max_age = current_app.config.get("ORG_INVITE_MAX_AGE", INVITE_MAX_AGE)
    try:
        payload = read_token(INVITE_PURPOSE, token, max_age=max_age)
        invitation_id, org_id = int(payload["i"]), int(payload["o"])
    except InvalidToken as exc:
        if exc.expired:
            raise NotFound(_("This invitation has expired. Ask an owner of the "
                             "organization to invite you again.")) from exc
        raise NotFound(_("This invitation link is not valid. Check that you copied the "
                         "whole link from the e-mail.")) from exc
    except (KeyError, TypeError, ValueError) as exc:
        raise NotFound(_("This invitation link is not valid.")) from exc
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None or invitation.organization_id != org_id:
        raise NotFound(_("This invitation was cancelled. Ask an owner of the organization "
                         "to invite you again."))
    return invitation


def accept_invitation(user, invitation: Invitation) -> Membership:
    """The signed-in account that opens the link joins (whatever its e-mail address)."""
    if invitation.accepted_at is not None:
        raise Conflict(_("This invitation has already been used. Ask an owner of the "
                         "organization to invite you again if needed."))
    org = invitation.organization
    if org.role_of(user) is not None:
        raise Conflict(_("You are already a member of %(org)s.", org=org.name))
    invitation.accepted_at, invitation.accepted_by_id = utcnow(), user.id
    membership = Membership(user=user, role=invitation.role)
    org.memberships.append(membership)
    _close_join_request(org, user, None, "approved")
    db.session.flush()
    return membership


# --- join requests ---------------------------------------------------------------------

def find_join_request(org: Organization, user) -> JoinRequest | None:
    if getattr(user, "id", None) is None:
        return None
    return db.session.execute(
        select(JoinRequest).where(JoinRequest.organization_id == org.id,
                                  JoinRequest.user_id == user.id)
    ).scalar_one_or_none()


def _close_join_request(org, user, decider, status) -> None:
    request = find_join_request(org, user)
    if request is not None and request.status == "pending":
        request.status, request.decided_at = status, utcnow()
        request.decided_by_id = getattr(decider, "id", None)


def request_to_join(user, org: Organization, message: str = "") -> JoinRequest:
    """Ask the owners to let `user` in; they are told by e-mail."""
    if not permissions.can_request_to_join(user, org):
        raise Conflict(_("You are already a member of %(org)s.", org=org.name))
    request = find_join_request(org, user)
    if request is not None and request.status == "pending":
        raise Conflict(_("You already asked to join %(org)s. The owners will answer soon.",
                         org=org.name))
    if request is None:
        request = JoinRequest(organization=org, user=user)
        db.session.add(request)
    request.message, request.status = message or "", "pending"
    request.created_at, request.decided_at, request.decided_by_id = utcnow(), None, None
    db.session.flush()
    url = external_url("organizations.members", slug=org.slug)
    for membership in org.memberships:
        if membership.role == "owner" and membership.user.is_active:
            queue_user_mail(membership.user, kind="organization-join-request",
                            subject=_l("%(name)s asks to join %(org)s",
                                       name=user.public_name, org=org.name),
                            template="organizations/mail/join_request.txt",
                            asker=user, org=org, message=request.message, url=url)
    return request


def decide_join_request(user, request: JoinRequest, approve: bool) -> JoinRequest:
    """Approve or reject a pending request; the requester is told by e-mail."""
    org = request.organization
    _require_manager(user, org)
    if request.status != "pending":
        raise Conflict(_("This request has already been answered."))
    request.status = "approved" if approve else "rejected"
    request.decided_at, request.decided_by_id = utcnow(), user.id
    requester = request.user
    if approve and org.role_of(requester) is None:
        org.memberships.append(Membership(user=requester, role="member"))
    db.session.flush()
    subject = (_l("You are now a member of %(org)s", org=org.name) if approve
               else _l("Your request to join %(org)s", org=org.name))
    queue_user_mail(requester, kind="organization-join-decision", subject=subject,
                    template="organizations/mail/join_decision.txt", org=org,
                    approved=approve, url=external_url("organizations.detail", slug=org.slug))
    return request


# --- members ---------------------------------------------------------------------------

def change_member_role(user, membership: Membership, role: str) -> Membership:
    _require_manager(user, membership.organization)
    if role not in MEMBER_ROLES:
        raise DomainError(_("Choose owner or member."))
    if role != "owner":
        _keep_an_owner(membership)
    membership.role = role
    db.session.flush()
    return membership


def remove_member(user, membership: Membership) -> None:
    _require_manager(user, membership.organization)
    _keep_an_owner(membership)
    membership.organization.memberships.remove(membership)
    db.session.flush()


def leave_organization(user, org: Organization) -> None:
    membership = next((m for m in org.memberships if m.user_id == user.id), None)
    if membership is None:
        raise Conflict(_("You are not a member of %(org)s.", org=org.name))
    _keep_an_owner(membership)
    org.memberships.remove(membership)
    db.session.flush()


def pending_join_requests(org: Organization) -> list[JoinRequest]:
    return list(db.session.execute(
        select(JoinRequest).where(JoinRequest.organization_id == org.id,
                                  JoinRequest.status == "pending")
        .order_by(JoinRequest.created_at)
    ).scalars())


def pending_invitations(org: Organization) -> list[Invitation]:
    return list(db.session.execute(
        select(Invitation).where(Invitation.organization_id == org.id,
                                 Invitation.accepted_at.is_(None))
        .order_by(Invitation.created_at)
    ).scalars())


def count_pending_join_requests(org: Organization) -> int:
    return db.session.execute(
        select(func.count(JoinRequest.id)).where(JoinRequest.organization_id == org.id,
                                                 JoinRequest.status == "pending")
    ).scalar_one()


def get_membership(org: Organization, membership_id: int) -> Membership:
    membership = next((m for m in org.memberships if m.id == membership_id), None)
    if membership is None:
        raise NotFound(_("This person is not a member of %(org)s.", org=org.name))
    return membership


def get_join_request(org: Organization, request_id: int) -> JoinRequest:
    request = db.session.get(JoinRequest, request_id)
    if request is None or request.organization_id != org.id:
        raise NotFound(_("This request does not exist."))
    return request


def get_invitation(org: Organization, invitation_id: int) -> Invitation:
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None or invitation.organization_id != org.id:
        raise NotFound(_("This invitation does not exist."))
    return invitation

