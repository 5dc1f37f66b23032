"""Moderation rules shared by reports, decisions and blocks; pre-moderation entry points.

Reporting is in reports.py, moderators' decisions in decisions.py, blocks in blocks.py.
"""
from __future__ import annotations

from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from civic.core import content
from civic.core.errors import NotFound
from civic.core.i18n import in_site_language
from civic.core.models import utcnow
from civic.extensions import db
from civic.moderation.models import OPEN_CASE_STATUSES, ModerationCase

# The audit log's reason when an author's own deletion or withdrawal closes a case.
CLOSED_BY_AUTHOR_REASON = _l("deleted or withdrawn by its author before a decision")


def initial_moderation(author) -> str:
    """"visible", or "pending" when pre-moderation holds this author's contributions
    (CIVIC_PREMODERATION: "all", or "new_accounts" younger than PREMODERATION_ACCOUNT_DAYS).
    Moderators and staff are never pre-moderated."""
    from civic.core.permissions import can_moderate

    mode = current_app.config.get("PREMODERATION", "off")
    if mode == "off" or can_moderate(author):
        return "visible"
    if mode == "all":
        return "pending"
    age = utcnow() - author.created_at
    days = current_app.config.get("PREMODERATION_ACCOUNT_DAYS", 7)
    return "pending" if age < timedelta(days=days) else "visible"


def open_pending_case(target_type: str, item, author_id: int | None) -> ModerationCase:
    """Put a pre-moderated contribution in the moderators' queue (status "pending") and
    tell the moderators (in-app)."""
    case = find_or_create_case(target_type, item.id, author_id, status="pending")
    case.status = "pending"
    case.decided_at = None
    case.decided_by_id = None
    db.session.flush()
    content_type = content.get(target_type)
    label = content_type.label(item) if content_type else str(item)
    notify_moderators("moderation.pending", item,
                      {"title": label, "path": queue_path(case)})
    return case


def close_case_by_author(target_type: str, item, author,
                         statuses=OPEN_CASE_STATUSES) -> ModerationCase | None:
    """The author deleted (or withdrew) `item`: if its case is still open (in `statuses`),
    close it as "withdrawn" so moderators do not spend time on it, and audit that with
    the author as actor. Returns the closed case, or None when there was nothing open."""
    from civic.audit.services import record

    case = find_case(target_type, item.id)
    if case is None or case.status not in statuses:
        return None
    before = case.status
    reason = in_site_language(CLOSED_BY_AUTHOR_REASON)  # the audit log's language
    decide_case(case, None, "withdrawn", reason)  # nobody decided: the author took it away
    content_type = content.get(target_type)
    label = content_type.label(item) if content_type else str(item)
    record(author, "moderation.withdraw", item, target_label=f"{target_type}: {label}",
           reason=reason, before={"case_status": before, "case": case.id},
           after={"case_status": "withdrawn", "case": case.id})
    db.session.flush()
    return case


# --- shared helpers ------------------------------------------------------------------

def find_case(target_type: str, target_id: int) -> ModerationCase | None:
    return db.session.scalars(select(ModerationCase).where(
        ModerationCase.target_type == target_type,
        ModerationCase.target_id == target_id)).one_or_none()


def find_or_create_case(target_type: str, target_id: int, author_id: int | None,
                        status: str = "reported") -> ModerationCase:
    """The item's case, created if needed. Two people reporting at the same moment both
    get the same row: the insert runs in a savepoint and, if the other one won the race
    (unique target_type, target_id), we read theirs."""
    case = find_case(target_type, target_id)
    if case is not None:
        return case
    case = ModerationCase(target_type=target_type, target_id=target_id,
                          target_author_id=author_id, status=status, reports_count=0)
    try:
        with db.session.begin_nested():
            db.session.add(case)
    except IntegrityError:
        case = find_case(target_type, target_id)
        if case is None:  # pragma: no cover - the other transaction rolled back
            raise
    return case


def load_target(target_type: str, target_id: int):
    """(content_type, item) of a reportable item that exists; NotFound (404) otherwise."""
    content_type = content.get(target_type)
    item = content.load(target_type, target_id) if content_type is not None else None
    if (content_type is None or not content_type.reportable or item is None
            or getattr(item, "deleted_at", None) is not None
            or getattr(item, "status", None) == "draft"):
        raise NotFound(_("This content does not exist or has been removed."))
    return content_type, item


def author_of(content_type, item):
    """The author (a User) of `item`, or None."""
    from civic.accounts.models import User

    author_id = content_type.author_id(item)
    return db.session.get(User, author_id) if author_id else None


def set_visibility(content_type, item, state: str, reason: str = "") -> bool:
    """Put `item` in `state` ("visible", "hidden", "pending"); tell its domain when it
    flips between visible and not, so counters stay exact. True when it flipped."""
    was_visible = item.moderation == "visible"
    item.moderation = state
    item.hidden_reason = reason if state == "hidden" else ""
    item.moderated_at = utcnow()
    db.session.flush()
    now_visible = state == "visible"
    if was_visible != now_visible:
        if content_type.on_visibility_change is not None:
            content_type.on_visibility_change(item, now_visible)
        return True
    return False


def queue_path(case: ModerationCase) -> str:
    """Where moderators see the case (links in notifications and e-mails)."""
    return f"/moderation/cases/{case.id}"


def moderators() -> list:
    from civic.proposals.notify import lab_members

    return lab_members()


def notify_moderators(kind: str, target, data: dict, *, force_email: bool = False) -> int:
    from civic.notifications.services import notify_all

    return notify_all(moderators(), kind, target, None, data=data, force_email=force_email)


def notify_author(author, kind: str, item, actor, data: dict) -> None:
    """Tell the author their content was hidden or restored (per their e-mail setting)."""
    from civic.notifications.services import notify_all

    if author is not None and not author.is_deleted:
        notify_all([author], kind, item, actor, data=data)


def decide_case(case, actor, status: str, reason: str) -> None:
    """Record a decision on `case`: its new status, when, by whom (None: nobody decided)
    and the reason given."""
    case.status = status
    case.decided_at = utcnow()
    case.decided_by_id = actor.id if actor is not None else None
    case.decision_reason = reason
