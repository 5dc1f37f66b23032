"""E-mail confirmation: GET shows a button, only the POST confirms."""
from __future__ import annotations

import pytest
from sqlalchemy import event

from civic.accounts.services import confirmation_token, reset_token
from civic.core.tokens import make_token
from civic.extensions import db
from tests.factories import make_user
from tests.fixtures.http import text


@pytest.fixture(autouse=True)
def english(client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def unconfirmed(db_session):
    return make_user(confirmed=False, display_name="Pas Encore")


def _writes_during(action):
    writes = []

    def spy(conn, cursor, statement, *args):
        if statement.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            writes.append(statement)

    event.listen(db.engine, "before_cursor_execute", spy)
    try:
        result = action()
    finally:
        event.remove(db.engine, "before_cursor_execute", spy)
    return result, writes


def test_the_link_shows_a_confirm_button_and_writes_nothing(client, unconfirmed):
    token = confirmation_token(unconfirmed)
    response, writes = _writes_during(lambda: client.get(f"/confirm/{token}"))
    assert response.status_code == 200
    page = text(response)
    assert page.count("<h1") == 1
    assert f'<form method="post" action="/confirm/{token}">' in page
    assert unconfirmed.email in page
    assert writes == []
    assert not unconfirmed.is_confirmed


def test_the_button_confirms(client, unconfirmed):
    response = client.post_form(f"/confirm/{confirmation_token(unconfirmed)}")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login"
    assert unconfirmed.is_confirmed


def test_confirming_while_logged_in_goes_home_and_is_idempotent(client, login_as, unconfirmed):
    login_as(unconfirmed)
    token = confirmation_token(unconfirmed)
    assert client.post_form(f"/confirm/{token}").headers["Location"] == "/"
    first = unconfirmed.email_confirmed_at
    assert client.post_form(f"/confirm/{token}").status_code == 302
    assert unconfirmed.email_confirmed_at == first


def test_the_confirm_post_needs_csrf(client, unconfirmed):
    assert client.post(f"/confirm/{confirmation_token(unconfirmed)}").status_code == 400
    assert not unconfirmed.is_confirmed


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_bad_token_is_refused_with_a_clear_message(client, unconfirmed, method):
    token = confirmation_token(unconfirmed)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    for bad in (tampered, "not-a-token", reset_token(unconfirmed)):
        if method == "get":
            response = client.get(f"/confirm/{bad}")
        else:
            response = client.post_form(f"/confirm/{bad}")
        assert response.status_code == 400
        assert "confirmation link is not valid" in text(response)
    assert not unconfirmed.is_confirmed


def test_an_expired_token_is_refused(client, app, monkeypatch, unconfirmed):
    token = confirmation_token(unconfirmed)
    monkeypatch.setitem(app.config, "CONFIRM_TOKEN_MAX_AGE", -1)
    response = client.post_form(f"/confirm/{token}")
    assert response.status_code == 400
    assert "has expired" in text(response)
    assert not unconfirmed.is_confirmed


def test_a_token_for_a_previous_address_is_refused(client, db, unconfirmed):
    token = confirmation_token(unconfirmed)
    unconfirmed.email = "changed@example.org"
    db.session.commit()
    assert client.post_form(f"/confirm/{token}").status_code == 400
    assert not unconfirmed.is_confirmed


@pytest.mark.parametrize("payload", [{"uid": "x"}, {"email": "a@b.c"}, [1, 2], {"uid": 10**9,
                                                                                "email": ""}])
def test_signed_but_malformed_payloads_are_refused(client, payload):
    assert client.get(f"/confirm/{make_token('confirm', payload)}").status_code == 400
