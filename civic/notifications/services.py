"""Tell people what happened: in-app notifications, and e-mail for those who asked."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel.speaklater import LazyString
from sqlalchemy import func, select, update
from sqlalchemy.orm import selectinload

from civic.core.errors import NotFound
from civic.core.models import utcnow
from civic.core.pagination import Page
from civic.extensions import db
from civic.notifications import kinds
from civic.notifications.models import Notification

PAGE_SIZE = 30


def _target_type(target) -> str:
    if target is None:
        return ""
    return getattr(target, "__tablename__", type(target).__name__.lower()).removesuffix("s")


def notify(user, kind: str, target=None, actor=None, data: dict | None = None) -> Notification:
    """Add one in-app notification for `user` (in the current transaction)."""
    data = dict(data or {})
    notification = Notification(
        user_id=user.id, kind=kind, target_type=_target_type(target),
        target_id=getattr(target, "id", None), actor_id=getattr(actor, "id", None),
        data=data,
    )
    db.session.add(notification)
    return notification


def wants_immediate_mail(user, force_email: bool = False) -> bool:
    """"immediate" people get an e-mail at once; "daily" ones wait for the digest and
    "never" ones get none, except forced mails (moderator alerts, block notices), which
    go to everyone."""
    if user.is_deleted or not user.email:
        return False
    return force_email or user.email_frequency == "immediate"


def queue_notification_mail(user, notification: Notification, *, link: str | None = None,
                            forced: bool = False, actor=None):
    """Queue the e-mail of one notification, in the recipient's language, with its
    signed unsubscribe link (footer and List-Unsubscribe header)."""
    from civic.mail.services import queue_user_mail
    from civic.notifications.unsubscribe import unsubscribe_url

    kind, data = notification.kind, dict(notification.data or {})
    actor_name = data.get("actor_name") or (actor.public_name if actor is not None else None)
    # Rendered inside queue_user_mail's force_locale: the recipient's language.
    subject = LazyString(lambda: kinds.render(kind, data, actor_name=actor_name).subject)
    unsubscribe = unsubscribe_url(user)
    mail = queue_user_mail(
        user, kind=kind, subject=subject, template="notifications/mail.txt",
        kind_name=kind, data=data, actor_name=actor_name,
        link=link or kinds.absolute(kinds.path_of(notification)),
        unsubscribe_url=unsubscribe, settings_url=kinds.absolute(kinds.site_path(
            "profiles.settings")), forced=forced)
    mail.unsubscribe_url = unsubscribe
    return mail


def notify_all(users, kind: str, target=None, actor=None, data: dict | None = None,
               *, email_link: str | None = None, force_email: bool = False) -> int:
    """Notify each of `users` except `actor`; e-mail those who want it now.

    `data` holds "title" and "path" (the page to open, e.g. "/proposals/3#comment-7")
    plus what the kind's sentence uses (see civic.notifications.kinds). People with
    e-mail frequency "immediate" (or everyone when `force_email`) get an e-mail at once
    and the notification is marked e-mailed; the others wait for the daily digest (or
    get no e-mail at all with "never"). `email_link` replaces the link made from "path".
    """
    count = 0
    now = utcnow()
    for user in users:
        if actor is not None and user.id == actor.id:
            continue
        notification = notify(user, kind, target, actor, data)
        count += 1
        if wants_immediate_mail(user, force_email):
            queue_notification_mail(user, notification, link=email_link, actor=actor,
                                    forced=force_email and user.email_frequency != "immediate")
            notification.emailed_at = now
    db.session.flush()
    return count


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return db.session.scalar(
        select(func.count(Notification.id))
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
    ) or 0


def notifications_page(user, page: int = 1, per_page: int = PAGE_SIZE) -> Page:
    """A page of `user`'s notifications, newest first, actors loaded in one query."""
    total = db.session.scalar(
        select(func.count(Notification.id)).where(Notification.user_id == user.id)) or 0
    items = list(db.session.scalars(
        select(Notification).where(Notification.user_id == user.id)
        .options(selectinload(Notification.actor))
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(per_page).offset((page - 1) * per_page)
    ))
    return Page(items=items, page=page, per_page=per_page, total=total)


def recent_notifications(user, limit: int = PAGE_SIZE) -> list[Notification]:
    return notifications_page(user, 1, limit).items


def mark_read(user, notification: Notification) -> bool:
    """Mark one of `user`'s notifications read; False when it already was."""
    if notification.user_id != user.id:
        raise NotFound(_("This notification does not exist."))
    if notification.read_at is not None:
        return False
    notification.read_at = utcnow()
    db.session.flush()
    return True


def mark_all_read(user) -> int:
    result = db.session.execute(
        update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return result.rowcount or 0
