"""`flask --app wsgi civic stats refresh`: recompute the statistics and cache them."""
from __future__ import annotations

import time

import click
from flask.cli import AppGroup

stats_cli = AppGroup("stats", help="Participation statistics.")


@stats_cli.command("refresh")
def refresh() -> None:
    """Compute the statistics now and store them in the cache (e.g. from cron, so that
    no visitor waits for a cold computation)."""
    from flask import current_app

    from civic.stats.services import refresh_statistics

    started = time.perf_counter()
    figures = refresh_statistics()
    ttl = current_app.config.get("STATS_CACHE_SECONDS", 600)
    click.echo(f"Statistics as of {figures['generated_at']} computed in "
               f"{time.perf_counter() - started:.2f} s, cached for {ttl} s"
               + ("" if current_app.config.get("REDIS_URL") else
                  " (in this process only: without REDIS_URL the web workers do not "
                  "share it)") + ".")


COMMANDS = [stats_cli]
