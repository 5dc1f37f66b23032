"""Alembic environment for civic (run through flask-migrate: `flask --app wsgi db ...`)."""
import logging
from contextlib import contextmanager
from logging.config import fileConfig

from alembic import context
from flask import current_app

import civic.models  # noqa: F401  (every table is known to autogenerate)
from civic.search.schema import include_name, include_object

config = context.config
if config.config_file_name and not config.attributes.get("skip_logging_config"):
    fileConfig(config.config_file_name, disable_existing_loggers=False)
logger = logging.getLogger("alembic.env")

target_db = current_app.extensions["migrate"].db


def render_item(type_, obj, autogen_context):
    """Write civic's column types as plain SQLAlchemy types: migrations never import civic."""
    if type_ == "type" and type(obj).__name__ == "UTCDateTime":
        return "sa.DateTime(timezone=True)"
    return False


def run_migrations_offline():
    context.configure(url=str(target_db.engine.url), target_metadata=target_db.metadata,
                      literal_binds=True, render_item=render_item)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    def process_revision_directives(context, revision, directives):
        if getattr(config.cmd_opts, "autogenerate", False):
            script = directives[0]
            if script.upgrade_ops.is_empty():
                directives[:] = []
                logger.info("No changes in schema detected.")

    conf_args = dict(current_app.extensions["migrate"].configure_args)
    conf_args.setdefault("process_revision_directives", process_revision_directives)
    conf_args.setdefault("render_item", render_item)
    # The search index tables are dialect-specific DDL outside the models.
    conf_args.setdefault("include_name", include_name)
    conf_args.setdefault("include_object", include_object)

    with target_db.engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_db.metadata,
                          **conf_args)
        with sqlite_foreign_keys_off(connection):
            with context.begin_transaction():
                context.run_migrations()
        if connection.dialect.name == "sqlite":
            # Planner statistics for new indexes (fresh ones for the old): without them
            # SQLite takes an index on the visibility for a selective one and walks every
            # proposal (docs/performance.md).
            connection.exec_driver_sql("ANALYZE")
            connection.commit()


@contextmanager
def sqlite_foreign_keys_off(connection):
    """On SQLite, batch mode rebuilds a table (copy, DROP, rename): with foreign keys
    enforced, the DROP deletes the old rows first and cascades to every table pointing at
    it (supports, follows... silently gone) or fails. SQLite's documented procedure: turn
    enforcement off outside any transaction, migrate, check the keys, turn it back on."""
    if connection.dialect.name != "sqlite":
        yield
        return
    raw = connection.connection.driver_connection  # no BEGIN: a PRAGMA in one is ignored
    raw.execute("PRAGMA foreign_keys=OFF")
    try:
        yield
        broken = raw.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"the migration left rows pointing nowhere: {broken[:10]}")
    finally:
        raw.execute("PRAGMA foreign_keys=ON")


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
