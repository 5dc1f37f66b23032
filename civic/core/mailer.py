"""The e-mail transport: SMTP when MAIL_SERVER is set, otherwise the application log."""
from __future__ import annotations

import logging
import smtplib
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr

from flask import current_app

log = logging.getLogger("civic.mail")

SMTP_TIMEOUT = 30  # seconds: a stuck server must not hold a sender forever


def smtp_configured() -> bool:
    return bool(current_app.config.get("MAIL_SERVER"))


def build_message(to_address: str, subject: str, body_text: str,
                  unsubscribe_url: str = "") -> EmailMessage:
    """A plain-text message; with `unsubscribe_url`, the RFC 8058 one-click unsubscribe
    headers mail providers show as an "Unsubscribe" button (they POST to the link)."""
    sender = current_app.config["MAIL_SENDER"]
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to_address
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    domain = parseaddr(sender)[1].rpartition("@")[2] or None
    message["Message-ID"] = make_msgid(domain=domain)
    message["Auto-Submitted"] = "auto-generated"
    if unsubscribe_url:
        message["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(body_text)
    return message


def send_smtp(message: EmailMessage) -> None:
    """Hand `message` to the configured SMTP server; raises on any failure."""
    config = current_app.config
    host, port = config["MAIL_SERVER"], config["MAIL_PORT"]
    if config.get("MAIL_USE_SSL"):
        connection = smtplib.SMTP_SSL(host, port, timeout=SMTP_TIMEOUT)
    else:
        connection = smtplib.SMTP(host, port, timeout=SMTP_TIMEOUT)
    with connection as smtp:
        if config.get("MAIL_USE_TLS") and not config.get("MAIL_USE_SSL"):
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
        smtp.send_message(message)


def write_to_log(mail_id: int, to_address: str, subject: str, body_text: str) -> None:
    """Development without SMTP: the whole mail, links included, goes to the log."""
    log.info("E-mail #%s (not sent: MAIL_SERVER is not set)\nTo: %s\nSubject: %s\n\n%s",
             mail_id, to_address, subject, body_text)
