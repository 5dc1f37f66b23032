"""A section's amendments: paginated, filtered by status, in a constant number of queries."""
from __future__ import annotations

import itertools

from civic.amendments import services
from civic.extensions import db
from tests.amendments.conftest import propose
from tests.factories import make_organization, make_user
from tests.fixtures.http import text

_numbers = itertools.count()


def _several(section, count):
    made = []
    for i in range(count):
        n = next(_numbers)
        author = make_user(locale="en", display_name=f"Auteur {n}")
        org = make_organization(owner=author, name=f"Asso {n}")
        made.append(propose(author, section, title=f"Amendement numéro {i}",
                            organization=org))
    return made


def test_the_list_takes_the_same_number_of_queries_whatever_its_length(client, section,
                                                                       revision,
                                                                       count_queries):
    url = f"/plan/sections/{section.id}/amendments"
    _several(section, 2)
    client.get(url)  # warm up
    with count_queries() as few:
        assert client.get(url).status_code == 200
    _several(section, 8)
    with count_queries() as many:
        page = text(client.get(url))
    assert "10 amendments" in page and page.count('class="org-name"') == 10
    assert many.count == few.count


def test_the_section_page_block_takes_constant_queries(client, section, revision,
                                                       count_queries):
    url = f"/plan/sections/{section.id}"
    _several(section, 1)
    client.get(url)
    with count_queries() as few:
        client.get(url)
    _several(section, 6)
    with count_queries() as many:
        page = text(client.get(url))
    assert "7 amendments" in page and "See all the amendments" in page
    assert many.count == few.count


def test_filter_by_status_and_paginate(client, staff, section, revision):
    made = _several(section, 22)
    services.reject_amendment(staff, made[0], "Non.")
    db.session.commit()
    url = f"/plan/sections/{section.id}/amendments"
    page = text(client.get(url + "?status=rejected"))
    assert "Amendement numéro 0" in page and "Amendement numéro 5" not in page
    assert "1 amendment" in page
    first = text(client.get(url))
    assert "Page 1 of 2" in first and "Amendement numéro 21" in first
    second = text(client.get(url + "?page=2"))
    assert "Amendement numéro 0<" in second
    # A hand-edited status shows every amendment.
    assert "22 amendments" in text(client.get(url + "?status=nonsense"))


def test_the_list_offers_to_propose(client, section, revision):
    page = text(client.get(f"/plan/sections/{section.id}/amendments"))
    assert "No amendment here yet." in page
    assert f"/plan/sections/{section.id}/amendments/new" in page


def test_an_unknown_section_has_no_list(client):
    assert client.get("/plan/sections/999999/amendments").status_code == 404
