"""The plan document's public pages: current version, permalinks, history, differences."""
# ruff: noqa: F811  (pytest fixtures imported from plan_fixtures, used as arguments)
from __future__ import annotations

from tests.factories import make_published_revision, make_section
from tests.fixtures.http import text
from tests.masterplan.plan_fixtures import (  # noqa: F401
    EN,
    _english_pages,
    plan,
    publish_change,
    request_ctx,
    staff,
)


def test_the_current_version_is_the_default_view(client, staff, plan):
    publish_change(staff, plan["project"], "Le projet déploie 40 capteurs.", "Plus de capteurs")
    page = text(client.get("/plan/"))
    assert "Version v2" in page and "Plus de capteurs" in page and "current version" in page
    assert "Agent Métropole" in page  # who published it
    assert "Contents" in page and f'href="#section-{plan["project"].id}"' in page
    assert "Le projet déploie 40 capteurs." in page and "Axe numéro 2" in page
    assert "older version" not in page
    for link in ("/plan/history", "/plan/v/2.md", "/plan/v/2/print", "/plan/diff?to=2",
                 "/plan/v/2"):
        assert f'href="{link}"' in page
    assert ".pdf" not in page  # no PDF engine on this server: no link


def test_a_permalink_shows_an_older_version_as_it_was(client, staff, plan):
    publish_change(staff, plan["project"], "Le projet déploie 40 capteurs.")
    page = text(client.get("/plan/v/1"))
    assert "Version v1" in page and "Le projet 1.1 installe des capteurs." in page
    assert "This is an older version (v1)" in page and "See the current version (v2)" in page
    assert client.get("/plan/v/2").status_code == 200
    missing = client.get("/plan/v/9")
    assert missing.status_code == 404 and "There is no version 9" in text(missing)


def test_the_history_lists_every_version(client, staff, plan):
    publish_change(staff, plan["project"], "Le projet change.", "Plus de capteurs")
    page = text(client.get("/plan/history"))
    assert "History of the master plan" in page
    assert page.index("Plus de capteurs") < page.index("Première version")  # newest first
    assert "Agent Métropole" in page
    assert 'href="/plan/v/1"' in page and 'href="/plan/diff?from=1&amp;to=2"' in page
    assert "<td>1</td>" in page  # one section changed in v2


def test_the_diff_between_two_versions_word_by_word(client, staff, plan):
    publish_change(staff, plan["project"], "Le projet 1.1 installe des bornes.")
    response = client.get("/plan/diff?from=1&to=2")
    page = text(response)
    assert response.status_code == 200 and "Changes between v1 and v2" in page
    assert "<del><span" in page and "[deleted: </span>capteurs" in page
    assert "<ins><span" in page and "[inserted: </span>bornes" in page
    assert "Projet 1.1" in page and "1 section changed." in page
    assert "3 sections unchanged" in page and "<details" in page
    # the picker works without JS: a GET form with two labelled selects
    assert 'method="get"' in page and 'for="diff-from"' in page and 'for="diff-to"' in page


def test_the_default_diff_is_previous_to_current(client, staff, plan):
    publish_change(staff, plan["axis"], "Premier changement.")
    publish_change(staff, plan["axis"], "Second changement.", "Troisième")
    page = text(client.get("/plan/diff"))
    assert "Changes between v2 and v3" in page and "Second" in page


def test_an_older_version_against_a_newer_one_in_any_order(client, staff, plan):
    publish_change(staff, plan["axis"], "Premier changement.")
    page = text(client.get("/plan/diff?from=2&to=1"))
    assert "Changes between v2 and v1" in page and "[inserted: </span>" in page


def test_the_same_version_twice_says_nothing_changed(client, plan):
    page = text(client.get("/plan/diff?from=1&to=1"))
    assert "nothing changed" in page and "<del>" not in page


def test_bad_diff_parameters_are_400_or_404_not_500(client, plan):
    assert client.get("/plan/diff?from=abc&to=1").status_code == 400
    assert client.get("/plan/diff?from=1&to=-2").status_code == 400
    assert client.get("/plan/diff?from=1&to=" + "9" * 40).status_code == 400
    assert client.get("/plan/diff?from=%C2%B2&to=1").status_code == 400  # "²" is no number
    assert client.get("/plan/v/" + "9" * 30).status_code == 404
    assert client.get("/plan/v/" + "9" * 30 + ".md").status_code == 404
    assert client.get("/plan/sections/" + "9" * 30).status_code == 404
    missing = client.get("/plan/diff?from=1&to=7")
    assert missing.status_code == 404 and "There is no version 7" in text(missing)


def test_nothing_published_yet(client, db):
    assert client.get("/plan/diff").status_code == 404
    assert "not been published yet" in text(client.get("/plan/history"))
    assert client.get("/plan/").status_code == 200


def test_a_section_page_shows_the_current_text_and_keeps_its_thread(client, staff, plan):
    publish_change(staff, plan["project"], "Le projet déploie 40 capteurs.")
    page = text(client.get(f"/plan/sections/{plan['project'].id}"))
    assert "Le projet déploie 40 capteurs." in page and 'id="comments"' in page
    assert "current version (v2)" in page


def _published_twice(sections_count: int):
    """A plan of `sections_count` sections (axes of three) published as two versions
    where every section changed."""
    sections = []
    for index in range(sections_count):
        axis = sections[index - index % 3] if index % 3 else None
        sections.append(make_section(title=f"Section {index}", parent=axis, position=index,
                                     body="Un texte de départ.", objectives="- Un"))
    make_published_revision(summary="Avant", sections=sections)
    for section in sections:
        section.body = "Un texte changé de bout en bout."
    make_published_revision(summary="Après", sections=sections)


def test_constant_queries_on_the_plan_and_the_diff(client, db, count_queries):
    counts = []
    for size in (3, 12):
        _published_twice(size)
        with count_queries() as on_plan:
            page = text(client.get("/plan/"))
        assert page.count("Un texte changé de bout en bout.") == size
        with count_queries() as on_diff:
            page = text(client.get("/plan/diff"))
        assert page.count('class="diff-section') == size
        with count_queries() as on_history:
            client.get("/plan/history")
        counts.append((on_plan.count, on_diff.count, on_history.count))
    assert counts[0] == counts[1]
