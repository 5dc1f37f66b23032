"""Supporting and following experiments: once per account, counts exact."""
from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError

from civic.accounts.profile_data import export_user_data
from civic.core.errors import DomainError, PermissionDenied
from civic.core.models import utcnow
from civic.experiments import supports
from civic.experiments.models import ExperimentSupport
from civic.extensions import db
from tests.factories import make_experiment, make_user


def test_one_support_per_account(citizen, other_citizen, theme):
    experiment = make_experiment(theme=theme, status="running")
    assert supports.support_experiment(citizen, experiment) is True
    assert supports.support_experiment(citizen, experiment) is False
    supports.support_experiment(other_citizen, experiment)
    assert experiment.supports_count == 2
    assert supports.set_support(citizen, experiment, False) is False
    assert experiment.supports_count == 1
    assert supports.unsupport_experiment(citizen, experiment) is False
    assert experiment.supports_count == 1


def test_the_database_refuses_a_second_support(citizen, theme):
    experiment = make_experiment(theme=theme)
    db.session.add(ExperimentSupport(experiment_id=experiment.id, user_id=citizen.id))
    db.session.flush()
    with pytest.raises(IntegrityError), db.session.begin_nested():
        db.session.add(ExperimentSupport(experiment_id=experiment.id, user_id=citizen.id))
        db.session.flush()


def test_a_blocked_person_cannot_support(theme):
    blocked = make_user(locale="en", blocked_at=utcnow(), block_reason="Spam")
    experiment = make_experiment(theme=theme)
    with pytest.raises(PermissionDenied) as refused:
        supports.support_experiment(blocked, experiment)
    assert "Your account is blocked" in refused.value.message
    assert experiment.supports_count == 0


def test_stopped_or_hidden_experiments_take_no_support(citizen, theme):
    for experiment in (make_experiment(theme=theme, status="stopped"),
                       make_experiment(theme=theme, moderation="hidden")):
        with pytest.raises(DomainError):
            supports.support_experiment(citizen, experiment)
        assert experiment.supports_count == 0


def test_unconfirmed_people_cannot_support(theme):
    with pytest.raises(PermissionDenied):
        supports.support_experiment(make_user(confirmed=False), make_experiment(theme=theme))


def test_follow_counts_and_account_erasure(app, citizen, theme):
    from civic.accounts.profile_services import ACCOUNT_ERASERS

    experiment = make_experiment(theme=theme)
    assert supports.set_follow(citizen, experiment) is True
    assert supports.follow_experiment(citizen, experiment) is False
    supports.support_experiment(citizen, experiment)
    assert experiment.followers_count == 1

    data = export_user_data(citizen)
    assert data["followed_experiments"][0]["experiment_id"] == experiment.id
    assert data["experiment_supports"][0]["experiment_id"] == experiment.id

    for erase in ACCOUNT_ERASERS:
        erase(citizen)
    db.session.expire_all()
    assert experiment.followers_count == 0
    assert experiment.supports_count == 1  # supports stay, as for proposals
