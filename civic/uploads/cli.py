"""`flask --app wsgi civic uploads-sweep`: delete what uploads leave behind (cron-friendly).

    # every night at 4:10
    10 4 * * * cd /srv/civic && .venv/bin/flask --app wsgi civic uploads-sweep --quiet
"""
from __future__ import annotations

import click
from flask.cli import with_appcontext

SHOWN = 50  # names listed by --dry-run before "... and N more"


def _list(title: str, names: list[str]) -> None:
    click.echo(f"{title}: {len(names)}")
    for name in names[:SHOWN]:
        click.echo(f"  {name}")
    if len(names) > SHOWN:
        click.echo(f"  ... and {len(names) - SHOWN} more")


@click.command("uploads-sweep")
@click.option("--dry-run", is_flag=True, help="List what would be deleted; delete nothing.")
@click.option("--older-than-hours", "hours", type=click.FloatRange(min=1), default=24,
              show_default=True,
              help="Only what is older than this (an upload in progress is never swept).")
@click.option("--quiet", is_flag=True, help="No progress: print only the summary (cron).")
@with_appcontext
def sweep_command(dry_run: bool, hours: float, quiet: bool) -> None:
    """Delete uploaded files nothing uses any more: rows no logo, attachment or other
    table references, and files in UPLOAD_DIR that have no row."""
    from civic.uploads.sweep import sweep

    def progress(phase: str, done: int, total: int) -> None:
        if not quiet:
            click.echo(f"{phase}: {done}/{total}", err=True)

    result = sweep(hours, dry_run=dry_run, progress=progress)
    verb = "Would delete" if dry_run else "Deleted"
    if dry_run:
        _list("Upload rows nothing references", result.rows)
        _list("Files without a row", result.files)
    click.echo(f"{verb} {len(result.rows)} unreferenced upload rows (and their files) and "
               f"{len(result.files)} files without a row, older than {hours:g} hours.")
    if result.unknown:
        click.echo(f"Left alone in the upload folder (not civic's): "
                   f"{', '.join(result.unknown[:SHOWN])}", err=True)


COMMANDS = [sweep_command]
