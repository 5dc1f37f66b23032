"""The daily digest: one e-mail a day, grouped, never repeating a notification."""
from __future__ import annotations

from datetime import timedelta

from civic.core.models import utcnow
from civic.notifications import digest, services
from civic.notifications.models import Notification
from tests.factories import make_user
from tests.mail.helpers import outbox
from tests.notifications.conftest import add


def _daily(**fields):
    fields.setdefault("locale", "en")
    return make_user(email_frequency="daily", **fields)


def _comment(user, title="Des bancs", path="/proposals/1", actor="Alix", **extra):
    return add(user, "comment.new", title=title, path=path, actor_name=actor,
               excerpt=extra.pop("excerpt", "Un avis"), **extra)


def test_one_digest_groups_what_happened_by_item(db):
    person = _daily(display_name="Robin", email="robin@example.org")
    _comment(person, path="/proposals/1#comment-1", actor="Alix")
    _comment(person, path="/proposals/1#comment-2", actor="Sacha")
    add(person, "proposal.status", title="Des bancs", path="/proposals/1",
        to_status="accepted")
    add(person, "moderation.hidden", title="Mon avis", path="/proposals/2#comment-9",
        reason="hors sujet")
    assert digest.send_digests() == 1
    [mail] = outbox()
    assert mail.kind == "notifications.digest" and mail.to_address == "robin@example.org"
    assert mail.subject == "Your summary: 4 new notifications"
    body = mail.body_text
    assert "Hello Robin," in body
    assert body.count("== Des bancs ==") == 1 and body.count("== Mon avis ==") == 1
    group = body[body.index("== Des bancs =="):body.index("== Mon avis ==")] \
        if body.index("== Des bancs ==") < body.index("== Mon avis ==") \
        else body[body.index("== Des bancs =="):]
    assert "Alix commented on “Des bancs”, which you follow." in group
    assert "Sacha commented on “Des bancs”, which you follow." in group
    assert "The proposal “Des bancs” changed status." in group
    assert "New status: Accepted" in group
    assert "The moderators hid your contribution “Mon avis”." in body
    assert "Reason given: hors sujet" in body
    assert "http://localhost/proposals/2#comment-9" in body
    assert "All your notifications: http://localhost/notifications" in body
    assert f"Stop notification e-mails in one click: {mail.unsubscribe_url}" in body
    assert mail.unsubscribe_url.startswith("http://localhost/notifications/unsubscribe/")
    assert db.session.query(Notification).filter(Notification.emailed_at.is_(None)).count() == 0
    db.session.refresh(person)
    assert person.last_digest_at is not None


def test_a_digest_never_repeats_and_waits_for_the_interval(db, app, monkeypatch):
    person = _daily()
    _comment(person, title="Premier")
    assert digest.send_digests() == 1
    _comment(person, title="Second")
    assert digest.send_digests() == 0  # less than a day since the last one
    person.last_digest_at = utcnow() - timedelta(hours=24)
    db.session.commit()
    assert digest.send_digests() == 1
    first, second = outbox()
    assert "“Premier”" in first.body_text and "“Second”" not in first.body_text
    assert "“Second”" in second.body_text and "“Premier”" not in second.body_text
    assert digest.send_digests() == 0
    # The interval is configurable.
    monkeypatch.setitem(app.config, "DIGEST_INTERVAL", timedelta(0))
    _comment(person, title="Troisième")
    assert digest.send_digests() == 1


def test_nothing_new_means_no_digest(db):
    person = _daily()
    note = _comment(person)
    services.mark_read(person, note)  # seen on the site already
    db.session.commit()
    assert digest.send_digests() == 0 and outbox() == []
    assert db.session.get(type(person), person.id).last_digest_at is None


def test_only_daily_active_accounts_get_a_digest(db):
    from civic.accounts.profile_services import delete_account
    from tests.factories import DEFAULT_PASSWORD

    daily = _daily(email="daily@example.org")
    immediate = make_user(email="now@example.org", email_frequency="immediate")
    never = make_user(email="never@example.org", email_frequency="never")
    gone = _daily(email="gone@example.org")
    for person in (daily, immediate, never, gone):
        _comment(person)
    delete_account(gone, password=DEFAULT_PASSWORD)  # also erases its notifications
    gone_again = _daily(email="gone2@example.org")
    _comment(gone_again)
    gone_again.deleted_at = utcnow()
    db.session.commit()
    assert digest.send_digests() == 1
    assert [m.to_address for m in outbox()] == ["daily@example.org"]


def test_emails_sent_at_once_are_not_in_the_digest(db):
    person = _daily()
    services.notify_all([person], "account.blocked", None, force_email=True,
                        data={"reason": "spam", "until": "", "path": "/settings"})
    _comment(person, title="Dans le résumé")
    db.session.commit()
    assert digest.send_digests() == 1
    blocked, summary = outbox()
    assert blocked.kind == "account.blocked"
    assert "Dans le résumé" in summary.body_text
    assert "blocked your account" not in summary.body_text


def test_a_long_digest_stops_and_counts_the_rest(db, monkeypatch):
    monkeypatch.setattr(digest, "MAX_ITEMS", 5)
    person = _daily()
    for n in range(8):
        _comment(person, title=f"Sujet {n}", path=f"/proposals/{n}")
    assert digest.send_digests() == 1
    [mail] = outbox()
    assert mail.body_text.count("commented on") == 5
    assert "“Sujet 7”" in mail.body_text and "“Sujet 2”" not in mail.body_text
    assert "And 3 more notifications on your notifications page: " \
           "http://localhost/notifications" in mail.body_text
    assert mail.subject == "Your summary: 8 new notifications"
    # Counted in this digest: not repeated in the next one.
    assert db.session.query(Notification).filter(Notification.emailed_at.is_(None)).count() == 0


def test_each_digest_is_in_its_readers_language(db):
    french = make_user(email="fr@example.org", locale="fr", email_frequency="daily",
                       display_name="Camille")
    english = _daily(email="en@example.org", display_name="Robin")
    services.notify_all([french, english], "proposal.status", None,
                        data={"title": "Des bancs", "path": "/proposals/3"})
    db.session.commit()
    assert digest.send_digests() == 2
    fr_mail, en_mail = outbox(to="fr@example.org")[0], outbox(to="en@example.org")[0]
    assert "Bonjour Camille," in fr_mail.body_text
    assert "La proposition «\xa0Des bancs\xa0» a changé de statut." in fr_mail.body_text
    assert "Hello Robin," in en_mail.body_text
    assert "The proposal “Des bancs” changed status." in en_mail.body_text
    assert en_mail.subject == "Your summary: 1 new notification"


def test_a_claimed_account_is_not_claimed_twice(db):
    person = _daily()
    _comment(person)
    now = utcnow()
    assert digest.claim_account(person.id, now) is True
    assert digest.claim_account(person.id, now) is False
    db.session.rollback()


def test_send_mail_prepares_digests_then_delivers(app, db):
    for n in range(2):
        _comment(_daily(email=f"d{n}@example.org"))
    runner = app.test_cli_runner()
    result = runner.invoke(args=["civic", "send-mail"])
    assert result.exit_code == 0, result.output
    assert "2 digest(s) prepared, 2 e-mail(s) processed: 2 logged." in result.output
    again = runner.invoke(args=["civic", "send-mail"])
    assert "0 digest(s) prepared, 0 e-mail(s) processed." in again.output


def test_send_mail_can_skip_the_digests(app, db):
    _comment(_daily())
    result = app.test_cli_runner().invoke(args=["civic", "send-mail", "--no-digests"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "0 e-mail(s) processed."
    assert outbox() == []
