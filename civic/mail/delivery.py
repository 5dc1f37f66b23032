"""Deliver the outbox: SMTP when configured, otherwise the log.

Delivery runs outside any request (a background thread after the request, or the
`send-mail` command), so unlike services it commits its own small transactions: each
mail is claimed with an atomic UPDATE ... WHERE status='pending', so two senders running
at once never send the same mail.
"""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import timedelta

from flask import Flask, current_app, g, has_request_context
from sqlalchemy import and_, event, or_, select, update
from sqlalchemy.orm import Session

from civic.core import mailer
from civic.core.models import utcnow
from civic.extensions import db
from civic.mail.models import OutboxMail

log = logging.getLogger("civic.mail")

DEFAULT_MAX_ATTEMPTS = 5
DEFAULT_CLAIM_TIMEOUT = timedelta(minutes=15)  # a sender that died leaves "sending" rows


def _claimable(now):
    stale = now - current_app.config.get("MAIL_CLAIM_TIMEOUT", DEFAULT_CLAIM_TIMEOUT)
    return or_(OutboxMail.status == "pending",
               and_(OutboxMail.status == "sending", OutboxMail.claimed_at < stale))


def _claim(mail_id: int):
    """The atomic UPDATE that takes `mail_id` (uncommitted); True when it is ours."""
    now = utcnow()
    result = db.session.execute(
        update(OutboxMail)
        .where(OutboxMail.id == mail_id, _claimable(now))
        .values(status="sending", claimed_at=now, attempts=OutboxMail.attempts + 1)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def claim_mail(mail_id: int) -> bool:
    """Take `mail_id` for this sender; False when another sender already has it."""
    taken = _claim(mail_id)
    db.session.commit()
    return taken


@dataclass(frozen=True)
class ClaimedMail:
    """What a sender needs of a claimed mail, read in the claiming transaction."""

    id: int
    to_address: str
    subject: str
    body_text: str
    unsubscribe_url: str
    attempts: int


def claim_and_read(mail_id: int) -> ClaimedMail | None:
    """Claim `mail_id` and read it in the same write transaction.

    Every transaction here starts with its write: on SQLite, a transaction that reads
    first and writes later fails at once ("database is locked") when another sender
    wrote in between, whatever the busy timeout.
    """
    if not _claim(mail_id):
        db.session.rollback()
        return None
    row = db.session.execute(
        select(OutboxMail.id, OutboxMail.to_address, OutboxMail.subject,
               OutboxMail.body_text, OutboxMail.unsubscribe_url, OutboxMail.attempts)
        .where(OutboxMail.id == mail_id)
    ).one()
    db.session.commit()
    return ClaimedMail(*row)


def _send(mail) -> str:
    if mailer.smtp_configured():
        mailer.send_smtp(mailer.build_message(mail.to_address, mail.subject, mail.body_text,
                                              unsubscribe_url=mail.unsubscribe_url or ""))
        return "sent"
    mailer.write_to_log(mail.id, mail.to_address, mail.subject, mail.body_text)
    return "logged"


def deliver_mail(mail) -> str:
    """Send one claimed mail (a ClaimedMail) and record the outcome with one UPDATE;
    never raises for a delivery error. Returns the new status."""
    try:
        values = {"status": _send(mail), "sent_at": utcnow(), "last_error": ""}
    except Exception as exc:  # noqa: BLE001 - any transport error is recorded, then retried
        max_attempts = current_app.config.get("MAIL_MAX_ATTEMPTS", DEFAULT_MAX_ATTEMPTS)
        error = f"{type(exc).__name__}: {exc}"[:2000]
        values = {"status": "failed" if mail.attempts >= max_attempts else "pending",
                  "last_error": error}
        log.warning("E-mail #%s to %s failed (attempt %s, now %s): %s", mail.id,
                    mail.to_address, mail.attempts, values["status"], error)
    db.session.execute(update(OutboxMail).where(OutboxMail.id == mail.id).values(**values)
                       .execution_options(synchronize_session=False))
    db.session.commit()
    return values["status"]


def deliver_pending(limit: int = 100) -> dict[str, int]:
    """Deliver up to `limit` pending mails; return how many ended in each status."""
    ids = db.session.execute(
        select(OutboxMail.id).where(_claimable(utcnow())).order_by(OutboxMail.id).limit(limit)
    ).scalars().all()
    # End the read transaction before writing (SQLite upgrades read locks badly).
    db.session.commit()
    outcome: dict[str, int] = {}
    for mail_id in ids:
        mail = claim_and_read(mail_id)
        if mail is None:
            continue
        status = deliver_mail(mail)
        outcome[status] = outcome.get(status, 0) + 1
    return outcome


def _deliver_in_background(app: Flask) -> None:
    with app.app_context():
        try:
            deliver_pending()
        except Exception:
            log.exception("Background e-mail delivery failed; `flask civic send-mail` "
                          "will pick the mails up")
            db.session.rollback()


def start_background_delivery(app: Flask) -> threading.Thread:
    thread = threading.Thread(target=_deliver_in_background, args=(app,),
                              name="civic-mail", daemon=True)
    thread.start()
    return thread


def _note_commit(session) -> None:
    if has_request_context() and g.get("civic_mail_queued"):
        g.civic_mail_committed = True


def init_app(app: Flask) -> None:
    """After a request whose queued mail was committed, deliver it in a daemon thread."""
    if not event.contains(Session, "after_commit", _note_commit):
        event.listen(Session, "after_commit", _note_commit)

    @app.teardown_request
    def deliver_after_request(exc):
        if exc is not None or not g.get("civic_mail_committed"):
            return
        if not app.config.get("MAIL_SEND_AFTER_REQUEST"):
            return
        try:
            start_background_delivery(app)
        except Exception:  # a thread that cannot start must not break the response
            log.exception("Could not start background e-mail delivery")
