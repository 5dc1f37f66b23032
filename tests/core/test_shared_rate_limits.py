"""With CIVIC_REDIS_URL, log-in throttling is shared by every app instance (process)."""
from __future__ import annotations

import json
import subprocess
import sys
import uuid

import pytest

from civic import ROOT

REDIS_URL = "redis://127.0.0.1:6379/0"

INSTANCE = r"""
import json, re, sys
from civic import create_app
settings = json.loads(sys.argv[1])
app = create_app("test", **settings)
client = app.test_client()
statuses = []
for _ in range(int(sys.argv[2])):
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    response = client.post("/login", data={"email": "nobody@example.org",
                                           "password": "wrong-password-123",
                                           "csrf_token": token},
                           environ_base={"REMOTE_ADDR": sys.argv[3]})
    statuses.append(response.status_code)
print(json.dumps(statuses))
"""


def _redis_available() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except Exception:
        return False


@pytest.mark.skipif(not _redis_available(), reason="no Redis on 127.0.0.1:6379")
def test_two_instances_share_login_throttling_through_redis(app):
    import redis

    prefix = f"civic-test-{uuid.uuid4().hex[:8]}"
    settings = {
        "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
        "SQLALCHEMY_ENGINE_OPTIONS": app.config["SQLALCHEMY_ENGINE_OPTIONS"],
        "RATELIMIT_STORAGE_URI": REDIS_URL,
        "RATELIMIT_KEY_PREFIX": prefix,
        "LOGIN_LIMIT_PER_ACCOUNT": "5 per 10 minutes",
    }

    def instance(attempts: int, ip: str) -> list[int]:
        out = subprocess.run(
            [sys.executable, "-c", INSTANCE, json.dumps(settings), str(attempts), ip],
            cwd=ROOT, capture_output=True, text=True, timeout=60, check=True)
        return json.loads(out.stdout.strip().splitlines()[-1])

    try:
        first = instance(3, "10.0.0.1")
        second = instance(3, "10.0.0.2")
    finally:
        client = redis.Redis.from_url(REDIS_URL)
        for key in client.scan_iter(f"{prefix}*"):
            client.delete(key)
    assert first == [200, 200, 200]
    # Two more failures are allowed in total, whichever instance sees them.
    assert second == [200, 200, 429]
