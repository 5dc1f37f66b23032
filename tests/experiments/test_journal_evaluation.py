"""The journal and the evaluation of experiments."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from civic.core.errors import DomainError, PermissionDenied
from civic.experiments import evaluation, journal, supports
from civic.experiments.models import Indicator
from civic.extensions import db
from civic.notifications.models import Notification
from tests.factories import make_experiment

EVALUATION = {
    "summary": "Moins d'eau, pelouses intactes.", "outcome": "adapt",
    "lessons": "Mieux placer les sondes.",
    "indicators": [
        {"name": "Eau d'arrosage", "unit": "m³", "target": "1 200", "measured": "1250,5"},
        {"name": "", "unit": "", "target": "", "measured": ""},
        {"name": "Pelouses en bon état", "unit": "%", "target": "90", "measured": ""},
    ],
}


def test_updates_are_listed_newest_first_and_followers_told(staff, theme, citizen):
    experiment = make_experiment(theme=theme, status="running")
    supports.follow_experiment(citizen, experiment)
    journal.post_update(staff, experiment, {"title": "Sondes posées", "body": "36 sondes.",
                                            "happened_on": date(2025, 4, 2)})
    journal.post_update(staff, experiment, {"title": "Premiers relevés", "body": "Bien.",
                                            "happened_on": date(2025, 5, 10)})
    db.session.commit()
    db.session.expire_all()
    assert [u.title for u in experiment.updates] == ["Premiers relevés", "Sondes posées"]
    told = db.session.scalars(select(Notification).where(
        Notification.user_id == citizen.id, Notification.kind == "experiment.update")).all()
    assert len(told) == 2 and told[0].data["update_title"] == "Sondes posées"


def test_an_update_cannot_be_in_the_future_nor_on_a_stopped_experiment(staff, theme):
    experiment = make_experiment(theme=theme, status="running")
    tomorrow = date.today() + timedelta(days=1)
    with pytest.raises(DomainError) as refused:
        journal.post_update(staff, experiment, {"title": "Plus tard", "body": "…",
                                                "happened_on": tomorrow})
    assert refused.value.field == "happened_on"
    stopped = make_experiment(theme=theme, status="stopped")
    with pytest.raises(DomainError):
        journal.post_update(staff, stopped, {"title": "Trop tard", "body": "…",
                                             "happened_on": date.today()})


def test_only_staff_post_updates(moderator, theme):
    experiment = make_experiment(theme=theme, status="running")
    with pytest.raises(PermissionDenied):
        journal.post_update(moderator, experiment, {"title": "Non", "body": "Non",
                                                    "happened_on": date.today()})


def test_parse_number_accepts_the_french_decimal_comma():
    assert evaluation.parse_number("12,5") == 12.5
    assert evaluation.parse_number(" 1 250,75 ") == 1250.75
    assert evaluation.parse_number("-3.5") == -3.5
    assert evaluation.parse_number("") is None
    for bad in ("douze", "1,2,3", "12%", "1e400"):
        with pytest.raises(DomainError):
            evaluation.parse_number(bad)


def test_evaluating_a_running_experiment(staff, theme, citizen):
    experiment = make_experiment(theme=theme, status="running")
    supports.follow_experiment(citizen, experiment)
    result = evaluation.post_evaluation(staff, experiment, EVALUATION)
    db.session.commit()

    assert experiment.status == "evaluated" and experiment.evaluated_at is not None
    assert result.outcome == "adapt"
    assert [(i.name, i.unit, i.target, i.measured) for i in result.indicators] == [
        ("Eau d'arrosage", "m³", 1200.0, 1250.5), ("Pelouses en bon état", "%", 90.0, None)]
    note = db.session.scalars(select(Notification).where(
        Notification.user_id == citizen.id)).one()
    assert note.data["experiment_status"] == "evaluated"


def test_posting_again_edits_the_evaluation(staff, theme):
    experiment = make_experiment(theme=theme, status="running")
    evaluation.post_evaluation(staff, experiment, EVALUATION)
    db.session.commit()
    evaluated_at = experiment.evaluated_at
    evaluation.post_evaluation(staff, experiment, {**EVALUATION, "outcome": "adopt",
                                                   "indicators": []})
    db.session.commit()
    assert experiment.evaluation.outcome == "adopt"
    assert experiment.evaluated_at == evaluated_at
    assert db.session.scalars(select(Indicator)).all() == []


@pytest.mark.parametrize("status, says", [("planned", "Start the experiment"),
                                          ("stopped", "stopped experiment is not evaluated")])
def test_only_running_experiments_are_evaluated(staff, theme, status, says):
    experiment = make_experiment(theme=theme, status=status)
    with pytest.raises(DomainError) as refused:
        evaluation.post_evaluation(staff, experiment, EVALUATION)
    assert says in refused.value.message
    assert experiment.status == status and experiment.evaluation is None


@pytest.mark.parametrize("change, field", [
    ({"outcome": "maybe"}, "outcome"), ({"summary": " "}, "summary"),
    ({"lessons": ""}, "lessons"),
    ({"indicators": [{"name": "", "unit": "kg", "target": "", "measured": ""}]}, "indicators"),
    ({"indicators": [{"name": "Poids", "unit": "kg", "target": "beaucoup"}]}, "indicators"),
])
def test_an_incomplete_evaluation_is_refused(staff, theme, change, field):
    experiment = make_experiment(theme=theme, status="running")
    with pytest.raises(DomainError) as refused:
        evaluation.post_evaluation(staff, experiment, {**EVALUATION, **change})
    assert refused.value.field == field
    assert experiment.status == "running"
