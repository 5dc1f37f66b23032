"""GET /api/v1/master-plan...: published versions, differences and section sources."""
from __future__ import annotations

import pytest

from civic.experiments.models import Evaluation
from civic.extensions import db
from civic.masterplan.models import PlanRevision, RevisionSource
from civic.masterplan.revisions import section_text, start_draft
from tests.factories import (
    make_experiment,
    make_proposal,
    make_published_revision,
    make_section,
    make_user,
)

SECTION_KEYS = {"id", "slug", "title", "summary", "body", "objectives", "indicators",
                "position", "url"}


@pytest.fixture
def plan(db_session):
    axis = make_section(title="Mobilités intelligentes", position=1, summary="L'axe",
                        body="Se déplacer **mieux**", objectives="- Moins de voitures",
                        indicators="- Part modale")
    shuttles = make_section(title="Navettes autonomes", parent=axis, position=2,
                            body="Une ligne de navettes")
    parking = make_section(title="Stationnement", parent=axis, position=1)
    energy = make_section(title="Énergie", position=2)
    return {"axis": axis, "shuttles": shuttles, "parking": parking, "energy": energy}


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.is_json
    return response.get_json()


def test_no_version_yet_is_a_json_404(client, plan):
    error = get(client, "/api/v1/master-plan", 404)["error"]
    assert error["status"] == 404 and "not been published" in error["detail"]


def test_the_current_version_as_a_tree(client, plan):
    publisher = make_user(display_name="Sophie Marty", roles=("staff",))
    make_published_revision(summary="Première version")
    v2 = make_published_revision(summary="Deuxième version")
    v2.published_by_id = publisher.id
    db.session.commit()

    data = get(client, "/api/v1/master-plan")
    assert set(data) == {"number", "published_at", "summary", "author", "url", "sections"}
    assert (data["number"], data["summary"], data["author"]) == (
        2, "Deuxième version", "Sophie Marty")
    assert data["url"] == "http://localhost/plan/v/2"
    assert [axis["title"] for axis in data["sections"]] == ["Mobilités intelligentes",
                                                              "Énergie"]
    axis = data["sections"][0]
    assert set(axis) == SECTION_KEYS | {"projects"}
    assert axis["body"] == "Se déplacer **mieux**"  # the Markdown source
    assert axis["objectives"] == "- Moins de voitures" and axis["summary"] == "L'axe"
    assert [p["title"] for p in axis["projects"]] == ["Stationnement", "Navettes autonomes"]
    assert set(axis["projects"][0]) == SECTION_KEYS
    assert axis["projects"][1]["url"] == f"http://localhost/plan/sections/{plan['shuttles'].id}"
    assert axis["projects"][1]["slug"] == plan["shuttles"].slug


def test_drafts_are_never_shown(client, plan):
    staff = make_user(roles=("staff",))
    make_published_revision()
    draft = start_draft(staff)
    section_text(draft, plan["axis"].id).body = "Brouillon secret"
    db.session.commit()
    assert "Brouillon secret" not in client.get("/api/v1/master-plan").get_data(as_text=True)
    listing = get(client, "/api/v1/master-plan/revisions")
    assert [item["number"] for item in listing["items"]] == [1]


def test_the_list_of_versions(client, plan):
    for n in range(3):
        make_published_revision(summary=f"Version {n + 1}")
    data = get(client, "/api/v1/master-plan/revisions")
    assert (data["page"], data["per_page"], data["total"]) == (1, 20, 3)
    assert [item["number"] for item in data["items"]] == [3, 2, 1]
    assert set(data["items"][0]) == {"number", "published_at", "summary", "author", "url"}
    assert data["items"][0]["author"] is None and data["items"][2]["summary"] == "Version 1"
    paged = get(client, "/api/v1/master-plan/revisions?per_page=2&page=2")
    assert [item["number"] for item in paged["items"]] == [1]


@pytest.mark.parametrize("query,parameter", [
    ("page=0", "page"), ("page=abc", "page"), ("per_page=1000", "per_page"),
])
def test_bad_list_parameters_are_400(client, plan, query, parameter):
    error = get(client, f"/api/v1/master-plan/revisions?{query}", 400)["error"]
    assert error["parameter"] == parameter


def test_one_version_by_number(client, plan):
    make_published_revision(summary="Première version")
    make_published_revision(summary="Deuxième version")
    data = get(client, "/api/v1/master-plan/revisions/1")
    assert data["number"] == 1 and data["summary"] == "Première version"
    assert len(data["sections"]) == 2
    error = get(client, "/api/v1/master-plan/revisions/9", 404)["error"]
    assert "no version 9" in error["detail"]


