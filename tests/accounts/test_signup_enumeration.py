"""Sign-up tells nobody whether an address has an account: the same answer for a new
address, a registered one and a bot, no log-in, no change to the session; the person logs in
after confirming, on a login page that knows the confirmed address."""
from __future__ import annotations

import re

import pytest

from tests.factories import make_user
from tests.fixtures.http import CSRF_RE, text
from tests.mail.helpers import links, outbox, path_of

STRONG = "lanterne-violon-cactus-9"
CASES = ["new address", "registered address", "registered, other case", "bot"]


@pytest.fixture(autouse=True)
def english(client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"


def _signup_data(case: str, registered: str, n: int) -> dict:
    email = {"new address": f"new{n}@example.org", "registered address": registered,
             "registered, other case": registered.upper(), "bot": f"bot{n}@example.org"}[case]
    data = {"email": email, "display_name": f"Personne Nouvelle {n}",
            "password": STRONG, "password_confirm": STRONG}
    if case == "bot":
        data["website"] = "http://spam.example"
    return data


def _session_of(client) -> dict:
    with client.session_transaction() as session:
        return dict(session)


def _visitor(app, n: int):
    """A fresh browser (its own cookies, its own IP) that has opened the sign-up page."""
    visitor = app.test_client()
    visitor.environ_base.update(HTTP_ACCEPT_LANGUAGE="en", REMOTE_ADDR=f"10.20.0.{n}")
    visitor.get("/signup")
    return visitor


def test_every_signup_gets_the_same_answer_and_the_same_session(app, client, citizen):
    seen = {}
    for n, case in enumerate(CASES, start=1):
        visitor = _visitor(app, n)
        token = visitor.csrf_token()
        before = _session_of(visitor)
        response = visitor.post("/signup", data={**_signup_data(case, citizen.email, n),
                                                 "csrf_token": token})
        after = _session_of(visitor)
        next_page = CSRF_RE.sub("", text(visitor.get("/signup/check-inbox")))
        seen[case] = (response.status_code, response.headers["Location"],
                      response.headers.getlist("Set-Cookie"), response.get_data(),
                      sorted(response.headers.keys()), after == before, next_page)
        assert "_user_id" not in after
    assert seen["new address"][:2] == (302, "/signup/check-inbox")
    assert seen["new address"][2] == []  # no cookie: the session is left as it was
    assert seen["new address"][5] is True
    for case in CASES[1:]:
        assert seen[case] == seen["new address"], case
    assert len(outbox(kind="confirm")) == 1
    assert len(outbox(kind="signup_attempt")) == 2


def test_the_language_kept_in_the_session_survives_signing_up(client):
    client.environ_base.pop("HTTP_ACCEPT_LANGUAGE")
    client.get("/signup")
    with client.session_transaction() as session:
        session["lang"] = "en"
    response = client.post_form("/signup", _signup_data("new address", "", 1))
    assert response.headers["Location"] == "/signup/check-inbox"
    assert "<h1>Check your inbox</h1>" in text(client.get("/signup/check-inbox"))
    assert _session_of(client)["lang"] == "en"
    assert outbox(kind="confirm")[0].subject == "Confirm your e-mail address"


def test_sign_up_confirm_then_log_in_with_the_address_filled_in(client, db):
    client.post_form("/signup", _signup_data("new address", "", 7))
    [link] = links(outbox(kind="confirm")[0])
    confirm_page = text(client.get(path_of(link)))
    assert "Then log in with your password." in confirm_page

    confirmed = client.post_form(path_of(link))
    assert confirmed.headers["Location"] == "/login"  # the address is not in the URL
    assert "_user_id" not in _session_of(client)  # the link alone never logs in

    login_page = text(client.get("/login"))
    assert "your e-mail address is confirmed. Log in with your password" in login_page
    assert re.search(r'<input[^>]*id="email"[^>]*value="new7@example.org"', login_page)
    assert 'value="new7@example.org"' not in text(client.get("/login"))  # shown once

    response = client.post_form("/login", {"email": "new7@example.org", "password": STRONG})
    assert response.headers["Location"] == "/"
    assert "Personne Nouvelle 7" in text(client.get("/"))


def test_confirming_signed_in_goes_home_without_touching_the_login_page(client, login_as):
    user = login_as(make_user(confirmed=False))
    client.post_form("/signup/resend-confirmation")
    [link] = links(outbox(kind="confirm")[0])
    assert client.post_form(path_of(link)).headers["Location"] == "/"
    assert "login_email" not in _session_of(client)
    assert user.is_confirmed
