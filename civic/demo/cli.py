"""`flask --app wsgi civic seed-demo`: French demo content for an empty database."""
from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from civic.demo import data
from civic.demo.services import database_is_empty, seed_demo
from civic.extensions import db


@click.command("seed-demo")
@click.option("--force", is_flag=True,
              help="Also run on a non-empty database: add only the missing demo content.")
@click.option("--if-empty", "if_empty", is_flag=True,
              help="Do nothing (and succeed) when the database is not empty.")
@click.option("--allow-production", is_flag=True,
              help="Seed even with the production configuration (a public demo server).")
@with_appcontext
def seed_demo_command(force: bool, if_empty: bool, allow_production: bool) -> None:
    """Fill an empty database with a demo master plan, people and organizations."""
    if force and if_empty:
        raise click.UsageError("choose either --force or --if-empty, not both")
    if current_app.config.get("ENV_NAME") == "production" and not allow_production:
        # The demo admin's password is published: it must never open a real platform.
        raise click.ClickException(
            "refusing to create demo accounts with a published password in production; "
            "pass --allow-production for a public demo server")
    if not database_is_empty():
        if if_empty:
            click.echo("database not empty, demo not seeded")
            return
        if not force:
            raise click.ClickException(
                "the database is not empty (accounts or plan sections exist). Use --force to "
                "add only the missing demo content, or --if-empty to skip silently.")
    # Links in notifications are built with url_for: give it the site's address.
    with current_app.test_request_context("/", base_url=current_app.config["BASE_URL"]):
        ctx = seed_demo(echo=click.echo)
    db.session.commit()
    created = ", ".join(f"{n} {what}" for what, n in ctx.created.items()) or "nothing new"
    click.echo(f"Demo content ready: {created}.")
    click.echo(f"Demo accounts (password for all: {data.DEMO_PASSWORD}; demonstration only):")
    for spec in data.ACCOUNTS:
        click.echo(f"  {', '.join(spec['roles']) or 'citizen':<10} {spec['email']}")


COMMANDS = [seed_demo_command]
