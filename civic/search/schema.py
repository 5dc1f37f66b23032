"""The search index tables are created by a dialect-specific migration (an FTS5 virtual
table and its shadow tables on SQLite, a tsvector table on PostgreSQL) and stay out of the
SQLAlchemy metadata: Alembic's autogenerate and drift checks must skip them."""
from __future__ import annotations

SEARCH_TABLE = "proposal_search"


def is_search_table(name: str | None) -> bool:
    return bool(name) and (name == SEARCH_TABLE or name.startswith(SEARCH_TABLE + "_"))


def include_name(name, type_, parent_names) -> bool:
    """Alembic `include_name` hook: ignore the search tables found in the database."""
    return not (type_ == "table" and is_search_table(name))


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Alembic `include_object` hook: ignore the search tables and their indexes."""
    if type_ == "table" and is_search_table(name):
        return False
    table = getattr(obj, "table", None)
    return not (type_ == "index" and table is not None and is_search_table(table.name))
