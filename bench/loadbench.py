"""Mixed-traffic load benchmark on the city-scale data set (locust, loopback only).

    .venv/bin/python bench/loadbench.py                       # SQLite, then PostgreSQL if up
    .venv/bin/python bench/loadbench.py --only sqlite --duration 60

For each database: generate the data set unless it is there already (bench/generate.py),
start gunicorn on `bench.wsgi_bench:app` (the app plus a bench-only /_bench/hello), warm
every page up, then run locust headless twice:

1. latency at moderate load: --users users (3 visitors for 1 member) with a think time,
   for --duration seconds: requests, throughput, p50/p95/p99 and failures per endpoint;
2. saturation: --saturation-users users with no think time on the proposal list, then on
   hello, for --saturation-duration seconds each: the ratio of their throughputs.

Prints a markdown block (tables and the conditions: load average, CPU used by the server
and by locust); --output FILE also writes it there.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import secrets
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import Client, free_port, start_gunicorn, stop_gunicorn, worker_pids  # noqa: E402
from bench.generate import BENCH_ACCOUNTS, BENCH_PASSWORD  # noqa: E402

DEFAULT_SQLITE = ROOT / "instance" / "loadbench.sqlite3"
DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/civic_loadbench"
WARM_PATHS = ["/proposals/", "/proposals/?sort=supports", "/proposals/?sort=comments",
              "/proposals/?sort=random", "/proposals/?theme=axe-1", "/proposals/?q=velo",
              "/plan/", "/experiments/", "/statistics", "/api/v1/proposals",
              "/_bench/hello"]
SAMPLES = {
    "public": "SELECT id FROM proposals WHERE status != 'draft' ORDER BY random() LIMIT 5000",
    "open": "SELECT id FROM proposals WHERE status IN ('published', 'under_review') "
            "ORDER BY random() LIMIT 2000",
    "commented": "SELECT id FROM proposals WHERE status != 'draft' "
                 "ORDER BY comments_count DESC LIMIT 200",
    "themes": "SELECT slug FROM plan_sections",
}


# --- the data set --------------------------------------------------------------------

def _connect(url: str):
    if url.startswith("sqlite:///"):
        return sqlite3.connect(f"file:{url[len('sqlite:///'):]}?mode=ro", uri=True)
    import psycopg

    return psycopg.connect(url, connect_timeout=3)


def head_revision() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config(str(ROOT / "migrations" / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "migrations"))
    return ScriptDirectory.from_config(config).get_current_head()


def is_ready(url: str) -> bool:
    """The data set is there, at the newest migration, with comments."""
    try:
        conn = _connect(url)
    except Exception:  # noqa: BLE001 - missing file, no server, no database
        return False
    try:
        cursor = conn.cursor()
        cursor.execute("SELECT version_num FROM alembic_version")
        version = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM comments")
        return version == head_revision() and cursor.fetchone()[0] > 0
    except Exception:  # noqa: BLE001 - an empty or foreign database
        return False
    finally:
        conn.close()


def server_is_up(url: str) -> bool:
    import psycopg

    server = url.rsplit("/", 1)[0] + "/postgres"
    try:
        psycopg.connect(server, connect_timeout=3).close()
    except psycopg.Error:
        return False
    return True


def ensure_data(url: str) -> float:
    """Generate the data set when missing or stale; returns the seconds it took (0)."""
    if is_ready(url):
        return 0.0
    started = time.perf_counter()
    command = [sys.executable, str(ROOT / "bench" / "generate.py"), "--check"]
    command += (["--db", url[len("sqlite:///"):]] if url.startswith("sqlite")
                else ["--database-url", url])
    subprocess.run(command, check=True, cwd=ROOT)  # noqa: S603 - our own script
    return time.perf_counter() - started


def sample(url: str, path: Path) -> None:
    conn = _connect(url)
    cursor = conn.cursor()
    data = {"accounts": BENCH_ACCOUNTS, "password": BENCH_PASSWORD}
    for name, query in SAMPLES.items():
        cursor.execute(query)
        data[name] = [row[0] for row in cursor.fetchall()]
    conn.close()
    path.write_text(json.dumps(data))


# --- running -------------------------------------------------------------------------

def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (clock ticks)
    return total / os.sysconf("SC_CLK_TCK")


def run_locust(base: str, classes: list[str], users: int, seconds: int, think: str,
               data: Path, prefix: Path, server) -> dict:
    """One headless locust run; its stats rows, the server's and locust's CPU use."""
    env = dict(os.environ, LOADBENCH_DATA=str(data), LOADBENCH_THINK=think)
    pids = worker_pids(server)
    before_server = cpu_seconds(pids)
    before_client = resource.getrusage(resource.RUSAGE_CHILDREN)
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    with open(f"{prefix}.log", "wb") as log:
        subprocess.run(  # noqa: S603 - our own locust, fixed arguments
            [str(ROOT / ".venv/bin/locust"), "-f", str(ROOT / "bench" / "locustfile.py"),
             "--headless", "--host", base, "-u", str(users), "-r", str(users),
             "-t", f"{seconds}s", "--csv", str(prefix), "--only-summary",
             "--loglevel", "WARNING", "--stop-timeout", "5", *classes],
            cwd=ROOT, env=env, check=False, stdout=log, stderr=log)
    wall = time.perf_counter() - started
    after_client = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(f"{prefix}_stats.csv", newline="") as stats:
        rows = [row for row in csv.DictReader(stats)
                if row["Name"] not in ("login page", "login POST", "token page")]
    client_cpu = (after_client.ru_utime + after_client.ru_stime
                  - before_client.ru_utime - before_client.ru_stime)
    return {"rows": rows, "wall": wall, "load": (load_before, os.getloadavg()[0]),
            "server_cpu": (cpu_seconds(pids) - before_server) / wall,
            "client_cpu": client_cpu / wall}


def warm_up(base: str, workers: int) -> None:
    """Every page, by as many clients at once as there are workers, a few times over:
    each worker loads its templates and computes its caches (statistics: seconds when
    cold) before the clock starts."""
    from concurrent.futures import ThreadPoolExecutor

    def browse(_):
        client = Client(base)
        for _ in range(3):
            for path in WARM_PATHS:
                client.request(path)

    with ThreadPoolExecutor(max_workers=2 * workers) as pool:
        list(pool.map(browse, range(2 * workers)))


def bench_one(label: str, url: str, options, workdir: Path) -> str:
    generated = ensure_data(url)
    data = workdir / f"{label}.json"
    sample(url, data)
    port = free_port()
    # As bench/run.py: development settings (DEBUG off; production's would demand HTTPS
    # cookies), the rate limiter off (we measure the app, not the limiter refusing).
    env = dict(os.environ, CIVIC_DATABASE_URL=url, CIVIC_ENV="development",
               CIVIC_SECRET_KEY=secrets.token_urlsafe(32), CIVIC_RATELIMIT_ENABLED="0",
               CIVIC_MAIL_SEND_AFTER_REQUEST="0")
    server = start_gunicorn(port, env, app="bench.wsgi_bench:app", workers=options.workers,
                            threads=options.threads, log=workdir / f"{label}-gunicorn.log")
    base = f"http://127.0.0.1:{port}"
    try:
        warm_up(base, options.workers)
        mixed = run_locust(base, ["Visitor", "Member"], options.users, options.duration,
                           options.think, data, workdir / f"{label}-mixed", server)
        saturated = {}
        for name in ("ListOnly", "HelloOnly"):
            saturated[name] = run_locust(base, [name], options.saturation_users,
                                         options.saturation_duration, "0,0", data,
                                         workdir / f"{label}-{name}", server)
    finally:
        stop_gunicorn(server)
    return report(label, url, generated, mixed, saturated, options)


# --- the report ----------------------------------------------------------------------

def _ms(row: dict, column: str) -> str:
    value = row[column]
    return "—" if value in ("", "N/A") else f"{float(value):.0f}"


def report(label, url, generated, mixed, saturated, options) -> str:
    lines = [f"#### {label}", ""]
    if generated:
        lines += [f"Data set generated for this run in {generated:.0f} s.", ""]
    lines += [
        f"Latency at moderate load: {options.users} users (3 visitors for 1 member), think "
        f"time {options.think.replace(',', '–')} s, {options.duration} s; load average "
        f"{mixed['load'][0]:.1f} → {mixed['load'][1]:.1f}; server workers used "
        f"{mixed['server_cpu']:.0%} of a core, locust {mixed['client_cpu']:.0%}.", "",
        "| endpoint | requests | req/s | p50 ms | p95 ms | p99 ms | failures |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in mixed["rows"]:
        name = "**all**" if row["Name"] == "Aggregated" else row["Name"]
        lines.append(f"| {name} | {row['Request Count']} | {float(row['Requests/s']):.1f} | "
                     f"{_ms(row, '50%')} | {_ms(row, '95%')} | {_ms(row, '99%')} | "
                     f"{row['Failure Count']} |")
    lines += ["", f"Saturation: {options.saturation_users} users, no think time, "
              f"{options.saturation_duration} s each.", "",
              "| endpoint | requests | req/s | p50 ms | p95 ms | p99 ms | failures | "
              "server CPU | locust CPU | load avg |", "|---|---|---|---|---|---|---|---|---|---|"]
    rates = {}
    for name, run in saturated.items():
        row = next(r for r in run["rows"] if r["Name"] == "Aggregated")
        rates[name] = float(row["Requests/s"])
        endpoint = "proposal list (recent, pages 1-50)" if name == "ListOnly" else "hello"
        lines.append(f"| {endpoint} | {row['Request Count']} | {rates[name]:.0f} | "
                     f"{_ms(row, '50%')} | {_ms(row, '95%')} | {_ms(row, '99%')} | "
                     f"{row['Failure Count']} | {run['server_cpu']:.0%} | "
                     f"{run['client_cpu']:.0%} | {run['load'][1]:.1f} |")
    ratio = rates["ListOnly"] / rates["HelloOnly"] if rates.get("HelloOnly") else 0
    lines += ["", f"Proposal list / hello throughput: **{ratio:.2f}** "
              f"({rates['ListOnly']:.0f} / {rates['HelloOnly']:.0f} req/s).", ""]
    return "\n".join(lines)


def conditions(options) -> str:
    import gunicorn
    import locust

    return (f"gunicorn {gunicorn.__version__}, {options.workers} sync workers"
            + (f" × {options.threads} threads" if options.threads > 1 else "")
            + f"; locust {locust.__version__} (FastHttpUser) on the same machine; "
            f"{os.cpu_count()} CPUs; SQLite {sqlite3.sqlite_version}; Python "
            f"{sys.version.split()[0]}; {time.strftime('%Y-%m-%d %H:%M')}.")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=str(DEFAULT_SQLITE), help="SQLite data set")
    parser.add_argument("--database-url", default=os.environ.get("LOADBENCH_DATABASE_URL",
                                                                 DEFAULT_PG))
    parser.add_argument("--only", choices=("sqlite", "postgresql"))
    parser.add_argument("--users", type=int, default=4)
    parser.add_argument("--think", default="0.1,0.5", help="min,max seconds")
    parser.add_argument("--duration", type=int, default=120)
    parser.add_argument("--saturation-users", type=int, default=8)
    parser.add_argument("--saturation-duration", type=int, default=30)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--output", help="also write the markdown block to this file")
    options = parser.parse_args(argv)
    targets = []
    if options.only != "postgresql":
        targets.append(("SQLite", f"sqlite:///{Path(options.db).resolve()}"))
    if options.only != "sqlite":
        if server_is_up(options.database_url):
            targets.append(("PostgreSQL", options.database_url))
        else:
            print(f"PostgreSQL is not reachable at {options.database_url}: skipped",
                  file=sys.stderr)
    blocks = [conditions(options), ""]
    with tempfile.TemporaryDirectory(prefix="loadbench-") as workdir:
        for label, url in targets:
            print(f"== {label} ({url})", file=sys.stderr)
            blocks.append(bench_one(label, url, options, Path(workdir)))
    text = "\n".join(blocks)
    print(text)
    if options.output:
        Path(options.output).write_text(text)


if __name__ == "__main__":
    main()
