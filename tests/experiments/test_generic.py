"""Experiments get the generic mechanisms: comments, reports and moderation."""
from __future__ import annotations

from civic.experiments.models import Experiment
from civic.extensions import db
from tests.factories import make_experiment
from tests.fixtures.http import text


def test_people_comment_on_an_experiment(client, login_as, citizen, theme):
    experiment = make_experiment(title="Sondes d'arrosage", theme=theme, status="running")
    login_as(citizen)
    response = client.post_form(f"/comments/experiment/{experiment.id}", {
        "body": "Bravo pour les économies d'eau !", "alignment": "for", "organization": "0"})
    assert response.status_code == 302
    assert db.session.get(Experiment, experiment.id).comments_count == 1
    assert "Bravo pour les économies" in text(client.get(f"/experiments/{experiment.id}"))


def test_a_stopped_experiment_takes_no_comment(client, login_as, citizen, theme):
    experiment = make_experiment(theme=theme, status="stopped")
    login_as(citizen)
    client.post_form(f"/comments/experiment/{experiment.id}", {
        "body": "Dommage.", "alignment": "neutral", "organization": "0"})
    assert db.session.get(Experiment, experiment.id).comments_count == 0


def test_report_and_hide_an_experiment(client, login_as, citizen, moderator, theme):
    experiment = make_experiment(title="Navette publicitaire", theme=theme)
    login_as(citizen)
    page = text(client.get(f"/experiments/{experiment.id}"))
    assert f"/report/experiment/{experiment.id}" in page and "/moderation/hide/" not in page
    assert client.get(f"/report/experiment/{experiment.id}").status_code == 200

    login_as(moderator)
    assert f"/moderation/hide/experiment/{experiment.id}" in text(
        client.get(f"/experiments/{experiment.id}"))
    client.post_form(f"/moderation/hide/experiment/{experiment.id}",
                     {"reason": "Publicité déguisée"})
    assert db.session.get(Experiment, experiment.id).moderation == "hidden"

    login_as(citizen)
    page = text(client.get(f"/experiments/{experiment.id}"))
    assert "Hidden experiment" in page and "Navette publicitaire" not in page
    assert client.get(f"/api/v1/experiments/{experiment.id}").status_code == 404
