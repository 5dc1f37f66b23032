"""Time the participation statistics on the city-scale data set (SQLite).

    .venv/bin/python bench/generate.py                 # once: instance/bench.sqlite3
    .venv/bin/python bench/stats.py [--db PATH] [--repeat 5] [--requests 200]

Prints: `compute_statistics()` cold (no cache: every figure computed by SQL; the first
run also reads the database from disk), the number of SQL statements it runs, the
time of each (wall and CPU time: on a busy machine CPU time is the steadier figure), and
the /statistics page served warm (figures from the in-process cache,
rendering only) through the Flask test client, in-process: no server, no network.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import DEFAULT_DB  # noqa: E402


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=str(DEFAULT_DB))
    parser.add_argument("--repeat", type=int, default=5, help="cold computations (max 20)")
    parser.add_argument("--requests", type=int, default=200, help="warm pages (max 1000)")
    args = parser.parse_args(argv)
    db_path = Path(args.db).resolve()
    if not db_path.exists():
        raise SystemExit(f"{db_path} does not exist: run bench/generate.py first")

    from sqlalchemy import event

    from civic import create_app
    from civic.core import cache
    from civic.extensions import db
    from civic.stats.services import compute_statistics

    app = create_app("development", SQLALCHEMY_DATABASE_URI=f"sqlite:///{db_path}",
                     RATELIMIT_ENABLED=False, REDIS_URL=None, STATS_CACHE_SECONDS=600)
    with app.app_context():
        statements: list[tuple[str, float]] = []

        def before(conn, cursor, statement, *rest):
            statements.append((" ".join(statement.split())[:70], time.perf_counter()))

        cold, cpu = [], []
        for _ in range(max(1, min(args.repeat, 20))):
            statements.clear()
            event.listen(db.engine, "before_cursor_execute", before)
            started, cpu_started = time.perf_counter(), time.process_time()
            figures = compute_statistics()
            ended = time.perf_counter()
            cold.append((ended - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
            event.remove(db.engine, "before_cursor_execute", before)
            db.session.remove()
        # Each statement until the next one starts: execution and fetching (SQLite
        # computes a UNION's later parts while its rows are fetched).
        marks = [*statements, ("", ended)]
        steps = [(marks[i + 1][1] - begin, sql) for i, (sql, begin) in enumerate(statements)
                 if sql != "BEGIN"]
        print(f"data: {figures['totals']}")
        print(f"compute_statistics() cold: first {cold[0]:.0f} ms, then median "
              f"{statistics.median(cold[1:] or cold):.0f} ms, min {min(cold):.0f} ms "
              f"over {len(cold)} runs (CPU time: median {statistics.median(cpu):.0f} ms, "
              f"SQLite runs in this process); {len(steps)} SQL statements "
              "(last run, each until the next starts):")
        for seconds, sql in steps:
            print(f"  {seconds * 1000:7.0f} ms  {sql}")

    cache.clear_memory()
    client = app.test_client()
    started = time.perf_counter()
    first = client.get("/statistics", headers={"Accept-Language": "en"})
    first_ms = (time.perf_counter() - started) * 1000
    assert first.status_code == 200, first.status_code
    times = []
    for _ in range(max(1, min(args.requests, 1000))):
        started = time.perf_counter()
        response = client.get("/statistics", headers={"Accept-Language": "en"})
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    p95 = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]
    print(f"/statistics first request (cache empty): {first_ms:.0f} ms; "
          f"{len(first.data) / 1000:.0f} kB of HTML")
    print(f"/statistics warm (cached figures): n={len(times)} median "
          f"{statistics.median(times):.1f} ms, p95 {p95:.1f} ms")


if __name__ == "__main__":
    main()
