"""The OpenAPI document lists exactly the API's routes; the documentation page renders it."""
from __future__ import annotations

import html
import re

from tests.fixtures.http import text

PREFIX = "/api/v1"


def _routes(app) -> set[tuple[str, str]]:
    routes = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith(PREFIX + "/"):
            path = re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule.rule[len(PREFIX):])
            for method in rule.methods - {"HEAD", "OPTIONS"}:
                routes.add((path, method.lower()))
    return routes


def test_document_and_url_map_list_the_same_operations(client, app):
    document = client.get("/api/v1/openapi.json").get_json()
    documented = {(path, method) for path, item in document["paths"].items()
                  for method in item}
    assert documented == _routes(app)
    assert all(rule.endpoint.startswith("api.") for rule in app.url_map.iter_rules()
               if rule.rule.startswith(PREFIX + "/"))


def test_document_essentials(client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"] == "3.1.0"
    assert document["servers"] == [{"url": "http://localhost/api/v1"}]
    assert document["info"]["license"]["name"]
    schemas = document["components"]["schemas"]
    assert schemas["Comment"]["properties"]["body"]["type"] == ["string", "null"]
    assert "email" not in str(schemas).lower()
    for path, item in document["paths"].items():
        responses = item["get"]["responses"]
        assert {"200", "304", "400", "404", "429"} <= set(responses), path
        for param in item["get"]["parameters"]:
            if param["in"] == "path":
                assert "{" + param["name"] + "}" in path and param["required"]
    referenced = set(re.findall(r"#/components/schemas/(\w+)", str(document)))
    assert referenced <= set(schemas)


def test_documentation_page(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200 and response.mimetype == "text/html"
    page = html.unescape(text(response))
    assert "Documentation de l’API publique" in page or "Public API documentation" in page
    assert "GET /api/v1/comments" in page and "target_type" in page
    assert "curl -H 'Accept: application/json' 'http://localhost/api/v1/proposals" in page
    assert "<script" not in response.get_data(as_text=True).split("</footer>")[0]
    english = html.unescape(text(client.get("/api/v1/docs",
                                            headers={"Accept-Language": "en"})))
    assert "Public API documentation" in english and "Example request" in english
    home = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'href="/api/v1/docs"' in home
