"""A small cache for figures that are costly to compute and may be a few minutes old.

    cached("stats", 600, compute_statistics)

Values must be JSON-serializable (they are stored as JSON, whatever the backend, so a
value reads back the same from Redis as from memory). With `REDIS_URL` configured
(CIVIC_REDIS_URL) the values live in Redis under "civic:cache:<key>" and are shared by
every worker; otherwise in an in-process dict with expiry (one per worker, thread-safe).
A `ttl` of 0 or less bypasses the cache (computes every time, stores nothing). If Redis
cannot be reached, the value is computed and served anyway: a cache never breaks a page.
"""
from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from flask import current_app

PREFIX = "civic:cache:"
log = logging.getLogger(__name__)

_lock = threading.Lock()
_memory: dict[str, tuple[float, str]] = {}  # key → (expires at, monotonic; JSON text)
_clients: dict[str, Any] = {}


def _redis():
    url = current_app.config.get("REDIS_URL")
    if not url:
        return None
    with _lock:
        client = _clients.get(url)
        if client is None:
            import redis

            client = redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)
            _clients[url] = client
    return client


def _prefix() -> str:
    return current_app.config.get("CACHE_KEY_PREFIX", PREFIX)


def get(key: str) -> Any | None:
    """The cached value of `key`, or None when absent or expired."""
    client = _redis()
    if client is not None:
        try:
            text = client.get(_prefix() + key)
        except Exception:  # noqa: BLE001 - Redis down: behave as a miss
            log.warning("cache: Redis unavailable, reading %s missed", key, exc_info=True)
            return None
        return json.loads(text) if text is not None else None
    with _lock:
        entry = _memory.get(key)
        if entry is None:
            return None
        if entry[0] <= time.monotonic():
            del _memory[key]
            return None
        return json.loads(entry[1])


def put(key: str, value: Any, ttl: float) -> None:
    """Store `value` (JSON-serializable) under `key` for `ttl` seconds."""
    if ttl <= 0:
        return
    text = json.dumps(value, separators=(",", ":"))
    client = _redis()
    if client is not None:
        try:
            client.set(_prefix() + key, text, px=max(1, int(ttl * 1000)))
        except Exception:  # noqa: BLE001 - Redis down: the value is simply not kept
            log.warning("cache: Redis unavailable, %s not stored", key, exc_info=True)
        return
    with _lock:
        _memory[key] = (time.monotonic() + ttl, text)


def delete(key: str) -> None:
    client = _redis()
    if client is not None:
        try:
            client.delete(_prefix() + key)
        except Exception:  # noqa: BLE001
            log.warning("cache: Redis unavailable, %s not deleted", key, exc_info=True)
        return
    with _lock:
        _memory.pop(key, None)


def clear_memory() -> None:
    """Forget every in-process value (tests)."""
    with _lock:
        _memory.clear()


def cached(key: str, ttl: float, compute: Callable[[], Any]) -> Any:
    """The value of `key` if cached and fresh, else `compute()` stored for `ttl` seconds.

    What is returned always went through JSON, so a hit and a miss look the same."""
    if ttl <= 0:
        return json.loads(json.dumps(compute()))
    value = get(key)
    if value is not None:
        return value
    value = json.loads(json.dumps(compute()))
    put(key, value, ttl)
    return value
