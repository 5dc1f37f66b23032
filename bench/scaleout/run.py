"""Set up, load, kill, check, report: one scale-out run (see bench/scaleout/__init__.py)."""
from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import free_port, start_gunicorn, stop_gunicorn
from bench.scaleout import checks
from bench.scaleout.dataset import PASSWORD, Database, migrate, seed
from bench.scaleout.load import Account, Load, login_all

GENEROUS = "100000 per minute"  # the load itself is never rate-limited


@dataclass
class Options:
    database_url: str | None = None  # postgresql://… ; None: a SQLite file
    redis_url: str | None = None  # None: memory:// (per worker: limits not shared)
    instances: int = 2
    workers: int = 2
    threads: int = 4
    accounts: int = 300
    requests: int = 5000
    seconds: float = 300
    concurrency: int = 32
    kills: int = 3
    limit: int = 5  # POST_LIMIT_PER_ACCOUNT per hour for the shared-limit check
    seed: int = 7

    @property
    def label(self) -> str:
        engine = "PostgreSQL" if self.database_url else "SQLite"
        return (f"{engine}, {self.instances} instance(s) × {self.workers} workers × "
                f"{self.threads} threads, {'Redis' if self.redis_url else 'no Redis'}")


@dataclass
class Report:
    label: str
    figures: dict = field(default_factory=dict)
    violations: list[str] = field(default_factory=list)

    def add(self, result: tuple[dict, list[str]]) -> None:
        figures, violations = result
        self.figures.update(figures)
        self.violations.extend(violations)

    def table(self) -> str:
        width = max(len(k) for k in self.figures) + 2
        lines = [f"== Scale-out run: {self.label}"]
        lines += [f"{key:<{width}}{value}" for key, value in self.figures.items()]
        lines.append(f"{'violations':<{width}}{len(self.violations)}")
        lines += [f"  ! {v}" for v in self.violations[:30]]
        return "\n".join(lines)


def redis_reachable(url: str | None) -> bool:
    if not url:
        return False
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_timeout=2).ping())
    except redis.RedisError:
        return False


def _forget_redis_keys(url: str, prefix: str) -> None:
    import redis

    client = redis.Redis.from_url(url, socket_timeout=5)
    keys = list(client.scan_iter(match=f"*{prefix}*", count=1000))
    if keys:
        client.delete(*keys)


def _server_env(options: Options, url: str, workdir: Path, prefix: str) -> dict:
    overrides = {
        "SUPPORT_LIMIT_PER_ACCOUNT": GENEROUS, "SUPPORT_LIMIT_PER_IP": GENEROUS,
        "COMMENT_LIMIT_PER_ACCOUNT": GENEROUS, "COMMENT_LIMIT_PER_IP": GENEROUS,
        "LOGIN_LIMIT_PER_IP": GENEROUS, "POST_LIMIT_PER_IP": GENEROUS,
        "POST_LIMIT_PER_ACCOUNT": f"{options.limit} per hour",
        "RATELIMIT_KEY_PREFIX": prefix,
    }
    env = dict(os.environ, CIVIC_ENV="development", CIVIC_DATABASE_URL=url,
               CIVIC_SECRET_KEY=secrets.token_urlsafe(32),  # the same for every instance
               CIVIC_MAIL_SEND_AFTER_REQUEST="0", CIVIC_UPLOAD_DIR=str(workdir / "uploads"),
               CIVIC_OPEN_DATA_DIR=str(workdir / "open-data"),
               SCALEOUT_OVERRIDES=json.dumps(overrides))
    env.pop("CIVIC_REDIS_URL", None)
    if options.redis_url:
        env["CIVIC_REDIS_URL"] = options.redis_url
    return env


def _log_problems(logs: list[Path]) -> tuple[dict, list[str]]:
    """Tracebacks in the servers' logs (a failure that did not show as a 5xx)."""
    problems = []
    for log in logs:
        text = log.read_text(errors="replace") if log.exists() else ""
        if "Traceback" in text:
            start = text.index("Traceback")
            problems.append(f"{log.name}: {text.count('Traceback')} traceback(s), first:\n"
                            + text[start:start + 1500])
    return {}, problems


