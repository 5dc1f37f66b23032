"""`flask --app wsgi civic backup -o FILE` and `flask --app wsgi civic restore FILE`.

    # every night at 2:15, keep 14 days (see docs/deployment.md, "Backup and restore")
    15 2 * * * cd /srv/civic && .venv/bin/flask --app wsgi civic backup --quiet \\
        -o /var/backups/civic/civic-$(date +\\%F).tar.gz && \\
        find /var/backups/civic -name 'civic-*.tar.gz' -mtime +14 -delete
"""
from __future__ import annotations

import click
from flask.cli import with_appcontext


def _counts_line(counts: dict[str, int]) -> str:
    busiest = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return ", ".join(f"{name} {n}" for name, n in busiest if n)


@click.command("backup")
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False),
              help="The archive to write (a .tar.gz file).")
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists.")
@click.option("--quiet", is_flag=True, help="Print only the result (cron).")
@with_appcontext
def backup_command(output: str, force: bool, quiet: bool) -> None:
    """Back up the database and the uploaded files into one archive (safe while running)."""
    from civic.backup.services import BackupError, create_backup

    try:
        manifest = create_backup(output, force=force,
                                 progress=(lambda line: None) if quiet else click.echo)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    counts = manifest["counts"]
    click.echo(f"{output}: {sum(counts.values())} rows in {len(counts)} tables, "
               f"{manifest['uploads']['files']} uploaded files, schema revision "
               f"{manifest['database']['alembic_revision']}.")
    if not quiet:
        click.echo(f"Rows: {_counts_line(counts)}")


@click.command("restore")
@click.argument("archive", type=click.Path(dir_okay=False))
@click.option("--yes", is_flag=True,
              help="Do not ask: replace the current database and uploaded files.")
@with_appcontext
def restore_command(archive: str, yes: bool) -> None:
    """Replace the database and the uploaded files with those of a backup ARCHIVE."""
    from civic.backup.services import BackupError, inspect_backup, restore_backup

    try:
        click.echo(f"Checking {archive} ...")
        check = inspect_backup(archive)
    except BackupError as exc:
        raise click.ClickException(f"{exc}. Nothing was changed.") from exc
    manifest = check.manifest
    database = manifest["database"]
    click.echo(f"Backup of {manifest['created_at']} by civic {manifest.get('civic_version')}: "
               f"{database['dialect']} database at schema revision "
               f"{database['alembic_revision']}, {sum(manifest['counts'].values())} rows, "
               f"{manifest['uploads']['files']} uploaded files.")
    for note in check.notes:
        click.echo(f"Note: {note}")
    if not yes:
        try:
            agreed = click.confirm("This REPLACES the current database and uploaded files "
                                   "with the backup's. Go on?", default=False)
        except click.Abort:  # no terminal to answer from (cron, pipe)
            agreed = False
        if not agreed:
            raise click.ClickException("restore cancelled (pass --yes to skip this "
                                       "question). Nothing was changed.")
    try:
        result = restore_backup(archive, progress=click.echo, check=check)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Restored: {sum(result['counts'].values())} rows in "
               f"{len(result['counts'])} tables, {manifest['uploads']['files']} uploaded "
               "files.")
    click.echo(f"Rows: {_counts_line(result['counts'])}")
    if result["mismatch"]:
        click.echo("Warning: these tables do not hold the number of rows the backup counted "
                   f"(was the app running?): {', '.join(result['mismatch'])}", err=True)
    if check.older:
        click.echo("Next: run `flask --app wsgi db upgrade` to bring the schema up to date.")
    click.echo("Restart the app (and rebuild open data: `flask --app wsgi civic open-data "
               "build`) so nothing serves the replaced data from memory.")


COMMANDS = [backup_command, restore_command]
