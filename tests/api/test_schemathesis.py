"""Property-based tests of the whole API against its own OpenAPI document: whatever valid
or invalid request schemathesis makes, the API never answers 500, and every answer
(status, content type, body) is one the document describes.

The document is loaded at collection time from a throwaway application (schemathesis'
lazy fixture loader does not work with pytest 9); each generated request then goes to the
test application, which holds data of every kind (tests/api/conftest.py).
"""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from civic import create_app

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]

_loader = create_app("test", SQLALCHEMY_DATABASE_URI="sqlite://")
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", _loader)


def test_the_served_document_is_the_one_tested(client):
    assert client.get("/api/v1/openapi.json").get_json() == dict(schema.raw_schema)


@pytest.fixture
def api_app(app, api_data, monkeypatch):
    monkeypatch.setitem(app.config, "API_RATE_LIMIT", "1000000 per minute")
    return app


@schema.parametrize()
@settings(max_examples=12, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_document(case, api_app):
    response = case.call_and_validate(checks=CHECKS, app=api_app)
    if case.method == "GET" and response.status_code != 404:  # the test app answered
        assert response.headers.get("x-ratelimit-limit") == ["1000000"]
