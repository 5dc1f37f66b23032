"""The cache: a second call does not query; TTL 0 bypasses; Redis when configured."""
from __future__ import annotations

import time
import uuid

import pytest

from civic.core import cache
from civic.stats import services
from tests.factories import make_proposal, make_user


def test_a_second_call_within_the_ttl_runs_no_query(app, city, count_queries, monkeypatch):
    monkeypatch.setitem(app.config, "STATS_CACHE_SECONDS", 600)
    first = services.statistics()
    make_proposal(author=make_user())  # a new proposal: not seen until the cache expires
    with count_queries() as counter:
        second = services.statistics()
    assert counter.count == 0
    assert second == first and second["totals"]["proposals"] == 5


def test_ttl_zero_computes_every_time(app, city):
    assert app.config["STATS_CACHE_SECONDS"] == 0  # set by the folder's fixture
    assert services.statistics()["totals"]["proposals"] == 5
    make_proposal(author=make_user())
    assert services.statistics()["totals"]["proposals"] == 6


def test_refresh_recomputes_and_stores(app, city, count_queries, monkeypatch):
    monkeypatch.setitem(app.config, "STATS_CACHE_SECONDS", 600)
    services.statistics()
    make_proposal(author=make_user())
    assert services.refresh_statistics()["totals"]["proposals"] == 6
    with count_queries() as counter:
        assert services.statistics()["totals"]["proposals"] == 6
    assert counter.count == 0


def test_memory_values_expire(app):
    calls = []

    def compute():
        calls.append(1)
        return {"n": len(calls)}

    assert cache.cached("test:expiry", 0.05, compute) == {"n": 1}
    assert cache.cached("test:expiry", 0.05, compute) == {"n": 1}
    time.sleep(0.08)
    assert cache.cached("test:expiry", 0.05, compute) == {"n": 2}


def test_values_come_back_as_json_would(app):
    value = cache.cached("test:json", 60, lambda: {"pair": (1, 2)})
    assert value == {"pair": [1, 2]}  # a hit and a miss look the same
    assert cache.cached("test:json", 60, lambda: None) == {"pair": [1, 2]}


REDIS_URL = "redis://127.0.0.1:6379/15"  # a test database index, keys removed afterwards


@pytest.fixture
def redis_cache(app, monkeypatch):
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL, socket_timeout=1, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip("no Redis at " + REDIS_URL)
    prefix = f"civic:cache:test-{uuid.uuid4().hex[:10]}:"
    monkeypatch.setitem(app.config, "REDIS_URL", REDIS_URL)
    monkeypatch.setitem(app.config, "CACHE_KEY_PREFIX", prefix)
    yield client, prefix
    for key in client.scan_iter(match=prefix + "*"):
        client.delete(key)


def test_redis_stores_json_with_an_expiry(app, city, count_queries, monkeypatch,
                                          redis_cache):
    client, prefix = redis_cache
    monkeypatch.setitem(app.config, "STATS_CACHE_SECONDS", 600)
    first = services.statistics()
    stored = client.get(prefix + services.CACHE_KEY)
    assert stored is not None and b'"proposals":5' in stored
    assert 590 <= client.ttl(prefix + services.CACHE_KEY) <= 600
    cache.clear_memory()  # nothing in memory: the hit comes from Redis
    with count_queries() as counter:
        assert services.statistics() == first
    assert counter.count == 0


def test_redis_unreachable_still_serves_the_figures(app, city, monkeypatch):
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://127.0.0.1:1/0")
    monkeypatch.setitem(app.config, "STATS_CACHE_SECONDS", 600)
    assert services.statistics()["totals"]["proposals"] == 5


def test_the_refresh_command_stores_fresh_figures(app, city, count_queries, monkeypatch):
    monkeypatch.setitem(app.config, "STATS_CACHE_SECONDS", 600)
    result = app.test_cli_runner().invoke(args=["civic", "stats", "refresh"])
    assert result.exit_code == 0, result.output
    assert "Statistics as of" in result.output and "cached for 600 s" in result.output
    with count_queries() as counter:
        assert services.statistics()["totals"]["proposals"] == 5
    assert counter.count == 0
