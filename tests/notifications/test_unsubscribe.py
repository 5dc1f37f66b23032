"""Unsubscribing from notification e-mails: the page, the button, one-click POSTs."""
from __future__ import annotations

import html

from civic.extensions import db
from civic.notifications.unsubscribe import make_unsubscribe_token
from tests.factories import make_user
from tests.fixtures.http import text


def _person(**fields):
    fields.setdefault("locale", "en")
    fields.setdefault("email_frequency", "daily")
    return make_user(display_name="Robin Reader", email="robin@example.org", **fields)


def _url(user):
    return f"/notifications/unsubscribe/{make_unsubscribe_token(user)}"


def _frequency(user):
    db.session.expire_all()
    return db.session.get(type(user), user.id).email_frequency


def test_the_page_says_whose_emails_stop_and_changes_nothing(client):
    person = _person()
    response = client.get(_url(person), headers={"Accept-Language": "en"})
    page = html.unescape(text(response))
    assert response.status_code == 200
    assert "Robin Reader" in page and "r•••@example.org" in page
    assert "robin@example.org" not in page
    assert "Stop the e-mails" in page
    assert "messages about your account itself" in page  # what still comes, and why
    assert _frequency(person) == "daily"


def test_the_button_stops_the_emails(client):
    person = _person()
    response = client.post_form(_url(person), headers={"Accept-Language": "en"})
    assert response.status_code == 200
    page = html.unescape(text(response))
    assert "will no longer receive notification e-mails" in page
    assert 'href="/settings#notifications-title"' in page
    assert _frequency(person) == "never"


def test_one_click_from_a_mail_provider_works_without_session_or_form_token(app):
    person = _person(email_frequency="immediate")
    provider = app.test_client()  # no cookie, no CSRF token: as RFC 8058 providers POST
    response = provider.post(_url(person), data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert _frequency(person) == "never"
    again = provider.post(_url(person), data={"List-Unsubscribe": "One-Click"},
                          headers={"Accept-Language": "en"})
    assert again.status_code == 200 and "were already stopped" in html.unescape(text(again))


def test_other_posts_still_need_the_form_token(client, login_as):
    person = _person(email_frequency="immediate")
    login_as(person)
    assert client.post("/settings/notifications",
                       data={"email_frequency": "never"}).status_code == 400
    assert client.post("/notifications/read-all").status_code == 400
    assert _frequency(person) == "immediate"


def test_a_damaged_link_is_refused_with_what_to_do(client):
    person = _person()
    token = make_unsubscribe_token(person)
    for bad in ("not-a-token", token[:-3] + "abc"):
        response = client.get(f"/notifications/unsubscribe/{bad}",
                              headers={"Accept-Language": "en"})
        assert response.status_code == 400
        assert "log in and choose which e-mails you receive" in html.unescape(text(response))
        assert client.post(f"/notifications/unsubscribe/{bad}").status_code == 400
    assert _frequency(person) == "daily"


def test_a_token_for_another_purpose_is_refused(client):
    from civic.core.tokens import make_token

    person = _person()
    forged = make_token("confirm", {"u": person.id, "k": "x"})
    assert client.post(f"/notifications/unsubscribe/{forged}").status_code == 400
    assert _frequency(person) == "daily"


def test_the_link_stops_working_once_the_account_is_deleted(client):
    from civic.accounts.profile_services import delete_account
    from tests.factories import DEFAULT_PASSWORD

    person = _person()
    url = _url(person)
    delete_account(person, password=DEFAULT_PASSWORD)
    db.session.commit()
    response = client.get(url, headers={"Accept-Language": "en"})
    assert response.status_code == 404
    assert "no longer matches an account" in html.unescape(text(response))
    assert client.post(url).status_code == 404


def test_the_link_belongs_to_the_address_it_was_sent_to(client):
    person = _person()
    url = _url(person)
    person.email = "new-address@example.org"
    db.session.commit()
    assert client.post(url).status_code == 404
    assert _frequency(person) == "daily"
