"""Public list and page: filters, pagination, constant query counts, safe rendering."""
from __future__ import annotations

import re

import pytest

from civic.organizations.models import Membership
from tests.factories import make_organization, make_user
from tests.fixtures.http import text

EN = {"Accept-Language": "en"}


def test_list_filters_by_kind_and_verified(client):
    make_organization(name="Alpha Startup", kind="startup", verified=True)
    make_organization(name="Beta Asso", kind="association")
    make_organization(name="Gamma Lab", kind="research", verified=True)
    page = text(client.get("/organizations/?kind=association"))
    assert "Beta Asso" in page and "Alpha Startup" not in page
    page = text(client.get("/organizations/?verified=1"))
    assert "Alpha Startup" in page and "Gamma Lab" in page and "Beta Asso" not in page
    page = text(client.get("/organizations/?kind=nonsense&page=abc"))
    assert "Beta Asso" in page


def test_list_is_paginated(client):
    for n in range(25):
        make_organization(name=f"Org {n:02d}")
    first = text(client.get("/organizations/", headers=EN))
    second = text(client.get("/organizations/?page=2", headers=EN))
    assert "Org 00" in first and "Org 19" in first and "Org 20" not in first
    assert "Org 20" in second and "Org 24" in second and "Org 00" not in second
    assert "25 organizations" in first
    assert client.get("/organizations/?page=99").status_code == 200


def _orgs_with_members(n, owner):
    for i in range(n):
        make_organization(owner=owner, members=[make_user()], name=f"Orga {i}",
                          verified=bool(i % 2))


@pytest.mark.parametrize("logged_in", [False, True])
def test_list_query_count_does_not_grow(client, count_queries, login_as, logged_in):
    owner = make_user()
    if logged_in:
        login_as(owner)
    _orgs_with_members(1, owner)
    client.get("/organizations/")  # warm-up
    with count_queries() as one:
        assert client.get("/organizations/").status_code == 200
    _orgs_with_members(19, owner)
    with count_queries() as twenty:
        assert client.get("/organizations/").status_code == 200
    assert twenty.count == one.count, twenty.statements


@pytest.mark.parametrize("viewer", ["anonymous", "owner", "stranger"])
def test_page_query_count_does_not_grow_with_members(client, count_queries, login_as, viewer):
    owner = make_user()
    org = make_organization(owner=owner, members=[make_user()])
    if viewer != "anonymous":
        login_as(owner if viewer == "owner" else make_user())
    with count_queries() as few:
        assert client.get(f"/organizations/{org.slug}").status_code == 200
    from civic.extensions import db

    for _ in range(19):
        db.session.add(Membership(organization_id=org.id, user=make_user(), role="member"))
    db.session.commit()
    with count_queries() as many:
        page = client.get(f"/organizations/{org.slug}")
    assert page.status_code == 200
    assert text(page).count("/people/") >= 21
    assert many.count == few.count, many.statements


def test_description_xss_is_harmless(client):
    org = make_organization(
        name="<script>alert('name')</script>",
        description="<script>alert(1)</script> [x](javascript:alert(2)) "
                    "<img src=x onerror=alert(3)> **fort**",
        website="javascript:alert(4)")
    page = text(client.get(f"/organizations/{org.slug}"))
    assert "<script>alert" not in page
    assert "href=\"javascript" not in page
    assert "<img src=x" not in page
    assert "<strong>fort</strong>" in page
    assert "&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;" in page
    listing = text(client.get("/organizations/"))
    assert "<script>alert" not in listing


def test_website_link_is_nofollow(client):
    org = make_organization(website="https://exemple.org/a?b=c")
    page = text(client.get(f"/organizations/{org.slug}"))
    assert re.search(r'<a href="https://exemple.org/a\?b=c" rel="nofollow ugc noopener">', page)


def test_page_shows_members_roles_and_activity(client):
    owner = make_user(display_name="Océane Owner")
    member = make_user(display_name="Marc Member")
    org = make_organization(owner=owner, members=[member], verified=True)
    page = text(client.get(f"/organizations/{org.slug}", headers=EN))
    assert "Océane Owner" in page and "Marc Member" in page
    assert "Owner" in page
    assert "Verified by the metropolis" in page


@pytest.mark.parametrize(("viewer", "shown", "hidden"), [
    ("anonymous", [], ["/join", "/leave", "/edit", "/members"]),
    ("stranger", ["/join"], ["/leave", "/edit", "/members"]),
    ("member", ["/leave"], ["/join", "/edit", "/members"]),
    ("owner", ["/leave", "/edit", "/members"], ["/join"]),
])
def test_page_actions_depend_on_the_viewer(client, login_as, viewer, shown, hidden):
    owner, member = make_user(), make_user()
    org = make_organization(owner=owner, members=[member])
    if viewer != "anonymous":
        login_as({"stranger": make_user(), "member": member, "owner": owner}[viewer])
    page = text(client.get(f"/organizations/{org.slug}"))
    for path in shown:
        assert f"/organizations/{org.slug}{path}" in page, path
    for path in hidden:
        assert f"/organizations/{org.slug}{path}" not in page, path


def test_pending_request_is_shown_to_the_asker(client, login_as):
    org = make_organization(owner=make_user())
    login_as(make_user(locale="en"))
    client.post_form(f"/organizations/{org.slug}/join", {"message": ""})
    page = text(client.get(f"/organizations/{org.slug}"))
    assert "You asked to join" in page
    assert f"/organizations/{org.slug}/join" not in page
