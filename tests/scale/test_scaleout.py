"""Scale-out, smaller: real gunicorn processes on one database under concurrent supports,
unsupports and comments, a worker SIGKILLed mid-load; then every counter equals its rows,
no support is duplicated or lost, no answer is a 5xx, and a per-account rate limit is one
budget across instances (workers, with SQLite). The full-size run is `make scaleout`
(bench/scaleout, results in docs/performance.md). Deselect with `-m "not scale"`."""
from __future__ import annotations

import os

import pytest

from bench.scaleout.run import Options, redis_reachable, run

pytestmark = pytest.mark.scale

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
REDIS_URL = os.environ.get("CIVIC_TEST_REDIS_URL", "redis://127.0.0.1:6379/7")


def _options() -> Options:
    redis_url = REDIS_URL if redis_reachable(REDIS_URL) else None
    if TEST_DATABASE_URL:
        if redis_url is None:
            pytest.skip(f"no Redis at {REDIS_URL}: two instances share rate limits "
                        "through Redis only")
        return Options(database_url=TEST_DATABASE_URL, redis_url=redis_url, instances=2,
                       workers=2, threads=2, accounts=60, requests=1000, seconds=20,
                       concurrency=12, kills=1, limit=4)
    return Options(database_url=None, redis_url=redis_url, instances=1, workers=3,
                   threads=1, accounts=60, requests=1000, seconds=20, concurrency=12,
                   kills=1, limit=4)


def test_concurrent_contributions_through_several_workers_stay_exact():
    options = _options()
    report = run(options)
    print(report.table())
    assert report.violations == []
    assert report.figures["workers killed (SIGKILL)"] >= 1
    assert report.figures["requests"] >= 200  # bounded by time on a busy machine
    assert report.figures["double submits in flight together"] >= 1
    assert report.figures["comments answered (all found)"] > 0
    assert report.figures["counters checked"] >= 10
    if options.redis_url:
        assert report.figures["rate limit statuses (alternating instances)"] \
            == "200 200 200 200 429 429 429"
