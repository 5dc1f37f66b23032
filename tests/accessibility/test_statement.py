"""The accessibility statement: public, linked from every page, with what the RGAA model
statement requires (status, standard, gaps, date, contact, recourse)."""
from __future__ import annotations

import pytest

from tests.fixtures.http import text


def test_statement_says_what_the_rgaa_model_requires(client):
    response = client.get("/accessibilite")
    assert response.status_code == 200
    page = text(response)
    assert "partiellement conforme" in page or "partially compliant" in page
    assert "RGAA" in page and "4.1.2" in page and "WCAG 2.1" in page
    assert "axe-core" in page
    assert "Défenseur des droits" in page and "Libre réponse 71120" in page
    assert 'href="/proposals/"' in page  # the pages tested are named and linked


@pytest.mark.parametrize("contact, shown", [
    ("accessibilite@metropole.example", 'href="mailto:accessibilite@metropole.example"'),
    (None, "mailto:"),
])
def test_contact_address_comes_from_the_configuration(app, client, contact, shown):
    app.config["ACCESSIBILITY_CONTACT"] = contact
    try:
        page = text(client.get("/accessibilite"))
    finally:
        app.config["ACCESSIBILITY_CONTACT"] = None
    assert (shown in page) is (contact is not None)


def test_statement_date_comes_from_the_configuration(app, client):
    app.config["ACCESSIBILITY_STATEMENT_DATE"] = "2027-03-15"
    try:
        page = text(client.get("/accessibilite"))
    finally:
        app.config["ACCESSIBILITY_STATEMENT_DATE"] = "2026-12-02"
    assert "15 mars 2027" in page


@pytest.mark.parametrize("path", ["/", "/proposals/", "/login", "/accessibilite"])
def test_every_page_links_to_the_statement_from_its_footer(client, path):
    page = text(client.get(path))
    footer = page[page.index("<footer"):]
    assert 'href="/accessibilite"' in footer
