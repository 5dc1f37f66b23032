"""A small crafted data set whose every figure is known, and English pages."""
from __future__ import annotations

from datetime import timedelta

import pytest

from civic.core import cache
from civic.core.models import utcnow
from civic.experiments.models import ExperimentSupport
from civic.extensions import db
from civic.proposals.models import Support
from tests.factories import (
    make_amendment,
    make_comment,
    make_evaluation,
    make_experiment,
    make_organization,
    make_proposal,
    make_published_revision,
    make_section,
    make_user,
)
from tests.fixtures.english import EN, _english_pages, request_ctx  # noqa: F401


@pytest.fixture(autouse=True)
def _fresh_cache(app, monkeypatch):
    """Figures computed afresh in every test unless a test asks for the cache."""
    monkeypatch.setitem(app.config, "STATS_CACHE_SECONDS", 0)
    cache.clear_memory()
    yield
    cache.clear_memory()


def support(proposal, *users, at=None):
    for user in users:
        db.session.add(Support(proposal_id=proposal.id, user_id=user.id,
                               created_at=at or utcnow()))
    proposal.supports_count = (proposal.supports_count or 0) + len(users)
    db.session.commit()


def proposal_at(days_ago: float, **fields):
    """A proposal published `days_ago` days ago."""
    proposal = make_proposal(**fields)
    proposal.published_at = utcnow() - timedelta(days=days_ago)
    db.session.commit()
    return proposal


def answer(proposal, days: float) -> None:
    proposal.answered_at = proposal.published_at + timedelta(days=days)
    proposal.answer = "Merci, nous étudions votre proposition."
    db.session.commit()


@pytest.fixture
def city(db_session):
    """Two axes (the first with a flagship project), four counted proposals (three
    answered after 2, 4 and 9 days), and everything that must NOT count: a draft, a
    hidden and a pending proposal, deleted/hidden/pending comments, a hidden experiment,
    a hidden amendment, supports on a hidden proposal, a deleted account."""
    now = utcnow()
    mobility = make_section(title="Mobilités", position=0)
    sensors = make_section(title="Capteurs de trafic", parent=mobility)
    nature = make_section(title="Nature en ville", position=1)
    startup = make_organization(name="Captéo", kind="startup")
    association = make_organization(name="Vélo Cité", kind="association")
    people = {name: make_user(display_name=name, locale="en")
              for name in ("Ana", "Bruno", "Chloé", "Driss", "Eva", "Fanny", "Gaspard",
                           "Hugo", "Inès", "Jules")}
    gone = make_user(display_name="Parti", deleted_at=now)
    p = {
        "bikes": proposal_at(20, author=people["Ana"], theme=sensors, title="Des arceaux"),
        "sensors": proposal_at(15, author=people["Bruno"], theme=mobility,
                               status="under_review", organization=startup),
        "trees": proposal_at(12, author=people["Chloé"], theme=nature, status="accepted",
                             organization=association),
        "benches": proposal_at(1, author=people["Ana"], theme=nature),
        # Published long ago: counts, but outside the last 24 months.
        "old": proposal_at(900, author=people["Ana"], theme=nature, status="rejected"),
    }
    answer(p["bikes"], 2)
    answer(p["sensors"], 4)
    answer(p["trees"], 9)
    excluded = {
        "draft": make_proposal(author=people["Ana"], theme=sensors, status="draft"),
        "hidden": proposal_at(3, author=people["Hugo"], theme=sensors, moderation="hidden"),
        "pending": proposal_at(3, author=people["Inès"], theme=nature, moderation="pending"),
    }
    answer(excluded["hidden"], 100)
    support(p["bikes"], people["Bruno"], people["Chloé"], people["Driss"])
    support(p["trees"], people["Ana"])
    support(excluded["hidden"], people["Eva"])  # Eva supports only hidden content

    make_comment(target=p["bikes"], author=people["Bruno"])
    make_comment(target=p["bikes"], author=people["Chloé"], organization_id=association.id)
    make_comment(target=p["sensors"], author=people["Bruno"], organization_id=startup.id)
    make_comment(target=mobility, author=people["Chloé"])  # on the plan itself
    make_comment(target=p["bikes"], author=gone)  # a deleted account's comment counts
    make_comment(target=p["bikes"], author=people["Jules"], deleted_at=now, body="")
    make_comment(target=p["trees"], author=people["Jules"], moderation="hidden")
    make_comment(target=p["trees"], author=people["Jules"], moderation="pending")
    make_comment(target=excluded["hidden"], author=people["Jules"])

    running = make_experiment(theme=sensors, status="running")
    evaluated = make_experiment(theme=nature, status="evaluated")
    planned = make_experiment(theme=nature, status="planned")
    hidden_experiment = make_experiment(theme=nature, status="evaluated", moderation="hidden")
    make_evaluation(evaluated, outcome="adopt", summary="Oui")
    make_evaluation(hidden_experiment, outcome="abandon")
    db.session.add(ExperimentSupport(experiment_id=running.id, user_id=people["Fanny"].id))
    running.supports_count = 1
    db.session.commit()

    revision = make_published_revision()
    make_amendment(section=sensors, revision=revision, author=people["Gaspard"],
                   title="Préciser les capteurs", proposed_body="Texte")
    make_amendment(section=sensors, revision=revision, author=people["Jules"],
                   title="Hors sujet", proposed_body="Texte", moderation="hidden")
    return {"axes": (mobility, nature), "proposals": p, "excluded": excluded,
            "people": people, "experiments": (running, evaluated, planned),
            "organizations": (startup, association)}
