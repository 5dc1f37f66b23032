"""Export kinds of the platform's bookkeeping: organizations, moderation, the audit log."""
from __future__ import annotations

import json

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from civic.accounts.models import User
from civic.audit.export import HEADER as AUDIT_HEADER
from civic.audit.models import AuditEntry
from civic.core.public import public_name
from civic.exports.kinds import (
    Column,
    Filters,
    Kind,
    in_date_range,
    register,
    with_status,
)
from civic.moderation.models import CASE_STATUSES, OPEN_CASE_STATUSES, ModerationCase
from civic.organizations.models import Membership, Organization

# --- organizations --------------------------------------------------------------------

ORGANIZATION_STATUSES = ("verified", "unverified")


def _organizations(filters: Filters):
    members = (select(Membership.organization_id, func.count(Membership.id).label("n"))
               .group_by(Membership.organization_id).subquery())
    stmt = (select(Organization.id, Organization.slug, Organization.name, Organization.kind,
                   Organization.description, Organization.website, Organization.created_at,
                   Organization.verified_at, func.coalesce(members.c.n, 0).label("members"))
            .outerjoin(members, members.c.organization_id == Organization.id)
            .order_by(Organization.id))
    if filters.status == "verified":
        stmt = stmt.where(Organization.verified_at.is_not(None))
    elif filters.status == "unverified":
        stmt = stmt.where(Organization.verified_at.is_(None))
    return in_date_range(stmt, Organization.created_at, filters)


def _organization_row(r, extra) -> list:
    return [r.id, r.slug, r.name, r.kind, r.description, r.website, r.created_at,
            r.verified_at is not None, r.verified_at, r.members]


register(Kind(
    name="organizations", order=70, label=_l("Organizations"),
    description=_l("Every organization's public details, whether it is verified and how "
                   "many members it has (no member is named)."),
    columns=(
        Column("id", _l("Id"), "int"), Column("slug", _l("Address name")),
        Column("name", _l("Name")), Column("kind", _l("Kind")),
        Column("description", _l("Description")), Column("website", _l("Website")),
        Column("created_at", _l("Created at"), "datetime"),
        Column("verified", _l("Verified"), "bool"),
        Column("verified_at", _l("Verified at"), "datetime"),
        Column("members_count", _l("Members"), "int"),
    ),
    query=_organizations, to_row=_organization_row, statuses=ORGANIZATION_STATUSES,
    date_label=_l("creation date"),
))


# --- moderation decisions -------------------------------------------------------------

DECISION_STATUSES = tuple(s for s in CASE_STATUSES if s not in OPEN_CASE_STATUSES)


def _decisions(filters: Filters):
    stmt = (select(ModerationCase.id, ModerationCase.target_type, ModerationCase.target_id,
                   ModerationCase.status, ModerationCase.reports_count,
                   ModerationCase.created_at, ModerationCase.decided_at, User.display_name,
                   User.deleted_at, ModerationCase.decision_reason)
            .outerjoin(User, User.id == ModerationCase.decided_by_id)
            .where(ModerationCase.decided_at.is_not(None),
                   ModerationCase.status.in_(DECISION_STATUSES))
            .order_by(ModerationCase.decided_at, ModerationCase.id))
    stmt = with_status(stmt, ModerationCase.status, filters)
    return in_date_range(stmt, ModerationCase.decided_at, filters)


def _decision_row(r, extra) -> list:
    return [r.id, r.target_type, r.target_id, r.status, r.reports_count, r.created_at,
            r.decided_at, public_name(r.display_name, r.deleted_at), r.decision_reason]


register(Kind(
    name="moderation_decisions", order=80, label=_l("Moderation decisions"),
    description=_l("Every moderation case the moderators decided: what, how many reports, "
                   "the decision, who took it, when and why."),
    columns=(
        Column("case_id", _l("Case id"), "int"), Column("target_type", _l("Item type")),
        Column("target_id", _l("Item id"), "int"), Column("status", _l("Decision")),
        Column("reports_count", _l("Reports"), "int"),
        Column("opened_at", _l("Opened at"), "datetime"),
        Column("decided_at", _l("Decided at"), "datetime"),
        Column("decided_by", _l("Decided by")), Column("decision_reason", _l("Reason")),
    ),
    query=_decisions, to_row=_decision_row, statuses=DECISION_STATUSES,
    date_label=_l("decision date"),
))


# --- the audit log --------------------------------------------------------------------

def _audit(filters: Filters):
    stmt = (select(AuditEntry.id, AuditEntry.created_at, AuditEntry.actor_id,
                   User.display_name, AuditEntry.action, AuditEntry.target_type,
                   AuditEntry.target_id, AuditEntry.target_label, AuditEntry.reason,
                   AuditEntry.before, AuditEntry.after)
            .outerjoin(User, User.id == AuditEntry.actor_id)
            .order_by(AuditEntry.id))
    return in_date_range(stmt, AuditEntry.created_at, filters)


def _json(value) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _audit_row(r, extra) -> list:
    # Like the admin's CSV export of the log (civic.audit.export): the same columns.
    return [r.id, r.created_at, r.actor_id, r.display_name or "", r.action, r.target_type,
            r.target_id, r.target_label, r.reason, _json(r.before), _json(r.after)]


_AUDIT_TYPES = {"id": "int", "created_at": "datetime", "actor_id": "int", "target_id": "int"}
_AUDIT_LABELS = {
    "id": _l("Id"), "created_at": _l("When"), "actor_id": _l("Actor id"),
    "actor": _l("Who"), "action": _l("Action"), "target_type": _l("Target type"),
    "target_id": _l("Target id"), "target_label": _l("Target"), "reason": _l("Reason"),
    "before": _l("Before"), "after": _l("After"),
}

register(Kind(
    name="audit_log", order=90, label=_l("Audit log"),
    description=_l("Every moderation, staff and administration action, oldest first "
                   "(administrators only)."),
    columns=tuple(Column(key, _AUDIT_LABELS[key], _AUDIT_TYPES.get(key, "str"))
                  for key in AUDIT_HEADER),
    query=_audit, to_row=_audit_row, date_label=_l("date of the action"), admin_only=True,
))
