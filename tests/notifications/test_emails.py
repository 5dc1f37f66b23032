"""E-mails of notifications: who gets one at once, in which language, with which links."""
from __future__ import annotations

import smtplib

import pytest
from flask_babel import force_locale

from civic.core import mailer
from civic.extensions import db
from civic.mail import delivery
from civic.notifications import kinds, services
from civic.notifications.models import Notification
from tests.factories import make_user
from tests.mail.helpers import links, outbox, path_of
from tests.notifications.conftest import SAMPLES

DATA = {"title": "Des bancs au Capitole", "path": "/proposals/5#comment-2",
        "excerpt": "Bonne idée", "actor_name": "Alix"}


def _notes(user):
    return list(db.session.query(Notification).filter_by(user_id=user.id))


def test_immediate_people_get_an_email_at_once_and_it_counts_as_emailed(db):
    now = make_user(email="now@example.org", locale="en", email_frequency="immediate")
    daily = make_user(email="daily@example.org", locale="en", email_frequency="daily")
    never = make_user(email="never@example.org", locale="en", email_frequency="never")
    assert services.notify_all([now, daily, never], "comment.new", None, data=DATA) == 3
    db.session.commit()
    [mail] = outbox()
    assert mail.to_address == "now@example.org" and mail.recipient_id == now.id
    assert mail.kind == "comment.new"
    assert mail.subject == "New comment on “Des bancs au Capitole”"
    assert "Alix commented on “Des bancs au Capitole”, which you follow." in mail.body_text
    assert "“Bonne idée”" in mail.body_text
    assert "See the comment: http://localhost/proposals/5#comment-2" in mail.body_text
    [emailed] = _notes(now)
    assert emailed.emailed_at is not None
    assert all(n.emailed_at is None for n in _notes(daily) + _notes(never))


def test_forced_emails_reach_everyone_and_say_why(db):
    never = make_user(email="never@example.org", locale="en", email_frequency="never")
    daily = make_user(email="daily@example.org", locale="en", email_frequency="daily")
    services.notify_all([never, daily], "account.blocked", None, force_email=True,
                        data={"reason": "spam", "until": "", "path": "/settings"})
    db.session.commit()
    mails = outbox()
    assert {m.to_address for m in mails} == {"never@example.org", "daily@example.org"}
    for mail in mails:
        assert mail.subject == "Your account has been blocked"
        assert "until they unblock it" in mail.body_text and "Reason given: spam" in mail.body_text
        assert "it is sent whatever you chose for notification e-mails" in mail.body_text
    # Already e-mailed: the digest will not repeat them.
    assert all(n.emailed_at is not None for n in _notes(never) + _notes(daily))


def test_the_actor_and_deleted_accounts_get_no_email(db):
    from civic.accounts.profile_services import delete_account
    from tests.factories import DEFAULT_PASSWORD

    actor = make_user(email_frequency="immediate")
    gone = make_user(email_frequency="immediate")
    delete_account(gone, password=DEFAULT_PASSWORD)
    db.session.commit()
    services.notify_all([actor, gone], "comment.new", None, actor=actor, data=DATA,
                        force_email=True)
    db.session.commit()
    assert outbox() == []


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_every_kind_has_its_email(db, kind):
    person = make_user(locale="en", email_frequency="immediate")
    services.notify_all([person], kind, None, data=SAMPLES[kind])
    db.session.commit()
    [mail] = outbox()
    with force_locale("en"):
        said = kinds.render(kind, SAMPLES[kind])
    assert mail.subject == said.subject
    assert said.sentence in mail.body_text
    assert f"{said.link_text}: http://localhost{SAMPLES[kind]['path']}" in mail.body_text
    assert "%(" not in mail.body_text and "%(" not in mail.subject


def test_an_explicit_email_link_is_kept(db):
    person = make_user(locale="en", email_frequency="immediate")
    services.notify_all([person], "proposal.status", None, data={"title": "T"},
                        email_link="http://localhost/proposals/9")
    db.session.commit()
    assert "See the proposal: http://localhost/proposals/9" in outbox()[0].body_text


def test_each_recipient_reads_the_email_in_their_language(db):
    french = make_user(email="fr@example.org", locale="fr", email_frequency="immediate",
                       display_name="Camille")
    english = make_user(email="en@example.org", locale="en", email_frequency="immediate",
                        display_name="Robin")
    services.notify_all([french, english], "proposal.status", None,
                        data={"title": "Des bancs", "path": "/proposals/3",
                              "to_status": "accepted"})
    db.session.commit()
    fr_mail, en_mail = outbox(to="fr@example.org")[0], outbox(to="en@example.org")[0]
    assert fr_mail.subject == "Une proposition que vous suivez a évolué"
    assert "Bonjour Camille," in fr_mail.body_text
    assert "La proposition «\xa0Des bancs\xa0» a changé de statut." in fr_mail.body_text
    assert en_mail.subject == "A proposal you follow has changed"
    assert "Hello Robin," in en_mail.body_text
    assert "The proposal “Des bancs” changed status." in en_mail.body_text
    assert "New status: Accepted" in en_mail.body_text


def test_notification_emails_carry_a_signed_unsubscribe_link(db, client):
    person = make_user(locale="en", email_frequency="immediate")
    services.notify_all([person], "comment.reply", None, data=DATA)
    db.session.commit()
    [mail] = outbox()
    assert mail.unsubscribe_url.startswith("http://localhost/notifications/unsubscribe/")
    assert f"Stop notification e-mails in one click: {mail.unsubscribe_url}" in mail.body_text
    assert "http://localhost/settings" in links(mail)
    page = client.get(path_of(mail.unsubscribe_url))
    assert page.status_code == 200


def test_the_unsubscribe_link_travels_in_the_headers(app, db, monkeypatch):
    sent = []

    class FakeSMTP:
        def __init__(self, *args, **kwargs):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def starttls(self):
            pass

        def login(self, *args):
            pass

        def send_message(self, message):
            sent.append(message)

    monkeypatch.setattr(smtplib, "SMTP", FakeSMTP)
    monkeypatch.setitem(app.config, "MAIL_SERVER", "smtp.example.org")
    person = make_user(locale="en", email_frequency="immediate")
    services.notify_all([person], "comment.reply", None, data=DATA)
    db.session.commit()
    [mail] = outbox()
    assert delivery.deliver_pending() == {"sent": 1}
    [message] = sent
    assert message["List-Unsubscribe"] == f"<{mail.unsubscribe_url}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_account_mails_have_no_unsubscribe_headers(app):
    message = mailer.build_message("a@example.org", "Reset", "Body")
    assert message["List-Unsubscribe"] is None and message["List-Unsubscribe-Post"] is None
