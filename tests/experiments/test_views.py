"""Experiment pages: list and filters, page content, staff forms, supports, follows."""
from __future__ import annotations

import html
import re
from datetime import date

import pytest
from sqlalchemy import select

from civic.experiments import evaluation, journal
from civic.experiments.models import Experiment
from civic.extensions import db
from tests.factories import make_experiment, make_organization, make_proposal, make_section
from tests.fixtures.http import text


def _list_titles(response) -> list[str]:
    return [html.unescape(title) for title in re.findall(
        r'class="card-title"><a href="/experiments/\d+">([^<]+)</a>', text(response))]


# --- public list ----------------------------------------------------------------------

def test_the_list_filters_by_status_theme_and_partner(client, theme, startup, lab):
    other_theme = make_section(title="Énergie")
    make_experiment(title="Sondes d'arrosage", theme=theme, status="running",
                    partners=[(startup, "lead")])
    make_experiment(title="Éclairage adaptatif", theme=other_theme, status="evaluated",
                    partners=[(lab, "lead")])
    make_experiment(title="Navette cachée", theme=theme, moderation="hidden")

    assert sorted(_list_titles(client.get("/experiments/"))) == [
        "Sondes d'arrosage", "Éclairage adaptatif"]
    assert _list_titles(client.get("/experiments/?status=evaluated")) == ["Éclairage adaptatif"]
    # A theme also finds its flagship projects' experiments (the theme fixture's axis).
    assert _list_titles(client.get(f"/experiments/?theme={theme.parent.slug}")) == [
        "Sondes d'arrosage"]
    assert _list_titles(client.get(f"/experiments/?partner={lab.slug}")) == [
        "Éclairage adaptatif"]
    assert _list_titles(client.get(f"/experiments/?partner={startup.id}")) == [
        "Sondes d'arrosage"]


@pytest.mark.parametrize("query", ["status=unknown", "theme=nowhere", "partner=nobody",
                                   "page=-1", "per_page=abc", "partner=" + "9" * 40,
                                   "partner=%C2%B2", "partner=" + str(2**31)])
def test_bad_filters_are_ignored_and_said(client, theme, query):
    make_experiment(title="Sondes d'arrosage", theme=theme)
    response = client.get(f"/experiments/?{query}")
    assert response.status_code == 200
    assert "Some of the filters in the address were ignored" in text(response)
    assert _list_titles(response) == ["Sondes d'arrosage"]


def test_the_list_runs_a_constant_number_of_queries(client, theme, count_queries):
    orgs = [make_organization(name=f"Partenaire {n}") for n in range(3)]

    def measure(n: int) -> int:
        for index in range(n):
            make_experiment(theme=theme, partners=[(orgs[0], "lead"), (orgs[1], "partner"),
                                                   (orgs[2], "partner")]
                            if index % 3 else [(orgs[0], "lead")])
        with count_queries() as counter:
            assert client.get("/experiments/").status_code == 200
        return counter.count

    few = measure(3)
    assert measure(17) == few  # 20 experiments now


# --- public page ----------------------------------------------------------------------

def test_the_page_shows_partners_proposals_journal_and_evaluation(client, staff, theme,
                                                                  startup, lab, accepted):
    experiment = make_experiment(title="Sondes d'arrosage", theme=theme, status="running",
                                 partners=[(startup, "lead"), (lab, "partner")],
                                 proposals=[accepted], budget_euros=48000,
                                 starts_on=date(2026, 3, 1))
    journal.post_update(staff, experiment, {"title": "Sondes posées", "body": "36 **sondes**.",
                                            "happened_on": date(2026, 3, 2)})
    evaluation.post_evaluation(staff, experiment, {
        "summary": "Moins d'eau.", "outcome": "adapt", "lessons": "Mieux placer.",
        "indicators": [{"name": "Eau d'arrosage", "unit": "m³", "target": "1200",
                        "measured": "1250,5"}]})
    db.session.commit()

    page = text(client.get(f"/experiments/{experiment.id}"))
    assert "<h1 id=\"experiment-title\">Sondes d&#39;arrosage</h1>" in page
    assert "Captéo" in page and "<strong>Lead</strong>" in page
    assert "<strong>Partner</strong>" in page
    assert accepted.reference in page and f'href="/proposals/{accepted.id}"' in page
    assert "<strong>sondes</strong>" in page and "March 2, 2026" in page
    assert "Outcome:</strong> Adapt" in page
    assert "<caption>Indicators of the evaluation</caption>" in page
    assert '<th scope="row">Eau d&#39;arrosage</th>' in page and "1,250.5" in page
    assert "48,000 €" in page
    assert 'id="comments"' in page

    proposal_page = text(client.get(f"/proposals/{accepted.id}"))
    assert "Experimented in" in proposal_page
    assert f'href="/experiments/{experiment.id}"' in proposal_page


