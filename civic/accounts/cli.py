"""Command-line tools of this domain."""
from __future__ import annotations

import click
from flask.cli import with_appcontext
from flask_babel import force_locale

from civic.core.errors import DomainError
from civic.core.permissions import ROLES
from civic.extensions import db


@click.command("create-user")
@click.option("--email", required=True, help="E-mail address (used to log in).")
@click.option("--display-name", required=True, help="Public name, unique on the site.")
@click.option("--password", help="Password; asked for (twice, hidden) when left out.")
@click.option("--role", "roles", multiple=True, type=click.Choice(ROLES),
              help="Site role; repeat for several (admins hold every role).")
@click.option("--locale", default=None, help="Language of the account's e-mails (fr, en).")
@click.option("--unconfirmed", is_flag=True,
              help="Leave the e-mail address unconfirmed (confirmed by default).")
@with_appcontext
def create_user_command(email, display_name, password, roles, locale, unconfirmed):
    """Create an account, for example the first administrator."""
    from flask import current_app

    from civic.accounts.services import create_user

    if locale is not None and locale not in current_app.config["LANGUAGES"]:
        raise click.BadParameter(
            f"use one of {', '.join(current_app.config['LANGUAGES'])}", param_hint="--locale")
    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        with force_locale("en"):  # no request here to pick a language from
            user = create_user(None, email=email, display_name=display_name,
                               password=password, roles=roles, locale=locale,
                               confirmed=not unconfirmed)
    except DomainError as error:
        db.session.rollback()
        raise click.ClickException(str(error.message)) from error
    db.session.commit()
    roles_text = ", ".join(sorted(user.role_names)) or "citizen"
    click.echo(f"Created account #{user.id} {user.display_name} <{user.email}> ({roles_text}).")


COMMANDS = [create_user_command]
