"""The registry of export kinds: their columns and the rows they stream from the database.

A kind is a select statement (columns only, never whole objects) read with
`yield_per`, so an export holds one batch of rows in memory whatever the data size, plus
an optional `enrich(batch)` that loads what a batch needs in one query (experiments'
partners), and `to_row(row, extra)` that turns a result row into the cells of the columns.
The kinds themselves live in kinds_*.py, listed in KIND_MODULES.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from importlib import import_module

from sqlalchemy import Select, func, or_, select

from civic.extensions import db
from civic.masterplan.models import Section

COLUMN_TYPES = ("int", "float", "str", "datetime", "date", "bool")
BATCH_SIZE = 1000
KIND_MODULES = ("civic.exports.kinds_content", "civic.exports.kinds_plan",
                "civic.exports.kinds_admin")


@dataclass(frozen=True)
class Column:
    key: str  # the CSV/JSON name: stable, never translated
    label: str  # the spreadsheet's header (lazy translation)
    type: str = "str"

    def __post_init__(self):
        if self.type not in COLUMN_TYPES:
            raise ValueError(f"unknown column type {self.type!r}")


@dataclass(frozen=True)
class Filters:
    """What an export keeps: a theme (an axis includes its flagship projects), a status,
    and a range of days (both included, UTC) on the kind's main date."""

    theme_id: int | None = None
    status: str = ""
    date_from: date | None = None
    date_to: date | None = None

    def as_dict(self) -> dict:
        """For the audit log: only the filters in use."""
        values = {"theme": self.theme_id, "status": self.status or None,
                  "from": self.date_from.isoformat() if self.date_from else None,
                  "to": self.date_to.isoformat() if self.date_to else None}
        return {key: value for key, value in values.items() if value is not None}


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    description: str
    columns: tuple[Column, ...]
    query: Callable[[Filters], Select]  # result rows, in export order
    to_row: Callable  # (row, extra) -> list of cells, one per column
    statuses: tuple[str, ...] = ()  # values the status filter accepts (none: no filter)
    themed: bool = False  # whether the theme filter applies
    date_label: str = ""  # the main date the date range applies to ("" = none)
    enrich: Callable | None = None  # (batch of rows) -> extra data for to_row
    admin_only: bool = False
    order: int = 0

    @property
    def header(self) -> list[str]:
        return [column.key for column in self.columns]

    def rows(self, filters: Filters) -> Iterator[list]:
        """Every row, streamed from the database one batch at a time."""
        result = db.session.execute(self.query(filters).execution_options(
            yield_per=BATCH_SIZE))
        for batch in result.partitions():
            extra = self.enrich(batch) if self.enrich is not None else None
            for row in batch:
                yield self.to_row(row, extra)

    def count(self, filters: Filters) -> int:
        """How many rows `rows(filters)` yields (one COUNT query, for progress bars)."""
        inner = self.query(filters).order_by(None).subquery()
        return db.session.scalar(select(func.count()).select_from(inner)) or 0


_KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    _KINDS[kind.name] = kind
    return kind


def _load() -> None:
    if not _KINDS:
        for module_name in KIND_MODULES:
            import_module(module_name)


def all_kinds() -> list[Kind]:
    _load()
    return sorted(_KINDS.values(), key=lambda kind: kind.order)


def get_kind(name: str) -> Kind | None:
    _load()
    return _KINDS.get(name)


# --- building blocks for the kinds ----------------------------------------------------

def _start_of(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def in_date_range(stmt: Select, column, filters: Filters) -> Select:
    """Keep the rows whose `column` (a UTC datetime) falls within the filter's days."""
    if filters.date_from:
        stmt = stmt.where(column >= _start_of(filters.date_from))
    if filters.date_to and filters.date_to < date.max:
        stmt = stmt.where(column < _start_of(filters.date_to + timedelta(days=1)))
    return stmt


def theme_ids(theme_id: int):
    """The theme and, for an axis, its flagship projects (a subquery of section ids)."""
    return select(Section.id).where(or_(Section.id == theme_id, Section.parent_id == theme_id))


def in_theme(stmt: Select, column, filters: Filters) -> Select:
    if filters.theme_id is not None:
        stmt = stmt.where(column.in_(theme_ids(filters.theme_id)))
    return stmt


def with_status(stmt: Select, column, filters: Filters) -> Select:
    if filters.status:
        stmt = stmt.where(column == filters.status)
    return stmt
