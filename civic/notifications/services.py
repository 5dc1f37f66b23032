"""Tell people what happened: in-app notifications, and e-mail for those who asked."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update

from civic.core.models import utcnow
from civic.extensions import db
from civic.notifications.models import Notification

PAGE_SIZE = 50
SUBJECTS = {
    "proposal.status": _l("A proposal you follow has changed"),
    "proposal.answered": _l("A proposal you follow has been answered"),
    "proposal.threshold": _l("A proposal reached its support threshold"),
}


def _target_type(target) -> str:
    if target is None:
        return ""
    return getattr(target, "__tablename__", type(target).__name__.lower()).removesuffix("s")


def notify(user, kind: str, target=None, actor=None, data: dict | None = None) -> Notification:
    """Add one in-app notification for `user` (in the current transaction)."""
    notification = Notification(
        user_id=user.id, kind=kind, target_type=_target_type(target),
        target_id=getattr(target, "id", None), actor_id=getattr(actor, "id", None),
        data=dict(data or {}),
    )
    db.session.add(notification)
    return notification


def notify_all(users, kind: str, target=None, actor=None, data: dict | None = None,
               *, email_link: str | None = None, force_email: bool = False) -> int:
    """Notify each of `users` except `actor`; e-mail those who want it now.

    People with e-mail frequency "immediate" (or everyone when `force_email`) get an e-mail
    at once; "daily" is left for the digest. `data["path"]` (the page to open, e.g.
    "/proposals/3#comment-7") gives the e-mail's link when `email_link` is not given.
    """
    from flask import current_app

    from civic.mail.services import queue_user_mail

    if email_link is None and (data or {}).get("path"):
        email_link = current_app.config["BASE_URL"].rstrip("/") + data["path"]

    count = 0
    for user in users:
        if actor is not None and user.id == actor.id:
            continue
        notify(user, kind, target, actor, data)
        count += 1
        wants_mail = force_email or user.email_frequency == "immediate"
        if email_link and wants_mail and not user.is_deleted:
            subject = SUBJECTS.get(kind, SUBJECTS["proposal.status"])
            queue_user_mail(user, kind=kind, subject=subject,
                            template="notifications/mail.txt", kind_name=kind,
                            data=dict(data or {}), link=email_link)
    db.session.flush()
    return count


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return db.session.scalar(
        select(func.count(Notification.id))
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
    ) or 0


def recent_notifications(user, limit: int = PAGE_SIZE) -> list[Notification]:
    return list(db.session.scalars(
        select(Notification).where(Notification.user_id == user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc()).limit(limit)
    ))


def mark_all_read(user) -> int:
    result = db.session.execute(
        update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return result.rowcount or 0
