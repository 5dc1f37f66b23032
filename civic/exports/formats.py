"""Write an export's rows as CSV, XLSX or JSON, in chunks of bytes (memory stays flat).

CSV and XLSX text cells go through `civic.core.tabular.safe_cell`: a cell a spreadsheet
would run as a formula gets a leading quote, and `unsafe_cell` removes it again (exactly,
even for texts that already start with quotes). Numbers, dates and booleans
stay typed: in XLSX as real numbers and dates, in CSV and JSON in ISO 8601 for dates.
"""
from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime

from civic.core.tabular import csv_stream, safe_cell
from civic.exports.kinds import Kind

CHUNK_SIZE = 64 * 1024
XLSX_MAX_TEXT = 32767  # characters a spreadsheet cell can hold
XLSX_DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
XLSX_DATE_FORMAT = "yyyy-mm-dd"
# Characters XML (so XLSX) cannot hold at all; tab and line feed are fine.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_CARRIAGE_RETURN = re.compile(r"\r\n?")


@dataclass(frozen=True)
class Format:
    name: str
    extension: str
    mimetype: str
    write: Callable[[Kind, Iterable[list]], Iterator[bytes]]


def _buffered(pieces: Iterable[str]) -> Iterator[bytes]:
    """Join small text pieces into chunks of about CHUNK_SIZE bytes of UTF-8."""
    buffer: list[str] = []
    size = 0
    for piece in pieces:
        buffer.append(piece)
        size += len(piece)
        if size >= CHUNK_SIZE:
            yield "".join(buffer).encode("utf-8")
            buffer, size = [], 0
    if buffer:
        yield "".join(buffer).encode("utf-8")


def _iso(value) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat() if value.tzinfo else value.isoformat()
    return value.isoformat()


# --- CSV ------------------------------------------------------------------------------

def _csv_converter(column_type: str):
    """How to write the cells of one column (chosen once per column, not per cell)."""
    if column_type in ("datetime", "date"):
        return _iso
    if column_type == "bool":
        return lambda value: "true" if value else "false"
    if column_type in ("int", "float"):
        return str
    return safe_cell


def csv_text(column_type: str, value) -> str:
    """One CSV cell: text defused, numbers as they are, dates in ISO 8601."""
    return "" if value is None else _csv_converter(column_type)(value)


def write_csv(kind: Kind, rows: Iterable[list]) -> Iterator[bytes]:
    converters = [_csv_converter(column.type) for column in kind.columns]
    cells = (["" if v is None else convert(v) for convert, v in zip(converters, row, strict=True)]
             for row in rows)
    # Text cells are defused above, per column type: a negative number stays a number.
    return _buffered(csv_stream(kind.header, cells, bom=True, defuse=False))


# --- XLSX -----------------------------------------------------------------------------

def xlsx_text(value) -> str:
    """A text cell: line breaks as line feeds (XML turns a carriage return into one
    anyway), characters XML cannot hold removed, then defused."""
    text = value if isinstance(value, str) else str(value)
    text = _XML_ILLEGAL.sub("", _CARRIAGE_RETURN.sub("\n", text))
    text = safe_cell(text)
    if len(text) > XLSX_MAX_TEXT:
        text = text[:XLSX_MAX_TEXT - 1] + "…"
    return text


def _xlsx_cell(sheet, column_type: str, value):
    from openpyxl.cell import WriteOnlyCell

    if value is None:
        return None
    if column_type == "datetime":
        if value.tzinfo is not None:  # spreadsheets know no time zones: UTC, as labelled
            value = value.astimezone(UTC).replace(tzinfo=None)
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = XLSX_DATETIME_FORMAT
        return cell
    if column_type == "date":
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = XLSX_DATE_FORMAT
        return cell
    if column_type == "bool":
        return bool(value)
    if column_type in ("int", "float"):
        return value
    return xlsx_text(value)


def write_xlsx(kind: Kind, rows: Iterable[list]) -> Iterator[bytes]:
    """A write-only workbook (rows go to a temporary file as they come), then the file
    in chunks: memory stays flat whatever the number of rows."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=kind.name[:31])
    sheet.freeze_panes = "A2"  # the header stays visible (set before any row)
    widths = {"int": 10, "float": 12, "bool": 10, "date": 12, "datetime": 20, "str": 30}
    for index, column in enumerate(kind.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = widths[column.type]
    bold = Font(bold=True)
    header = []
    for column in kind.columns:
        cell = WriteOnlyCell(sheet, value=xlsx_text(str(column.label)))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    types = [column.type for column in kind.columns]
    for row in rows:
        sheet.append([_xlsx_cell(sheet, t, v) for t, v in zip(types, row, strict=True)])
    with tempfile.TemporaryFile() as file:
        workbook.save(file)
        file.seek(0)
        while chunk := file.read(CHUNK_SIZE):
            yield chunk


# --- JSON -----------------------------------------------------------------------------

def _json_value(value):
    if isinstance(value, datetime | date):
        return _iso(value)
    return value


def write_json(kind: Kind, rows: Iterable[list]) -> Iterator[bytes]:
    """A JSON array of objects (one per row, keyed by column), written as it goes."""
    keys = kind.header

    def pieces() -> Iterator[str]:
        yield "["
        separator = "\n"
        for row in rows:
            record = {key: _json_value(value) for key, value in zip(keys, row, strict=True)}
            yield separator + json.dumps(record, ensure_ascii=False)
            separator = ",\n"
        yield "\n]\n"

    return _buffered(pieces())


FORMATS = {
    "csv": Format("csv", "csv", "text/csv", write_csv),  # charset=utf-8 added by Flask
    "xlsx": Format("xlsx", "xlsx",
                   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   write_xlsx),
    "json": Format("json", "json", "application/json", write_json),
}
