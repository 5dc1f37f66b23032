"""Time the open-data package on the city-scale data set (SQLite).

    .venv/bin/python bench/generate.py                 # once: instance/bench.sqlite3
    .venv/bin/python bench/opendata.py [--db PATH] [--dir PATH]

Builds the package (civic.opendata.build.build_package) against the generated database and
prints the wall time, the time per resource, the number of rows, the zip's size and the
peak resident memory (resource.getrusage), measured before and after the build.
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import DEFAULT_DB  # noqa: E402


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def current_rss_mb() -> float:
    """Resident memory right now (Linux /proc), to see whether it grows with the rows."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=str(DEFAULT_DB))
    parser.add_argument("--dir", default=None, help="output folder (default: a temporary one)")
    args = parser.parse_args(argv)
    db_path = Path(args.db).resolve()
    if not db_path.exists():
        raise SystemExit(f"{db_path} does not exist: run bench/generate.py first")
    os.environ["CIVIC_DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ.setdefault("CIVIC_ENV", "development")
    from civic import create_app
    from civic.opendata.build import build_package

    app = create_app()
    out = Path(args.dir or tempfile.mkdtemp(prefix="civic-open-data-"))
    timings: dict[str, float] = {}
    rows: dict[str, int] = {}
    marks: dict[str, float] = {}
    rss: dict[str, float] = {}

    def progress(event: str, name: str, count: int) -> None:
        if event == "start":
            marks[name] = time.perf_counter()
        rss[name] = max(rss.get(name, 0.0), current_rss_mb())
        if event == "done":
            timings[name] = time.perf_counter() - marks[name]
            rows[name] = count

    with app.app_context():
        before = peak_rss_mb()
        started = time.perf_counter()
        path = build_package(out, progress)
        wall = time.perf_counter() - started
        after = peak_rss_mb()
    for name, seconds in timings.items():
        print(f"{name:22} {rows[name]:>9} rows {seconds:6.1f} s  RSS {rss[name]:5.0f} MB")
    print(f"total: {wall:.1f} s wall time; {path} ({path.stat().st_size / 1e6:.1f} MB)")
    print(f"peak RSS: {before:.0f} MB before the build, {after:.0f} MB after")


if __name__ == "__main__":
    main()
