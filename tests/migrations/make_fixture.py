"""Write the migration fixture of a schema revision: `fixtures/<revision>.json`.

Every Alembic revision has a fixture: realistic data as a database at that revision held
it. `test_upgrade_from_fixtures.py` loads each one into a database upgraded to its
revision, upgrades to head and checks that nothing was lost.

After adding a migration (run from the repository root):

    1. add rows / values for the new tables and columns to tests/migrations/fixture_rows.py
       (or fixture_plan.py): fixed values, French text, ids spelled out;
    2. .venv/bin/python -m tests.migrations.make_fixture            # writes <head>.json
    3. .venv/bin/python -m pytest tests/migrations -q               # SQLite, then with
       TEST_DATABASE_URL=postgresql://... for PostgreSQL
    4. commit the new JSON file with the migration.

Older fixtures are never rewritten: they are what earlier releases stored. To (re)create
one on purpose: `python -m tests.migrations.make_fixture --revision <id> --force`.

How: a fresh SQLite database is upgraded to the revision; the rows of fixture_rows.py
are cut to the tables and columns that exist there (counters recomputed), inserted
through reflected tables (so they must fit that schema) and dumped back in primary-key
order, server defaults included.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from flask_migrate import upgrade

from civic import create_app
from civic.extensions import db
from tests.migrations import fixture_db
from tests.migrations.fixture_rows import rows_for_schema


def build_fixture(revision: str, workdir: Path) -> dict:
    """The fixture of `revision`, built in a SQLite database under `workdir`."""
    app = create_app("test", SQLALCHEMY_DATABASE_URI=f"sqlite:///{workdir / 'fixture.sqlite3'}")
    with app.app_context():
        upgrade(revision=revision)
        fixture_db.load(rows_for_schema(fixture_db.columns_of(fixture_db.reflect())))
        tables = fixture_db.dump()
        db.engine.dispose()
    return {"revision": revision, "tables": tables}


def write_fixture(revision: str, *, force: bool = False) -> Path:
    path = fixture_db.fixture_path(revision)
    if path.exists() and not force:
        raise SystemExit(f"{path} exists: fixtures of released revisions are not rewritten "
                         "(use --force to do it on purpose)")
    with tempfile.TemporaryDirectory() as workdir:
        content = build_fixture(revision, Path(workdir))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(to_text(content), encoding="utf-8")
    return path


def to_text(content: dict) -> str:
    """JSON with one row per line: readable, and a changed value is a one-line diff."""
    def row(value) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))

    tables = [f'  {row(name)}: [\n' + ",\n".join(f"   {row(r)}" for r in rows) + "\n  ]"
              for name, rows in content["tables"].items()]
    return (f'{{\n "revision": {row(content["revision"])},\n "tables": {{\n'
            + ",\n".join(tables) + "\n }\n}\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--revision", help="default: the current head")
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")
    args = parser.parse_args(argv)
    revision = args.revision or fixture_db.revisions()[-1]
    print(f"wrote {write_fixture(revision, force=args.force)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
