"""`flask --app wsgi civic export <kind> --format csv|xlsx|json -o FILE [filters]`."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import click
from flask.cli import with_appcontext
from flask_babel import force_locale

from civic.core.errors import DomainError
from civic.exports.formats import FORMATS
from civic.extensions import db

_FIELD_OPTIONS = {"kind": "KIND", "format": "--format", "theme": "--theme",
                  "status": "--status", "date_from": "--from", "date_to": "--to"}


def _kind_names() -> list[str]:
    from civic.exports.kinds import all_kinds

    return [kind.name for kind in all_kinds()]


def _actor(email: str | None):
    if not email:
        return None
    from sqlalchemy import func, select

    from civic.accounts.models import User

    user = db.session.scalar(select(User).where(func.lower(User.email) == email.lower()))
    if user is None or user.is_deleted:
        raise click.BadParameter(f"no account with the e-mail address {email}",
                                 param_hint="--as")
    return user


def _write_atomically(path: Path, chunks) -> int:
    """Write to a temporary file next to `path`, then rename it: never a half file."""
    directory = path.parent if str(path.parent) else Path(".")
    fd, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".part")
    size = 0
    try:
        with os.fdopen(fd, "wb") as file:
            for chunk in chunks:
                file.write(chunk)
                size += len(chunk)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return size


@click.command("export")
@click.argument("kind", metavar="KIND")
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="csv",
              show_default=True, help="File format.")
@click.option("-o", "--output", required=True,
              type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="File to write (replaced atomically if it exists).")
@click.option("--theme", type=int, help="Theme id: an axis includes its flagship projects.")
@click.option("--status", default="", help="Keep only this status (see the kind).")
@click.option("--from", "date_from", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="First day (YYYY-MM-DD, UTC) of the kind's main date.")
@click.option("--to", "date_to", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Last day, included (YYYY-MM-DD, UTC).")
@click.option("--as", "as_email", default=None,
              help="E-mail of the staff account the audit log records (default: none, "
                   "recorded as the command line).")
@with_appcontext
def export_command(kind, fmt, output, theme, status, date_from, date_to, as_email):
    """Export KIND (proposals, supports, comments, experiments, ...; see the list in the
    error message of an unknown kind) to a file, and record it in the audit log."""
    from civic.core.permissions import can_export
    from civic.exports import services
    from civic.exports.kinds import Filters

    filters = Filters(theme_id=theme, status=status.strip(),
                      date_from=date_from.date() if date_from else None,
                      date_to=date_to.date() if date_to else None)
    actor = _actor(as_email)
    with force_locale("en"):  # no request here to pick a language from
        try:
            kind_obj = services.check_request(kind, fmt, filters)
        except DomainError as error:
            if error.field == "kind":
                message = f"unknown export {kind!r}; choose one of: {', '.join(_kind_names())}"
            else:
                message = str(error.message)
            raise click.BadParameter(message,
                                     param_hint=_FIELD_OPTIONS.get(error.field, None)) from error
        if actor is not None and not can_export(actor, kind_obj):
            raise click.BadParameter(f"{as_email} may not export {kind}", param_hint="--as")
        total = kind_obj.count(filters)
        with click.progressbar(length=total, label=f"Exporting {total} rows of {kind}",
                               show_pos=True) as bar:
            exported = services.export(actor, kind, fmt, filters, command_line=True,
                                       on_row=lambda: bar.update(1))
            db.session.commit()  # the audit entry first, like the web export
            size = _write_atomically(output, exported.chunks)
    db.session.commit()
    click.echo(f"Wrote {output} ({size} bytes, {fmt}).")


COMMANDS = [export_command]
