"""Copy the database out and back in: the SQLite online backup API, or pg_dump/pg_restore.

SQLite: `sqlite3.Connection.backup()` copies a consistent snapshot of the live file while
the app keeps running (WAL: readers never block writers), and writes it back the same way.
PostgreSQL: `pg_dump --format=custom` of the database (only the app's schema when it uses a
non-default search_path) and `pg_restore --clean --if-exists` in one transaction, so a
failed restore leaves the database as it was.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from flask import current_app
from sqlalchemy import create_engine, func, inspect, select, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import NullPool

from civic.extensions import db

SQLITE_MEMBER = "database.sqlite3"
POSTGRES_MEMBER = "database.pgdump"
DEFAULT_SCHEMAS = {"public"}
TOOL_TIMEOUT = 60 * 60  # seconds: a city-sized database still fits in an hour


class BackupError(RuntimeError):
    """The backup or restore cannot go on: the message says why and what to do."""


def dialect() -> str:
    return db.engine.dialect.name


def database_member() -> str:
    return SQLITE_MEMBER if dialect() == "sqlite" else POSTGRES_MEMBER


def alembic_revision() -> str | None:
    """The schema revision stamped in the database (None when never migrated)."""
    with db.engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def table_counts(conn=None) -> dict[str, int]:
    """Rows per table of the models (the search index is derived data, not counted)."""
    if conn is None:
        with db.engine.connect() as conn:
            return table_counts(conn)
    existing = set(inspect(conn).get_table_names())
    return {table.name: conn.execute(select(func.count()).select_from(table)).scalar_one()
            for table in db.metadata.sorted_tables if table.name in existing}


# -- SQLite -----------------------------------------------------------------------------

def sqlite_path() -> Path:
    url = db.engine.url
    if not url.database or url.database == ":memory:" or url.database.startswith("file::memory"):
        raise BackupError("the database is in memory: set CIVIC_DATABASE_URL to a file "
                          "(sqlite:////path/civic.sqlite3) or to PostgreSQL to back it up")
    return Path(url.database)


def dump_sqlite(target: Path) -> dict[str, int]:
    """A consistent copy of the live database file, made while the app runs; its counts."""
    source_path = sqlite_path()
    if not source_path.is_file():
        raise BackupError(f"the database file {source_path} does not exist")
    source = sqlite3.connect(source_path, timeout=15)
    dest = sqlite3.connect(target)
    try:
        source.backup(dest)  # one step: one snapshot, even with writers at work
        dest.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
    finally:
        dest.close()
        source.close()
    engine = create_engine(f"sqlite:///{target}", poolclass=NullPool)
    try:
        with engine.connect() as conn:
            return table_counts(conn)  # of the copy itself, not of the moving database
    finally:
        engine.dispose()


def check_sqlite_file(path: Path) -> None:
    """Refuse a database file that SQLite finds damaged (before anything is replaced)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"the database in the archive is not readable: {exc}") from exc
    if result != "ok":
        raise BackupError(f"the database in the archive is damaged: {result}")


def restore_sqlite(source_path: Path) -> None:
    """Write the archived database over the configured file, through the backup API."""
    target = sqlite_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    db.session.remove()
    db.engine.dispose()  # this process holds no connection while the file is rewritten
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
    dest = sqlite3.connect(target, timeout=15)
    try:
        source.backup(dest)
    except sqlite3.OperationalError as exc:
        raise BackupError(f"could not write {target} ({exc}): stop the app and try "
                          "again") from exc
    finally:
        dest.close()
        source.close()


# -- PostgreSQL -------------------------------------------------------------------------

def require_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed: install the Debian package "
                          f"postgresql-client (`apt install postgresql-client`), the same "
                          f"major version as the PostgreSQL server or newer")
    return path


def libpq_target(url: URL | str | None = None) -> tuple[str, dict[str, str]]:
    """(libpq URI without the password, environment with PGPASSWORD) for the pg tools.

    `postgresql+psycopg://user:pw@host/db` becomes `postgresql://user@host/db`; the
    password goes through the environment, never on a command line others can read.
    """
    url = make_url(url if url is not None else db.engine.url)
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    uri = URL.create("postgresql", username=url.username, host=url.host, port=url.port,
                     database=url.database, query=url.query)
    return uri.render_as_string(hide_password=False), env


def postgres_schema() -> str | None:
    """The app's own schema when it is not the default one (search_path), else None."""
    with db.engine.connect() as conn:
        schema = conn.execute(text("SELECT current_schema()")).scalar()
    return None if schema is None or schema in DEFAULT_SCHEMAS else schema


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    try:
        # bandit B603: `command` is pg_dump/pg_restore with arguments civic builds, no shell.
        result = subprocess.run(command, env=env, capture_output=True, text=True,  # noqa: S603
                                timeout=TOOL_TIMEOUT, check=False)  # nosec B603
    except subprocess.TimeoutExpired as exc:
        raise BackupError(f"{what} took longer than {TOOL_TIMEOUT} s and was stopped") from exc
    if result.returncode != 0:
        detail = (result.stderr or result.stdout or "").strip()[-2000:]
        raise BackupError(f"{what} failed (exit code {result.returncode}): {detail}")


def dump_postgres(target: Path, schema: str | None) -> dict[str, int]:
    """pg_dump of the database (or schema); the counts of that very snapshot."""
    uri, env = libpq_target()
    command = [require_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
               f"--file={target}"]
    if schema:
        command.append(f"--schema={schema}")
    with db.engine.connect() as conn:
        conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            # pg_dump reads the snapshot this transaction sees: counts and dump agree.
            snapshot = conn.execute(text("SELECT pg_export_snapshot()")).scalar_one()
            counts = table_counts(conn)
            _run([*command, f"--snapshot={snapshot}", f"--dbname={uri}"], env, "pg_dump")
    return counts


def check_postgres_file(path: Path) -> None:
    """`pg_restore --list` reads the whole table of contents: a damaged dump fails here."""
    _run([require_tool("pg_restore"), "--list", str(path)], dict(os.environ),
         "reading the database dump (pg_restore --list)")


def restore_postgres(source_path: Path, schema: str | None) -> None:
    """Drop and recreate every object of the dump, all or nothing (one transaction)."""
    uri, env = libpq_target()
    command = [require_tool("pg_restore"), "--clean", "--if-exists", "--no-owner",
               "--no-privileges", "--single-transaction", "--exit-on-error"]
    if schema:
        command.append(f"--schema={schema}")
    db.session.remove()
    db.engine.dispose()  # our idle connections would hold locks the DROPs wait for
    _run([*command, f"--dbname={uri}", str(source_path)], env, "pg_restore")


def current_schema_label() -> str | None:
    return postgres_schema() if dialect() == "postgresql" else None


def app_upload_dir() -> Path:
    return Path(current_app.config["UPLOAD_DIR"])
