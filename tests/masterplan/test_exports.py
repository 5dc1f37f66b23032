"""Downloads of any version: Markdown, a printable page, PDF only with an engine."""
# ruff: noqa: F811  (pytest fixtures imported from plan_fixtures, used as arguments)
from __future__ import annotations

import re

from tests.fixtures.http import text
from tests.masterplan.plan_fixtures import (  # noqa: F401
    EN,
    _english_pages,
    plan,
    publish_change,
    request_ctx,
    staff,
)


def test_markdown_download(client, staff, plan):
    publish_change(staff, plan["project"], "Le projet déploie **40** capteurs.")
    response = client.get("/plan/v/1.md")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/markdown; charset=utf-8"
    assert response.headers["Content-Disposition"] == \
        'attachment; filename="schema-directeur-v1.md"'
    body = text(response)
    assert body.startswith("# Master plan — v1\n")
    assert "> Première version" in body
    assert "## Axe numéro 1\n" in body and "### Projet 1.1\n" in body
    assert "*Résumé de l'axe 1*" in body and "**Objectives**" in body
    assert "- Réduire le trafic" in body
    assert body.index("## Axe numéro 1") < body.index("### Projet 1.1") \
        < body.index("## Axe numéro 2")
    assert "Le projet 1.1 installe des capteurs." in body  # v1's text, not v2's
    assert "**40**" in text(client.get("/plan/v/2.md"))
    assert client.get("/plan/v/5.md").status_code == 404


def test_printable_page_is_standalone(client, plan):
    response = client.get("/plan/v/1/print")
    page = text(response)
    assert response.status_code == 200 and page.startswith("<!doctype html>")
    assert '<html lang="en">' in page and "<title>Master plan · v1" in page
    assert page.count("<h1") == 1 and "<main" in page and "<header" in page \
        and "<footer" in page
    assert 'href="/static/css/print.css"' in page and "civic.css" not in page
    assert "style=" not in page and "<script" not in page
    assert "Contents" in page and f'href="#section-{plan["project"].id}"' in page
    for title in ("Axe numéro 1", "Projet 1.1", "Axe numéro 2", "Projet 2.1"):
        assert title in page
    assert re.search(r"Permanent link: http://[^<]+/plan/v/1", page)
    assert client.get("/plan/v/3/print").status_code == 404


def test_pdf_without_an_engine_is_a_clear_404(client, plan):
    response = client.get("/plan/v/1.pdf")
    assert response.status_code == 404 and "no PDF engine" in text(response)
    assert ".pdf" not in text(client.get("/plan/v/1"))


def test_pdf_link_shows_when_the_engine_is_installed(client, plan, monkeypatch):
    from civic.masterplan import exports

    monkeypatch.setattr(exports, "pdf_available", lambda: True)
    assert 'href="/plan/v/1.pdf"' in text(client.get("/plan/v/1"))
