"""GET /api/v1/comments and /api/v1/comments/<id>."""
from __future__ import annotations

import pytest

from tests.factories import make_comment

KEYS = {"id", "target_type", "target_id", "parent_id", "depth", "state", "hidden_reason",
        "alignment", "body", "author", "organization", "created_at", "edited_at", "upvotes",
        "downvotes", "url"}


def _list(client, target_type, target, query=""):
    response = client.get(f"/api/v1/comments?target_type={target_type}"
                          f"&target_id={target.id}{query}")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_a_proposal_thread_with_placeholders(client, api_data):
    data = _list(client, "proposal", api_data["proposal"])
    assert set(data) == {"items", "page", "per_page", "total"}
    by_id = {item["id"]: item for item in data["items"]}
    first = by_id[api_data["first"].id]
    assert set(first) == KEYS
    assert first["body"] == "Premier **avis**" and first["alignment"] == "for"
    assert first["author"]["display_name"] == "Alix Publique"
    assert first["organization"]["name"] == "Vélo Lab"
    assert first["url"].endswith(f"/proposals/{api_data['proposal'].id}"
                                 f"#comment-{api_data['first'].id}")
    reply = by_id[api_data["reply"].id]
    assert (reply["parent_id"], reply["depth"]) == (api_data["first"].id, 2)
    assert reply["author"] == {"display_name": "Deleted participant", "profile_url": None}
    deleted = by_id[api_data["deleted_with_reply"].id]
    assert deleted["state"] == "deleted"
    assert deleted["body"] is None and deleted["author"] is None
    hidden = by_id[api_data["hidden_comment"].id]
    assert hidden["state"] == "hidden" and hidden["body"] is None
    assert hidden["hidden_reason"] == "Propos injurieux" and hidden["author"] is None
    # Pending comments and deleted ones nobody answered are left out.
    assert api_data["pending_comment"].id not in by_id
    assert api_data["deleted_alone"].id not in by_id
    assert data["total"] == len(by_id) == 5
    text = str(data)
    for secret in ("Insulte", "Effacé", "En attente", "Ancien Compte", "alix.secret"):
        assert secret not in text
    # Oldest first
    assert [item["id"] for item in data["items"]] == sorted(by_id)


def test_other_kinds_of_target(client, api_data):
    for kind, key, body in (("experiment", "experiment", "Sur l’expérimentation"),
                            ("section", "project", "Sur la section"),
                            ("amendment", "amendment", "Sur l’amendement")):
        [item] = _list(client, kind, api_data[key])["items"]
        assert item["body"] == body and item["target_type"] == kind


def test_pages(client, api_data):
    page = _list(client, "proposal", api_data["proposal"], "&per_page=2&page=2")
    assert (page["page"], page["per_page"], page["total"]) == (2, 2, 5)
    everything = _list(client, "proposal", api_data["proposal"])["items"]
    assert [item["id"] for item in page["items"]] == [i["id"] for i in everything[2:4]]


@pytest.mark.parametrize("query,parameter", [
    ("", "target_type"), ("target_id=1", "target_type"),
    ("target_type=proposal", "target_id"), ("target_type=comment&target_id=1", "target_type"),
    ("target_type=profile&target_id=1", "target_type"),
    ("target_type=proposal&target_id=abc", "target_id"),
    ("target_type=proposal&target_id=0", "target_id"),
    ("target_type=proposal&target_id=99999999999", "target_id"),
    ("target_type=proposal&target_id=1&per_page=101", "per_page"),
    ("target_type=proposal&target_id=1&page=0", "page"),
])
def test_bad_parameters(client, api_data, query, parameter):
    response = client.get("/api/v1/comments?" + query)
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["parameter"] == parameter and error["status"] == 400 and error["detail"]


def test_items_the_public_cannot_see_are_404(client, api_data):
    for kind, item in (("proposal", api_data["draft"]), ("proposal", api_data["hidden"]),
                       ("amendment", api_data["pending_amendment"])):
        response = client.get(f"/api/v1/comments?target_type={kind}&target_id={item.id}")
        assert response.status_code == 404 and response.get_json()["error"]["status"] == 404
    assert client.get("/api/v1/comments?target_type=proposal&target_id=999999"
                      ).status_code == 404
    assert "Sur une masquée" not in client.get(
        f"/api/v1/comments/{api_data['draft_comment'].id}").get_data(as_text=True)


def test_one_comment(client, api_data):
    data = client.get(f"/api/v1/comments/{api_data['first'].id}").get_json()
    assert set(data) == KEYS and data["body"] == "Premier **avis**"
    hidden = client.get(f"/api/v1/comments/{api_data['hidden_comment'].id}").get_json()
    assert hidden["state"] == "hidden" and hidden["body"] is None
    for key in ("pending_comment", "deleted_alone", "draft_comment"):
        response = client.get(f"/api/v1/comments/{api_data[key].id}")
        assert response.status_code == 404, key
    assert client.get("/api/v1/comments/99999999").status_code == 404
    assert client.get("/api/v1/comments/99999999999").status_code == 404  # beyond int32


def test_constant_number_of_queries(client, api_data, count_queries, db):
    proposal = api_data["proposal"]
    url = f"/api/v1/comments?target_type=proposal&target_id={proposal.id}"

    def queries():
        db.session.expire_all()
        with count_queries() as counter:
            assert client.get(url).status_code == 200
        return counter.count

    before = queries()
    for _ in range(4):
        make_comment(target=proposal, organization=api_data["org"])
    assert queries() == before
