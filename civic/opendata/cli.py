"""`flask --app wsgi civic open-data build`: regenerate the open-data package (cron-friendly).

    # every night at 3:30
    30 3 * * * cd /srv/civic && .venv/bin/flask --app wsgi civic open-data build --quiet
"""
from __future__ import annotations

import click
from flask.cli import AppGroup

open_data_cli = AppGroup("open-data", help="The open-data package (see docs/open-data.md).")


@open_data_cli.command("build")
@click.option("--dir", "directory", type=click.Path(file_okay=False), default=None,
              help="Output folder (default: OPEN_DATA_DIR).")
@click.option("--quiet", is_flag=True, help="No progress bar: print only the result (cron).")
def build(directory: str | None, quiet: bool) -> None:
    """Build a new package from the public data; keep the last 3 builds."""
    from civic.extensions import db
    from civic.opendata.build import build_package
    from civic.opendata.schema import RESOURCE_NAMES

    if quiet:
        path = build_package(directory)
    else:
        with click.progressbar(length=len(RESOURCE_NAMES), label="Open data",
                               show_pos=True, item_show_func=lambda item: item) as bar:
            def progress(event: str, name: str, count: int) -> None:
                if event == "rows":
                    bar.current_item = f"{name}: {count} rows"
                    bar.render_progress()
                elif event == "done":
                    bar.update(1, f"{name}: {count} rows")

            path = build_package(directory, progress)
    db.session.rollback()  # read only: end the transaction
    click.echo(f"{path} ({path.stat().st_size / 1e6:.1f} MB)")


COMMANDS = [open_data_cli]
