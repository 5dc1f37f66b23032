"""`flask --app wsgi civic reindex-search`: rebuild the proposal search index."""
from __future__ import annotations

import click

from civic.extensions import db


@click.command("reindex-search")
def reindex_search() -> None:
    """Rebuild the search index from the public proposals."""
    from civic.search.index import reindex_all

    count = reindex_all()
    db.session.commit()
    click.echo(f"{count} proposals indexed.")


COMMANDS = [reindex_search]
