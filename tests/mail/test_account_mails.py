"""The account mails (templates/mail/*.txt) are written in the recipient's language."""
from __future__ import annotations

import pytest
from flask import render_template
from flask_babel import force_locale

SITE_LINES = {"", "-- ", "civic"}
MAILS = {
    "mail/confirm.txt": {"hours": 72, "url": "http://localhost/confirm/t"},
    "mail/reset.txt": {"minutes": 60, "url": "http://localhost/reset/t"},
    "mail/signup_attempt.txt": {"login_url": "http://localhost/login",
                                "reset_url": "http://localhost/reset"},
    "mail/password_changed.txt": {"reset_url": "http://localhost/reset"},
    "mail/email_change.txt": {"hours": 72, "url": "http://localhost/settings/email/c/t"},
    "mail/email_change_notice.txt": {"password_url": "http://localhost/settings/password"},
}


def _render(template: str, locale: str, citizen) -> list[str]:
    with force_locale(locale):
        body = render_template(template, user=citizen, **MAILS[template])
    return body.splitlines()


@pytest.mark.parametrize("template", sorted(MAILS))
def test_every_sentence_of_an_account_mail_is_translated(app, citizen, template):
    with app.test_request_context():
        english, french = _render(template, "en", citizen), _render(template, "fr", citizen)
    assert english[0] == f"Hello {citizen.display_name},"
    assert french[0] == f"Bonjour {citizen.display_name},"
    untranslated = [line for line in set(english) & set(french)
                    if line not in SITE_LINES and not line.startswith("http")]
    assert untranslated == []
    for value in MAILS[template].values():  # links and numbers survive the translation
        assert str(value) in "\n".join(french)