def test_a_hidden_experiment_is_a_placeholder_except_for_moderators(client, login_as, theme,
                                                                    moderator):
    experiment = make_experiment(title="Navette secrète", theme=theme, moderation="hidden",
                                 hidden_reason="Publicité")
    page = text(client.get(f"/experiments/{experiment.id}"))
    assert "Hidden experiment" in page and "Publicité" in page and "Navette secrète" not in page
    login_as(moderator)
    assert "Navette secrète" in text(client.get(f"/experiments/{experiment.id}"))


def test_a_missing_experiment_is_404(client):
    assert client.get("/experiments/999999").status_code == 404


def test_the_nav_links_to_experiments(client):
    assert 'href="/experiments/"' in text(client.get("/about"))


# --- staff forms ----------------------------------------------------------------------

STAFF_PAGES = ["/experiments/new", "/experiments/{id}/edit", "/experiments/{id}/stop",
               "/experiments/{id}/updates/new", "/experiments/{id}/evaluation"]


@pytest.mark.parametrize("url", STAFF_PAGES + ["/experiments/{id}/start"])
def test_staff_pages_are_refused_to_citizens_and_moderators(client, login_as, citizen,
                                                            moderator, theme, url):
    experiment = make_experiment(theme=theme)
    url = url.format(id=experiment.id)
    for user in (citizen, moderator):
        login_as(user)
        assert client.post_form(url, {"title": "x", "reason": "x"}).status_code == 403
        if not url.endswith("/start"):
            assert client.get(url).status_code == 403
    assert db.session.get(Experiment, experiment.id).status == "planned"


def test_anonymous_visitors_are_sent_to_log_in(client, theme):
    experiment = make_experiment(theme=theme)
    response = client.get(f"/experiments/{experiment.id}/edit")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert client.post(f"/experiments/{experiment.id}/support").status_code in (400, 401)


def test_forms_need_the_csrf_token(client, login_as, staff, theme):
    experiment = make_experiment(theme=theme)
    login_as(staff)
    assert client.post(f"/experiments/{experiment.id}/start").status_code == 400
    assert db.session.get(Experiment, experiment.id).status == "planned"


def _form(theme, **overrides) -> dict:
    data = {"title": "Sondes d'arrosage dans trois parcs",
            "description": "Arroser seulement quand le sol en a besoin.",
            "theme": str(theme.id), "proposals": "", "address": "", "latitude": "",
            "longitude": "", "starts_on": "2026-03-01", "ends_on": "2026-09-30",
            "budget_euros": "48000"}
    for n in range(5):
        data[f"partners-{n}-organization"] = "0"
        data[f"partners-{n}-role"] = "partner"
    data.update(overrides)
    return data


def test_staff_create_an_experiment_through_the_form(client, login_as, staff, theme, startup,
                                                      lab, accepted):
    login_as(staff)
    assert "Partners and their roles" in text(client.get("/experiments/new"))
    response = client.post_form("/experiments/new", _form(
        theme, proposals=accepted.reference, **{
            "partners-0-organization": str(startup.id), "partners-0-role": "lead",
            "partners-2-organization": str(lab.id)}))
    assert response.status_code == 302
    experiment = db.session.scalars(select(Experiment)).one()
    assert [(p.organization_id, p.role) for p in experiment.partners] == [
        (startup.id, "lead"), (lab.id, "partner")]
    assert experiment.proposals == [accepted]

    page = text(client.get(f"/experiments/{experiment.id}/edit"))
    assert f'value="{accepted.reference}"' in page


@pytest.mark.parametrize("overrides, says", [
    ({"ends_on": "2026-01-01"}, "on or after the start date"),
    ({"proposals": "P-2026-99999"}, "There is no proposal P-2026-99999"),
    ({"latitude": "48.85", "longitude": "2.35"}, "outside"),
    ({"budget_euros": "-5"}, "Number must be between 0"),
])
def test_the_form_says_what_is_wrong(client, login_as, staff, theme, overrides, says):
    login_as(staff)
    response = client.post_form("/experiments/new", _form(theme, **overrides))
    assert response.status_code == 200 and says in text(response)
    assert db.session.scalars(select(Experiment)).all() == []


def test_two_leads_are_refused_in_the_form(client, login_as, staff, theme, startup, lab):
    login_as(staff)
    response = client.post_form("/experiments/new", _form(theme, **{
        "partners-0-organization": str(startup.id), "partners-0-role": "lead",
        "partners-1-organization": str(lab.id), "partners-1-role": "lead"}))
    assert "Only one partner can lead the experiment" in text(response)
    assert db.session.scalars(select(Experiment)).all() == []


