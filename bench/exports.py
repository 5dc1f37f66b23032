"""Measure the staff exports on the city-scale data set (SQLite): time and peak memory.

    .venv/bin/python bench/generate.py --db /tmp/civic-bench.sqlite3    # once
    .venv/bin/python bench/exports.py --db /tmp/civic-bench.sqlite3

Runs `flask --app wsgi civic export <kind> --format <fmt> -o FILE` in a fresh process for
each (kind, format) and reports the wall time, the file size and the process's peak
resident memory (ru_maxrss of that child only, from os.wait4), next to the peak of a
process that only starts the app (the baseline): an export that streams needs about the
same memory for 1,000 rows as for 1,000,000. Appends audit entries to the bench database.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import DEFAULT_DB  # noqa: E402

SCENARIOS = [
    ("proposals", "csv", []), ("proposals", "xlsx", []), ("proposals", "json", []),
    ("supports", "csv", []), ("supports_by_theme", "csv", []),
    ("supports_individual", "csv", []), ("supports_individual", "xlsx", []),
    ("proposals", "csv", ["--from", "2026-01-01", "--to", "2026-01-31"]),
]


def run(args: list[str], env: dict) -> tuple[float, int, int]:
    """(seconds, peak RSS in kB, exit code) of one child process."""
    started = time.monotonic()
    process = subprocess.Popen(args, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,  # noqa: S603
                               stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return time.monotonic() - started, usage.ru_maxrss, process.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=str(DEFAULT_DB))
    options = parser.parse_args()
    if not Path(options.db).exists():
        raise SystemExit(f"{options.db} does not exist: run bench/generate.py first")
    env = dict(os.environ, CIVIC_DATABASE_URL=f"sqlite:///{options.db}",
               CIVIC_ENV="development")
    flask = [str(ROOT / ".venv/bin/flask"), "--app", "wsgi"]
    seconds, baseline, code = run([*flask, "civic", "--help"], env)
    print(f"baseline (app start only): {baseline / 1024:.0f} MB peak RSS")
    print("| export | format | filters | rows | size | time | peak RSS |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as directory:
        for kind, fmt, filters in SCENARIOS:
            target = Path(directory) / f"{kind}.{fmt}"
            seconds, peak, code = run([*flask, "civic", "export", kind, "--format", fmt,
                                       "-o", str(target), *filters], env)
            if code != 0:
                raise SystemExit(f"{kind} {fmt} failed with exit code {code}")
            rows = _rows(target, fmt)
            print(f"| {kind} | {fmt} | {' '.join(filters) or '—'} | {rows} "
                  f"| {target.stat().st_size / 1e6:.1f} MB | {seconds:.1f} s "
                  f"| {peak / 1024:.0f} MB |")
            target.unlink()


def _rows(path: Path, fmt: str) -> str:
    if fmt == "csv":
        with path.open("rb") as file:
            return f"{sum(1 for _ in file) - 1:,}"  # no line break inside bench texts
    return "—"


if __name__ == "__main__":
    main()
