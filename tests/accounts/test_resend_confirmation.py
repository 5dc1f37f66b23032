"""A new confirmation link for someone who is not logged in: asked by address, the same
answer whatever the address, limited per IP and per address (shared with the signed-in
button)."""
from __future__ import annotations

import pytest

from civic.core.models import utcnow
from tests.factories import make_user
from tests.fixtures.http import text
from tests.mail.helpers import outbox

NEUTRAL = "If an unconfirmed account exists for this address, we sent it a new confirmation link."


@pytest.fixture(autouse=True)
def english(client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def unconfirmed(db_session):
    return make_user(confirmed=False, email="pas.encore@example.org")


def _resend(client, email, ip="10.30.0.1"):
    return client.post_form("/signup/resend", {"email": email},
                            environ_base={"REMOTE_ADDR": ip})


def test_the_check_inbox_page_offers_the_form_to_visitors(client):
    page = text(client.get("/signup/check-inbox"))
    assert '<form method="post" action="/signup/resend"' in page
    assert 'name="email"' in page and 'name="csrf_token"' in page
    assert "/signup/resend-confirmation" not in page
    assert text(client.get("/signup/resend")).count("<h1") == 1


def test_the_check_inbox_page_offers_the_button_to_unconfirmed_people(client, login_as):
    login_as(make_user(confirmed=False))
    page = text(client.get("/signup/check-inbox"))
    assert 'action="/signup/resend-confirmation"' in page
    assert 'action="/signup/resend"' not in page


def test_an_unconfirmed_address_gets_a_new_link(client, unconfirmed):
    response = _resend(client, "  Pas.Encore@Example.org ")
    assert response.headers["Location"] == "/signup/check-inbox"
    [mail] = outbox(kind="confirm")
    assert mail.to_address == unconfirmed.email
    assert "/confirm/" in mail.body_text
    assert NEUTRAL in text(client.get("/signup/check-inbox"))


def test_every_address_gets_the_same_answer(app, client, unconfirmed, citizen):
    deleted = make_user(email="parti@example.org", confirmed=False, deleted_at=utcnow())
    answers = {}
    for n, email in enumerate([unconfirmed.email, citizen.email, deleted.email,
                               "nobody@example.org"]):
        visitor = app.test_client()
        visitor.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
        response = _resend(visitor, email, ip=f"10.30.1.{n}")
        answers[email] = (response.status_code, response.headers["Location"],
                          tuple(c.split("=", 1)[0]
                                for c in response.headers.getlist("Set-Cookie")),
                          NEUTRAL in text(visitor.get("/signup/check-inbox")))
    assert len(set(answers.values())) == 1, answers
    assert answers[citizen.email][:2] == (302, "/signup/check-inbox")
    assert answers[citizen.email][3] is True
    assert [m.to_address for m in outbox()] == [unconfirmed.email]  # only the unconfirmed


def test_an_invalid_address_is_shown_on_the_form(client, unconfirmed):
    response = _resend(client, "pas-une-adresse")
    assert response.status_code == 200
    assert "There is a problem" in text(response)
    assert "Enter a valid e-mail address" in text(response)
    assert outbox() == []


def test_the_form_needs_csrf(client, unconfirmed):
    assert client.post("/signup/resend", data={"email": unconfirmed.email}).status_code == 400
    assert client.get("/signup/resend").status_code == 200
    assert outbox() == []


def test_requests_are_limited_per_ip(client, app, monkeypatch, unconfirmed):
    monkeypatch.setitem(app.config, "RESET_LIMIT_PER_IP", "2 per hour")
    for n in range(2):
        assert _resend(client, f"quelqu.un{n}@example.org").status_code == 302
    blocked = _resend(client, unconfirmed.email)
    assert blocked.status_code == 429
    assert "Too many attempts" in text(blocked)
    assert _resend(client, unconfirmed.email, ip="10.30.9.9").status_code == 302
    assert len(outbox(kind="confirm")) == 1


def test_requests_are_limited_per_address_across_ips(client, app, monkeypatch, unconfirmed):
    monkeypatch.setitem(app.config, "CONFIRM_RESEND_LIMIT_PER_ADDRESS", "2 per hour")
    assert _resend(client, unconfirmed.email, ip="10.30.2.1").status_code == 302
    assert _resend(client, unconfirmed.email.upper(), ip="10.30.2.2").status_code == 302
    assert _resend(client, unconfirmed.email, ip="10.30.2.3").status_code == 429
    assert len(outbox(kind="confirm")) == 2
    # Another address keeps its own budget; unknown addresses are counted the same way.
    assert _resend(client, "nobody@example.org", ip="10.30.2.3").status_code == 302


def test_the_signed_in_button_spends_the_same_budget(client, app, monkeypatch, login_as,
                                                     unconfirmed):
    monkeypatch.setitem(app.config, "CONFIRM_RESEND_LIMIT_PER_ADDRESS", "2 per hour")
    login_as(unconfirmed)
    for _ in range(2):
        assert client.post_form("/signup/resend-confirmation").status_code == 302
    assert client.post_form("/signup/resend-confirmation").status_code == 429
    client.post_form("/logout")
    assert _resend(client, unconfirmed.email).status_code == 429
    assert len(outbox(kind="confirm")) == 2
