"""Blocking participants: they keep reading but cannot post, comment, support or report."""
from __future__ import annotations

from datetime import UTC, date, datetime

from flask_babel import gettext as _
from sqlalchemy import select

from civic.audit.services import record
from civic.core import content, permissions
from civic.core.errors import DomainError, PermissionDenied
from civic.core.models import utcnow
from civic.extensions import db
from civic.moderation import services

REASON_MAX_LENGTH = 500


def _iso(value) -> str:
    return value.date().isoformat() if value else ""


def _state(person) -> dict:
    return {"blocked": person.is_blocked, "until": _iso(person.blocked_until)}


def block_user(actor, person, reason: str, until: date | None = None,
               hide_content: bool = False) -> int:
    """Block `person` (until the start of `until`, or until unblocked) and tell them why,
    in-app and by e-mail. With `hide_content`, hide everything they wrote that is visible.
    Returns the number of items hidden."""
    if not permissions.can_block_user(actor, person):
        raise PermissionDenied(_("Moderators can block participants, but not themselves "
                                 "nor anyone with a role on the site."))
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason: the person is told why they are blocked."),
                          field="reason")
    if len(reason) > REASON_MAX_LENGTH:
        raise DomainError(_("Keep the reason under %(max)d characters.",
                            max=REASON_MAX_LENGTH), field="reason")
    ends = None
    if until is not None:
        ends = datetime(until.year, until.month, until.day, tzinfo=UTC)
        if ends <= utcnow():
            raise DomainError(_("Choose an end date in the future, or leave it empty to "
                                "block until you unblock the person."), field="until")
    before = _state(person)
    person.blocked_at = utcnow()
    person.blocked_until = ends
    person.block_reason = reason
    db.session.flush()
    record(actor, "user.block", person, target_label=person.public_name, reason=reason,
           before=before, after=_state(person))
    hidden = hide_all_content(actor, person, reason) if hide_content else 0
    _notify(person, "account.blocked", actor, reason, _iso(ends))
    return hidden


def unblock_user(actor, person, reason: str = "") -> None:
    if not permissions.can_block_user(actor, person):
        raise PermissionDenied(_("Moderators can unblock participants, but not themselves "
                                 "nor anyone with a role on the site."))
    if person.blocked_at is None:
        raise DomainError(_("This person is not blocked."))
    reason = (reason or "").strip()[:REASON_MAX_LENGTH]
    before = _state(person)
    person.blocked_at = None
    person.blocked_until = None
    person.block_reason = ""
    db.session.flush()
    record(actor, "user.unblock", person, target_label=person.public_name, reason=reason,
           before=before, after=_state(person))
    _notify(person, "account.unblocked", actor, reason, "")


def _notify(person, kind: str, actor, reason: str, until: str) -> None:
    from civic.notifications.services import notify_all

    if not person.is_deleted:
        notify_all([person], kind, person, actor, force_email=True,
                   data={"title": person.public_name, "reason": reason, "until": until,
                         "path": "/settings"})


def hide_all_content(actor, person, reason: str) -> int:
    """Hide every visible item `person` wrote, in every kind of content that says what
    someone wrote; one audit entry with the counts. Counters stay exact (each flip goes
    through the kind's on_visibility_change)."""
    counts: dict[str, int] = {}
    for content_type in content.registered():
        if content_type.authored_by is None:
            continue
        ids = list(db.session.scalars(content_type.authored_by(person.id)))
        if not ids:
            continue
        model = content_type.model
        items = db.session.scalars(select(model).where(
            model.id.in_(ids), model.moderation == "visible").order_by(model.id))
        for item in items:
            case = services.find_or_create_case(content_type.name, item.id, person.id,
                                                status="hidden")
            services.set_visibility(content_type, item, "hidden", reason)
            case.status = "hidden"
            case.decided_at = utcnow()
            case.decided_by_id = actor.id
            case.decision_reason = reason
            counts[content_type.name] = counts.get(content_type.name, 0) + 1
    total = sum(counts.values())
    if total:
        record(actor, "moderation.hide_all", person, target_label=person.public_name,
               reason=reason, before={"moderation": "visible"},
               after={"moderation": "hidden", "count": total, "by_kind": counts})
    db.session.flush()
    return total
