"""The schema comes from Alembic alone: one head, upgrade from empty, no drift, downgrade."""
from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from civic import ROOT, create_app
from civic.extensions import db
from civic.search.schema import include_name, include_object, is_search_table
from tests.conftest import create_schema, database_settings, drop_schema


@pytest.fixture
def empty_app(tmp_path_factory):
    application = create_app("test", **database_settings(tmp_path_factory, "migr"))
    create_schema(application)
    yield application
    drop_schema(application)


def _tables(app) -> set[str]:
    with app.app_context():
        names = set(inspect(db.engine).get_table_names()) - {"alembic_version"}
    # The search index (FTS5 + shadow tables / tsvector table) is migration-only DDL.
    return {name for name in names if not is_search_table(name)}


def test_there_is_a_single_migration_head(app):
    script = ScriptDirectory.from_config(_alembic_config())
    assert len(script.get_heads()) == 1, script.get_heads()


def _alembic_config():
    from alembic.config import Config

    cfg = Config(str(ROOT / "migrations" / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "migrations"))
    return cfg


def test_upgrade_from_empty_builds_every_table_with_no_drift(empty_app):
    assert _tables(empty_app) == set()
    with empty_app.app_context():
        upgrade()
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={
                "compare_type": True, "include_name": include_name,
                "include_object": include_object})
            differences = compare_metadata(context, db.metadata)
    assert differences == [], "models and migrations drifted: run `flask --app wsgi db migrate`"
    assert _tables(empty_app) == set(db.metadata.tables)


def test_downgrade_to_base_removes_every_table(empty_app):
    with empty_app.app_context():
        upgrade()
        downgrade(revision="base")
    assert _tables(empty_app) == set()
