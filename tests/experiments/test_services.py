"""Experiments: creating, checking, moving along, accepting proposals for them."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from civic.audit.models import AuditEntry
from civic.core.errors import DomainError, PermissionDenied
from civic.experiments import services, supports
from civic.experiments.models import ExperimentPartner
from civic.extensions import db
from civic.notifications.models import Notification
from civic.proposals import supports as proposal_supports
from tests.experiments.conftest import experiment_data
from tests.factories import make_experiment, make_organization, make_proposal, make_user


def _refused(call, field=None) -> str:
    with pytest.raises(DomainError) as refused:
        call()
    if field is not None:
        assert refused.value.field == field
    return refused.value.message


def test_staff_create_a_planned_experiment_with_partners_and_proposals(staff, theme, startup,
                                                                       lab, accepted):
    experiment = services.create_experiment(staff, experiment_data(
        theme, partners=[(startup, "lead"), (lab, "partner")],
        proposals=f"{accepted.reference.lower()}, {accepted.id}"))

    assert experiment.status == "planned" and experiment.created_by == staff
    assert [(p.organization.name, p.role) for p in experiment.partners] == [
        ("Captéo", "lead"), ("Laboratoire Mobilités", "partner")]
    assert experiment.proposals == [accepted]  # the same proposal named twice counts once
    assert experiment.budget_euros == 48000
    entry = db.session.scalars(select(AuditEntry).where(
        AuditEntry.action == "experiment.create")).one()
    assert entry.actor_id == staff.id


@pytest.mark.parametrize("user", ["citizen", "moderator"])
def test_only_staff_create_experiments(request, user, theme):
    with pytest.raises(PermissionDenied):
        services.create_experiment(request.getfixturevalue(user), experiment_data(theme))


def test_two_leads_are_refused(staff, theme, startup, lab):
    message = _refused(lambda: services.create_experiment(staff, experiment_data(
        theme, partners=[(startup, "lead"), (lab, "lead")])), "partners")
    assert "Only one partner can lead" in message


def test_the_same_organization_twice_is_refused(staff, theme, startup):
    _refused(lambda: services.create_experiment(staff, experiment_data(
        theme, partners=[(startup, "lead"), (startup, "partner")])), "partners")


def test_the_end_cannot_come_before_the_start(staff, theme):
    message = _refused(lambda: services.create_experiment(staff, experiment_data(
        theme, starts_on=date(2026, 5, 1), ends_on=date(2026, 4, 30))), "ends_on")
    assert "on or after the start date" in message


def test_an_unknown_proposal_reference_is_named(staff, theme):
    message = _refused(lambda: services.create_experiment(staff, experiment_data(
        theme, proposals="P-2026-99999")), "proposals")
    assert "There is no proposal P-2026-99999" in message
    message = _refused(lambda: services.create_experiment(staff, experiment_data(
        theme, proposals="capteurs")), "proposals")
    assert "is not a proposal reference" in message


def test_a_proposal_not_accepted_cannot_be_linked(staff, theme, citizen):
    published = make_proposal(author=citizen, theme=theme)
    message = _refused(lambda: services.create_experiment(staff, experiment_data(
        theme, proposals=published.reference)), "proposals")
    assert "is not accepted" in message


def test_a_place_outside_the_metropolis_is_refused(staff, theme):
    _refused(lambda: services.create_experiment(staff, experiment_data(
        theme, latitude=48.85, longitude=2.35)), "latitude")
    _refused(lambda: services.create_experiment(staff, experiment_data(
        theme, latitude=43.6, longitude=None)), "latitude")


def test_negative_budget_and_missing_theme_are_refused(staff, theme):
    _refused(lambda: services.create_experiment(staff, experiment_data(
        theme, budget_euros=-1)), "budget_euros")
    _refused(lambda: services.create_experiment(staff, experiment_data(None)), "theme")


def test_editing_keeps_partners_and_swaps_roles(staff, theme, startup, lab):
    experiment = services.create_experiment(staff, experiment_data(
        theme, partners=[(startup, "lead"), (lab, "partner")]))
    db.session.commit()
    services.update_experiment(staff, experiment, experiment_data(
        theme, title="Sondes d'arrosage, saison 2", partners=[(lab, "lead"), (startup, "partner")]))
    db.session.commit()

    rows = db.session.scalars(select(ExperimentPartner).order_by(ExperimentPartner.position))
    assert [(p.organization_id, p.role) for p in rows] == [(lab.id, "lead"),
                                                           (startup.id, "partner")]
    services.update_experiment(staff, experiment, experiment_data(theme, partners=[]))
    db.session.commit()
    assert db.session.scalars(select(ExperimentPartner)).all() == []


# --- status ---------------------------------------------------------------------------

def test_start_then_stop_with_a_public_reason(staff, theme, citizen):
    experiment = make_experiment(theme=theme)
    supports.follow_experiment(citizen, experiment)
    services.start_experiment(staff, experiment)
    assert experiment.status == "running" and experiment.started_at is not None

    _refused(lambda: services.stop_experiment(staff, experiment, "  "), "reason")
    services.stop_experiment(staff, experiment, "Le fournisseur a fait faillite.")
    assert experiment.status == "stopped" and experiment.stop_reason.startswith("Le four")

    entries = db.session.scalars(select(AuditEntry).where(
        AuditEntry.action == "experiment.status").order_by(AuditEntry.id)).all()
    assert [(e.before, e.after) for e in entries] == [
        ({"status": "planned"}, {"status": "running"}),
        ({"status": "running"}, {"status": "stopped"})]
    assert entries[1].reason == "Le fournisseur a fait faillite."
    told = db.session.scalars(select(Notification).where(
        Notification.user_id == citizen.id, Notification.kind == "experiment.status")).all()
    assert [n.data["experiment_status"] for n in told] == ["running", "stopped"]


@pytest.mark.parametrize("status, target", [("planned", "evaluated"), ("stopped", "running"),
                                            ("evaluated", "stopped"), ("running", "running")])
def test_forbidden_transitions(staff, theme, status, target):
    experiment = make_experiment(theme=theme, status=status)
    message = _refused(lambda: services.move(staff, experiment, target))
    assert "cannot go from" in message
    assert experiment.status == status


def test_a_stopped_experiment_cannot_start(staff, theme):
    experiment = make_experiment(theme=theme, status="stopped")
    _refused(lambda: services.start_experiment(staff, experiment))


def test_only_staff_change_the_status(moderator, theme):
    experiment = make_experiment(theme=theme)
    with pytest.raises(PermissionDenied):
        services.start_experiment(moderator, experiment)
    assert experiment.status == "planned"


def test_followers_of_linked_proposals_hear_of_status_changes(staff, theme, accepted,
                                                              other_citizen):
    proposal_supports.follow_proposal(other_citizen, accepted)
    experiment = make_experiment(theme=theme, proposals=[accepted])
    services.start_experiment(staff, experiment)
    note = db.session.scalars(select(Notification).where(
        Notification.user_id == other_citizen.id)).one()
    assert note.kind == "experiment.status"
    assert note.data["path"] == f"/experiments/{experiment.id}"


# --- accepting a proposal for experimentation -----------------------------------------

@pytest.mark.parametrize("reviewer", ["moderator", "staff"])
@pytest.mark.parametrize("status", ["published", "under_review", "accepted"])
def test_accepting_for_experimentation_moves_the_proposal(request, reviewer, status, theme,
                                                          citizen, startup, other_citizen):
    actor = request.getfixturevalue(reviewer)
    proposal = make_proposal(author=citizen, theme=theme, status=status,
                             title="Des bancs connectés", organization=startup)
    proposal_supports.follow_proposal(other_citizen, proposal)
    prefilled = services.prefill(proposal)
    assert prefilled["title"] == "Des bancs connectés"
    assert prefilled["partners"] == [(startup, "lead")]

    experiment = services.accept_for_experimentation(actor, proposal, experiment_data(
        theme, partners=prefilled["partners"]))

    assert proposal.status == "experimenting"
    assert experiment.proposals == [proposal]
    assert f"/experiments/{experiment.id}" in proposal.answer
    kinds = db.session.scalars(select(Notification.kind).where(
        Notification.user_id == other_citizen.id)).all()
    assert "proposal.answered" in kinds  # told by the proposal's status change


def test_citizens_cannot_accept_and_closed_proposals_cannot_be(citizen, moderator, theme):
    proposal = make_proposal(author=make_user(), theme=theme)
    with pytest.raises(PermissionDenied):
        services.accept_for_experimentation(citizen, proposal, experiment_data(theme))
    rejected = make_proposal(theme=theme, status="rejected")
    _refused(lambda: services.accept_for_experimentation(moderator, rejected,
                                                         experiment_data(theme)))
    assert rejected.status == "rejected" and proposal.status == "published"


def test_a_refused_acceptance_changes_nothing(moderator, theme, accepted):
    with pytest.raises(DomainError):
        services.accept_for_experimentation(moderator, accepted, experiment_data(
            theme, ends_on=date(2020, 1, 1)))
    db.session.rollback()
    assert accepted.status == "accepted"


def test_an_organization_may_be_listed_with_another(staff, theme):
    org = make_organization(name="Garonne Énergies", kind="company")
    experiment = services.create_experiment(staff, experiment_data(
        theme, partners=[(org, "partner")]))
    assert experiment.partners[0].role == "partner"
