"""A live civic server for the browser tests and the screenshots: a real HTTP server on
127.0.0.1 (a free port) in a thread, serving an app on a file-based SQLite database that
is migrated and seeded with the French demo (civic/demo)."""
from __future__ import annotations

import re
import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path


class LiveServer:
    def __init__(self, app, url: str, database: Path):
        self.app = app
        self.url = url
        self.database = database

    def __call__(self, path: str = "/") -> str:
        return self.url + path

    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        """Read the test database directly (e.g. the mail outbox)."""
        with sqlite3.connect(self.database, timeout=15) as conn:
            return conn.execute(sql, params).fetchall()

    def last_mail_to(self, address: str) -> str:
        rows = self.query("SELECT body_text FROM mail_outbox WHERE to_address = ? "
                          "ORDER BY id DESC LIMIT 1", (address,))
        assert rows, f"no e-mail was queued for {address}"
        return rows[0][0]

    def link_in_mail_to(self, address: str, path_prefix: str) -> str:
        """The first link to this server starting with `path_prefix` in the last e-mail."""
        body = self.last_mail_to(address)
        match = re.search(re.escape(self.url + path_prefix) + r"\S+", body)
        assert match, f"no {path_prefix} link in the e-mail to {address}:\n{body}"
        return match.group(0)


def _quiet_handler():
    from werkzeug.serving import WSGIRequestHandler

    class Quiet(WSGIRequestHandler):
        def log_request(self, *args, **kwargs):  # one line per request would drown failures
            pass

    return Quiet


@contextmanager
def live_server(base: Path):
    """Serve a freshly migrated and seeded demo from the folder `base` until the end of
    the `with` block."""
    from flask_migrate import upgrade
    from werkzeug.serving import make_server

    from civic import create_app
    from civic.demo.services import seed_demo
    from civic.extensions import db

    database = base / "civic.sqlite3"
    app = create_app(
        "test",
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{database}",
        SQLALCHEMY_ENGINE_OPTIONS={"connect_args": {"timeout": 15}},
        SERVER_NAME=None,
        UPLOAD_DIR=str(base / "uploads"),
        OPEN_DATA_DIR=str(base / "open-data"),
        RATELIMIT_ENABLED=False,
        MAIL_SEND_AFTER_REQUEST=False,
        PROPAGATE_EXCEPTIONS=False,
    )
    server = make_server("127.0.0.1", 0, app, threaded=True,
                         request_handler=_quiet_handler())
    url = f"http://127.0.0.1:{server.server_port}"
    app.config["BASE_URL"] = url
    with app.app_context():
        upgrade()
        with app.test_request_context("/", base_url=url):
            seed_demo(echo=lambda _line: None)
            db.session.commit()
        db.session.remove()
    thread = threading.Thread(target=server.serve_forever, name="civic-e2e-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(app, url, database)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
        with app.app_context():
            db.engine.dispose()
