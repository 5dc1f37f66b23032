"""URL converters: ids in URLs never overflow the database's integer columns."""
from __future__ import annotations

from flask import Flask
from werkzeug.routing import IntegerConverter

MAX_ID = 2**31 - 1  # INTEGER primary keys on PostgreSQL


def is_digits(text: str | None) -> bool:
    """ASCII digits only: "²".isdigit() is true, but int("²") fails."""
    return bool(text) and text.isascii() and text.isdigit()


def as_id(text: str | None) -> int | None:
    """`text` as a database id, or None: digits (is_digits) within the integer columns'
    range."""
    if not is_digits(text):
        return None
    number = int(text)
    return number if number <= MAX_ID else None


class IdConverter(IntegerConverter):
    """`<int:...>` that only matches 0..2³¹-1: a larger number is a 404, not a database
    overflow error."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def init_app(app: Flask) -> None:
    app.url_map.converters["int"] = IdConverter
