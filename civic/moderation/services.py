"""Moderation rules: reports, hiding and restoring, pre-moderation, blocks."""
from __future__ import annotations

from datetime import timedelta

from flask import current_app

from civic.core.models import utcnow
from civic.extensions import db
from civic.moderation.models import ModerationCase


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
    """Put a pre-moderated contribution in the moderators' queue (status "pending")."""
    case = db.session.query(ModerationCase).filter_by(
        target_type=target_type, target_id=item.id).one_or_none()
    if case is None:
        case = ModerationCase(target_type=target_type, target_id=item.id,
                              target_author_id=author_id, reports_count=0)
        db.session.add(case)
    case.status = "pending"
    db.session.flush()
    return case
