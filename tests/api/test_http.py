"""What every API answer shares: caching validators, CORS, the rate limit."""
from __future__ import annotations

from datetime import timedelta
from email.utils import format_datetime, parsedate_to_datetime

from sqlalchemy import select

from civic.extensions import db
from civic.masterplan.models import PlanRevision


def test_etag_and_304(client, api_data):
    url = "/api/v1/proposals"
    first = client.get(url)
    etag = first.headers["ETag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    assert first.headers["Cache-Control"] == "public, no-cache"
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b""
    assert again.headers["ETag"] == etag
    # A change gives another ETag: the old one gets the full answer.
    api_data["proposal"].title = "Des navettes toute la nuit"
    db.session.commit()
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    assert "toute la nuit" in changed.get_data(as_text=True)


def test_every_get_has_an_etag(app, client, api_data, monkeypatch):
    # Statistics carry the time they were computed: cache them so GET and HEAD agree.
    monkeypatch.setitem(app.config, "STATS_CACHE_SECONDS", 60)
    from civic.core import cache

    cache.clear_memory()
    for url in ("/api/v1/themes", f"/api/v1/comments/{api_data['first'].id}",
                "/api/v1/organizations", "/api/v1/master-plan/diff?from=1&to=2",
                "/api/v1/statistics", "/api/v1/openapi.json"):
        response = client.get(url)
        assert response.status_code == 200 and response.headers.get("ETag"), url
        head = client.head(url)
        assert head.status_code == 200 and head.headers["ETag"] == response.headers["ETag"]
    assert "ETag" not in client.get("/api/v1/proposals/999999").headers  # errors: none
    cache.clear_memory()


def test_last_modified_and_304_on_published_versions(client, api_data):
    response = client.get("/api/v1/master-plan/revisions/1")
    modified = parsedate_to_datetime(response.headers["Last-Modified"])
    published = db.session.scalar(select(PlanRevision.published_at)
                                  .where(PlanRevision.number == 1))
    assert modified == published.replace(microsecond=0)
    same = client.get("/api/v1/master-plan/revisions/1",
                      headers={"If-Modified-Since": response.headers["Last-Modified"]})
    assert same.status_code == 304
    older = format_datetime(modified - timedelta(days=1), usegmt=True)
    assert client.get("/api/v1/master-plan/revisions/1",
                      headers={"If-Modified-Since": older}).status_code == 200
    assert client.get("/api/v1/master-plan").headers["Last-Modified"]
    assert "Last-Modified" not in client.get("/api/v1/proposals").headers


def test_cors_on_api_reads_only(client, api_data):
    response = client.get("/api/v1/proposals", headers={"Origin": "https://example.net"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response.headers["Access-Control-Expose-Headers"]
    assert "Access-Control-Allow-Credentials" not in response.headers
    error = client.get("/api/v1/proposals?page=0", headers={"Origin": "https://x.net"})
    assert error.headers["Access-Control-Allow-Origin"] == "*"  # readable errors
    for url in ("/", "/proposals", "/organizations"):
        page = client.get(url, headers={"Origin": "https://example.net"})
        assert "Access-Control-Allow-Origin" not in page.headers, url
    refused = client.post("/api/v1/proposals", headers={"Origin": "https://example.net"})
    assert refused.status_code == 405
    assert "Access-Control-Allow-Origin" not in refused.headers


def test_preflight_allows_get_only(client):
    response = client.options("/api/v1/proposals", headers={
        "Origin": "https://example.net", "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "If-None-Match"})
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    methods = {m.strip() for m in response.headers["Access-Control-Allow-Methods"].split(",")}
    assert methods == {"GET", "HEAD", "OPTIONS"}
    assert "If-None-Match" in response.headers["Access-Control-Allow-Headers"]
    assert "Access-Control-Allow-Origin" not in client.options("/proposals").headers


def test_rate_limit_is_one_budget_for_the_whole_api(client, app, api_data, monkeypatch):
    monkeypatch.setitem(app.config, "API_RATE_LIMIT", "3 per minute")
    for url in ("/api/v1/proposals", "/api/v1/themes", "/api/v1/organizations"):
        assert client.get(url).status_code == 200
    response = client.get(f"/api/v1/comments/{api_data['first'].id}")
    assert response.status_code == 429
    assert response.is_json and response.get_json()["error"]["status"] == 429
    assert int(response.headers["Retry-After"]) > 0
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert client.get("/").status_code == 200  # the site itself is not limited
