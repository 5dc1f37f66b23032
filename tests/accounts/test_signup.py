"""Sign-up: account created unconfirmed and not logged in, confirmation mail, no account
enumeration (tests/accounts/test_signup_enumeration.py compares the answers)."""
from __future__ import annotations

import pytest
from flask_babel import get_locale
from sqlalchemy import func, select

from civic.accounts.models import User
from tests.fixtures.http import text
from tests.mail.helpers import links, outbox

STRONG = "lanterne-violon-cactus-9"


@pytest.fixture(autouse=True)
def english(client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"


def _signup(client, **overrides):
    data = {"email": "new.person@example.org", "display_name": "Nouvelle Personne",
            "password": STRONG, "password_confirm": STRONG}
    data.update(overrides)
    return client.post_form("/signup", data)


def _user_count(db):
    return db.session.execute(select(func.count(User.id))).scalar_one()


def _logged_in_key(client):
    with client.session_transaction() as session:
        return session.get("_user_id")


def test_signup_page_has_the_named_fields_and_a_hidden_honeypot(client):
    page = text(client.get("/signup"))
    for name in ("email", "display_name", "password", "password_confirm"):
        assert f'name="{name}"' in page
    assert page.count("<h1") == 1
    assert '<div class="visually-hidden" aria-hidden="true">' in page
    honeypot = page[page.index('name="website"') - 200:page.index('name="website"') + 200]
    assert 'tabindex="-1"' in honeypot and 'autocomplete="off"' in honeypot


def test_signup_creates_an_unconfirmed_account_sends_a_confirmation_and_logs_nobody_in(
        client, db):
    response = _signup(client, email="  New.Person@Example.org ")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/signup/check-inbox")

    user = db.session.execute(
        select(User).where(User.email == "new.person@example.org")).scalar_one()
    assert not user.is_confirmed
    assert user.display_name_key == "nouvelle personne"
    assert user.password_hash.startswith("scrypt:")
    assert user.locale == "en"
    assert _logged_in_key(client) is None

    [mail] = outbox(kind="confirm")
    assert mail.to_address == "new.person@example.org"
    assert mail.status == "pending" and mail.recipient_id == user.id
    assert mail.subject == "Confirm your e-mail address"
    [link] = links(mail)
    assert link.startswith("http://localhost/confirm/")

    page = text(client.get("/signup/check-inbox"))
    assert "Check your inbox" in page
    assert 'action="/signup/resend"' in page  # anyone may ask for a new link by address
    assert "/signup/resend-confirmation" not in page  # the signed-in button: nobody is


def test_an_already_registered_address_gives_the_same_answer_and_mails_its_owner(
        client, db, citizen):
    before = _user_count(db)
    fresh = _signup(client, email="someone.new@example.org", display_name="Quelqu'un")
    taken = _signup(client, email=citizen.email.upper(), display_name="Autre Nom")

    assert (taken.status_code, taken.headers["Location"]) == (
        fresh.status_code, fresh.headers["Location"])
    assert _user_count(db) == before + 1  # only the fresh one
    assert _logged_in_key(client) is None
    [mail] = outbox(kind="signup_attempt")
    assert mail.to_address == citizen.email and mail.recipient_id == citizen.id
    assert {"http://localhost/login", "http://localhost/reset"} <= set(links(mail))
    assert outbox(kind="confirm", to=citizen.email) == []


@pytest.mark.parametrize("name", ["camille citoyenne", "CAMILLE  Citoyenne", "Camïlle Citoyenné"])
def test_display_names_are_unique_ignoring_case_and_accents(client, db, citizen, name):
    before = _user_count(db)
    response = _signup(client, display_name=name)
    assert response.status_code == 200
    assert "This display name is already used" in text(response)
    assert _user_count(db) == before
    assert outbox() == []


def test_a_taken_name_is_reported_whether_or_not_the_address_is_registered(
        client, citizen, other_citizen):
    unknown = _signup(client, email="nobody@example.org", display_name=other_citizen.display_name)
    known = _signup(client, email=citizen.email, display_name=other_citizen.display_name)
    assert unknown.status_code == known.status_code == 200
    assert "This display name is already used" in text(known)
    assert outbox() == []


@pytest.mark.parametrize(("password", "message"), [
    ("azertyuiop", "one of the most common ones"),
    ("password123", "one of the most common ones"),
    ("court", "at least 10 characters"),
    ("nouvelle.person-1234", "must not contain your name or e-mail"),
])
def test_weak_passwords_are_refused(client, db, password, message):
    before = _user_count(db)
    response = _signup(client, email="nouvelle.person@example.org", password=password,
                       password_confirm=password)
    assert response.status_code == 200
    assert message in text(response)
    assert _user_count(db) == before


def test_the_two_passwords_must_match(client, db):
    before = _user_count(db)
    response = _signup(client, password_confirm=STRONG + "x")
    assert "The two passwords are different" in text(response)
    assert _user_count(db) == before


@pytest.mark.parametrize("data", [
    {"email": "not-an-address"},
    {"display_name": ""},
    {"display_name": "<script>"},
    {"display_name": "x" * 81},
])
def test_invalid_input_is_shown_on_the_form(client, db, data):
    before = _user_count(db)
    response = _signup(client, **data)
    assert response.status_code == 200
    assert "There is a problem" in text(response)
    assert "<script>" not in text(response)
    assert _user_count(db) == before


def test_a_filled_honeypot_pretends_success_and_creates_nothing(client, db):
    before = _user_count(db)
    response = _signup(client, website="http://spam.example")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/signup/check-inbox")
    assert _user_count(db) == before
    assert outbox() == []
    assert _logged_in_key(client) is None


def test_signup_requires_a_csrf_token(client, db):
    before = _user_count(db)
    response = client.post("/signup", data={"email": "a@example.org", "display_name": "Abc",
                                            "password": STRONG, "password_confirm": STRONG})
    assert response.status_code == 400
    assert _user_count(db) == before


def test_signups_are_throttled_per_ip(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "SIGNUP_LIMIT_PER_IP", "2 per hour")
    for n in range(2):
        assert _signup(client, email=f"p{n}@example.org",
                       display_name=f"Personne {n}").status_code == 302
    response = _signup(client, email="p3@example.org", display_name="Personne Trois")
    assert response.status_code == 429
    assert "Too many attempts" in text(response)
    other_ip = client.post_form("/signup", {"email": "p4@example.org"},
                                environ_base={"REMOTE_ADDR": "10.9.9.9"})
    assert other_ip.status_code == 200


def test_a_logged_in_person_is_sent_home(client, login_as, citizen):
    login_as(citizen)
    assert client.get("/signup").status_code == 302


def test_mails_are_written_in_the_recipients_language(client, monkeypatch, citizen):
    import civic.mail.services as mail_services

    seen = []
    original = mail_services.render_template

    def spy(template, **context):
        seen.append((template, str(get_locale())))
        return original(template, **context)

    monkeypatch.setattr(mail_services, "render_template", spy)
    assert citizen.locale == "fr"
    _signup(client, email=citizen.email)  # the visitor reads English
    _signup(client, email="english@example.org", display_name="English Reader")
    assert seen == [("mail/signup_attempt.txt", "fr"), ("mail/confirm.txt", "en")]
    [attempt] = outbox(kind="signup_attempt")
    [confirm] = outbox(kind="confirm")
    assert attempt.body_text.startswith(f"Bonjour {citizen.display_name},")
    assert attempt.subject == "Quelqu’un a essayé de créer un compte avec votre adresse e-mail"
    assert confirm.body_text.startswith("Hello English Reader,")


@pytest.mark.parametrize("name", ["Deleted participant", "Participant supprimé",
                                  "deleted  PARTICIPANT 7"])
def test_the_deleted_participant_label_cannot_be_taken(client, db, name):
    before = _user_count(db)
    response = _signup(client, display_name=name)
    assert "This name is reserved" in text(response)
    assert _user_count(db) == before
    assert outbox() == []
