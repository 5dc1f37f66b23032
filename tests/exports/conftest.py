"""Shared fixtures and helpers for the staff export tests (English messages)."""
from __future__ import annotations

import csv
import io
import json

import pytest

from civic.exports import services
from civic.exports.kinds import Filters
from tests.factories import make_user
from tests.fixtures.english import (  # noqa: F401
    EN,
    _english_pages,
    citizen,
    moderator,
    other_citizen,
    request_ctx,
    staff,
)


@pytest.fixture
def admin(db_session):
    return make_user(display_name="Admin Plateforme", roles=("admin",), locale="en")


def export_bytes(actor, kind: str, fmt: str = "csv", **filters) -> bytes:
    exported = services.export(actor, kind, fmt, Filters(**filters))
    return b"".join(exported.chunks)


def read_csv(data: bytes) -> list[dict]:
    assert data.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def export_csv(actor, kind: str, **filters) -> list[dict]:
    return read_csv(export_bytes(actor, kind, "csv", **filters))


def export_json(actor, kind: str, **filters) -> list[dict]:
    return json.loads(export_bytes(actor, kind, "json", **filters))


class Fetched:
    """A response whose streamed body was read in the request's own context."""

    def __init__(self, response, streamed: bool, body: bytes):
        self.response, self.is_streamed, self.body = response, streamed, body
        self.status_code, self.headers = response.status_code, response.headers
        self.mimetype = response.mimetype

    def text(self) -> str:
        return self.body.decode("utf-8-sig")


def fetch(client, method: str, *args, **kwargs) -> Fetched:
    """Call `client.<method>` and read the streamed body in one context: a streamed view
    (stream_with_context) keeps its request context until the body is read, and the test
    client runs each request in a context of its own (tests/fixtures/http.py)."""
    import contextvars

    from civic.extensions import db

    def run():
        response = getattr(client, method)(*args, **kwargs)
        return Fetched(response, response.is_streamed, response.get_data())

    fetched = contextvars.Context().run(run)
    db.session.expire_all()
    return fetched
