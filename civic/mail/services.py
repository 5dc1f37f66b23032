"""Queue e-mails in the outbox; delivery happens after the commit, never in the request."""
from __future__ import annotations

from flask import current_app, g, has_request_context, render_template
from flask_babel import force_locale

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


def external_url(endpoint: str, **values) -> str:
    """An absolute link for an e-mail, built from BASE_URL.

    Never from the request's Host header: a forged Host would otherwise send password
    reset links pointing at someone else's server.
    """
    path = current_app.url_map.bind("localhost").build(endpoint, values)
    return current_app.config["BASE_URL"].rstrip("/") + path


def queue_user_mail(user, *, kind: str, subject, template: str, to_address: str | None = None,
                    **context) -> OutboxMail:
    """Render `template` (plain text) and `subject` in the recipient's language and queue it.

    `subject` is a lazy string (`_l(...)`): it is translated here, inside the recipient's
    locale, not in the language of whoever caused the mail.
    """
    locale = user.locale or current_app.config["BABEL_DEFAULT_LOCALE"]
    with force_locale(locale):
        subject_text = str(subject)
        body = render_template(template, user=user, **context)
    return queue_mail(to_address or user.email, subject_text, body, kind=kind, recipient=user)
