"""Delivering the outbox: the log without SMTP, SMTP when configured, retries, claims."""
from __future__ import annotations

import logging
import smtplib

import pytest

from civic.core import mailer
from civic.extensions import db
from civic.mail import delivery
from civic.mail.services import queue_mail
from tests.mail.helpers import outbox

LINK = "http://localhost/reset/abc.def-ghi"


def _queue(n=1):
    for i in range(n):
        queue_mail(f"person{i}@example.org", f"Subject {i}", f"Open {LINK}\n", kind="test")
    db.session.commit()


class FakeSMTP:
    """Stands in for smtplib.SMTP; records what civic asks of it."""

    instances: list[FakeSMTP] = []
    fail_with: Exception | None = None

    def __init__(self, host, port, timeout=None):
        self.host, self.port, self.timeout = host, port, timeout
        self.calls: list[tuple] = []
        self.sent = []
        FakeSMTP.instances.append(self)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.calls.append(("quit",))

    def starttls(self):
        self.calls.append(("starttls",))

    def login(self, user, password):
        self.calls.append(("login", user, password))

    def send_message(self, message):
        if FakeSMTP.fail_with is not None:
            raise FakeSMTP.fail_with
        self.sent.append(message)


@pytest.fixture
def smtp(app, monkeypatch):
    FakeSMTP.instances = []
    FakeSMTP.fail_with = None
    monkeypatch.setattr(smtplib, "SMTP", FakeSMTP)
    monkeypatch.setattr(smtplib, "SMTP_SSL", FakeSMTP)
    for key, value in {"MAIL_SERVER": "smtp.example.org", "MAIL_PORT": 587,
                       "MAIL_USERNAME": "civic", "MAIL_PASSWORD": "s3cret",
                       "MAIL_USE_TLS": True, "MAIL_USE_SSL": False,
                       "MAIL_SENDER": "civic <no-reply@civic.example.org>"}.items():
        monkeypatch.setitem(app.config, key, value)
    return FakeSMTP


def test_without_smtp_mail_is_logged_with_its_full_link(app, caplog):
    assert not app.config["MAIL_SERVER"]
    _queue()
    caplog.set_level(logging.INFO, logger="civic.mail")
    assert delivery.deliver_pending() == {"logged": 1}
    assert LINK in caplog.text and "person0@example.org" in caplog.text
    [mail] = outbox()
    assert mail.status == "logged" and mail.attempts == 1 and mail.sent_at is not None


def test_smtp_delivery(app, smtp):
    _queue(2)
    assert delivery.deliver_pending() == {"sent": 2}
    assert [m.status for m in outbox()] == ["sent", "sent"]
    first = smtp.instances[0]
    assert (first.host, first.port, first.timeout) == ("smtp.example.org", 587, 30)
    assert first.calls[:2] == [("starttls",), ("login", "civic", "s3cret")]
    [message] = first.sent
    assert message["To"] == "person0@example.org"
    assert message["From"] == "civic <no-reply@civic.example.org>"
    assert message["Subject"] == "Subject 0"
    assert message["Message-ID"].endswith("@civic.example.org>")
    assert LINK in message.get_content()


def test_smtp_over_ssl_without_login(app, smtp, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_USE_SSL", True)
    monkeypatch.setitem(app.config, "MAIL_USERNAME", None)
    _queue()
    delivery.deliver_pending()
    assert smtp.instances[0].calls == [("quit",)]  # no STARTTLS inside SSL, no login
    assert outbox()[0].status == "sent"


def test_a_failure_is_recorded_and_retried_then_given_up(app, smtp, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_MAX_ATTEMPTS", 2)
    smtp.fail_with = smtplib.SMTPRecipientsRefused({"person0@example.org": (550, b"no")})
    _queue()
    assert delivery.deliver_pending() == {"pending": 1}  # never raises
    [mail] = outbox()
    assert mail.attempts == 1 and "SMTPRecipientsRefused" in mail.last_error
    assert delivery.deliver_pending() == {"failed": 1}
    [mail] = outbox()
    assert mail.status == "failed" and mail.attempts == 2 and mail.sent_at is None
    assert delivery.deliver_pending() == {}  # failed mails are left alone


def test_a_retry_that_works_clears_the_error(app, smtp):
    smtp.fail_with = ConnectionRefusedError("connection refused")
    _queue()
    delivery.deliver_pending()
    smtp.fail_with = None
    delivery.deliver_pending()
    [mail] = outbox()
    assert (mail.status, mail.attempts, mail.last_error) == ("sent", 2, "")


def test_a_mail_is_claimed_by_one_sender_only(app):
    _queue()
    [mail] = outbox()
    assert delivery.claim_mail(mail.id) is True
    assert delivery.claim_mail(mail.id) is False
    assert delivery.deliver_pending() == {}  # "sending" belongs to the first sender


def test_a_mail_left_by_a_dead_sender_is_taken_again_later(app, monkeypatch):
    from datetime import timedelta

    _queue()
    [mail] = outbox()
    assert delivery.claim_mail(mail.id)
    monkeypatch.setitem(app.config, "MAIL_CLAIM_TIMEOUT", timedelta(seconds=-1))
    assert delivery.deliver_pending() == {"logged": 1}


def test_sent_mail_is_never_sent_twice(app):
    _queue(3)
    assert delivery.deliver_pending() == {"logged": 3}
    assert delivery.deliver_pending() == {}


def test_background_delivery_uses_its_own_app_context_and_never_raises(app, monkeypatch,
                                                                       caplog):
    _queue()
    delivery._deliver_in_background(app)
    assert outbox()[0].status == "logged"

    def explode(limit=100):
        raise RuntimeError("database away")

    monkeypatch.setattr(delivery, "deliver_pending", explode)
    delivery._deliver_in_background(app)  # logged, not raised
    assert "Background e-mail delivery failed" in caplog.text


def test_mailer_reports_whether_smtp_is_configured(app, monkeypatch):
    assert mailer.smtp_configured() is False
    monkeypatch.setitem(app.config, "MAIL_SERVER", "smtp.example.org")
    assert mailer.smtp_configured() is True