def run(options: Options) -> Report:
    report = Report(options.label)
    prefix = f"scaleout-{uuid.uuid4().hex[:8]}"
    with tempfile.TemporaryDirectory(prefix="civic-scaleout-") as tmp, \
            Database(options.database_url, Path(tmp)) as database:
        workdir = Path(tmp)
        started = time.monotonic()
        migrate(database.url)
        data = seed(database.url, options.accounts)
        report.figures["setup (migrate + seed)"] = f"{time.monotonic() - started:.1f} s"
        env = _server_env(options, database.url, workdir, prefix)
        servers, logs = [], []
        try:
            ports = [free_port() for _ in range(options.instances)]
            for n, port in enumerate(ports):
                logs.append(workdir / f"gunicorn-{n + 1}.log")
                servers.append(start_gunicorn(
                    port, env, app="bench.scaleout.app:app", workers=options.workers,
                    threads=options.threads, log=logs[-1]))
            bases = [f"http://127.0.0.1:{port}" for port in ports]
            accounts = [Account(uid, email) for uid, email in data.accounts]
            started = time.monotonic()
            login_all(bases, accounts, PASSWORD, min(options.concurrency, 16))
            report.figures["accounts logged in"] = \
                f"{len(accounts)} in {time.monotonic() - started:.1f} s"
            load = Load(bases, servers, accounts, data.targets, requests=options.requests,
                        seconds=options.seconds, concurrency=options.concurrency,
                        kills=options.kills, seed=options.seed, workers=options.workers)
            outcome = load.run()
            report.add(checks.responses(outcome))
            if options.kills and not outcome.kills:
                report.violations.append("no worker was killed during the load")
            report.add(checks.workers_back(servers, options.workers,
                                           {pid for _, _, pid in outcome.kills}))
            report.add(checks.shared_limit(bases, data.limits_account[1], PASSWORD,
                                           options.limit, shared=bool(options.redis_url)))
        finally:
            for server in servers:
                stop_gunicorn(server)
            if options.redis_url:
                _forget_redis_keys(options.redis_url, prefix)
        report.add(_log_problems(logs))
        engine = checks.engine_for(database.url)
        try:
            with engine.connect() as conn:
                report.add(checks.counters(conn))
                report.add(checks.contributions(conn, outcome))
                report.add(checks.refused_duplicates(conn))
        finally:
            engine.dispose()
    return report


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.scaleout",
        description="Concurrent supports, unsupports and comments through several "
                    "gunicorn instances, workers killed mid-load, then every count checked.")
    parser.add_argument("--database", choices=("postgres", "sqlite"), required=True)
    parser.add_argument("--database-url", default=os.environ.get(
        "TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test"),
        help="PostgreSQL server to create the run's database on (postgres only)")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/7",
                        help="Redis for shared rate limits ('' for none); the run's keys "
                             "carry a unique prefix and are deleted at the end")
    parser.add_argument("--instances", type=int)
    parser.add_argument("--workers", type=int)
    parser.add_argument("--threads", type=int)
    parser.add_argument("--accounts", type=int, default=300)
    parser.add_argument("--requests", type=int, default=5000, help="at most 20,000")
    parser.add_argument("--max-seconds", type=float, default=300, help="at most 900")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--kills", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    postgres = args.database == "postgres"
    redis_url = args.redis_url if redis_reachable(args.redis_url) else None
    if args.redis_url and not redis_url:
        print(f"Redis at {args.redis_url} does not answer: limits are per worker, their "
              "sharing is not checked", file=sys.stderr)
    options = Options(
        database_url=args.database_url if postgres else None, redis_url=redis_url,
        instances=args.instances or (2 if postgres else 1),
        workers=args.workers or (2 if postgres else 4),
        threads=args.threads or (4 if postgres else 1),
        accounts=args.accounts, requests=min(args.requests, 20_000),
        seconds=min(args.max_seconds, 900), concurrency=args.concurrency, kills=args.kills,
        seed=args.seed)
    report = run(options)
    print(report.table())
    sys.exit(1 if report.violations else 0)
