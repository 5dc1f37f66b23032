"""SQL expressions that differ between SQLite and PostgreSQL, chosen when compiled.

`utc_day(column)` is the UTC calendar day of a datetime column (a date), and
`month_of(column)` its "YYYY-MM" month, for GROUP BY; `days_between(start, end)` is the
duration from `start` to `end` in (fractional) days. Each compiles to the dialect's own
functions, so one query serves both databases.
"""
from __future__ import annotations

from sqlalchemy import Date, Float, String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class utc_day(FunctionElement):  # noqa: N801
    """The UTC calendar day of a datetime column, on SQLite and PostgreSQL."""

    type = Date()
    inherit_cache = True


@compiles(utc_day)
def _utc_day_default(element, compiler, **kw):
    return f"date({compiler.process(element.clauses, **kw)})"


@compiles(utc_day, "postgresql")
def _utc_day_postgresql(element, compiler, **kw):
    return f"CAST(({compiler.process(element.clauses, **kw)}) AT TIME ZONE 'UTC' AS DATE)"


class month_of(FunctionElement):  # noqa: N801 - reads like the SQL function it stands for
    """The UTC month of a datetime column, as "YYYY-MM" text."""

    type = String()
    name = "month_of"
    inherit_cache = True


@compiles(month_of)
def _month_sqlite(element, compiler, **kw):
    # SQLAlchemy stores SQLite datetimes as "YYYY-MM-DD HH:MM:SS.ffffff" text, in UTC
    # (civic.core.models.UTCDateTime): the first 7 characters are the month. substr is
    # twice as fast as strftime('%Y-%m', …) over a million rows, for the same result.
    (column,) = list(element.clauses)
    return f"substr({compiler.process(column, **kw)}, 1, 7)"


@compiles(month_of, "postgresql")
def _month_postgresql(element, compiler, **kw):
    (column,) = list(element.clauses)
    return f"to_char(({compiler.process(column, **kw)} AT TIME ZONE 'UTC'), 'YYYY-MM')"


class days_between(FunctionElement):  # noqa: N801
    """`end` − `start` in days (fractional)."""

    type = Float()
    name = "days_between"
    inherit_cache = True


@compiles(days_between)
def _days_sqlite(element, compiler, **kw):
    start, end = list(element.clauses)
    return (f"(julianday({compiler.process(end, **kw)}) - "
            f"julianday({compiler.process(start, **kw)}))")


@compiles(days_between, "postgresql")
def _days_postgresql(element, compiler, **kw):
    start, end = list(element.clauses)
    return (f"(EXTRACT(EPOCH FROM ({compiler.process(end, **kw)} - "
            f"{compiler.process(start, **kw)})) / 86400.0)")
