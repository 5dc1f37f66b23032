"""Staff cite the sources of the draft: proposals, amendments, experiments."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from civic.extensions import db
from civic.masterplan.models import PlanRevision, RevisionSource
from civic.masterplan.revisions import open_draft, start_draft
from tests.factories import make_experiment, make_proposal, make_published_revision, make_section
from tests.fixtures import english
from tests.fixtures.http import text

# English pages and accounts (the site's default language is French).
_english_pages = english._english_pages
citizen = english.citizen
moderator = english.moderator
request_ctx = english.request_ctx
staff = english.staff

URL = "/plan/draft/sources"


@pytest.fixture
def mobility(db_session):
    axis = make_section(title="Mobilités intelligentes")
    section = make_section(title="Navettes autonomes", parent=axis)
    make_published_revision()
    return section


def citations() -> list[RevisionSource]:
    return list(db.session.scalars(select(RevisionSource).order_by(RevisionSource.id)))


def post(client, section, kind, reference, note=""):
    return client.post_form(URL, {"section": str(section.id), "kind": kind,
                                  "reference": reference, "note": note})


@pytest.mark.parametrize("role", ["citizen", "moderator"])
def test_only_staff_open_the_citing_page(client, login_as, role, request, mobility):
    login_as(request.getfixturevalue(role))
    assert client.get(URL).status_code == 403
    proposal = make_proposal(theme=mobility, status="accepted")
    assert post(client, mobility, "proposal", proposal.reference).status_code == 403
    assert not citations()


def test_visitors_are_sent_to_log_in(client, mobility):
    response = client.get(URL)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_staff_cite_a_proposal_by_reference_which_starts_the_draft(client, login_as, staff,
                                                                      mobility):
    login_as(staff)
    proposal = make_proposal(theme=mobility, status="accepted", title="Navettes la nuit")
    page = text(client.get(URL))
    assert "There is no draft of the next version yet" in page
    assert "<h1>Sources of the draft</h1>" in page

    response = post(client, mobility, "proposal", proposal.reference.lower(), "Idée reprise")
    assert response.status_code == 302
    [source] = citations()
    draft = open_draft()
    assert (source.revision_id, source.section_id, source.source_type, source.source_id,
            source.note, source.created_by_id) == (
        draft.id, mobility.id, "proposal", proposal.id, "Idée reprise", staff.id)
    page = text(client.get(URL))
    assert "The source is cited" in page
    assert "Navettes autonomes" in page and "Navettes la nuit" in page
    assert proposal.reference in page and "Idée reprise" in page


def test_staff_cite_experiments_and_amendments_by_number(client, login_as, staff, citizen,
                                                         mobility):
    from civic.amendments.models import Amendment

    login_as(staff)
    experiment = make_experiment(theme=mobility, status="running")
    amendment = Amendment(section_id=mobility.id,
                          base_revision_id=db.session.scalar(select(PlanRevision.id)),
                          title="Le dimanche aussi", proposed_body="Texte",
                          author_id=citizen.id, status="accepted")
    db.session.add(amendment)
    db.session.commit()
    assert post(client, mobility, "experiment", str(experiment.id)).status_code == 302
    assert post(client, mobility, "amendment", f"#{amendment.id}").status_code == 302
    assert [(s.source_type, s.source_id) for s in citations()] == [
        ("experiment", experiment.id), ("amendment", amendment.id)]


@pytest.mark.parametrize("kind,make,message", [
    ("proposal", lambda s: "P-2026-99999", "There is no proposal “P-2026-99999”"),
    ("experiment", lambda s: "99999", "There is no experiment number “99999”"),
    ("amendment", lambda s: "abc", "There is no amendment number “abc”"),
    ("proposal", lambda s: make_proposal(theme=s, status="draft").id,
     "There is no proposal"),
    ("proposal", lambda s: make_proposal(theme=s, status="published",
                                         title="Pas encore").reference,
     "The proposal “Pas encore” has not been accepted by the usage lab"),
    ("proposal", lambda s: make_proposal(theme=s, status="accepted", title="Cachée",
                                         moderation="hidden").reference,
     "“Cachée” is hidden or awaits the moderators' approval"),
    ("experiment", lambda s: make_experiment(theme=s, title="En attente",
                                             moderation="pending").id,
     "“En attente” is hidden or awaits the moderators' approval"),
    ("proposal", lambda s: "", "Give the reference or the number of the item to cite."),
])
def test_refused_citations_say_why(client, login_as, staff, mobility, kind, make, message):
    login_as(staff)
    reference = str(make(mobility))
    response = post(client, mobility, kind, reference)
    assert response.status_code == 400
    assert message in text(response).replace("&#39;", "'").replace("&#34;", '"')
    assert not citations()


def test_a_pending_amendment_cannot_be_cited(client, login_as, staff, citizen, mobility):
    from civic.amendments.models import Amendment

    amendment = Amendment(section_id=mobility.id,
                          base_revision_id=db.session.scalar(select(PlanRevision.id)),
                          title="Pas décidé", proposed_body="Texte", author_id=citizen.id)
    db.session.add(amendment)
    db.session.commit()
    login_as(staff)
    response = post(client, mobility, "amendment", str(amendment.id))
    assert response.status_code == 400
    assert "The amendment “Pas décidé” has not been accepted" in text(response)


def test_a_section_must_be_chosen(client, login_as, staff, mobility):
    login_as(staff)
    proposal = make_proposal(theme=mobility, status="accepted")
    response = client.post_form(URL, {"section": "0", "kind": "proposal",
                                      "reference": proposal.reference})
    assert response.status_code == 400
    assert not citations()


def test_citing_twice_keeps_one_citation(client, login_as, staff, mobility):
    login_as(staff)
    proposal = make_proposal(theme=mobility, status="integrated")
    post(client, mobility, "proposal", proposal.reference)
    post(client, mobility, "proposal", str(proposal.id), "Précision")
    [source] = citations()
    assert source.note == "Précision"


def test_staff_remove_a_citation_of_the_draft_only(client, login_as, staff, mobility):
    login_as(staff)
    proposal = make_proposal(theme=mobility, status="accepted")
    post(client, mobility, "proposal", proposal.reference)
    source_id = citations()[0].id
    response = client.post_form(f"{URL}/{source_id}/delete")
    assert response.status_code == 302
    assert not citations()
    assert "The citation is removed from the draft." in text(client.get(URL))
    assert client.post_form(f"{URL}/{source_id}/delete").status_code == 404

    published = db.session.scalars(select(PlanRevision)).first()
    kept = RevisionSource(revision=published, section_id=mobility.id, source_type="proposal",
                          source_id=proposal.id)
    db.session.add(kept)
    db.session.commit()
    client.post_form(f"{URL}/{kept.id}/delete")
    assert "A published version cannot change: its sources stay." in text(client.get(URL))
    assert db.session.scalar(select(func.count(RevisionSource.id))) == 1


def test_others_cannot_remove_a_citation(client, login_as, staff, moderator, mobility):
    proposal = make_proposal(theme=mobility, status="accepted")
    source = RevisionSource(revision=start_draft(staff), section_id=mobility.id,
                            source_type="proposal", source_id=proposal.id)
    db.session.add(source)
    db.session.commit()
    login_as(moderator)
    assert client.post_form(f"{URL}/{source.id}/delete").status_code == 403
    assert citations()
