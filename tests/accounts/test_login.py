"""Log in, log out, throttling, safe redirects."""
from __future__ import annotations

import re

import pytest

from civic.core.models import utcnow
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.fixtures.http import text
from tests.mail.helpers import outbox

INCORRECT = "E-mail or password is incorrect."


@pytest.fixture(autouse=True)
def english(client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"


def _login(client, email, password=DEFAULT_PASSWORD, ip="127.0.0.1", **extra):
    return client.post_form("/login", {"email": email, "password": password, **extra},
                            environ_base={"REMOTE_ADDR": ip})


def _logged_in_key(client):
    with client.session_transaction() as session:
        return session.get("_user_id")


def _main(response) -> str:
    page = text(response)
    page = page[page.index("<main"):page.index("</main>")]
    return re.sub(r'name="csrf_token" type="hidden" value="[^"]+"', "", page)


def test_login_page(client):
    page = text(client.get("/login?next=/about"))
    assert page.count("<h1") == 1
    for name in ("email", "password", "remember"):
        assert f'name="{name}"' in page
    assert 'name="next" type="hidden" value="/about"' in page


def test_right_password_logs_in_and_records_the_time(client, db, citizen):
    assert citizen.last_login_at is None
    response = _login(client, citizen.email.upper())
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert _logged_in_key(client) == citizen.session_key
    assert citizen.last_login_at is not None
    assert citizen.display_name in text(client.get("/"))


def test_wrong_password_and_unknown_address_get_the_same_answer(client, citizen):
    wrong = _login(client, citizen.email, "not-the-password-at-all")
    unknown = _login(client, "nobody@example.org", "not-the-password-at-all")
    assert wrong.status_code == unknown.status_code == 200
    assert INCORRECT in text(wrong)
    assert _main(wrong).replace(citizen.email, "X") == _main(unknown).replace(
        "nobody@example.org", "X")
    assert _logged_in_key(client) is None


def test_a_deleted_account_cannot_log_in(client, db):
    user = make_user(deleted_at=utcnow())
    response = _login(client, user.email)
    assert response.status_code == 200
    assert INCORRECT in text(response)
    assert _logged_in_key(client) is None


@pytest.mark.parametrize(("next_url", "expected"), [
    ("/about", "/about"),
    ("/organizations/?page=2", "/organizations/?page=2"),
    ("https://evil.example/", "/"),
    ("//evil.example/path", "/"),
    ("/\\evil.example", "/"),
    ("javascript:alert(1)", "/"),
])
def test_next_only_redirects_on_site(client, citizen, next_url, expected):
    response = _login(client, citizen.email, next=next_url)
    assert response.status_code == 302
    assert response.headers["Location"] == expected


def test_a_logged_in_visitor_of_the_login_page_follows_next(client, login_as, citizen):
    login_as(citizen)
    assert client.get("/login?next=/about").headers["Location"] == "/about"
    assert client.get("/login?next=https://evil.example").headers["Location"] == "/"


def test_remember_me_sets_the_remember_cookie_only_when_asked(client, citizen, other_citizen):
    forgetful = _login(client, citizen.email)
    assert "remember_token" not in " ".join(forgetful.headers.getlist("Set-Cookie"))
    client.post_form("/logout")
    remembered = _login(client, other_citizen.email, remember="y")
    cookies = " ".join(remembered.headers.getlist("Set-Cookie"))
    assert "remember_token=" in cookies and "HttpOnly" in cookies


def test_an_unconfirmed_account_logs_in_and_is_offered_a_new_link(client, db):
    user = make_user(confirmed=False)
    response = _login(client, user.email)
    assert response.headers["Location"] == "/signup/check-inbox"
    page = text(client.get("/signup/check-inbox"))
    assert "is not confirmed yet" in page
    assert 'action="/signup/resend-confirmation"' in page
    client.post_form("/logout")
    assert _login(client, user.email, next="/about").headers["Location"] == "/about"


def test_logout_is_post_only(client, login_as, citizen):
    login_as(citizen)
    response = client.get("/logout")
    assert response.status_code == 405
    assert _logged_in_key(client) == citizen.session_key
    assert client.post("/logout").status_code == 400  # no CSRF token
    assert _logged_in_key(client) == citizen.session_key
    response = client.post_form("/logout")
    assert response.status_code == 302
    assert _logged_in_key(client) is None
    assert citizen.display_name not in text(client.get("/"))


def test_logging_out_when_already_out_just_goes_home(client):
    assert client.post_form("/logout").status_code == 302


def test_failed_attempts_on_one_account_are_throttled_across_ips(client, app, citizen,
                                                                 other_citizen):
    limit = int(app.config["LOGIN_LIMIT_PER_ACCOUNT"].split()[0])
    for n in range(limit):
        assert _login(client, citizen.email, "wrong-password-x", ip=f"10.0.0.{n}") \
            .status_code == 200
    blocked = _login(client, citizen.email, ip="10.0.1.1")  # even the right password
    assert blocked.status_code == 429
    assert "Too many attempts" in text(blocked)
    assert _logged_in_key(client) is None
    assert _login(client, other_citizen.email, ip="10.0.1.1").status_code == 302


def test_failed_attempts_from_one_ip_are_throttled(client, app, monkeypatch, citizen):
    monkeypatch.setitem(app.config, "LOGIN_LIMIT_PER_IP", "3 per 10 minutes")
    for n in range(3):
        assert _login(client, f"guess{n}@example.org", "wrong-password-x", ip="10.1.1.1") \
            .status_code == 200
    assert _login(client, citizen.email, ip="10.1.1.1").status_code == 429
    assert _login(client, citizen.email, ip="10.1.1.2").status_code == 302


def test_successful_logins_are_not_counted(client, app, citizen):
    limit = int(app.config["LOGIN_LIMIT_PER_ACCOUNT"].split()[0])
    for _ in range(limit + 2):
        assert _login(client, citizen.email).status_code == 302


def test_resend_confirmation(client, login_as, db):
    user = login_as(make_user(confirmed=False))
    response = client.post_form("/signup/resend-confirmation", {"next": "/about"})
    assert response.headers["Location"] == "/about"
    assert [m.to_address for m in outbox(kind="confirm")] == [user.email]


def test_resend_confirmation_when_already_confirmed_sends_nothing(client, login_as, citizen):
    login_as(citizen)
    response = client.post_form("/signup/resend-confirmation")
    assert response.status_code == 302
    assert outbox() == []


def test_resend_confirmation_needs_an_account_and_a_post(client):
    assert client.post_form("/signup/resend-confirmation").status_code == 401
    assert client.get("/signup/resend-confirmation").status_code == 405
