"""The master plan's pages: axes with their flagship projects, and a section's page."""
from __future__ import annotations

from datetime import timedelta

import pytest

from civic.core.models import utcnow
from tests.factories import make_section, make_user
from tests.fixtures.http import text


@pytest.fixture(autouse=True)
def _english(client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"


def test_the_plan_lists_axes_and_flagship_projects(client, db):
    axis = make_section(title="Mobilités durables")
    make_section(title="Capteurs de trafic", parent=axis)
    page = text(client.get("/plan/"))
    assert "Mobilités durables" in page and "Capteurs de trafic" in page
    assert 'href="/plan/"' in page and "Master plan" in page


def test_a_section_page(client, db):
    axis = make_section(title="Données ouvertes")
    project = make_section(title="Portail open data", parent=axis, summary="En bref",
                           body="Le **détail** du projet", objectives="- Ouvrir",
                           indicators="- Jeux publiés",
                           campaign_opens_at=utcnow() - timedelta(days=1),
                           campaign_closes_at=utcnow() + timedelta(days=10))
    page = text(client.get(f"/plan/sections/{project.id}"))
    assert "<h1" in page and "Portail open data" in page
    assert "<strong>détail</strong>" in page and "Objectives" in page and "Indicators" in page
    assert "Participation campaign from" in page
    assert f"/proposals/?theme={project.id}" in page
    assert 'id="comments"' in page and "Log in to comment" in page


def test_a_closed_campaign_closes_the_section_thread(client, db, login_as):
    closed = make_section(title="Fini", campaign_opens_at=utcnow() - timedelta(days=20),
                          campaign_closes_at=utcnow() - timedelta(days=1))
    login_as(make_user(locale="en"))
    page = text(client.get(f"/plan/sections/{closed.id}"))
    assert "closed on" in page and 'name="body"' not in page


def test_an_unknown_section_is_404(client, db):
    assert client.get("/plan/sections/99999").status_code == 404