def test_accept_for_experimentation_from_the_proposal_page(client, login_as, moderator,
                                                           citizen, theme, startup):
    proposal = make_proposal(author=citizen, theme=theme, organization=startup,
                             title="Des bancs connectés au Capitole")
    login_as(citizen)
    assert "Accept for experimentation" not in text(client.get(f"/proposals/{proposal.id}"))
    assert client.get(f"/experiments/accept/{proposal.id}").status_code == 403

    login_as(moderator)
    assert "Accept for experimentation" in text(client.get(f"/proposals/{proposal.id}"))
    form_page = text(client.get(f"/experiments/accept/{proposal.id}"))
    assert 'value="Des bancs connectés au Capitole"' in form_page
    assert f'<option selected value="{startup.id}">' in form_page
    response = client.post_form(f"/experiments/accept/{proposal.id}", _form(theme, **{
        "title": "Bancs connectés : l'expérimentation",
        "partners-0-organization": str(startup.id), "partners-0-role": "lead"}))
    experiment = db.session.scalars(select(Experiment)).one()
    assert response.headers["Location"].endswith(f"/experiments/{experiment.id}")
    db.session.refresh(proposal)
    assert proposal.status == "experimenting" and experiment.proposals == [proposal]
    page = text(client.get(f"/proposals/{proposal.id}"))
    assert "Experimented in" in page and "Accept for experimentation" not in page


def test_staff_run_an_experiment_through_its_pages(client, login_as, staff, theme):
    experiment = make_experiment(theme=theme)
    login_as(staff)
    client.post_form(f"/experiments/{experiment.id}/start")
    assert db.session.get(Experiment, experiment.id).status == "running"

    response = client.post_form(f"/experiments/{experiment.id}/updates/new", {
        "title": "Sondes posées", "body": "Trente-six sondes.", "happened_on": "2026-01-15"})
    assert response.status_code == 302
    data = {"summary": "Moins d'eau.", "outcome": "adopt", "lessons": "Généraliser.",
            "indicators-0-name": "Eau", "indicators-0-unit": "m³",
            "indicators-0-target": "12,5", "indicators-0-measured": "11,75"}
    response = client.post_form(f"/experiments/{experiment.id}/evaluation", data)
    assert response.status_code == 302
    experiment = db.session.get(Experiment, experiment.id)
    assert experiment.status == "evaluated"
    assert experiment.evaluation.indicators[0].measured == 11.75
    assert 'value="12.5"' in text(client.get(f"/experiments/{experiment.id}/evaluation"))


def test_staff_stop_with_a_reason(client, login_as, staff, theme):
    experiment = make_experiment(theme=theme, status="running")
    login_as(staff)
    response = client.post_form(f"/experiments/{experiment.id}/stop", {"reason": ""})
    assert response.status_code == 200 and "This field is required" in text(response)
    client.post_form(f"/experiments/{experiment.id}/stop", {"reason": "Fournisseur en faillite"})
    page = text(client.get(f"/experiments/{experiment.id}"))
    assert "Why the experiment was stopped" in page and "Fournisseur en faillite" in page
    assert "Comments are closed: this experiment was stopped." in page


def test_evaluating_a_planned_experiment_says_why_not(client, login_as, staff, theme):
    experiment = make_experiment(theme=theme)
    login_as(staff)
    page = text(client.get(f"/experiments/{experiment.id}/evaluation"))
    assert "Only a running experiment is evaluated" in page


# --- supports and follows -------------------------------------------------------------

def test_support_and_follow_buttons(client, login_as, citizen, theme):
    experiment = make_experiment(theme=theme, status="running")
    login_as(citizen)
    client.post_form(f"/experiments/{experiment.id}/support", {"action": "support"})
    client.post_form(f"/experiments/{experiment.id}/support", {"action": "support"})
    client.post_form(f"/experiments/{experiment.id}/follow", {"action": "follow"})
    experiment = db.session.get(Experiment, experiment.id)
    assert (experiment.supports_count, experiment.followers_count) == (1, 1)
    page = text(client.get(f"/experiments/{experiment.id}"))
    assert "Withdraw my support" in page and "Stop following" in page


def test_a_blocked_person_is_told_why_they_cannot_support(client, login_as, theme):
    from civic.core.models import utcnow
    from tests.factories import make_user

    blocked = make_user(locale="en", blocked_at=utcnow(), block_reason="Spam")
    experiment = make_experiment(theme=theme)
    login_as(blocked)
    response = client.post_form(f"/experiments/{experiment.id}/support",
                                {"action": "support"}, follow_redirects=True)
    assert "Your account is blocked" in text(response)
    assert db.session.get(Experiment, experiment.id).supports_count == 0
