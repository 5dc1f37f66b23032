"""Load, dump and compare migration fixtures through tables reflected from the database,
so one JSON file fits SQLite and PostgreSQL alike (no dialect-specific SQL in it).

A fixture is `tests/migrations/fixtures/<revision>.json`:
    {"revision": "<id>", "tables": {"<table>": [{"<column>": value, ...}, ...]}}
Timestamps are ISO 8601 UTC strings, dates ISO dates, JSON columns plain JSON.
"""
from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import sqlalchemy as sa
from alembic.config import Config
from alembic.script import ScriptDirectory

from civic import ROOT
from civic.extensions import db
from civic.search.schema import is_search_table

FIXTURES = Path(__file__).parent / "fixtures"

# Columns a later migration renamed: {(table, old column): new column}. The upgrade test
# follows this mapping when it compares a fixture row with the head row; data a migration
# moves to another table needs its own assertion in test_upgrade_from_fixtures.py.
RENAMED: dict[tuple[str, str], str] = {}


def revisions() -> list[str]:
    """Every Alembic revision, oldest first."""
    cfg = Config(str(ROOT / "migrations" / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "migrations"))
    script = ScriptDirectory.from_config(cfg)
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def fixture_path(revision: str) -> Path:
    return FIXTURES / f"{revision}.json"


def read_fixture(revision: str) -> dict[str, list[dict]]:
    content = json.loads(fixture_path(revision).read_text(encoding="utf-8"))
    assert content["revision"] == revision, fixture_path(revision)
    return content["tables"]


def reflect() -> sa.MetaData:
    """The tables of the current app's database (search index and alembic_version aside)."""
    metadata = sa.MetaData()
    metadata.reflect(db.engine, only=lambda name, _: not is_search_table(name)
                     and name != "alembic_version")
    return metadata


def columns_of(metadata: sa.MetaData) -> dict[str, set[str]]:
    return {name: set(table.columns.keys()) for name, table in metadata.tables.items()}


def _from_json(column: sa.Column, value):
    if isinstance(value, str) and isinstance(column.type, sa.DateTime):
        return datetime.fromisoformat(value).astimezone(UTC)
    if isinstance(value, str) and isinstance(column.type, sa.Date):
        return date.fromisoformat(value)
    return value


def load(data: dict[str, list[dict]]) -> None:
    """Insert the rows with their ids, parents first, then do what the app did at the
    time: move PostgreSQL's id sequences past them and index the public proposals."""
    metadata = reflect()
    unknown = set(data) - set(metadata.tables)
    assert not unknown, f"the fixture has tables this schema does not have: {unknown}"
    with db.engine.begin() as conn:
        for table in metadata.sorted_tables:
            for row in data.get(table.name, []):  # one by one: rows may omit columns
                conn.execute(table.insert().values(
                    {key: _from_json(table.c[key], value) for key, value in row.items()}))
        if conn.dialect.name == "postgresql":
            for table in metadata.sorted_tables:
                if "id" in table.c and isinstance(table.c.id.type, sa.Integer) and \
                        data.get(table.name):
                    conn.execute(
                        sa.text("SELECT setval(pg_get_serial_sequence(:name, 'id'), :top)"),
                        {"name": table.name,
                         "top": conn.scalar(sa.select(sa.func.max(table.c.id)))})
    if has_search_index():
        _index_proposals(data.get("proposals", []))


def has_search_index() -> bool:
    return "proposal_search" in sa.inspect(db.engine).get_table_names()


def _index_proposals(proposals: list[dict]) -> None:
    from civic.search.backends import get_backend

    with own_session():
        for row in proposals:
            if row["status"] != "draft":
                get_backend().index(row["id"], row["title"], row["body"])
        db.session.commit()


class own_session:
    """A session on the current app's engine (the test's default one is tied to the main
    test database's connection)."""

    def __enter__(self):
        self.original, db.session = db.session, db._make_scoped_session({})
        return db.session

    def __exit__(self, *exc):
        db.session.remove()
        db.session = self.original


def _to_json(value):
    if isinstance(value, datetime):
        value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def dump(metadata: sa.MetaData | None = None) -> dict[str, list[dict]]:
    """Every row of every table, in primary-key order, as JSON-ready values."""
    metadata = metadata if metadata is not None else reflect()
    data = {}
    with db.engine.connect() as conn:
        for name in sorted(metadata.tables):
            table = metadata.tables[name]
            order = list(table.primary_key.columns) or list(table.columns)
            data[name] = [{key: _to_json(value) for key, value in row._mapping.items()}
                          for row in conn.execute(sa.select(table).order_by(*order))]
    return data


def comparable(value):
    """Values as both engines give them back: aware UTC datetimes, dates, JSON as is."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return value


def rows_by_key(table: sa.Table) -> dict[tuple, dict]:
    key = list(table.primary_key.columns.keys())
    with db.engine.connect() as conn:
        return {tuple(row._mapping[k] for k in key): dict(row._mapping)
                for row in conn.execute(sa.select(table))}


def lost_values(fixture: dict[str, list[dict]], metadata: sa.MetaData) -> list[str]:
    """What the database no longer holds of the fixture: missing rows, changed values."""
    problems = []
    for name, rows in fixture.items():
        if name not in metadata.tables:
            problems.append(f"table {name} is gone ({len(rows)} rows)")
            continue
        table = metadata.tables[name]
        now = rows_by_key(table)
        for row in rows:
            key = tuple(_from_json(table.c[k], row[k]) for k in table.primary_key.columns.keys())
            found = now.get(key)
            if found is None:
                problems.append(f"{name} {key}: row lost")
                continue
            for column, value in row.items():
                target = RENAMED.get((name, column), column)
                if target not in table.c:  # dropped by a migration
                    continue
                expected = comparable(_from_json(table.c[target], value))
                if comparable(found[target]) != expected:
                    problems.append(f"{name} {key}.{column}: {expected!r} became "
                                    f"{found[target]!r}")
    return problems
