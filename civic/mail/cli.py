"""Command-line tools of this domain."""
from __future__ import annotations

import click
from flask.cli import with_appcontext

from civic.mail.delivery import deliver_pending


@click.command("send-mail")
@click.option("--limit", default=500, show_default=True, help="Most mails sent in this run.")
@with_appcontext
def send_mail_command(limit: int) -> None:
    """Deliver pending e-mails (safe to run from cron, even twice at once)."""
    outcome = deliver_pending(limit=limit)
    total = sum(outcome.values())
    details = ", ".join(f"{count} {status}" for status, count in sorted(outcome.items()))
    click.echo(f"{total} e-mail(s) processed" + (f": {details}." if details else "."))


COMMANDS = [send_mail_command]
