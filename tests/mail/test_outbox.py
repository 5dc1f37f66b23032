"""Queueing mail: stored in the transaction, links absolute, sent after the commit."""
from __future__ import annotations

import pytest
from flask import g

from civic.mail import delivery
from civic.mail.services import external_url, queue_mail, queue_user_mail
from tests.mail.helpers import outbox


def test_queue_mail_stores_a_pending_row_and_flags_the_request(app, db):
    with app.test_request_context():
        mail = queue_mail("a@example.org", "Hello", "Body", kind="test")
        assert g.civic_mail_queued is True
    db.session.commit()
    [stored] = outbox()
    assert stored.id == mail.id
    assert (stored.status, stored.attempts, stored.kind) == ("pending", 0, "test")


def test_queue_mail_works_outside_requests(app, db):
    queue_mail("a@example.org", "Hello", "Body", kind="test")
    db.session.commit()
    assert len(outbox()) == 1


def test_external_urls_come_from_base_url_not_the_request(app, monkeypatch):
    monkeypatch.setitem(app.config, "BASE_URL", "https://civic.example.org/")
    with app.test_request_context(base_url="http://evil.example"):
        assert external_url("accounts.reset_password", token="abc") == \
            "https://civic.example.org/reset/abc"
    assert external_url("accounts.login") == "https://civic.example.org/login"


def test_user_mails_are_rendered_in_the_users_language(app, db, citizen, monkeypatch):
    from flask_babel import get_locale
    from flask_babel import lazy_gettext as _l

    import civic.mail.services as services

    seen = []
    monkeypatch.setattr(services, "render_template",
                        lambda template, **ctx: seen.append(str(get_locale())) or "body")
    citizen.locale = "en"
    with app.test_request_context(headers={"Accept-Language": "fr"}):
        mail = queue_user_mail(citizen, kind="test", subject=_l("Reset your password"),
                               template="mail/reset.txt")
        assert str(get_locale()) == "fr"  # restored afterwards
    assert seen == ["en"]
    assert mail.subject == "Reset your password"
    assert mail.to_address == citizen.email and mail.recipient_id == citizen.id


@pytest.fixture
def started(monkeypatch):
    calls = []
    monkeypatch.setattr(delivery, "start_background_delivery", calls.append)
    return calls


def test_after_a_committed_request_that_queued_mail_delivery_starts(client, app, monkeypatch,
                                                                    citizen, started):
    monkeypatch.setitem(app.config, "MAIL_SEND_AFTER_REQUEST", True)
    client.get("/about")
    assert started == []  # nothing queued
    client.post_form("/reset", {"email": citizen.email})
    assert started == [app]


def test_no_background_delivery_when_switched_off(client, app, citizen, started):
    assert app.config["MAIL_SEND_AFTER_REQUEST"] is False
    client.post_form("/reset", {"email": citizen.email})
    assert started == []
    assert [m.status for m in outbox()] == ["pending"]


def test_mail_queued_but_rolled_back_starts_nothing(app, monkeypatch, started, db):
    monkeypatch.setitem(app.config, "MAIL_SEND_AFTER_REQUEST", True)
    with app.test_request_context(method="POST"):
        queue_mail("a@example.org", "Hello", "Body", kind="test")
        db.session.rollback()
        app.do_teardown_request(None)
    assert started == []
    assert outbox() == []


def test_a_failing_thread_start_does_not_break_the_request(client, app, monkeypatch, citizen):
    def refuse(_app):
        raise RuntimeError("can't start new thread")

    monkeypatch.setitem(app.config, "MAIL_SEND_AFTER_REQUEST", True)
    monkeypatch.setattr(delivery, "start_background_delivery", refuse)
    response = client.post_form("/reset", {"email": citizen.email})
    assert response.status_code == 302
