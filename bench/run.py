"""Measure civic's latency on the city-scale data set (SQLite, loopback only).

    .venv/bin/python bench/generate.py                 # once: instance/bench.sqlite3
    .venv/bin/python bench/run.py [--requests 200]

Starts gunicorn (2 workers) on a free loopback port against the generated database, then
sends the requests one after another and prints the median and p95 latency of: the list
sorted by supports, the list filtered by theme, a search, a proposal page and a support
POST (by the bench accounts created by the generator, with the page's CSRF token).
Bounded in count (--requests per scenario) and time (--max-seconds overall).
"""
from __future__ import annotations

import argparse
import os
import random
import secrets
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import Client, free_port, start_gunicorn, stop_gunicorn  # noqa: E402
from bench.generate import BENCH_ACCOUNTS, BENCH_PASSWORD, DEFAULT_DB  # noqa: E402

SEARCHES = ["velo", "velo metro", "jardin partage", "capteurs air", "stationnement",
            "arbres ecole", "garonne", "compost", "borne recharge", "pieton"]


def start_server(db: Path, port: int) -> subprocess.Popen:
    env = dict(os.environ, CIVIC_DATABASE_URL=f"sqlite:///{db}", CIVIC_ENV="development",
               CIVIC_SECRET_KEY=secrets.token_urlsafe(32), CIVIC_RATELIMIT_ENABLED="0",
               CIVIC_MAIL_SEND_AFTER_REQUEST="0")
    return start_gunicorn(port, env, workers=2)


def sample_data(db: Path, rng: random.Random) -> dict:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    public = [r[0] for r in conn.execute(
        "SELECT id FROM proposals WHERE status != 'draft' ORDER BY random() LIMIT 5000")]
    open_ids = [r[0] for r in conn.execute(
        "SELECT id FROM proposals WHERE status IN ('published', 'under_review') "
        "ORDER BY random() LIMIT 5000")]
    themes = [r[0] for r in conn.execute("SELECT slug FROM plan_sections")]
    conn.close()
    rng.shuffle(open_ids)
    return {"public": public, "open": open_ids, "themes": themes}


def measure(name: str, count: int, send, deadline: float) -> dict:
    for _ in range(3):  # warm the workers' caches
        send()
    times, statuses = [], {}
    for _ in range(count):
        if time.monotonic() > deadline:
            break
        started = time.perf_counter()
        status = send()
        times.append((time.perf_counter() - started) * 1000)
        statuses[status] = statuses.get(status, 0) + 1
    p95 = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]
    return {"name": name, "n": len(times), "median": statistics.median(times), "p95": p95,
            "statuses": statuses}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=str(DEFAULT_DB))
    parser.add_argument("--requests", type=int, default=200, help="per scenario (max 1000)")
    parser.add_argument("--max-seconds", type=float, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    db = Path(args.db).resolve()
    if not db.exists():
        raise SystemExit(f"{db} does not exist: run bench/generate.py first")
    count = max(1, min(args.requests, 1000))
    rng = random.Random(args.seed)
    data = sample_data(db, rng)
    port = free_port()
    server = start_server(db, port)
    deadline = time.monotonic() + args.max_seconds
    try:
        base = f"http://127.0.0.1:{port}"
        anonymous = Client(base)
        members = []
        for n in range(1, min(4, BENCH_ACCOUNTS) + 1):
            member = Client(base)
            member.login(f"bench{n}@example.org", BENCH_PASSWORD)
            members.append((member, member.csrf()))
        to_support = iter(data["open"])

        def support():
            member, token = rng.choice(members)
            status, _ = member.request(f"/proposals/{next(to_support)}/support",
                                       {"csrf_token": token, "action": "support"})
            return status

        scenarios = [
            ("list sorted by supports", lambda: anonymous.request(
                f"/proposals/?sort=supports&page={rng.randint(1, 50)}")[0]),
            ("list filtered by theme", lambda: anonymous.request(
                f"/proposals/?theme={rng.choice(data['themes'])}&page={rng.randint(1, 5)}")[0]),
            ("search", lambda: anonymous.request(
                "/proposals/?" + urllib.parse.urlencode({"q": rng.choice(SEARCHES)}))[0]),
            ("proposal page", lambda: anonymous.request(
                f"/proposals/{rng.choice(data['public'])}")[0]),
            ("support POST", support),
        ]
        results = [measure(name, count, send, deadline) for name, send in scenarios]
    finally:
        stop_gunicorn(server)
    print(f"{'scenario':<26}{'n':>6}{'median ms':>12}{'p95 ms':>10}  statuses")
    for r in results:
        print(f"{r['name']:<26}{r['n']:>6}{r['median']:>12.1f}{r['p95']:>10.1f}  "
              f"{r['statuses']}")


if __name__ == "__main__":
    main()
