"""A real app on its own database (a SQLite file, or a PostgreSQL schema), migrated and
filled with the demo content and a few uploaded files, for backup/restore round trips."""
from __future__ import annotations

import io
import os
import shutil

import pytest
from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from civic import create_app
from civic.extensions import db
from tests.conftest import TEST_DATABASE_URL, create_schema, database_settings, drop_schema
from tests.uploads.images import pdf_bytes, png_bytes

PG_DUMP = shutil.which("pg_dump")


def _make_app(tmp_path_factory, dialect: str):
    if dialect == "postgresql":
        if not TEST_DATABASE_URL:
            pytest.skip("PostgreSQL round trip: set TEST_DATABASE_URL to run it")
        if not PG_DUMP:
            pytest.skip("pg_dump is not installed (Debian package postgresql-client)")
        settings = database_settings(tmp_path_factory, "backup")
    else:
        path = tmp_path_factory.mktemp("backup") / "civic.sqlite3"
        settings = {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}",
                    "SQLALCHEMY_ENGINE_OPTIONS": {"connect_args": {"timeout": 15}}}
    upload_dir = tmp_path_factory.mktemp("backup-instance") / "uploads"
    application = create_app("test", UPLOAD_DIR=str(upload_dir), **settings)
    create_schema(application)
    from flask_migrate import upgrade

    with application.app_context():
        upgrade()
    return application


def _seed(application) -> None:
    from civic.accounts.models import User
    from civic.demo.services import seed_demo
    from civic.uploads.services import store_upload

    with application.test_request_context("/", base_url="http://localhost"):
        session = db._make_scoped_session({})
        original, db.session = db.session, session
        try:
            seed_demo(echo=lambda line: None)
            owner = db.session.scalars(select(User).order_by(User.id)).first()
            store_upload(FileStorage(io.BytesIO(png_bytes()), "plan du quartier.png"),
                         owner=owner, purpose="test", allowed={"image"}, max_bytes=100_000)
            store_upload(FileStorage(io.BytesIO(pdf_bytes()), "compte-rendu.pdf"),
                         owner=owner, purpose="test", allowed={"pdf"}, max_bytes=100_000)
            db.session.commit()
        finally:
            session.remove()
            db.session = original


@pytest.fixture(scope="package")
def _backup_apps(tmp_path_factory):
    """Seeded apps, built once for these tests and per database kind when first needed."""
    apps = {}

    def get(dialect: str):
        if dialect not in apps:
            apps[dialect] = _make_app(tmp_path_factory, dialect)
            _seed(apps[dialect])
        return apps[dialect]

    yield get
    for application in apps.values():
        drop_schema(application)


@pytest.fixture(params=["sqlite", "postgresql"])
def seeded_app(request, _backup_apps):
    """Parametrized over both databases (PostgreSQL only with TEST_DATABASE_URL)."""
    return _backup_apps(request.param)


@pytest.fixture
def sqlite_app(_backup_apps):
    return _backup_apps("sqlite")


@pytest.fixture
def real_sessions(monkeypatch):
    """The per-test session is tied to the main test connection: use ordinary ones here."""
    monkeypatch.setattr(db, "session", db._make_scoped_session({}))
    yield
    db.session.remove()


@pytest.fixture
def cli(real_sessions):
    """cli(app, "backup", "-o", path, input=None) -> click Result."""

    def run(application, *args, input=None):
        # The test's own app context (the main test app) is active: without this one,
        # the command would run against the main test database.
        with application.app_context():
            return application.test_cli_runner().invoke(
                args=["civic", *map(os.fspath, args)], input=input)

    return run
