"""The demo seed publishes the plan as v1, then a v2 that credits contributions."""
from __future__ import annotations

from sqlalchemy import func, select

from civic.experiments.models import Experiment
from civic.extensions import db
from civic.masterplan import demo as plan_demo
from civic.masterplan.models import PlanRevision, RevisionSource, Section
from civic.proposals.models import Proposal
from tests.factories import make_published_revision, make_section, make_user


def test_the_demo_publishes_v1_then_a_v2_with_sources(app):
    result = app.test_cli_runner().invoke(args=["civic", "seed-demo"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert "+ master plan v1" in result.output and "+ master plan v2" in result.output

    v1, v2 = db.session.scalars(select(PlanRevision).order_by(PlanRevision.number)).all()
    assert (v1.number, v1.status, v2.number, v2.status) == (1, "published", 2, "published")
    assert v1.summary.startswith("Première version du schéma directeur")
    assert v1.published_by.display_name == "Sophie Marty"
    sections = db.session.scalar(select(func.count(Section.id)))
    assert len(v1.sections) == len(v2.sections) == sections >= 20
    assert v1.sections[0].body

    sources = db.session.scalars(select(RevisionSource).where(
        RevisionSource.revision_id == v2.id)).all()
    [proposal_source] = [s for s in sources if s.source_type == "proposal"]
    proposal = db.session.get(Proposal, proposal_source.source_id)
    assert proposal.status == "integrated" and "v2" in proposal.answer
    changed = db.session.get(Section, proposal_source.section_id)
    assert proposal.title in changed.body  # the section shows the published v2 text
    if db.session.scalar(select(func.count(Experiment.id))):  # experiments seeded before
        [experiment_source] = [s for s in sources if s.source_type == "experiment"]
        assert db.session.get(Section, experiment_source.section_id).parent.slug == (
            "mobilites-intelligentes")


def test_v1_is_only_published_once(db_session):
    staff = make_user(roles=("staff",))
    axis = make_section(title="Axe")
    make_section(title="Projet", parent=axis)
    v1 = plan_demo.publish_first_version([axis, *axis.children], published_by=staff)
    assert v1.number == 1 and len(v1.sections) == 2 and v1.published_by_id == staff.id
    assert plan_demo.publish_first_version([axis]) is None
    assert db.session.scalar(select(func.count(PlanRevision.id))) == 1


def test_the_history_step_needs_v1_alone(db_session):
    staff = make_user(roles=("staff",))
    make_section(title="Axe")
    assert plan_demo.seed_plan_history(staff) is None  # no version at all
    make_published_revision()
    make_published_revision()
    assert plan_demo.seed_plan_history(staff) is None  # already a history
