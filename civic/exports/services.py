"""Export one kind of data in one format, for a staff member or the command line.

`export()` checks who asks and what, appends the audit entry (the caller commits it
BEFORE sending the body) and returns the file name, its media type and the body as an
iterator of byte chunks, read from the database as it is consumed.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import NamedTuple

from flask_babel import gettext as _

from civic.audit.services import record
from civic.core import permissions
from civic.core.errors import DomainError, PermissionDenied
from civic.core.models import utcnow
from civic.exports.formats import FORMATS
from civic.exports.kinds import Filters, Kind, get_kind
from civic.extensions import db
from civic.masterplan.models import Section

COMMAND_LINE = "command line"


class ExportTarget:
    """What an export's audit entry is about: the kind of data (no row of its own)."""

    __tablename__ = "exports"
    id = None

    def __init__(self, kind: Kind):
        self.kind = kind

    def __str__(self) -> str:
        return self.kind.name


class ExportFile(NamedTuple):
    """(filename, mimetype, chunks): unpacks as a tuple."""

    filename: str
    mimetype: str
    chunks: Iterator[bytes]


def check_request(kind_name: str, fmt: str, filters: Filters) -> Kind:
    """The kind, once the format and filters are known to fit it (DomainError if not)."""
    kind = get_kind(kind_name)
    if kind is None:
        raise DomainError(_("Unknown export %(kind)s. Choose one of: %(kinds)s.",
                            kind=kind_name, kinds=", ".join(k.name for k in _kinds())),
                          field="kind")
    if fmt not in FORMATS:
        raise DomainError(_("Unknown format %(format)s. Choose one of: %(formats)s.",
                            format=fmt, formats=", ".join(FORMATS)), field="format")
    if filters.status and filters.status not in kind.statuses:
        if kind.statuses:
            message = _("“%(status)s” is not a status of this export. Choose one of: "
                        "%(statuses)s.", status=filters.status,
                        statuses=", ".join(kind.statuses))
        else:
            message = _("This export has no status: leave the status empty.")
        raise DomainError(message, field="status")
    if filters.theme_id is not None:
        if not kind.themed:
            raise DomainError(_("This export is not about themes: leave the theme empty."),
                              field="theme")
        if db.session.get(Section, filters.theme_id) is None:
            raise DomainError(_("This theme does not exist. Choose one from the list."),
                              field="theme")
    if filters.date_from and filters.date_to and filters.date_to < filters.date_from:
        raise DomainError(_("The end date must be on or after the start date."),
                          field="date_to")
    if (filters.date_from or filters.date_to) and not kind.date_label:
        raise DomainError(_("This export has no date: leave the dates empty."),
                          field="date_from")
    return kind


def _kinds():
    from civic.exports.kinds import all_kinds

    return all_kinds()


def filename_for(kind: Kind, fmt: str) -> str:
    return f"civic-{kind.name.replace('_', '-')}-{utcnow():%Y-%m-%d}.{FORMATS[fmt].extension}"


def export(actor, kind_name: str, fmt: str, filters: Filters | None = None, *,
           command_line: bool = False,
           on_row: Callable[[], None] | None = None) -> ExportFile:
    """Export `kind_name` as `fmt`: `actor` is the staff member (or, with `command_line`,
    the account named on the command line, or None). Records the export in the audit log
    (flushed, not committed). `on_row` is called for each row written (progress bars)."""
    filters = filters or Filters()
    kind = check_request(kind_name, fmt, filters)
    if actor is None and not command_line:
        raise PermissionDenied(_("Log in with a staff account to export data."))
    if actor is not None and not permissions.can_export(actor, kind):
        raise PermissionDenied(_("Your account may not export this data. Ask an "
                                 "administrator if you need it."))
    record(actor, f"export.{kind.name}", ExportTarget(kind), target_label=kind.name,
           reason=COMMAND_LINE if command_line else "",
           after={"format": fmt, "filters": filters.as_dict()})
    db.session.flush()
    rows = kind.rows(filters)
    if on_row is not None:
        rows = _counted(rows, on_row)
    file_format = FORMATS[fmt]
    return ExportFile(filename_for(kind, fmt), file_format.mimetype,
                      file_format.write(kind, rows))


def _counted(rows, on_row):
    for row in rows:
        on_row()
        yield row
