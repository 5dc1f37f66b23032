"""Account settings: profile, language, notifications, password and e-mail change."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from civic.accounts.models import User
from civic.extensions import db
from civic.mail.models import OutboxMail
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.fixtures.http import text

NEW_PASSWORD = "Trois-pommes-sur-un-velo-bleu"
SETTINGS_POSTS = ["/settings/profile", "/settings/notifications", "/settings/password",
                  "/settings/email", "/settings/export", "/settings/delete",
                  "/settings/email/confirm/abc"]


@pytest.fixture
def person(db_session):
    return make_user(display_name="Alex Martin", email="alex@example.org", locale="en")


@pytest.fixture
def signed_in(person, login_as):
    return login_as(person)


# --- access ---------------------------------------------------------------------------

@pytest.mark.parametrize("url", ["/settings", "/settings/password", "/settings/email",
                                 "/settings/delete"])
def test_anonymous_get_goes_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


@pytest.mark.parametrize("url", SETTINGS_POSTS)
def test_anonymous_post_is_401(client, url):
    assert client.post_form(url, {}).status_code == 401


@pytest.mark.parametrize("url", SETTINGS_POSTS)
def test_post_without_csrf_token_is_400(client, signed_in, url):
    assert client.post(url, data={"password": DEFAULT_PASSWORD}).status_code == 400


def test_settings_page_shows_current_values(client, signed_in):
    response = client.get("/settings")
    assert response.status_code == 200
    page = text(response)
    assert page.count("<h1") == 1
    assert 'value="Alex Martin"' in page
    assert "alex@example.org" in page
    assert re.search(r'<input checked[^>]*value="daily"', page)


# --- profile --------------------------------------------------------------------------

def test_profile_update_saves_name_bio_and_language(client, signed_in, person):
    response = client.post_form("/settings/profile", {
        "display_name": "  Alex M.  ", "bio": "Cyclist *and* gardener", "locale": "en"})

    assert response.status_code == 302
    assert person.display_name == "Alex M."
    assert person.display_name_key == "alex m."
    assert person.bio == "Cyclist *and* gardener"
    client.post_form("/settings/profile", {"display_name": "Alex   Maria", "bio": "",
                                           "locale": "en"})
    assert person.display_name == "Alex Maria"  # inner spaces collapsed


@pytest.mark.parametrize("taken", ["Élodie Durand", "ELODIE DURAND", "elodie  durand"])
def test_display_name_taken_by_another_is_refused(client, signed_in, person, taken):
    make_user(display_name="Élodie Durand")

    response = client.post_form("/settings/profile",
                                {"display_name": taken, "bio": "", "locale": "en"})

    assert response.status_code == 409
    assert "already used" in text(response)
    assert person.display_name == "Alex Martin"


def test_keeping_ones_own_name_with_other_case_is_fine(client, signed_in, person):
    response = client.post_form("/settings/profile",
                                {"display_name": "ALEX MARTIN", "bio": "", "locale": "en"})
    assert response.status_code == 302
    assert person.display_name == "ALEX MARTIN"


def test_reserved_deleted_name_is_refused(client, signed_in, person):
    response = client.post_form("/settings/profile", {
        "display_name": "Deleted participant", "bio": "", "locale": "en"})
    assert response.status_code == 400
    assert person.display_name == "Alex Martin"


def test_bio_longer_than_2000_characters_is_refused(client, signed_in, person):
    response = client.post_form("/settings/profile",
                                {"display_name": "Alex Martin", "bio": "x" * 2001,
                                 "locale": "en"})
    assert response.status_code == 400
    assert person.bio == ""


def test_unknown_language_is_refused(client, signed_in, person):
    response = client.post_form("/settings/profile",
                                {"display_name": "Alex Martin", "bio": "", "locale": "de"})
    assert response.status_code == 400
    assert person.locale == "en"


def test_language_change_switches_the_page_language(client, signed_in, person):
    assert '<html lang="en">' in text(client.get("/settings"))

    client.post_form("/settings/profile",
                     {"display_name": "Alex Martin", "bio": "", "locale": "fr"})

    assert person.locale == "fr"
    assert '<html lang="fr">' in text(client.get("/settings", headers={"Accept-Language": "en"}))


# --- notifications --------------------------------------------------------------------

def test_notification_frequency_is_saved(client, signed_in, person):
    assert person.email_frequency == "daily"
    response = client.post_form("/settings/notifications", {"email_frequency": "never"})
    assert response.status_code == 302
    assert person.email_frequency == "never"


def test_unknown_notification_frequency_is_refused(client, signed_in, person):
    response = client.post_form("/settings/notifications", {"email_frequency": "hourly"})
    assert response.status_code == 400
    assert person.email_frequency == "daily"


# --- password -------------------------------------------------------------------------

def _change_password(client, current=DEFAULT_PASSWORD, new=NEW_PASSWORD, confirm=None):
    return client.post_form("/settings/password", {
        "current_password": current, "new_password": new,
        "confirm_password": new if confirm is None else confirm})


def test_password_change_ends_other_sessions_but_keeps_this_one(app, client, signed_in,
                                                                 person):
    other_device = app.test_client()
    with other_device.session_transaction() as session:
        session["_user_id"] = person.get_id()
    old_key = person.session_key

    response = _change_password(client)

    assert response.status_code == 302
    assert person.session_key != old_key
    from civic.accounts.passwords import verify_password
    assert verify_password(person.password_hash, NEW_PASSWORD)
    assert client.get("/settings").status_code == 200
    assert other_device.get("/settings").status_code == 302
    assert db.session.scalar(select(OutboxMail).where(
        OutboxMail.kind == "password-changed", OutboxMail.recipient_id == person.id))


def test_password_change_needs_the_right_current_password(client, signed_in, person):
    old_hash = person.password_hash
    response = _change_password(client, current="not-my-password")
    assert response.status_code == 400
    assert "not right" in text(response)
    assert person.password_hash == old_hash


@pytest.mark.parametrize("weak", ["short1", "azertyuiop", "password123", "alex-martin-2024"])
def test_password_change_refuses_weak_passwords(client, signed_in, person, weak):
    old_hash = person.password_hash
    response = _change_password(client, new=weak)
    assert response.status_code == 400
    assert person.password_hash == old_hash


def test_password_change_needs_matching_confirmation(client, signed_in, person):
    old_hash = person.password_hash
    response = _change_password(client, confirm=NEW_PASSWORD + "x")
    assert response.status_code == 400
    assert person.password_hash == old_hash


# --- e-mail ---------------------------------------------------------------------------

def _confirm_link(address: str) -> str:
    mail = db.session.scalars(select(OutboxMail).where(OutboxMail.to_address == address)
                              .order_by(OutboxMail.id.desc())).first()
    assert mail is not None, f"no mail to {address}"
    match = re.search(r"http://localhost(/settings/email/confirm/\S+)", mail.body_text)
    assert match, mail.body_text
    return match.group(1)


def test_email_change_flow(client, signed_in, person):
    response = client.post_form("/settings/email", {
        "new_email": "Alex.New@Example.org", "current_password": DEFAULT_PASSWORD})

    assert response.status_code == 302
    assert person.pending_email == "alex.new@example.org"
    assert person.email == "alex@example.org"
    notice = db.session.scalar(select(OutboxMail).where(
        OutboxMail.to_address == "alex@example.org", OutboxMail.kind == "change-email-notice"))
    assert notice is not None and "/settings/email/confirm/" not in notice.body_text
    link = _confirm_link("alex.new@example.org")

    page = client.get(link)
    assert page.status_code == 200
    assert "alex.new@example.org" in text(page)
    assert person.email == "alex@example.org"  # GET changes nothing

    assert client.post_form(link).status_code == 302
    assert person.email == "alex.new@example.org"
    assert person.pending_email is None
    # The link is used up.
    assert client.post_form(link).status_code == 400


def test_email_change_needs_the_current_password(client, signed_in, person):
    response = client.post_form("/settings/email", {
        "new_email": "alex.new@example.org", "current_password": "wrong-password"})
    assert response.status_code == 400
    assert person.pending_email is None
    assert db.session.scalar(select(OutboxMail)) is None


def test_email_change_to_taken_address_is_refused_neutrally(client, signed_in, person):
    make_user(email="taken@example.org")
    response = client.post_form("/settings/email", {
        "new_email": "TAKEN@example.org", "current_password": DEFAULT_PASSWORD})
    assert response.status_code == 409
    page = text(response)
    assert "cannot be used" in page
    assert "account" not in page.split("cannot be used")[0][-80:]  # no "an account exists"
    assert person.pending_email is None


def test_email_change_refused_when_address_taken_before_confirmation(client, signed_in,
                                                                      person):
    client.post_form("/settings/email", {
        "new_email": "alex.new@example.org", "current_password": DEFAULT_PASSWORD})
    link = _confirm_link("alex.new@example.org")
    make_user(email="alex.new@example.org")

    assert client.post_form(link).status_code == 409
    assert person.email == "alex@example.org"


@pytest.mark.parametrize("token", ["not-a-token", "eyJ1c2VyIjoxfQ.bad.signature"])
def test_email_confirmation_with_bad_token_is_refused(client, signed_in, person, token):
    person.pending_email = "alex.new@example.org"
    db.session.commit()
    assert client.get(f"/settings/email/confirm/{token}").status_code == 400
    assert client.post_form(f"/settings/email/confirm/{token}").status_code == 400
    assert person.email == "alex@example.org"


def test_email_confirmation_link_of_another_account_is_refused(client, login_as, person):
    login_as(person)
    client.post_form("/settings/email", {
        "new_email": "alex.new@example.org", "current_password": DEFAULT_PASSWORD})
    link = _confirm_link("alex.new@example.org")
    login_as(make_user(locale="en"))

    assert client.post_form(link).status_code == 403
    assert db.session.scalar(select(User).where(User.email == "alex.new@example.org")) is None


def test_older_email_link_stops_working_after_a_new_request(client, signed_in, person):
    client.post_form("/settings/email", {
        "new_email": "first@example.org", "current_password": DEFAULT_PASSWORD})
    first_link = _confirm_link("first@example.org")
    client.post_form("/settings/email", {
        "new_email": "second@example.org", "current_password": DEFAULT_PASSWORD})

    assert client.post_form(first_link).status_code == 400
    assert person.email == "alex@example.org"


def test_email_change_mails_tell_the_links_lifetime_in_the_accounts_language(
        client, app, monkeypatch, signed_in, person):
    monkeypatch.setitem(app.config, "CONFIRM_TOKEN_MAX_AGE", 2 * 24 * 3600)
    client.post_form("/settings/email", {
        "new_email": "alex.new@example.org", "current_password": DEFAULT_PASSWORD})
    mails = {m.kind: m for m in db.session.scalars(select(OutboxMail))}
    assert mails["change-email"].to_address == "alex.new@example.org"
    assert mails["change-email"].recipient_id == person.id
    assert "Hello Alex Martin," in mails["change-email"].body_text
    assert "works for 48 hours" in mails["change-email"].body_text
    assert "http://localhost/settings/password" in mails["change-email-notice"].body_text
