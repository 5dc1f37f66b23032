"""Settings forms that check the current password share one per-account budget of failures."""
from __future__ import annotations

import pytest

from tests.factories import DEFAULT_PASSWORD, make_user
from tests.fixtures.http import text

WRONG = "not-my-password-1"


def _attempt(client, url: str, password: str):
    fields = {
        "/settings/password": {"current_password": password,
                               "new_password": "Trois-pommes-sur-un-velo-bleu",
                               "confirm_password": "Trois-pommes-sur-un-velo-bleu"},
        "/settings/email": {"new_email": "alex.new@example.org", "current_password": password},
        "/settings/delete": {"password": password, "confirm": "y"},
    }[url]
    return client.post_form(url, fields)


@pytest.fixture
def person(db_session):
    return make_user(display_name="Alex Martin", email="alex@example.org", locale="en")


@pytest.fixture
def limit(app, monkeypatch):
    monkeypatch.setitem(app.config, "PASSWORD_CHECK_LIMIT_PER_ACCOUNT", "3 per 10 minutes")
    return 3


def test_failed_checks_on_any_settings_form_share_one_budget(client, login_as, person, limit):
    login_as(person)
    old_hash = person.password_hash
    urls = ["/settings/password", "/settings/email", "/settings/delete"]
    for n in range(limit):
        assert _attempt(client, urls[n % 3], WRONG).status_code == 400
    blocked = _attempt(client, "/settings/password", DEFAULT_PASSWORD)  # even the right one
    assert blocked.status_code == 429
    assert "Too many attempts" in text(blocked)
    assert person.password_hash == old_hash  # the blocked change did not happen
    assert client.get("/settings/password").status_code == 200  # reading is never limited


def test_the_budget_is_per_account(client, login_as, person, limit):
    login_as(person)
    for _ in range(limit):
        _attempt(client, "/settings/email", WRONG)
    other = make_user(display_name="Sam Other", email="sam@example.org", locale="en")
    login_as(other)
    assert _attempt(client, "/settings/email", DEFAULT_PASSWORD).status_code == 302


def test_successful_checks_do_not_count(client, login_as, person, limit):
    login_as(person)
    for _ in range(limit + 1):
        response = client.post_form("/settings/email", {
            "new_email": "alex.new@example.org", "current_password": DEFAULT_PASSWORD})
        assert response.status_code == 302
