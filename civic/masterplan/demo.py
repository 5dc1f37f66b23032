"""Demo history of the master plan: v1 from the seeded sections, then a v2 that credits a
proposal (and an experiment) for its changes, so the pages show provenance.

Called by the demo seeder (civic/demo/services.py); goes through the services, so the
cited proposal is integrated and followers are told as in real use.
"""
from __future__ import annotations

from sqlalchemy import exists, select

from civic.core.models import utcnow
from civic.extensions import db
from civic.masterplan.models import PlanRevision, RevisionSection, Section
from civic.masterplan.revisions import TEXT_FIELDS, current_revision, open_draft

FIRST_SUMMARY = "Première version du schéma directeur, issue de la concertation 2026."
SECOND_SUMMARY = ("Intégration des premières contributions citoyennes : une proposition "
                  "retenue par le Laboratoire des usages et les enseignements d'une "
                  "expérimentation.")
MOBILITY_AXIS = "mobilites-intelligentes"


def publish_first_version(sections, published_by=None) -> PlanRevision | None:
    """v1: every section's text as it stands, when the plan has no version at all."""
    if db.session.scalar(select(exists().select_from(PlanRevision))):
        return None
    sections = sorted(sections, key=lambda s: (s.parent_id is not None, s.position, s.id))
    if not sections:
        return None
    now = utcnow()
    by_id = getattr(published_by, "id", None)
    revision = PlanRevision(number=1, status="published", summary=FIRST_SUMMARY,
                            created_by_id=by_id, created_at=now, published_by_id=by_id,
                            published_at=now)
    for section in sections:
        revision.sections.append(RevisionSection(
            section_id=section.id, parent_section_id=section.parent_id,
            position=section.position,
            **{name: getattr(section, name) or "" for name in TEXT_FIELDS}))
    db.session.add(revision)
    db.session.flush()
    return revision


def _first(model, *conditions):
    return db.session.scalars(select(model).where(*conditions).order_by(model.id)).first()


def _demo_experiment():
    """An experiment to credit: preferably one on a smart-mobility project."""
    from civic.experiments.models import Experiment

    visible = Experiment.moderation == "visible"
    mobility = select(Section.id).where(Section.parent.has(Section.slug == MOBILITY_AXIS))
    return (_first(Experiment, visible, Experiment.theme_id.in_(mobility))
            or _first(Experiment, visible, Experiment.status == "evaluated")
            or _first(Experiment, visible))


def _append(publisher, draft, section_id: int, paragraph: str, objective: str) -> None:
    from civic.masterplan.revisions import section_text
    from civic.masterplan.services import edit_section_text

    text = section_text(draft, section_id)
    objectives = text.objectives.rstrip()
    edit_section_text(publisher, draft, section_id, {
        "body": f"{text.body.rstrip()}\n\n{paragraph}",
        "objectives": f"{objectives}\n- {objective}" if objectives else f"- {objective}",
    }, None)


def seed_plan_history(publisher) -> PlanRevision | None:
    """v2, crediting the accepted demo proposal (and an experiment) for its changes: only
    when v1 is the sole version and there is no draft. Returns the new version."""
    from civic.masterplan import services
    from civic.masterplan.revisions import cite_source, start_draft
    from civic.proposals.models import Proposal

    current = current_revision()
    if publisher is None or current is None or current.number != 1 or open_draft():
        return None
    proposal = _first(Proposal, Proposal.status == "accepted",
                      Proposal.moderation == "visible")
    if proposal is None or proposal.theme_id is None:
        return None
    draft = start_draft(publisher)
    _append(publisher, draft, proposal.theme_id,
            f"À la suite de la proposition citoyenne « {proposal.title} » "
            f"({proposal.reference}), retenue par le Laboratoire des usages, les premiers "
            "équipements seront installés là où les habitants l'ont demandé, et leurs "
            "mesures publiées en données ouvertes.",
            "Associer les habitants au choix des premiers sites")
    cite_source(publisher, draft, proposal.theme_id, "proposal", proposal.id,
                "Proposition retenue par le Laboratoire des usages.")
    experiment = _demo_experiment()
    if experiment is not None and experiment.theme_id is not None:
        if experiment.theme_id != proposal.theme_id:
            _append(publisher, draft, experiment.theme_id,
                    f"L'expérimentation « {experiment.title} » éclaire ce projet : son "
                    "évaluation publique décidera de la généralisation, de l'adaptation "
                    "ou de l'abandon du dispositif.",
                    "S'appuyer sur les résultats publiés des expérimentations")
        cite_source(publisher, draft, experiment.theme_id, "experiment", experiment.id,
                    "Enseignements de l'expérimentation.")
    return services.publish_draft(publisher, draft, SECOND_SUMMARY)