def test_the_differences_between_two_versions(client, plan):
    make_published_revision()
    plan["shuttles"].body = "Une ligne de navettes électriques la nuit"
    plan["energy"].title = "Énergie et climat"
    db.session.commit()
    make_published_revision()

    data = get(client, "/api/v1/master-plan/diff?from=1&to=2")
    assert data["from"]["number"] == 1 and data["to"]["number"] == 2
    changed = {section["id"]: section for section in data["sections"]}
    assert set(changed) == {plan["shuttles"].id, plan["energy"].id}
    [body] = changed[plan["shuttles"].id]["fields"]
    assert body == {"field": "body", "old": "Une ligne de navettes",
                    "new": "Une ligne de navettes électriques la nuit",
                    "added": 3, "removed": 0}
    assert changed[plan["shuttles"].id]["status"] == "changed"
    [title] = changed[plan["energy"].id]["fields"]
    assert (title["field"], title["added"], title["removed"]) == ("title", 2, 0)
    assert get(client, "/api/v1/master-plan/diff?from=2&to=2")["sections"] == []


@pytest.mark.parametrize("query,parameter", [
    ("to=2", "from"), ("from=1", "to"), ("from=x&to=2", "from"), ("from=1&to=-2", "to"),
])
def test_bad_diff_parameters_are_400(client, plan, query, parameter):
    make_published_revision()
    make_published_revision()
    error = get(client, f"/api/v1/master-plan/diff?{query}", 400)["error"]
    assert error["parameter"] == parameter


def test_a_diff_with_a_missing_version_is_404(client, plan):
    make_published_revision()
    assert "no version 7" in get(client, "/api/v1/master-plan/diff?from=1&to=7",
                                 404)["error"]["detail"]


def test_the_sources_of_a_section(client, plan):
    shuttles = plan["shuttles"]
    proposal = make_proposal(theme=shuttles, status="integrated", title="Navettes la nuit")
    experiment = make_experiment(theme=shuttles, title="Navette aux Minimes",
                                 status="evaluated")
    db.session.add(Evaluation(experiment_id=experiment.id, outcome="adopt"))
    make_published_revision()
    v2 = make_published_revision()
    for kind, item in (("proposal", proposal), ("experiment", experiment)):
        db.session.add(RevisionSource(revision=v2, section_id=shuttles.id, source_type=kind,
                                      source_id=item.id, note="Merci"))
    db.session.commit()

    data = get(client, f"/api/v1/master-plan/sections/{shuttles.id}/sources")
    assert data["section"] == {"id": shuttles.id, "slug": shuttles.slug,
                               "title": "Navettes autonomes"}
    assert [(i["kind"], i["title"], i["revision"]) for i in data["items"]] == [
        ("experiment", "Navette aux Minimes", 2), ("proposal", "Navettes la nuit", 2)]
    experiment_item, proposal_item = data["items"]
    assert experiment_item["outcome"] == "adopt" and proposal_item["outcome"] is None
    assert proposal_item["url"] == f"http://localhost/proposals/{proposal.id}"
    assert proposal_item["reference"] == proposal.reference and proposal_item["note"] == "Merci"
    assert proposal_item["changes_url"] == (
        f"http://localhost/plan/diff?from=1&to=2#diff-{shuttles.id}-title")
    assert get(client, "/api/v1/master-plan/sections/99999/sources", 404)["error"]


def test_constant_queries(client, plan, count_queries):
    make_published_revision()

    def queries(url):
        db.session.expire_all()
        with count_queries() as counter:
            assert client.get(url).status_code == 200
        return counter.count

    urls = ["/api/v1/master-plan", "/api/v1/master-plan/revisions",
            "/api/v1/master-plan/diff?from=1&to=2",
            f"/api/v1/master-plan/sections/{plan['axis'].id}/sources"]
    make_published_revision()
    for n in range(5):
        if n == 1:
            before = [queries(url) for url in urls]
        project = make_section(title=f"Projet {n}", parent=plan["axis"], position=5 + n)
        db.session.add(RevisionSource(
            revision=db.session.query(PlanRevision).filter_by(number=2).one(),
            section_id=plan["axis"].id, source_type="proposal",
            source_id=make_proposal(theme=project, status="integrated").id))
        db.session.commit()
    make_published_revision()
    urls[2] = "/api/v1/master-plan/diff?from=1&to=3"
    assert [queries(url) for url in urls] == before
