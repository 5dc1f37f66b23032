"""What the benchmarks share: a loopback HTTP client that keeps a session cookie and reads
CSRF tokens, free ports, and gunicorn started in its own process group."""
from __future__ import annotations

import http.client
import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Reply:
    status: int  # 0: no answer (connection reset, timeout)
    body: str
    location: str = ""


def fetch(opener, url: str, data: dict | None = None, headers: dict | None = None,
          timeout: float = 30) -> Reply:
    """One request through `opener`, redirects not followed; never raises on HTTP errors
    nor on a dropped connection (status 0)."""
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    req = urllib.request.Request(url, data=body,  # noqa: S310 - loopback only
                                 headers={"Accept-Language": "en", **(headers or {})})
    try:
        with opener.open(req, timeout=timeout) as response:
            return Reply(response.status, response.read().decode(),
                         response.headers.get("Location", ""))
    except urllib.error.HTTPError as error:
        return Reply(error.code, error.read().decode(errors="replace"),
                     error.headers.get("Location", ""))
    except (OSError, http.client.HTTPException) as error:
        return Reply(0, repr(error))


class Client:
    """One browser: a cookie jar, no automatic redirects."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())

    def request(self, path: str, data: dict | None = None) -> tuple[int, str]:
        reply = fetch(self.opener, self.base + path, data)
        return reply.status, reply.body

    def csrf(self, path: str = "/about") -> str:
        _, page = self.request(path)
        return CSRF_RE.search(page).group(1)

    def login(self, email: str, password: str) -> None:
        status, _ = self.request("/login", {"csrf_token": self.csrf("/login"), "email": email,
                                            "password": password})
        if status != 302:
            raise SystemExit(f"could not log in {email} (HTTP {status})")

    def cookie_header(self) -> str:
        """The session as a Cookie header: a signed cookie session is valid on every
        instance that shares the secret key."""
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(port: int, env: dict, *, app: str = "wsgi:app", workers: int = 2,
                   threads: int = 1, log: Path | None = None,
                   timeout: float = 30) -> subprocess.Popen:
    """gunicorn on 127.0.0.1:`port`, in its own process group (stop_gunicorn ends it and
    its workers); returns once the port answers."""
    out = open(log, "ab") if log else None  # the child keeps its own copy
    server = subprocess.Popen(  # noqa: S603 - our own gunicorn, fixed arguments
        [str(ROOT / ".venv/bin/gunicorn"), "--workers", str(workers), "--threads",
         str(threads), "--bind", f"127.0.0.1:{port}", "--log-level", "warning", app],
        cwd=ROOT, env=env, start_new_session=True, stdout=out, stderr=out)
    if out:
        out.close()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited at start (code {server.returncode})"
                             + (f": see {log}" if log else ""))
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.2)
    stop_gunicorn(server)
    raise SystemExit(f"gunicorn did not start within {timeout:.0f} s")


def stop_gunicorn(server: subprocess.Popen, grace: float = 20) -> None:
    """SIGTERM the process group (master and workers), SIGKILL what is left after
    `grace` seconds."""
    try:
        os.killpg(server.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        server.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        pass
    try:
        os.killpg(server.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    server.wait(timeout=grace)


def worker_pids(server: subprocess.Popen) -> list[int]:
    """The gunicorn master's worker processes (its children)."""
    try:
        text = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text()
    except OSError:
        return []
    return [int(pid) for pid in text.split()]
