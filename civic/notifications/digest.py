"""The daily digest: one e-mail a day with what was not e-mailed yet.

Run by `flask --app wsgi civic send-mail` (from cron), possibly twice at once: each
account is claimed with one atomic UPDATE on `users.last_digest_at`, and the claim, the
queued mail and the `emailed_at` marks are committed together. A second sender's UPDATE
waits for that commit, then matches no row, so nobody gets two digests; a sender that
dies before committing leaves the account to the next run.
"""
from __future__ import annotations

from datetime import timedelta

from flask import current_app
from flask_babel import ngettext
from flask_babel.speaklater import LazyString
from sqlalchemy import and_, exists, func, or_, select, update
from sqlalchemy.orm import selectinload

from civic.core.models import utcnow
from civic.extensions import db
from civic.notifications import kinds
from civic.notifications.models import Notification

DEFAULT_DIGEST_INTERVAL = timedelta(hours=23)  # a little under a day: cron drift is fine
MAX_ITEMS = 50  # notifications written out; the rest are counted


def _interval() -> timedelta:
    return current_app.config.get("DIGEST_INTERVAL", DEFAULT_DIGEST_INTERVAL)


def _waiting(user_id_column):
    """Notifications not e-mailed yet (and not read on the site meanwhile)."""
    return and_(Notification.user_id == user_id_column, Notification.emailed_at.is_(None),
                Notification.read_at.is_(None))


def _due(cutoff):
    from civic.accounts.models import User

    return or_(User.last_digest_at.is_(None), User.last_digest_at < cutoff)


def due_accounts(now=None, limit: int | None = None) -> list[int]:
    """Ids of active "daily" accounts with something to send and no recent digest."""
    from civic.accounts.models import User

    now = now or utcnow()
    query = (select(User.id)
             .where(User.deleted_at.is_(None), User.email_frequency == "daily",
                    _due(now - _interval()),
                    exists().where(_waiting(User.id)))
             .order_by(User.id))
    if limit:
        query = query.limit(limit)
    return list(db.session.scalars(query))


def claim_account(user_id: int, now) -> bool:
    """Take the digest of `user_id` for this sender (uncommitted): False when another
    sender already prepared it recently."""
    from civic.accounts.models import User

    result = db.session.execute(
        update(User)
        .where(User.id == user_id, _due(now - _interval()))
        .values(last_digest_at=now)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def _group(notifications: list[Notification]) -> list[list[Notification]]:
    """Notifications about the same page and item together, most recent group first."""
    groups: dict[tuple, list[Notification]] = {}
    for notification in notifications:
        path = kinds.path_of(notification) or ""
        key = (path.partition("#")[0], (notification.data or {}).get("title", ""))
        groups.setdefault(key, []).append(notification)
    return list(groups.values())


def prepare_digest(user, now) -> bool:
    """Queue `user`'s digest and mark what it covers as e-mailed (in the current
    transaction); False when nothing is waiting any more."""
    from civic.mail.services import queue_user_mail
    from civic.notifications.unsubscribe import unsubscribe_url

    notifications = list(db.session.scalars(
        select(Notification).where(_waiting(user.id), Notification.created_at <= now)
        .options(selectinload(Notification.actor))
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(MAX_ITEMS)
    ))
    if not notifications:
        return False
    last_id = max(n.id for n in notifications)
    covered = select(Notification.id).where(_waiting(user.id), Notification.created_at <= now,
                                            Notification.id <= last_id)
    total = db.session.scalar(select(func.count()).select_from(covered.subquery())) or 0
    groups = _group(notifications)
    unsubscribe = unsubscribe_url(user)
    mail = queue_user_mail(
        user, kind="notifications.digest",
        subject=LazyString(lambda: ngettext("Your summary: %(num)d new notification",
                                            "Your summary: %(num)d new notifications", total)),
        template="notifications/digest.txt", groups=groups, total=total,
        group_links=[kinds.absolute(kinds.path_of(group[0])) for group in groups],
        more=total - len(notifications),
        notifications_url=kinds.absolute(kinds.site_path("notifications.index")),
        settings_url=kinds.absolute(kinds.site_path("profiles.settings")),
        unsubscribe_url=unsubscribe, forced=False)
    mail.unsubscribe_url = unsubscribe
    # Everything the digest counted, written out or in "and N more", is e-mailed.
    db.session.execute(
        update(Notification).where(Notification.id.in_(covered)).values(emailed_at=now)
        .execution_options(synchronize_session=False))
    return True


def send_digests(limit: int | None = None) -> int:
    """Prepare the digests that are due; return how many were queued.

    Like civic.mail.delivery, this runs outside requests and commits one small
    transaction per account.
    """
    from civic.accounts.models import User

    ids = due_accounts(limit=limit)
    db.session.commit()  # end the read transaction before writing (SQLite)
    prepared = 0
    for user_id in ids:
        now = utcnow()
        try:
            if not claim_account(user_id, now):
                db.session.rollback()
                continue
            user = db.session.get(User, user_id)
            if user is None or user.is_deleted or user.email_frequency != "daily":
                db.session.rollback()  # changed since the list was read
                continue
            if prepare_digest(user, now):
                prepared += 1
                db.session.commit()
            else:
                db.session.rollback()  # read meanwhile: no digest, keep the next one due
        except Exception:
            db.session.rollback()
            raise
    return prepared
