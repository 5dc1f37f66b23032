"""Test fixtures: the app and schema are built once; each test runs in a rolled-back
transaction. Set TEST_DATABASE_URL to run the suite on PostgreSQL (in a private schema
that is dropped afterwards, so the database is left as it was found)."""
from __future__ import annotations

import os
import re
import uuid
from contextlib import contextmanager

import pytest
from sqlalchemy import event
from sqlalchemy.orm import scoped_session, sessionmaker

from civic import create_app
from civic.extensions import db as _db
from civic.extensions import limiter

pytest_plugins = ["tests.fixtures.users", "tests.fixtures.http"]

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")


def pytest_report_header(config):
    return f"civic database: {'PostgreSQL' if TEST_DATABASE_URL else 'SQLite'}"


def database_settings(tmp_path_factory, label: str = "main") -> dict:
    """Settings for a brand-new empty database (SQLite file or PostgreSQL schema)."""
    from config import normalize_database_url
    if TEST_DATABASE_URL:
        schema = f"civic_test_{label}_{uuid.uuid4().hex[:8]}"
        return {
            "SQLALCHEMY_DATABASE_URI": normalize_database_url(TEST_DATABASE_URL),
            "SQLALCHEMY_ENGINE_OPTIONS": {
                "connect_args": {"options": f"-csearch_path={schema}"},
            },
            "CIVIC_TEST_SCHEMA": schema,
        }
    path = tmp_path_factory.mktemp(label) / "civic.sqlite3"
    return {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}",
            "SQLALCHEMY_ENGINE_OPTIONS": {"connect_args": {"timeout": 15}}}


def create_schema(app) -> None:
    schema = app.config.get("CIVIC_TEST_SCHEMA")
    if schema:
        assert re.fullmatch(r"[a-z0-9_]+", schema)
        with app.app_context(), _db.engine.begin() as conn:
            conn.exec_driver_sql(f"CREATE SCHEMA {schema}")


def drop_schema(app) -> None:
    schema = app.config.get("CIVIC_TEST_SCHEMA")
    with app.app_context():
        if schema:
            with _db.engine.begin() as conn:
                conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        _db.engine.dispose()


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    settings = database_settings(tmp_path_factory)
    upload_dir = tmp_path_factory.mktemp("uploads")
    application = create_app("test", UPLOAD_DIR=str(upload_dir), **settings)
    create_schema(application)
    from flask_migrate import upgrade

    with application.app_context():
        upgrade()
    yield application
    drop_schema(application)


@pytest.fixture(autouse=True)
def db_session(app):
    """Run the test inside one outer transaction, rolled back at the end; commits in
    the code under test become savepoints."""
    with app.app_context():
        connection = _db.engine.connect()
        transaction = connection.begin()
        original = _db.session
        factory = sessionmaker(bind=connection, join_transaction_mode="create_savepoint",
                               expire_on_commit=True)
        from flask_sqlalchemy.session import _app_ctx_id

        _db.session = scoped_session(factory, scopefunc=_app_ctx_id)
        try:
            yield _db.session
        finally:
            _db.session.remove()
            _db.session = original
            if transaction.is_active:
                transaction.rollback()
            connection.close()


@pytest.fixture(autouse=True)
def _reset_rate_limits(app):
    limiter.reset()
    yield


@pytest.fixture
def db(db_session):
    return _db


class QueryCounter:
    """SQL statements run inside a `count_queries()` block (savepoint bookkeeping excluded)."""

    def __init__(self):
        self.statements: list[str] = []

    @property
    def count(self) -> int:
        return len(self.statements)

    def __call__(self, conn, cursor, statement, *args) -> None:
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK")):
            self.statements.append(statement)


@pytest.fixture
def count_queries(app):
    """`with count_queries() as counter: ...; counter.count` counts SQL statements."""

    @contextmanager
    def _count():
        counter = QueryCounter()
        event.listen(_db.engine, "before_cursor_execute", counter)
        try:
            yield counter
        finally:
            event.remove(_db.engine, "before_cursor_execute", counter)

    return _count
