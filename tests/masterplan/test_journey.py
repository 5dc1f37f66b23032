"""Issue 5 as people meet it, end to end over HTTP.

A startup's proposal is accepted for experimentation; the experiment runs with the startup
as lead and the metropolis as partner, posts two updates and is evaluated "adapt"; staff
integrate its lessons into the Mobility section and publish v2 citing the experiment and
the proposal; the diff v1→v2 shows exactly the change; the proposal shows "integrated in
v2"; a citizen's amendment to the Energy section is accepted into v3 and credited.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from civic.amendments.models import Amendment
from civic.experiments.models import Experiment
from civic.extensions import db
from civic.masterplan.models import PlanRevision, RevisionSection, RevisionSource
from tests.factories import (
    make_organization,
    make_proposal,
    make_published_revision,
    make_section,
    make_user,
)
from tests.fixtures.english import EN, _english_pages, request_ctx  # noqa: F401
from tests.fixtures.http import text

MOBILITY_V1 = "Des navettes autonomes relient les terminus du métro aux zones d'activité."
LESSON = " Elles roulent d'abord hors des heures de pointe, comme l'a montré l'essai."


@pytest.fixture
def city(db_session):
    mobility = make_section(title="Mobilité", body=MOBILITY_V1)
    energy = make_section(title="Énergie", body="Des réseaux de chaleur dans chaque quartier.")
    revision = make_published_revision(summary="Première version")
    staff = make_user(display_name="Agent Métropole", roles=("staff",), locale="en")
    return mobility, energy, revision, staff


def _draft_text(section):
    return db.session.scalars(select(RevisionSection).join(PlanRevision).where(
        PlanRevision.status == "draft", RevisionSection.section_id == section.id)).one()


def _edit_body(client, section, body):
    text_row = _draft_text(section)
    return client.post_form(f"/plan/draft/sections/{section.id}/edit", {
        "title": text_row.title, "summary": text_row.summary, "body": body,
        "objectives": text_row.objectives, "indicators": text_row.indicators,
        "position": str(text_row.position), "version": str(text_row.version), "save": "1"})


def test_from_a_startup_proposal_to_the_plan_and_an_amendment(client, login_as, city):
    mobility, energy, _v1, staff = city
    founder = make_user(display_name="Fondatrice Startup", locale="en")
    startup = make_organization(owner=founder, name="Navetto", kind="startup")
    metropolis = make_organization(name="Toulouse Métropole", kind="public_body")
    proposal = make_proposal(author=founder, theme=mobility, organization=startup,
                             title="Des navettes autonomes vers les zones d'activité")

    # The Lab accepts it for experimentation: the experiment is created and linked.
    login_as(staff)
    response = client.post_form(f"/experiments/accept/{proposal.id}", {
        "title": "Navettes autonomes à Basso Cambo", "description": "Six mois d'essai.",
        "theme": str(mobility.id), "proposals": proposal.reference,
        "partners-0-organization": str(startup.id), "partners-0-role": "lead",
        "partners-1-organization": str(metropolis.id), "partners-1-role": "partner",
        "address": "", "latitude": "", "longitude": "",
        "starts_on": date.today().isoformat(), "ends_on": "", "budget_euros": "120000"})
    assert response.status_code == 302, text(response)
    experiment = db.session.scalars(select(Experiment)).one()
    db.session.refresh(proposal)
    assert proposal.status == "experimenting"
    assert [(p.organization.name, p.role) for p in experiment.partners] == [
        ("Navetto", "lead"), ("Toulouse Métropole", "partner")]
    assert f"/experiments/{experiment.id}" in text(client.get(f"/proposals/{proposal.id}"))

    # It runs, posts two updates, and is evaluated "adapt".
    assert client.post_form(f"/experiments/{experiment.id}/start").status_code == 302
    for n, title in enumerate(("Premiers passagers", "Bilan à mi-parcours")):
        day = (date.today() - timedelta(days=10 - n)).isoformat()
        assert client.post_form(f"/experiments/{experiment.id}/updates/new", {
            "title": title, "body": "Tout va bien.", "happened_on": day}).status_code == 302
    assert client.post_form(f"/experiments/{experiment.id}/evaluation", {
        "summary": "Utile hors des heures de pointe.", "outcome": "adapt",
        "lessons": "Rouler hors des heures de pointe.",
        "indicators-0-name": "Passagers par jour", "indicators-0-unit": "passagers",
        "indicators-0-target": "300", "indicators-0-measured": "212,5"}).status_code == 302
    page = text(client.get(f"/experiments/{experiment.id}"))
    assert "Premiers passagers" in page and "Bilan à mi-parcours" in page
    assert "Adapt" in page and "212.5" in page

    # Staff write the lesson into Mobility, cite both, and publish v2.
    assert client.post_form("/plan/draft/start").status_code == 302
    assert _edit_body(client, mobility, MOBILITY_V1 + LESSON).status_code == 302
    for kind, ref in (("experiment", str(experiment.id)), ("proposal", proposal.reference)):
        response = client.post_form("/plan/draft/sources", {
            "section": str(mobility.id), "kind": kind, "reference": ref,
            "note": "La leçon de l'essai."})
        assert response.status_code == 302, text(response)
    assert client.post_form("/plan/draft/publish",
                            {"summary": "Leçons de l'essai de navettes"}).status_code == 302
    v2 = db.session.scalars(select(PlanRevision).where(PlanRevision.number == 2)).one()
    cited = {(s.source_type, s.source_id) for s in v2.sources}
    assert cited == {("experiment", experiment.id), ("proposal", proposal.id)}

    # The diff v1→v2 shows exactly the change.
    diff = client.get("/plan/diff?from=1&to=2").get_data(as_text=True)
    insertions = re.findall(r"<ins>(.*?)</ins>", diff, re.S)
    assert "".join(re.sub(r"<[^>]+>", "", i) for i in insertions).replace(
        "[inserted: ", "").replace("]", "").strip() in LESSON
    assert "<del>" not in diff and "Énergie" not in re.sub(r"(?s)<details.*?</details>", "", diff)

    # The proposal is integrated, and says where it landed.
    db.session.refresh(proposal)
    assert proposal.status == "integrated"
    landed = text(client.get(f"/proposals/{proposal.id}"))
    assert "v2" in landed and "Mobilité" in landed and "/plan/diff?from=1&amp;to=2" in landed

    # A citizen amends the Energy section; staff accept it into v3, credited.
    citizen = make_user(display_name="Citoyenne Énergie", locale="en")
    login_as(citizen)
    new_energy = "Des réseaux de chaleur et des panneaux solaires dans chaque quartier."
    response = client.post_form(f"/plan/sections/{energy.id}/amendments/new", {
        "title": "Ajouter le solaire", "proposed_body": new_energy,
        "justification": "Les toits des écoles sont inutilisés.", "organization": "0",
        "save": "1"})
    assert response.status_code == 302, text(response)
    amendment = db.session.scalars(select(Amendment)).one()
    assert client.post_form("/plan/draft/publish", {"summary": "x"}).status_code == 403

    login_as(staff)
    accept_url = f"/amendments/{amendment.id}/accept"
    assert client.post_form(accept_url, {"answer": "Merci !"}).status_code == 302
    twice = client.post_form(accept_url, {"answer": "Encore"})
    assert twice.status_code in (302, 409)
    db.session.refresh(amendment)
    assert amendment.status == "accepted" and amendment.answer == "Merci !"
    assert client.post_form("/plan/draft/publish",
                            {"summary": "Le solaire sur les écoles"}).status_code == 302
    v3 = db.session.scalars(select(PlanRevision).where(PlanRevision.number == 3)).one()
    assert db.session.scalars(select(RevisionSource).where(
        RevisionSource.revision_id == v3.id, RevisionSource.source_type == "amendment")).one()
    db.session.refresh(energy)
    assert energy.body == new_energy
    shaped = text(client.get(f"/plan/sections/{energy.id}"))
    assert "Ajouter le solaire" in shaped and "v3" in shaped


def test_saving_over_a_newer_draft_is_refused_and_keeps_the_text(client, login_as, city):
    mobility, _energy, _v1, staff = city
    colleague = make_user(display_name="Collègue Métropole", roles=("staff",), locale="en")
    login_as(staff)
    client.post_form("/plan/draft/start")
    stale_version = _draft_text(mobility).version
    login_as(colleague)
    assert _edit_body(client, mobility, "Le texte de ma collègue.").status_code == 302
    login_as(staff)
    text_row = _draft_text(mobility)
    response = client.post_form(f"/plan/draft/sections/{mobility.id}/edit", {
        "title": text_row.title, "summary": "", "body": "Mon texte à moi.", "objectives": "",
        "indicators": "", "position": "0", "version": str(stale_version), "save": "1"})
    assert response.status_code == 409
    page = text(response)
    assert "Mon texte à moi." in page and "Le texte de ma collègue." in page
    db.session.refresh(text_row)
    assert text_row.body == "Le texte de ma collègue."
