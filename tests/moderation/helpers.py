"""Small readers shared by the moderation tests."""
from __future__ import annotations

from sqlalchemy import func, select

from civic.audit.models import AuditEntry
from civic.extensions import db
from civic.mail.models import OutboxMail
from civic.moderation.models import ModerationCase, Report
from civic.notifications.models import Notification


def case_of(item_type: str, item_id: int) -> ModerationCase | None:
    return db.session.scalars(select(ModerationCase).filter_by(
        target_type=item_type, target_id=item_id)).one_or_none()


def report_count() -> int:
    return db.session.scalar(select(func.count(Report.id)))


def notifications(user, kind: str) -> list[Notification]:
    return list(db.session.scalars(select(Notification).filter_by(user_id=user.id, kind=kind)))


def mails(user, kind: str) -> list[OutboxMail]:
    return list(db.session.scalars(select(OutboxMail).filter_by(recipient_id=user.id,
                                                                kind=kind)))


def audit(action: str) -> list[AuditEntry]:
    return list(db.session.scalars(select(AuditEntry).filter_by(action=action)
                                   .order_by(AuditEntry.id)))
