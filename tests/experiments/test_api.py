"""GET /api/v1/experiments and /api/v1/experiments/<id>."""
from __future__ import annotations

from datetime import date

from civic.experiments import evaluation, journal
from civic.extensions import db
from tests.factories import make_experiment, make_proposal, make_section


def test_the_list_is_paginated_and_filtered(client, theme, startup, lab):
    make_experiment(title="Sondes d'arrosage", theme=theme, status="running",
                    partners=[(startup, "lead"), (lab, "partner")])
    make_experiment(title="Éclairage adaptatif", theme=make_section(), status="planned",
                    partners=[(lab, "lead")])
    make_experiment(title="Cachée", theme=theme, moderation="hidden")

    body = client.get("/api/v1/experiments").get_json()
    assert body["total"] == 2 and body["page"] == 1 and body["per_page"] == 20
    assert {item["title"] for item in body["items"]} == {"Sondes d'arrosage",
                                                         "Éclairage adaptatif"}
    running = client.get("/api/v1/experiments?status=running").get_json()["items"]
    assert [item["title"] for item in running] == ["Sondes d'arrosage"]
    assert running[0]["partners"] == [
        {"id": startup.id, "name": "Captéo", "kind": "startup", "verified": True,
         "role": "lead"},
        {"id": lab.id, "name": "Laboratoire Mobilités", "kind": "research",
         "verified": False, "role": "partner"}]
    assert client.get(f"/api/v1/experiments?partner={startup.slug}").get_json()["total"] == 1
    assert client.get(f"/api/v1/experiments?theme={theme.slug}").get_json()["total"] == 1
    paged = client.get("/api/v1/experiments?per_page=1&page=2").get_json()
    assert paged["total"] == 2 and len(paged["items"]) == 1


def test_bad_parameters_get_a_400_naming_them(client):
    for query, parameter in (("status=done", "status"), ("partner=nobody", "partner"),
                             ("page=0", "page"), ("theme=nowhere", "theme")):
        response = client.get(f"/api/v1/experiments?{query}")
        assert response.status_code == 400
        assert response.get_json()["error"]["parameter"] == parameter


def test_the_detail_has_partners_proposals_updates_and_evaluation(client, staff, theme,
                                                                  startup, accepted):
    hidden_proposal = make_proposal(theme=theme, status="accepted", moderation="hidden")
    experiment = make_experiment(title="Sondes d'arrosage", theme=theme, status="running",
                                 partners=[(startup, "lead")],
                                 proposals=[accepted, hidden_proposal],
                                 starts_on=date(2026, 3, 1))
    journal.post_update(staff, experiment, {"title": "Sondes posées", "body": "36 sondes.",
                                            "happened_on": date(2026, 3, 2)})
    evaluation.post_evaluation(staff, experiment, {
        "summary": "Moins d'eau.", "outcome": "adapt", "lessons": "Mieux placer.",
        "indicators": [{"name": "Eau", "unit": "m³", "target": "1200", "measured": "12,5"}]})
    db.session.commit()

    data = client.get(f"/api/v1/experiments/{experiment.id}").get_json()
    assert data["status"] == "evaluated" and data["starts_on"] == "2026-03-01"
    assert data["partners"][0]["role"] == "lead"
    assert data["proposals"] == [{
        "id": accepted.id, "reference": accepted.reference, "title": accepted.title,
        "status": "accepted", "url": f"http://localhost/proposals/{accepted.id}"}]
    assert [u["title"] for u in data["updates"]] == ["Sondes posées"]
    assert data["updates"][0]["happened_on"] == "2026-03-02"
    assert data["evaluation"]["outcome"] == "adapt"
    assert data["evaluation"]["indicators"] == [
        {"name": "Eau", "unit": "m³", "target": 1200.0, "measured": 12.5}]


def test_hidden_or_missing_experiments_are_404(client, theme):
    hidden = make_experiment(theme=theme, moderation="hidden")
    assert client.get(f"/api/v1/experiments/{hidden.id}").status_code == 404
    response = client.get("/api/v1/experiments/999999")
    assert response.status_code == 404 and response.get_json()["error"]["status"] == 404
