"""Command-line tools of this domain."""
from __future__ import annotations

import click
from flask.cli import with_appcontext

from civic.mail.delivery import deliver_pending


@click.command("send-mail")
@click.option("--limit", default=500, show_default=True, help="Most mails sent in this run.")
@click.option("--digests/--no-digests", default=True, show_default=True,
              help="Prepare the daily digests that are due before sending.")
@with_appcontext
def send_mail_command(limit: int, digests: bool) -> None:
    """Prepare due daily digests, then deliver pending e-mails.

    Safe to run from cron, even twice at once (e.g. every 10 minutes:
    `*/10 * * * * cd /srv/civic && flask --app wsgi civic send-mail`).
    """
    prefix = ""
    if digests:
        from civic.notifications.digest import send_digests

        prefix = f"{send_digests()} digest(s) prepared, "
    outcome = deliver_pending(limit=limit)
    total = sum(outcome.values())
    details = ", ".join(f"{count} {status}" for status, count in sorted(outcome.items()))
    click.echo(prefix + f"{total} e-mail(s) processed" + (f": {details}." if details else "."))


COMMANDS = [send_mail_command]
