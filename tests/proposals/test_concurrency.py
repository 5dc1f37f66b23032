"""Supports stay exact when many requests arrive at once (real commits, real connections)."""
from __future__ import annotations

import threading

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from civic import create_app
from civic.extensions import db, limiter
from civic.proposals.models import Proposal, Support
from tests.conftest import create_schema, database_settings, drop_schema

N = 8


@pytest.fixture(scope="module")
def real_app(tmp_path_factory):
    """A separate app on its own database, so that requests commit for real."""
    settings = database_settings(tmp_path_factory, "concurrency")
    # The limiter is one object for every app: creating this one (limits off) turns it
    # off for the main test app too, until we turn it back on.
    was_enabled = limiter.enabled
    application = create_app("test", UPLOAD_DIR=str(tmp_path_factory.mktemp("up")),
                             RATELIMIT_ENABLED=False, **settings)
    create_schema(application)
    from flask_migrate import upgrade

    with application.app_context():
        upgrade()
    yield application
    limiter.enabled = was_enabled
    drop_schema(application)


@pytest.fixture
def real_sessions(real_app, monkeypatch):
    """The per-test session is tied to the main test connection: use ordinary ones here."""
    monkeypatch.setattr(db, "session", db._make_scoped_session({}))
    yield
    db.session.remove()


def _setup(app):
    from tests.factories import make_proposal, make_user

    with app.app_context():
        users = [make_user() for _ in range(N)]
        proposal = make_proposal(author=make_user())
        result = proposal.id, [u.get_id() for u in users]
        db.session.remove()
    return result


def _client(app, session_key) -> tuple[FlaskClient, str]:
    client = FlaskClient(app, app.response_class, use_cookies=True)
    with client.session_transaction() as session:
        session["_user_id"] = session_key
        session["_fresh"] = True
    page = client.get("/about").get_data(as_text=True)
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    return client, token


def post_all(app, url, session_keys, data, headers=None) -> list[int]:
    """POST `data` to `url` at the same moment, once per account; the status codes."""
    clients = [_client(app, key) for key in session_keys]
    barrier = threading.Barrier(len(clients))
    statuses: list[int] = []

    def run(client, token):
        barrier.wait()
        response = client.post(url, data={"csrf_token": token, **data}, headers=headers)
        statuses.append(response.status_code)

    threads = [threading.Thread(target=run, args=pair) for pair in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    return statuses


def _state(app, proposal_id):
    with app.app_context():
        count = db.session.scalar(select(Proposal.supports_count)
                                  .where(Proposal.id == proposal_id))
        rows = db.session.scalar(select(func.count(Support.id))
                                 .where(Support.proposal_id == proposal_id))
        db.session.remove()
    return count, rows


def test_simultaneous_supports_are_all_counted(real_app, real_sessions):
    proposal_id, keys = _setup(real_app)
    statuses = post_all(real_app, f"/proposals/{proposal_id}/support", keys,
                        {"action": "support"}, headers={"Accept": "application/json"})
    assert statuses == [200] * N
    assert _state(real_app, proposal_id) == (N, N)


def test_the_same_account_twice_at_once_counts_once(real_app, real_sessions):
    proposal_id, keys = _setup(real_app)
    # A double click on "Support" from one account: one support, never two.
    clients = [_client(real_app, keys[0]) for _ in range(2)]
    barrier = threading.Barrier(2)
    results: list[dict] = []

    def run(client, token):
        barrier.wait()
        response = client.post(f"/proposals/{proposal_id}/support",
                               data={"csrf_token": token, "action": "support"},
                               headers={"Accept": "application/json"})
        results.append(response.get_json())

    threads = [threading.Thread(target=run, args=pair) for pair in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert results == [{"supported": True, "supports_count": 1}] * 2
    assert _state(real_app, proposal_id) == (1, 1)
