"""Password reset: a signed, expiring, single-use link; no account enumeration."""
from __future__ import annotations

import pytest

from civic.accounts.passwords import verify_password
from civic.accounts.services import confirmation_token, reset_token
from civic.core.models import utcnow
from civic.core.tokens import make_token
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.fixtures.http import text
from tests.mail.helpers import links, outbox, path_of

NEW = "girafe-orange-trampoline-7"
SAID = "If an account exists for this address, we sent it a link"


@pytest.fixture(autouse=True)
def english(client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"


def _logged_in_key(client):
    with client.session_transaction() as session:
        return session.get("_user_id")


def _choose(client, token, password=NEW, confirm=None):
    return client.post_form(f"/reset/{token}", {"password": password,
                                                "password_confirm": confirm or password})


def test_asking_for_a_link_mails_one_with_an_absolute_url(client, citizen):
    page = text(client.get("/reset"))
    assert 'name="email"' in page and page.count("<h1") == 1
    response = client.post_form("/reset", {"email": citizen.email.upper()})
    assert response.status_code == 302
    assert SAID in text(client.get(response.headers["Location"]))
    [mail] = outbox(kind="reset")
    assert mail.to_address == citizen.email and mail.recipient_id == citizen.id
    [link] = links(mail)
    assert link.startswith("http://localhost/reset/")


@pytest.mark.parametrize("email", ["nobody@example.org", "deleted@example.org"])
def test_unknown_and_deleted_accounts_get_the_same_answer_and_no_mail(client, citizen, email):
    make_user(email="deleted@example.org", deleted_at=utcnow())
    known = client.post_form("/reset", {"email": citizen.email})
    other = client.post_form("/reset", {"email": email})
    assert (known.status_code, known.headers["Location"]) == (
        other.status_code, other.headers["Location"])
    assert [m.to_address for m in outbox()] == [citizen.email]


def test_links_use_base_url_not_the_request_host(client, app, monkeypatch, citizen):
    monkeypatch.setitem(app.config, "BASE_URL", "https://civic.example.org")
    client.post_form("/reset", {"email": citizen.email},
                     headers={"X-Forwarded-Host": "evil.example"})
    [mail] = outbox(kind="reset")
    assert "evil.example" not in mail.body_text
    assert "localhost" not in mail.body_text  # the request's own host is not used either
    assert links(mail)[0].startswith("https://civic.example.org/reset/")


def test_the_link_shows_the_form_then_sets_the_password_and_logs_in(client, db, citizen):
    client.post_form("/reset", {"email": citizen.email})
    path = path_of(links(outbox(kind="reset")[0])[0])
    old_key = citizen.session_key

    page = client.get(path)
    assert page.status_code == 200
    assert 'name="password_confirm"' in text(page)
    assert verify_password(citizen.password_hash, DEFAULT_PASSWORD)  # GET changed nothing

    response = client.post_form(path, {"password": NEW, "password_confirm": NEW})
    assert response.status_code == 302
    assert verify_password(citizen.password_hash, NEW)
    assert not verify_password(citizen.password_hash, DEFAULT_PASSWORD)
    assert citizen.session_key != old_key
    assert _logged_in_key(client) == citizen.session_key


def test_a_reset_ends_the_other_sessions(client, app, login_as, citizen):
    elsewhere = app.test_client()
    with elsewhere.session_transaction() as session:
        session["_user_id"] = citizen.session_key
    assert citizen.display_name in text(elsewhere.get("/about"))
    _choose(client, reset_token(citizen))
    assert citizen.display_name not in text(elsewhere.get("/about"))


def test_a_link_works_only_once(client, citizen):
    token = reset_token(citizen)
    assert _choose(client, token).status_code == 302
    client.post_form("/logout")
    reused = _choose(client, token, password="autre-mot-de-passe-solide-8")
    assert reused.status_code == 400
    assert "invalid, expired or already used" in text(reused)
    assert client.get(f"/reset/{token}").status_code == 400
    assert verify_password(citizen.password_hash, NEW)


def test_an_expired_link_is_refused(client, app, monkeypatch, citizen):
    token = reset_token(citizen)
    monkeypatch.setitem(app.config, "RESET_TOKEN_MAX_AGE", -1)
    assert client.get(f"/reset/{token}").status_code == 400
    assert _choose(client, token).status_code == 400
    assert verify_password(citizen.password_hash, DEFAULT_PASSWORD)


def test_tampered_and_foreign_tokens_are_refused(client, citizen, other_citizen):
    token = reset_token(citizen)
    forged = make_token("confirm", {"uid": other_citizen.id, "fp": "0" * 32})
    for bad in (token[:-3] + "xyz", "garbage", confirmation_token(citizen), forged,
                make_token("reset", {"uid": other_citizen.id, "fp": "0" * 32}),
                make_token("reset", {"uid": "x"})):
        assert _choose(client, bad).status_code == 400
    assert verify_password(citizen.password_hash, DEFAULT_PASSWORD)
    assert verify_password(other_citizen.password_hash, DEFAULT_PASSWORD)


def test_a_link_for_a_deleted_account_is_refused(client, db, citizen):
    token = reset_token(citizen)
    citizen.deleted_at = utcnow()
    db.session.commit()
    assert _choose(client, token).status_code == 400


def test_the_new_password_follows_the_policy(client, citizen):
    token = reset_token(citizen)
    response = _choose(client, token, password="azertyuiop")
    assert response.status_code == 200
    assert "one of the most common ones" in text(response)
    mismatch = _choose(client, token, password=NEW, confirm=NEW + "!")
    assert "The two passwords are different" in text(mismatch)
    assert verify_password(citizen.password_hash, DEFAULT_PASSWORD)
    assert _choose(client, token).status_code == 302  # the link still works afterwards


def test_a_reset_also_confirms_the_address(client, db):
    user = make_user(confirmed=False)
    _choose(client, reset_token(user))
    assert user.is_confirmed


def test_reset_requests_are_throttled_per_ip(client, app, monkeypatch, citizen):
    monkeypatch.setitem(app.config, "RESET_LIMIT_PER_IP", "2 per hour")
    for _ in range(2):
        assert client.post_form("/reset", {"email": citizen.email}).status_code == 302
    assert client.post_form("/reset", {"email": citizen.email}).status_code == 429
    assert len(outbox(kind="reset")) == 2
