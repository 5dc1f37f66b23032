"""Rows of cells for spreadsheets and CSV files, streamed, with formula injection defused.

Every staff export (CSV and XLSX) goes through `safe_cell`: a cell a spreadsheet would run
as a formula (starting with =, +, -, @, a tab or a carriage return) gets a leading quote,
which spreadsheets show as text and which `unsafe_cell` removes again.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


_FORMULA = re.compile(r"^'*[=+\-@\t\r]")


def safe_cell(value) -> str:
    """`value` as text, with a leading quote when a spreadsheet would run it as a formula.

    A text that already starts with quotes before a formula character ("'=x") gets one
    more too, so that `unsafe_cell` gives every text back exactly.
    """
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    return "'" + text if _FORMULA.match(text) else text


def unsafe_cell(text: str) -> str:
    """The original text of a cell written by `safe_cell` (for round trips)."""
    if text.startswith("'") and _FORMULA.match(text):
        return text[1:]
    return text


def csv_stream(header: Iterable[str], rows: Iterable[Iterable], *, bom: bool = True,
               defuse: bool = True) -> Iterator[str]:
    """RFC 4180 CSV (comma, CRLF, quotes when needed), header first, one chunk per row.

    `bom` starts with a UTF-8 byte-order mark so spreadsheets pick the encoding; `defuse`
    passes every cell through `safe_cell` (staff exports; open data keeps raw values).
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(list(header))
    yield ("\ufeff" if bom else "") + flush()
    for row in rows:
        cells = [safe_cell(c) for c in row] if defuse else ["" if c is None else c for c in row]
        writer.writerow(cells)
        yield flush()
