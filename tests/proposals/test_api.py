"""The public read-only JSON API."""
from __future__ import annotations

import pytest

from civic.core.models import utcnow
from civic.extensions import db
from civic.proposals.models import StatusChange
from tests.factories import make_organization, make_proposal, make_section, make_user
from tests.search.corpus import make_indexed_proposal

ITEM_KEYS = {"id", "reference", "title", "body_html", "status", "kind", "theme", "author",
             "organization", "supports_count", "comments_count", "latitude", "longitude",
             "address", "created_at", "published_at", "url"}


def test_list_shape_and_no_drafts(client, citizen, proposal, draft):
    response = client.get("/api/v1/proposals")
    assert response.status_code == 200
    assert response.is_json
    data = response.get_json()
    assert set(data) == {"items", "page", "per_page", "total"}
    assert (data["page"], data["per_page"], data["total"]) == (1, 20, 1)
    [item] = data["items"]
    assert set(item) == ITEM_KEYS
    assert item["id"] == proposal.id and item["reference"] == proposal.reference
    assert item["theme"] == {"id": proposal.theme.id, "slug": proposal.theme.slug,
                             "title": proposal.theme.title}
    assert item["author"] == {"display_name": citizen.display_name,
                              "profile_url": f"http://localhost/people/{citizen.id}"}
    assert item["organization"] is None
    assert item["url"] == f"http://localhost/proposals/{proposal.id}"
    assert item["body_html"].startswith("<p>")
    assert citizen.email not in response.get_data(as_text=True)


def test_filters_search_sort_and_pages(client, theme):
    org = make_organization(kind="research", verified=True)
    a = make_indexed_proposal(theme=theme, title="Vélos partagés", supports_count=3,
                              organization=org)
    b = make_indexed_proposal(theme=theme, title="Bus de nuit", supports_count=9,
                              kind="experiment")
    make_indexed_proposal(theme=make_section(), title="Vélo-école", status="draft")

    def ids(query):
        response = client.get("/api/v1/proposals?" + query)
        assert response.status_code == 200, response.get_json()
        return [item["id"] for item in response.get_json()["items"]]

    assert ids("q=velo") == [a.id]
    assert ids("sort=supports") == [b.id, a.id]
    assert ids(f"theme={theme.slug}&kind=experiment") == [b.id]
    assert ids("status=published&per_page=1&page=2&sort=supports") == [a.id]
    assert client.get("/api/v1/proposals?per_page=1").get_json()["total"] == 2
    item = client.get("/api/v1/proposals?q=velo").get_json()["items"][0]
    assert item["organization"] == {"id": org.id, "name": org.name, "kind": "research",
                                    "verified": True}


@pytest.mark.parametrize("query,parameter", [
    ("per_page=101", "per_page"), ("per_page=0", "per_page"), ("per_page=x", "per_page"),
    ("page=0", "page"), ("page=abc", "page"), ("status=draft", "status"),
    ("status=nope", "status"), ("kind=x", "kind"), ("theme=nope", "theme"),
    ("sort=x", "sort"), ("q=%21%21", "q"), ("seed=0", "seed"), ("q=" + "a" * 201, "q"),
    ("per_page=-1", "per_page"), ("per_page=" + "1" * 31, "per_page"),
    ("per_page=" + "9" * 5000, "per_page"), ("page=-1", "page"), ("page=1.5", "page"),
    ("page=" + "1" * 31, "page"), ("theme=999999", "theme"),
    ("seed=2147483647", "seed"), ("place=maybe", "place"), ("author=robot", "author"),
])
def test_bad_parameters_get_a_400_naming_them(client, proposal, query, parameter):
    response = client.get("/api/v1/proposals?" + query)
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["status"] == 400 and error["parameter"] == parameter
    assert error["title"] and error["detail"]
    assert proposal.title not in response.get_data(as_text=True)


def test_seed_gives_a_stable_shuffle_and_odd_values_are_harmless(client, theme):
    ids = {make_proposal(theme=theme, title=f"Proposition {n}").id for n in range(8)}

    def order(query):
        response = client.get("/api/v1/proposals?sort=random&" + query)
        assert response.status_code == 200, response.get_json()
        return [item["id"] for item in response.get_json()["items"]]

    assert set(order("seed=7")) == ids
    assert order("seed=7") == order("seed=7")
    assert len({tuple(order(f"seed={n}")) for n in (1, 2, 3, 4, 5)}) > 1
    assert set(order("seed=2147483646")) == ids  # the largest seed stays within 64 bits


def test_detail_has_answer_and_public_timeline_without_internal_notes(client, proposal,
                                                                      staff):
    proposal.status = "accepted"
    proposal.answer = "Nous allons l'expérimenter."
    db.session.add(StatusChange(proposal_id=proposal.id, actor_id=staff.id,
                                from_status="published", to_status="accepted",
                                answer="Nous allons l'expérimenter.",
                                internal_note="Budget 2027 à confirmer", created_at=utcnow()))
    db.session.commit()
    response = client.get(f"/api/v1/proposals/{proposal.id}")
    assert response.status_code == 200
    data = response.get_json()
    assert set(data) == ITEM_KEYS | {"answer", "timeline"}
    assert data["answer"] == "Nous allons l'expérimenter."
    assert [(s["from_status"], s["to_status"]) for s in data["timeline"]] == [
        ("published", "accepted")]
    assert set(data["timeline"][0]) == {"from_status", "to_status", "answer", "created_at"}
    assert "Budget 2027" not in response.get_data(as_text=True)
    assert staff.email not in response.get_data(as_text=True)


def test_unknown_and_draft_proposals_are_404_json(client, draft):
    for url in (f"/api/v1/proposals/{draft.id}", "/api/v1/proposals/999999"):
        response = client.get(url)
        assert response.status_code == 404
        assert response.get_json()["error"]["status"] == 404


def test_deleted_author(client, theme):
    gone = make_user(display_name="Ancien Compte")
    p = make_proposal(author=gone, theme=theme)
    gone.deleted_at = utcnow()
    db.session.commit()
    data = client.get(f"/api/v1/proposals/{p.id}").get_json()
    assert data["author"] == {"display_name": "Deleted participant", "profile_url": None}
    assert "Ancien Compte" not in str(client.get("/api/v1/proposals").get_json())


def test_themes(client):
    axis = make_section(title="Mobilités", position=2)
    child = make_section(title="Vélo", parent=axis, position=1)
    data = client.get("/api/v1/themes").get_json()
    assert {"id": child.id, "slug": child.slug, "title": "Vélo", "parent_id": axis.id,
            "position": 1} in data["items"]
    assert any(item["id"] == axis.id and item["parent_id"] is None for item in data["items"])


def test_api_is_read_only(client):
    for url in ("/api/v1/proposals", "/api/v1/themes", "/api/v1/proposals/1"):
        response = client.post(url)
        assert response.status_code == 405, url
        assert response.get_json()["error"]["status"] == 405
        assert response.headers["Allow"]
