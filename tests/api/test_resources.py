"""GET /api/v1/organizations, /amendments, /statistics, /themes and the shared list
format of every endpoint."""
from __future__ import annotations

import pytest

from tests.factories import make_organization

LISTS = ["/api/v1/proposals", "/api/v1/themes", "/api/v1/experiments",
         "/api/v1/organizations", "/api/v1/amendments", "/api/v1/master-plan/revisions"]
ORG_KEYS = {"id", "slug", "name", "kind", "description", "website", "verified",
            "verified_at", "logo_url", "members_count", "proposals_count",
            "experiments_count", "created_at", "url"}


def test_organizations_show_public_fields_only(client, api_data):
    org = api_data["org"]
    response = client.get("/api/v1/organizations")
    data = response.get_json()
    [item] = [i for i in data["items"] if i["id"] == org.id]
    assert set(item) == ORG_KEYS
    assert (item["name"], item["kind"], item["verified"]) == ("Vélo Lab", "association", True)
    assert item["description"] == "Des **vélos** pour tous."
    assert item["website"] == "https://velo.example.org" and item["logo_url"] is None
    assert (item["members_count"], item["proposals_count"], item["experiments_count"]) == (
        1, 1, 1)
    assert item["url"] == f"http://localhost/organizations/{org.slug}"
    assert "alix.secret" not in response.get_data(as_text=True)
    assert "Alix Publique" not in response.get_data(as_text=True)
    assert client.get(f"/api/v1/organizations/{org.id}").get_json() == item
    assert client.get("/api/v1/organizations/999999").status_code == 404


def test_organization_filters(client, api_data):
    other = make_organization(name="Aaa Startup", kind="startup")

    def ids(query):
        response = client.get("/api/v1/organizations?" + query)
        assert response.status_code == 200
        return [item["id"] for item in response.get_json()["items"]]

    assert ids("") == [other.id, api_data["org"].id]  # by name
    assert ids("kind=startup") == [other.id]
    assert ids("verified=true") == [api_data["org"].id]
    assert ids("verified=false") == [other.id]
    assert ids("per_page=1&page=2") == [api_data["org"].id]
    for query, parameter in (("kind=robot", "kind"), ("verified=maybe", "verified")):
        error = client.get("/api/v1/organizations?" + query).get_json()["error"]
        assert error["parameter"] == parameter


def test_amendments(client, api_data):
    amendment = api_data["amendment"]
    data = client.get("/api/v1/amendments").get_json()
    assert [item["id"] for item in data["items"]] == [amendment.id]  # not the pending one
    item = data["items"][0]
    assert item["title"] == "Navettes le dimanche" and item["status"] == "pending"
    assert item["section"]["id"] == api_data["project"].id
    assert item["base_revision"] == 1 and item["accepted_into"] is None
    assert item["proposed_body"] == "Aussi le **dimanche**."
    assert item["author"]["display_name"] == "Alix Publique"
    assert client.get(f"/api/v1/amendments/{amendment.id}").get_json() == item
    assert client.get(f"/api/v1/amendments/{api_data['pending_amendment'].id}"
                      ).status_code == 404
    project = api_data["project"]
    assert client.get(f"/api/v1/amendments?section={project.slug}").get_json()["total"] == 1
    assert client.get(f"/api/v1/amendments?section={api_data['axis'].id}"
                      ).get_json()["total"] == 0
    assert client.get("/api/v1/amendments?status=accepted").get_json()["total"] == 0
    for query, parameter in (("status=nope", "status"), ("section=nowhere", "section")):
        error = client.get("/api/v1/amendments?" + query).get_json()["error"]
        assert error["parameter"] == parameter


def test_statistics(client, api_data):
    response = client.get("/api/v1/statistics")
    assert response.status_code == 200
    data = response.get_json()
    assert data["totals"]["proposals"] == 1 and data["totals"]["amendments"] == 1
    assert "alix.secret" not in response.get_data(as_text=True)


@pytest.mark.parametrize("url", LISTS)
def test_every_list_has_the_same_shape_and_page_rules(client, api_data, url):
    data = client.get(url + "?per_page=1").get_json()
    assert set(data) == {"items", "page", "per_page", "total"}
    assert (data["page"], data["per_page"]) == (1, 1) and len(data["items"]) <= 1
    for query, parameter in (("per_page=0", "per_page"), ("per_page=101", "per_page"),
                             ("per_page=x", "per_page"), ("page=0", "page"),
                             ("page=10001", "page"), ("page=1.5", "page")):
        response = client.get(f"{url}?{query}")
        assert response.status_code == 400, (url, query)
        error = response.get_json()["error"]
        assert set(error) == {"status", "title", "detail", "parameter"}
        assert error["parameter"] == parameter and error["title"] == "Bad request"


def test_sources_of_a_section_are_paginated_too(client, api_data):
    data = client.get(f"/api/v1/master-plan/sections/{api_data['project'].id}/sources"
                      ).get_json()
    assert set(data) == {"section", "items", "page", "per_page", "total"}


@pytest.mark.parametrize("url", ["/api/v1/proposals/99999", "/api/v1/experiments/99999",
                                 "/api/v1/nowhere", "/api/v1/proposals/99999999999999"])
def test_missing_things_are_json_404_in_english(client, url):
    response = client.get(url, headers={"Accept-Language": "fr"})
    assert response.status_code == 404
    assert response.get_json()["error"]["title"] == "Page not found"


def test_other_methods_are_json_405(client, api_data):
    for url in ("/api/v1/comments", "/api/v1/organizations", "/api/v1/amendments/1",
                "/api/v1/openapi.json"):
        response = client.post(url)
        assert response.status_code == 405, url
        assert response.get_json()["error"]["status"] == 405
        assert "GET" in response.headers["Allow"]
