"""`flask civic send-mail`."""
from __future__ import annotations

from civic.extensions import db
from civic.mail.services import queue_mail
from tests.mail.helpers import outbox


def test_send_mail_delivers_pending_mail_once(app, db_session):
    for n in range(3):
        queue_mail(f"p{n}@example.org", "Subject", "Body", kind="test")
    db.session.commit()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["civic", "send-mail"])
    assert result.exit_code == 0, result.output
    assert "3 e-mail(s) processed: 3 logged." in result.output
    assert {m.status for m in outbox()} == {"logged"}
    again = runner.invoke(args=["civic", "send-mail"])
    assert "0 e-mail(s) processed." in again.output


def test_send_mail_respects_the_limit(app, db_session):
    for n in range(3):
        queue_mail(f"p{n}@example.org", "Subject", "Body", kind="test")
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["civic", "send-mail", "--limit", "2"])
    assert "2 e-mail(s) processed" in result.output
    assert [m.status for m in outbox()] == ["logged", "logged", "pending"]
