"""Provenance: publishing a version integrates the cited proposals and tells followers;
sections list what shaped them; each item says where it landed."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from civic.experiments.models import Evaluation
from civic.extensions import db
from civic.follows.services import add_follow
from civic.masterplan import provenance
from civic.masterplan.models import PlanRevision, RevisionSource
from civic.notifications.models import Notification
from civic.proposals.models import StatusChange
from tests.factories import (
    make_experiment,
    make_proposal,
    make_published_revision,
    make_section,
    make_user,
)
from tests.fixtures import english
from tests.fixtures.http import text

# English pages and accounts (the site's default language is French).
_english_pages = english._english_pages
citizen = english.citizen
request_ctx = english.request_ctx
staff = english.staff


@pytest.fixture
def mobility(db_session):
    axis = make_section(title="Mobilités intelligentes")
    return make_section(title="Navettes autonomes", parent=axis)


def cite(revision, section, item, kind, note=""):
    source = RevisionSource(revision=revision, section_id=section.id, source_type=kind,
                            source_id=item.id, note=note)
    db.session.add(source)
    db.session.commit()
    return source


def notifications(user, kind=None):
    query = select(Notification).where(Notification.user_id == user.id)
    if kind:
        query = query.where(Notification.kind == kind)
    return list(db.session.scalars(query))


def test_publication_integrates_cited_proposals_and_tells_their_followers(staff, mobility):
    follower = make_user(locale="en")
    accepted = make_proposal(theme=mobility, status="accepted", title="Navettes la nuit")
    experimenting = make_proposal(theme=mobility, status="experimenting")
    integrated = make_proposal(theme=mobility, status="integrated")
    add_follow(follower, "proposal", accepted.id)
    make_published_revision()
    v2 = make_published_revision(summary="Deuxième version")
    for proposal in (accepted, experimenting, integrated):
        cite(v2, mobility, proposal, "proposal")

    provenance.after_publish(staff, v2)
    db.session.commit()

    assert accepted.status == experimenting.status == integrated.status == "integrated"
    # The public answer is written in the site's language (French by default).
    assert "v2" in accepted.answer and "Navettes autonomes" in accepted.answer
    assert f"](/plan/diff?from=1&to=2#diff-{mobility.id}-title)" in accepted.answer
    change = db.session.scalars(select(StatusChange).where(
        StatusChange.proposal_id == accepted.id)).one()
    assert (change.from_status, change.to_status, change.actor_id) == (
        "accepted", "integrated", staff.id)
    [notice] = notifications(follower)
    assert notice.kind == "proposal.answered" and notice.target_id == accepted.id
    # An already integrated proposal keeps its single history (no new step).
    assert not db.session.scalars(select(StatusChange).where(
        StatusChange.proposal_id == integrated.id)).all()


def test_publication_leaves_proposals_that_are_not_accepted(staff, mobility):
    published = make_proposal(theme=mobility, status="published")
    v1 = make_published_revision()
    cite(v1, mobility, published, "proposal")
    provenance.after_publish(staff, v1)
    assert published.status == "published" and not published.answer


def test_followers_of_cited_experiments_hear_of_the_integration(staff, mobility):
    follower, other = make_user(locale="en"), make_user(locale="en")
    experiment = make_experiment(title="Navette aux Minimes", theme=mobility,
                                 status="evaluated")
    hidden = make_experiment(theme=mobility, moderation="hidden")
    add_follow(follower, "experiment", experiment.id)
    add_follow(other, "experiment", hidden.id)
    add_follow(staff, "experiment", experiment.id)  # the publisher is not told
    make_published_revision()
    v2 = make_published_revision()
    cite(v2, mobility, experiment, "experiment")
    cite(v2, mobility, hidden, "experiment")

    provenance.after_publish(staff, v2)

    [notice] = notifications(follower)
    assert notice.kind == "masterplan.integrated"
    assert notice.data["title"] == "Navette aux Minimes"
    assert notice.data["number"] == 2 and notice.data["section"] == "Navettes autonomes"
    assert notice.data["path"] == f"/plan/diff?from=1&to=2#diff-{mobility.id}-title"
    assert not notifications(other) and not notifications(staff)


def test_followers_of_cited_amendments_hear_of_the_integration(staff, mobility, citizen):
    from civic.amendments.models import Amendment

    v1 = make_published_revision()
    amendment = Amendment(section_id=mobility.id, base_revision_id=v1.id,
                          title="Des navettes le dimanche", proposed_body="Nouveau texte",
                          author_id=citizen.id, status="accepted")
    db.session.add(amendment)
    db.session.commit()
    add_follow(citizen, "amendment", amendment.id)
    v2 = make_published_revision()
    cite(v2, mobility, amendment, "amendment")

    provenance.after_publish(staff, v2)

    [notice] = notifications(citizen, "masterplan.integrated")
    assert notice.data["title"] == "Des navettes le dimanche"


def test_the_notification_reads_well(staff, mobility, client, login_as):
    follower = make_user(locale="en")
    experiment = make_experiment(title="Navette aux Minimes", theme=mobility)
    add_follow(follower, "experiment", experiment.id)
    make_published_revision()
    v2 = make_published_revision()
    cite(v2, mobility, experiment, "experiment")
    provenance.after_publish(staff, v2)
    db.session.commit()
    login_as(follower)
    page = text(client.get("/notifications"))
    assert ("“Navette aux Minimes”, which you follow, is integrated in the master plan v2, "
            "section Navettes autonomes.") in page


def test_what_shaped_a_section_newest_first_with_outcomes(mobility):
    proposal = make_proposal(theme=mobility, status="integrated", title="Navettes la nuit")
    experiment = make_experiment(title="Navette aux Minimes", theme=mobility,
                                 status="evaluated")
    db.session.add(Evaluation(experiment_id=experiment.id, outcome="adapt",
                              summary="À adapter"))
    hidden = make_proposal(theme=mobility, status="integrated", moderation="hidden")
    other_section = make_section(title="Ailleurs")
    v1 = make_published_revision()
    v2 = make_published_revision()
    cite(v1, mobility, proposal, "proposal", note="L'idée de départ")
    cite(v2, mobility, experiment, "experiment")
    cite(v2, mobility, hidden, "proposal")
    cite(v2, other_section, proposal, "proposal")
    draft = PlanRevision(status="draft")
    db.session.add(draft)
    db.session.flush()
    cite(draft, mobility, make_proposal(status="accepted"), "proposal")  # not public yet

    cited = provenance.sources_of_section(mobility.id)

    assert [(c.revision_number, c.kind, c.label) for c in cited] == [
        (2, "experiment", "Navette aux Minimes"), (1, "proposal", "Navettes la nuit")]
    assert cited[0].outcome == "adapt" and cited[0].outcome_label == "Adapt"
    assert cited[1].outcome is None and cited[1].note == "L'idée de départ"
    assert cited[1].url == f"/proposals/{proposal.id}" and cited[1].reference
    assert cited[1].diff_path == f"/plan/sections/{mobility.id}"  # v1: no earlier version
    assert len(provenance.sources_of_section(mobility.id, limit=1)) == 1


def test_sources_take_a_constant_number_of_queries(mobility, count_queries):
    make_published_revision()
    v2 = make_published_revision()

    def queries():
        db.session.expire_all()
        with count_queries() as counter:
            provenance.sources_of_section(mobility.id)
        return counter.count

    cite(v2, mobility, make_proposal(theme=mobility, status="integrated"), "proposal")
    cite(v2, mobility, make_experiment(theme=mobility), "experiment")
    few = queries()
    for _ in range(3):
        cite(v2, mobility, make_proposal(theme=mobility, status="integrated"), "proposal")
        cite(v2, mobility, make_experiment(theme=mobility), "experiment")
    assert queries() == few


def test_landed_lists_published_versions_only(mobility):
    proposal = make_proposal(theme=mobility, status="integrated")
    make_published_revision()
    v2 = make_published_revision()
    cite(v2, mobility, proposal, "proposal")
    draft = PlanRevision(status="draft")
    db.session.add(draft)
    db.session.flush()
    cite(draft, mobility, proposal, "proposal")

    [landing] = provenance.landed("proposal", proposal.id)
    assert (landing.number, landing.section_title, landing.section_id) == (
        2, "Navettes autonomes", mobility.id)
    assert landing.path == f"/plan/diff?from=1&to=2#diff-{mobility.id}-title"
    assert provenance.landed("experiment", proposal.id) == []


def test_the_proposal_page_says_where_it_landed(client, mobility):
    proposal = make_proposal(theme=mobility, status="integrated")
    assert "Integrated in the master plan" not in text(
        client.get(f"/proposals/{proposal.id}"))
    make_published_revision()
    v2 = make_published_revision()
    cite(v2, mobility, proposal, "proposal")
    page = text(client.get(f"/proposals/{proposal.id}"))
    assert "Integrated in the master plan v2, section Navettes autonomes" in page
    assert f'href="/plan/diff?from=1&amp;to=2#diff-{mobility.id}-title"' in page
    assert "see the change" in page


def test_the_section_page_shows_what_shaped_it(client, mobility):
    page = text(client.get(f"/plan/sections/{mobility.id}"))
    assert "What shaped this section" in page
    assert "No published version cites" in page
    proposal = make_proposal(theme=mobility, status="integrated", title="Navettes la nuit")
    make_published_revision()
    v2 = make_published_revision()
    cite(v2, mobility, proposal, "proposal")
    page = text(client.get(f"/plan/sections/{mobility.id}"))
    assert "Navettes la nuit" in page and "cited in v2 on" in page
    assert f'href="/proposals/{proposal.id}"' in page


def test_the_experiment_page_says_where_it_landed(client, mobility):
    experiment = make_experiment(title="Navette aux Minimes", theme=mobility,
                                 status="evaluated")
    assert "Integrated in the master plan" not in text(
        client.get(f"/experiments/{experiment.id}"))
    make_published_revision()
    v2 = make_published_revision()
    cite(v2, mobility, experiment, "experiment")
    page = text(client.get(f"/experiments/{experiment.id}"))
    assert "Integrated in the master plan v2, section Navettes autonomes" in page
