"""Time pages in one process with the Flask test client, and the SQL each one runs.

    .venv/bin/python bench/pagetimes.py --db instance/loadbench.sqlite3
    .venv/bin/python bench/pagetimes.py --database-url postgresql://…/civic_loadbench --sql

The loadbench's slow pages (see docs/performance.md, "Load benchmark"), each requested
`--repeat` times after one warm-up request, on an existing data set (bench/generate.py):
prints median and p95 wall time per page, and with `--sql` the slowest statements. No
server, no locust: the quick loop for profiling a change before a `make loadbench`.
"""
from __future__ import annotations

import argparse
import os
import random
import secrets
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SEARCHES = ["velo", "velo metro", "jardin partage", "capteurs air", "stationnement",
            "arbres ecole", "garonne", "compost", "borne recharge", "pieton"]
FILTERS = ["", "&status=open", "&kind=experiment", "&author=citizen", "&place=1"]


def pages(rng: random.Random, themes: list[str], commented: list[int]) -> dict:
    """Page name → a function giving one URL of that kind (as bench/locustfile.py)."""
    return {
        "list: recent": lambda: f"/proposals/?page={rng.randint(1, 50)}",
        "list: random": lambda: f"/proposals/?sort=random&page={rng.randint(1, 20)}",
        "list: theme + filter": lambda: (f"/proposals/?theme={rng.choice(themes)}"
                                         f"{rng.choice(FILTERS)}&page={rng.randint(1, 5)}"),
        "search": lambda: f"/proposals/?q={rng.choice(SEARCHES).replace(' ', '+')}",
        "comments thread": lambda: (f"/proposals/{rng.choice(commented)}"
                                    f"{rng.choice(['', '?sort=newest', '?sort=best'])}"),
        "experiments list": lambda: "/experiments/",
        "API list": lambda: f"/api/v1/proposals?page={rng.randint(1, 50)}",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="SQLite data set")
    parser.add_argument("--database-url", help="or a database URL")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--only", help="a substring of the page names to time")
    parser.add_argument("--sql", action="store_true", help="print the slowest statements")
    options = parser.parse_args()
    url = options.database_url or f"sqlite:///{Path(options.db).resolve()}"
    os.environ.update(CIVIC_DATABASE_URL=url, CIVIC_ENV="development",
                      CIVIC_SECRET_KEY=secrets.token_urlsafe(32), CIVIC_RATELIMIT_ENABLED="0",
                      CIVIC_MAIL_SEND_AFTER_REQUEST="0")
    from sqlalchemy import event, text

    from civic import create_app
    from civic.extensions import db

    app = create_app()
    statements: list[tuple[float, str]] = []
    with app.app_context():
        themes = list(db.session.scalars(text("SELECT slug FROM plan_sections")))
        commented = list(db.session.scalars(text(
            "SELECT id FROM proposals WHERE status != 'draft' "
            "ORDER BY comments_count DESC LIMIT 200")))
        engine = db.engine

    @event.listens_for(engine, "before_cursor_execute")
    def before(conn, cursor, statement, parameters, context, executemany):
        conn.info["t0"] = time.perf_counter()

    @event.listens_for(engine, "after_cursor_execute")
    def after(conn, cursor, statement, parameters, context, executemany):
        statements.append((time.perf_counter() - conn.info.pop("t0"), statement))

    client = app.test_client()
    rng = random.Random(2026)
    for name, make in pages(rng, themes, commented).items():
        if options.only and options.only not in name:
            continue
        client.get(make(), headers={"Accept-Language": "fr"})  # warm-up
        statements.clear()
        times = []
        for _ in range(options.repeat):
            path = make()
            start = time.perf_counter()
            response = client.get(path, headers={"Accept-Language": "fr"})
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (path, response.status_code)
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)]
        print(f"{name:24} median {statistics.median(times):6.1f} ms  p95 {p95:6.1f} ms  "
              f"max {times[-1]:6.1f} ms")
        if options.sql:
            for seconds, statement in sorted(statements, reverse=True)[:4]:
                print(f"    {seconds * 1000:6.1f} ms  {' '.join(statement.split())[:160]}")


if __name__ == "__main__":
    main()
