"""Attack strings in the staff's texts: experiments (description, journal, stop reason,
evaluation), amendments and the staff's answer, the master plan (section text, sources,
publication summary)."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from civic.amendments.models import Amendment
from civic.experiments.models import Experiment, ExperimentUpdate
from civic.extensions import db
from civic.masterplan.models import PlanRevision, RevisionSource
from civic.masterplan.revisions import open_draft, section_text, start_draft
from civic.masterplan.services import edit_section_text
from tests.factories import make_experiment, make_proposal, make_published_revision, make_section
from tests.security.attacks.checks import Report
from tests.security.attacks.corpus import sample
from tests.security.attacks.harness import (
    Attack,
    Poster,
    cut,
    id_in,
    padded,
    run_attack,
    same,
)

NO_PARTNERS = {f"partners-{n}-{name}": value for n in range(5)
               for name, value in (("organization", 0), ("role", "partner"))}


@pytest.fixture
def theme(db_session):
    return make_section(title="Mobilités", body="Le texte actuel de la section.")


@pytest.fixture
def poster(client, login_as, staff):
    login_as(staff)
    return Poster(client)


def _experiment(response) -> Experiment:
    return db.session.get(Experiment, id_in(response.headers["Location"], "/experiments/"))


def _experiment_fields(response) -> dict:
    experiment = _experiment(response)
    return {"title": experiment.title, "description": experiment.description,
            "address": experiment.address}


def test_experiment_form_new_and_edit(poster, theme, report: Report):
    fields = {"title": lambda p: padded(5)(cut(150)(p)), "description": same,
              "address": cut(300)}
    base = {"theme": theme.id, "proposals": "", **NO_PARTNERS}
    run_attack(poster, Attack("/experiments/new", fields, _experiment_fields, base=base,
                              pages=lambda r: ["/experiments/", "/api/v1/experiments"]),
               report, "new experiment")
    experiment = make_experiment(theme=theme)
    run_attack(poster, Attack(f"/experiments/{experiment.id}/edit", fields, _experiment_fields,
                              base=base), report, "edit experiment")
    report.check(at_least={"title": 66, "description": 66, "address": 66})


def test_experiment_linked_proposals_field(poster, theme, report: Report):
    """The references field is parsed, not stored: every attack is refused with a
    message (or, for numbers, names an existing proposal) — never a 500."""
    base = {"theme": theme.id, "title": "Une expérimentation sûre", "description": "Texte.",
            **NO_PARTNERS}
    extra = ["²", "99999999999999999999", "4294967296", "P-2026-99999999999", "1,²,³"]
    run_attack(poster, Attack("/experiments/new", {"proposals": same},
                              lambda r: {"proposals": ""}, base=base, plain=set()),
               report, "linked proposals", payloads=[*sample(), *extra])
    report.check()


def test_update_stop_and_evaluation_forms(poster, theme, report: Report):
    running = make_experiment(theme=theme, status="running")
    fresh = {}

    def update_url():  # a fresh journal each time: a long one only makes the test slower
        fresh["experiment"] = make_experiment(theme=theme, status="running")
        return f"/experiments/{fresh['experiment'].id}/updates/new"

    def update(response):
        entry = db.session.scalars(select(ExperimentUpdate).where(
            ExperimentUpdate.experiment_id == fresh["experiment"].id)).one()
        return {"title": entry.title, "body": entry.body}

    run_attack(poster, Attack(update_url, {"title": cut(150), "body": same}, update,
                              base={"happened_on": "2025-05-01"}), report, "journal")

    def evaluation(response):
        db.session.refresh(running)
        kept = running.evaluation
        indicator = kept.indicators[0]
        return {"summary": kept.summary, "lessons": kept.lessons,
                "indicators-0-name": indicator.name, "indicators-0-unit": indicator.unit}

    run_attack(poster, Attack(f"/experiments/{running.id}/evaluation",
                              {"summary": same, "lessons": same,
                               "indicators-0-name": cut(150), "indicators-0-unit": cut(40)},
                              evaluation, base={"outcome": "adapt",
                                                "indicators-0-target": "12,5",
                                                "indicators-0-measured": "1 250"}),
               report, "evaluation")
    run_attack(poster, Attack(f"/experiments/{running.id}/evaluation",
                              {"indicators-0-target": same, "indicators-0-measured": same},
                              lambda r: {}, plain=set(),
                              base={"outcome": "adopt", "summary": "Bilan.",
                                    "lessons": "Leçons.", "indicators-0-name": "Vélos"}),
               report, "evaluation numbers")
    current = {}

    def stop_url():
        current["experiment"] = make_experiment(theme=theme, status="running")
        return f"/experiments/{current['experiment'].id}/stop"

    def stopped(response):
        db.session.refresh(current["experiment"])
        return {"reason": current["experiment"].stop_reason}

    run_attack(poster, Attack(stop_url, {"reason": same}, stopped), report, "stop")
    report.check(at_least={"body": 36, "summary": 36, "indicators-0-unit": 36,
                           "reason": 36})


# --- amendments -------------------------------------------------------------------------

def test_amendment_form_and_staff_decision(client, login_as, citizen, staff, theme,
                                           report: Report):
    make_published_revision()
    login_as(citizen)
    poster = Poster(client)

    def amendment(response):
        kept = db.session.get(Amendment, id_in(response.headers["Location"], "/amendments/"))
        return {"title": kept.title, "proposed_body": kept.proposed_body,
                "justification": kept.justification}

    from civic.amendments.services import normalize_text

    fields = {"title": cut(150), "proposed_body": same, "justification": same}
    attack = Attack(f"/plan/sections/{theme.id}/amendments/new", fields, amendment,
                    base={"organization": 0, "save": "1"}, plain={"title"},
                    pages=lambda r: [f"/plan/sections/{theme.id}/amendments",
                                     "/api/v1/amendments"])
    run_attack(poster, attack, report, "amendment")
    # Texts keep their line endings as the database does (CR LF becomes LF).
    for kept in db.session.scalars(select(Amendment)):
        assert kept.proposed_body == normalize_text(kept.proposed_body)
    login_as(staff)
    staff_poster = Poster(client)
    current = {}

    def decide_url():
        current["amendment"] = db.session.get(Amendment, attack_ids.pop())
        return f"/amendments/{current['amendment'].id}/reject"

    def decided(response):
        db.session.refresh(current["amendment"])
        return {"answer": current["amendment"].answer}

    attack_ids = list(db.session.scalars(select(Amendment.id).where(
        Amendment.status == "pending")))
    assert len(attack_ids) >= len(sample()) - 20
    run_attack(staff_poster, Attack(decide_url, {"answer": padded(1)}, decided,
                                    plain=set()), report, "decision",
               payloads=sample()[:len(attack_ids)])
    report.check(at_least={"title": 30, "answer": 30})


# --- the master plan ----------------------------------------------------------------------

def test_section_text_form(poster, staff, theme, report: Report):
    make_published_revision()
    draft = start_draft(staff)
    db.session.commit()

    def url():
        attack.base["version"] = section_text(open_draft(), theme.id).version
        return f"/plan/draft/sections/{theme.id}/edit"

    def kept(response):
        text = section_text(open_draft(), theme.id)
        return {name: getattr(text, name) for name in attack.fields}

    attack = Attack(url, {"title": cut(150), "summary": cut(1000), "body": same,
                          "objectives": same, "indicators": same}, kept,
                    base={"position": 0},
                    pages=lambda r: ["/plan/draft", "/plan/draft/diff"])
    run_attack(poster, attack, report, "section text")
    assert draft.id == open_draft().id
    report.check(at_least={"body": 36, "title": 36})


def test_sources_and_publication_forms(poster, staff, theme, report: Report):
    make_published_revision()
    current = {}

    def cite_url():
        current["proposal"] = make_proposal(theme=theme, status="accepted")
        cite.base["reference"] = current["proposal"].id
        return "/plan/draft/sources"

    def cited(response):
        source = db.session.scalars(select(RevisionSource).order_by(
            RevisionSource.id.desc())).first()
        return {"note": source.note}

    cite = Attack(cite_url, {"note": cut(1000)}, cited,
                  base={"section": theme.id, "kind": "proposal"})
    run_attack(poster, cite, report, "source note")
    run_attack(poster, Attack("/plan/draft/sources", {"reference": cut(40)}, lambda r: {},
                              base={"section": theme.id, "kind": "proposal"}, plain=set()),
               report, "source reference", payloads=[*sample(), "²", "#٣", "99999999999"])

    def publish_url():
        draft = start_draft(staff)
        edit_section_text(staff, draft, theme.id, {"body": f"Version {len(current)}"}, None)
        current[len(current)] = draft
        db.session.commit()
        return "/plan/draft/publish"

    def published(response):
        revision = db.session.scalars(select(PlanRevision).order_by(
            PlanRevision.number.desc())).first()
        return {"summary": revision.summary}

    run_attack(poster, Attack(publish_url, {"summary": cut(1000)}, published,
                              pages=lambda r: ["/plan/history", "/api/v1/master-plan/revisions"]),
               report, "publication summary")
    report.check(at_least={"note": 36, "summary": 36})
