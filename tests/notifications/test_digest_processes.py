"""Two `flask civic send-mail` processes at once (cron overlapping itself) against one
database: each person gets exactly one digest and each mail is sent once."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from civic import ROOT
from civic.accounts.models import User
from civic.extensions import db as _db
from civic.mail.models import OutboxMail
from civic.notifications.models import Notification
from tests.conftest import database_settings

PEOPLE = 24
PLAIN_MAILS = 6


@pytest.fixture
def shared_database(tmp_path_factory):
    """A separate, empty database (SQLite file, or a PostgreSQL schema with
    TEST_DATABASE_URL) that other processes can open: (url for them, engine for us)."""
    settings = database_settings(tmp_path_factory, "digest")
    url = settings["SQLALCHEMY_DATABASE_URI"]
    schema = settings.get("CIVIC_TEST_SCHEMA")
    engine = create_engine(url, **settings["SQLALCHEMY_ENGINE_OPTIONS"])
    if schema:
        with engine.begin() as conn:
            conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
        url += ("&" if "?" in url else "?") + "options=" + quote(f"-csearch_path={schema}")
    _db.metadata.create_all(engine)
    try:
        yield url, engine
    finally:
        if schema:
            with engine.begin() as conn:
                conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        engine.dispose()


def _seed(engine) -> None:
    with Session(engine) as session:
        for n in range(PEOPLE):
            person = User(email=f"p{n}@example.org", display_name=f"Personne {n}",
                          display_name_key=f"personne {n}", locale="fr" if n % 2 else "en",
                          email_frequency="daily")
            session.add(person)
            session.flush()
            for i in range(2):
                session.add(Notification(user_id=person.id, kind="comment.new",
                                         data={"title": f"Sujet {i}", "actor_name": "Alix",
                                               "path": f"/proposals/{i}"}))
        for n in range(PLAIN_MAILS):
            session.add(OutboxMail(to_address=f"other{n}@example.org", kind="test",
                                   subject="Sujet", body_text="Corps"))
        session.commit()


def _start(url):
    env = {**os.environ, "CIVIC_DATABASE_URL": url, "CIVIC_ENV": "development",
           "CIVIC_SECRET_KEY": "digest-test-secret", "CIVIC_BASE_URL": "http://localhost",
           "CIVIC_MAIL_SEND_AFTER_REQUEST": "0"}
    env.pop("CIVIC_REDIS_URL", None)
    env.pop("CIVIC_MAIL_SERVER", None)
    return subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "civic",
                             "send-mail"], cwd=ROOT, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_two_senders_at_once_send_one_digest_each_and_every_mail_once(shared_database):
    url, engine = shared_database
    _seed(engine)
    senders = [_start(url), _start(url)]
    outputs = []
    for sender in senders:
        out, err = sender.communicate(timeout=60)
        assert sender.returncode == 0, err[-3000:]
        outputs.append(out)
    summary = re.compile(r"(\d+) digest\(s\) prepared, (\d+) e-mail\(s\) processed")
    counts = [tuple(map(int, summary.search(out).groups())) for out in outputs]
    assert sum(digests for digests, _ in counts) == PEOPLE, outputs

    with Session(engine) as session:
        digests = session.execute(
            select(OutboxMail.recipient_id, func.count())
            .where(OutboxMail.kind == "notifications.digest")
            .group_by(OutboxMail.recipient_id)).all()
        assert len(digests) == PEOPLE and {n for _, n in digests} == {1}
        mails = session.scalars(select(OutboxMail)).all()
        done = [m for m in mails if m.status != "pending"]
        # Whatever one sender left pending, no mail was ever taken or sent twice.
        assert all(m.status == "logged" and m.attempts == 1 for m in done)
        assert sum(processed for _, processed in counts) == len(done)
        assert all(m.attempts == 0 for m in mails if m.status == "pending")
        assert session.scalar(select(func.count()).select_from(Notification)
                              .where(Notification.emailed_at.is_(None))) == 0
        assert session.scalar(select(func.count()).select_from(User)
                              .where(User.last_digest_at.is_(None))) == 0
        assert all(m.unsubscribe_url for m in mails if m.kind == "notifications.digest")
