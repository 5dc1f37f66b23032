"""Queue e-mails in the outbox; delivery happens after the commit, never in the request."""
from __future__ import annotations

from flask import g, has_request_context

from civic.extensions import db
from civic.mail.models import OutboxMail


def queue_mail(to_address: str, subject: str, body_text: str, *, kind: str,
               recipient=None) -> OutboxMail:
    """Store an e-mail in the outbox, in the current transaction.

    It is delivered (or, without SMTP, written to the log with its links) once the
    request's transaction has committed.
    """
    mail = OutboxMail(to_address=to_address, subject=subject, body_text=body_text, kind=kind,
                      recipient_id=getattr(recipient, "id", None))
    db.session.add(mail)
    if has_request_context():
        g.civic_mail_queued = True
    return mail
