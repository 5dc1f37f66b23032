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
from civic.moderation.models import ModerationCase

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


def unblock_user(actor, person, reason: str = "", restore_content: bool = False) -> int:
    """Lift the block and tell the person. With `restore_content`, also show again what
    the block hid ("also hide all of this person's content"); returns how many items."""
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
    restored = restore_hidden_by_block(actor, person, reason) if restore_content else 0
    record(actor, "user.unblock", person, target_label=person.public_name, reason=reason,
           before=before, after=_state(person))
    _notify(person, "account.unblocked", actor, reason, "")
    return restored


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
    hidden_ids: dict[str, list[int]] = {}
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
            hidden_ids.setdefault(content_type.name, []).append(item.id)
            case = services.find_or_create_case(content_type.name, item.id, person.id,
                                                status="hidden")
            services.set_visibility(content_type, item, "hidden", reason)
            services.decide_case(case, actor, "hidden", reason)
            counts[content_type.name] = counts.get(content_type.name, 0) + 1
    total = sum(counts.values())
    if total:
        record(actor, "moderation.hide_all", person, target_label=person.public_name,
               reason=reason, before={"moderation": "visible"},
               after={"moderation": "hidden", "count": total, "by_kind": counts,
                      "items": hidden_ids})  # what unblocking may restore
    db.session.flush()
    return total


def hidden_by_block(person) -> list[tuple]:
    """[(content_type, item, case)] that the current block hid (through hide_all_content,
    listed in its audit entries since the last unblock) and that are still hidden with
    no decision since: whatever a moderator restored, or hid again for a reason of their
    own, after the block is left alone."""
    from civic.audit.models import AuditEntry

    entries = list(db.session.scalars(select(AuditEntry).where(
        AuditEntry.target_type == person.__tablename__, AuditEntry.target_id == person.id,
        AuditEntry.action.in_(("moderation.hide_all", "user.unblock")))
        .order_by(AuditEntry.id)))
    found = []
    for entry in entries:
        if entry.action == "user.unblock":
            found = []  # an earlier block: its unblock already decided
            continue
        for name, ids in ((entry.after or {}).get("items") or {}).items():
            content_type = content.get(name)
            if content_type is None:
                continue
            cases = {case.target_id: case for case in db.session.scalars(
                select(ModerationCase).where(ModerationCase.target_type == name,
                                             ModerationCase.target_id.in_(ids)))}
            model = content_type.model
            for item in db.session.scalars(select(model).where(
                    model.id.in_(ids), model.moderation == "hidden").order_by(model.id)):
                case = cases.get(item.id)
                if (case is not None and case.status == "hidden"
                        and case.decided_at is not None
                        and case.decided_at <= entry.created_at
                        and getattr(item, "deleted_at", None) is None):
                    found.append((content_type, item, case))
    return found


def restore_hidden_by_block(actor, person, reason: str = "") -> int:
    """Show again what the current block hid (see hidden_by_block); one audit entry with
    the counts, counters kept exact. Returns the number of items restored."""
    counts: dict[str, int] = {}
    for content_type, item, case in hidden_by_block(person):
        services.set_visibility(content_type, item, "visible")
        services.decide_case(case, actor, "restored", reason)
        counts[content_type.name] = counts.get(content_type.name, 0) + 1
    total = sum(counts.values())
    if total:
        record(actor, "moderation.restore_all", person, target_label=person.public_name,
               reason=reason, before={"moderation": "hidden"},
               after={"moderation": "visible", "count": total, "by_kind": counts})
    db.session.flush()
    return total
