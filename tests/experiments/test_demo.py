"""The demo seeder adds a running, an evaluated and a planned experiment."""
from __future__ import annotations

from sqlalchemy import select

from civic.demo.services import seed_demo
from civic.experiments.models import Experiment
from civic.extensions import db


def test_the_demo_has_experiments_in_every_state(app):
    ctx = seed_demo(echo=lambda line: None)
    assert ctx.created["experiments"] == 3
    experiments = {e.status: e for e in db.session.scalars(select(Experiment))}
    assert set(experiments) == {"running", "evaluated", "planned"}
    running = experiments["running"]
    assert len(running.updates) == 2
    assert [p.status for p in running.proposals] == ["experimenting"]
    assert sum(1 for p in running.partners if p.role == "lead") == 1
    evaluated = experiments["evaluated"].evaluation
    assert evaluated.outcome == "adapt" and len(evaluated.indicators) == 3
    assert evaluated.indicators[0].measured == 131.5
    assert running.supports_count > 0

    seed_demo(echo=lambda line: None)  # a second run adds nothing
    assert len(db.session.scalars(select(Experiment)).all()) == 3
