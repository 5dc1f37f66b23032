"""Public profiles: name, bio (sanitized Markdown), organizations, activity."""
from __future__ import annotations

from civic.core.models import utcnow
from tests.factories import make_organization, make_user
from tests.fixtures.http import text

EN = {"Accept-Language": "en"}


def test_profile_shows_name_bio_organizations_and_activity(client):
    person = make_user(display_name="Alex Martin", bio="I build **bike lanes**.")
    make_organization(owner=person, name="Vélo Futur", verified=True)
    make_organization(members=[person], name="Atelier Commun")

    response = client.get(f"/people/{person.id}", headers=EN)

    assert response.status_code == 200
    page = text(response)
    assert page.count("<h1") == 1
    assert "Alex Martin" in page
    assert "<strong>bike lanes</strong>" in page
    assert "Vélo Futur" in page and "Atelier Commun" in page
    assert page.count("badge-verified") == 1  # only the verified organization
    assert "Member since" in page
    assert "Joined Vélo Futur" in page and "Joined the platform" in page
    assert person.email not in page


def test_profile_bio_markdown_is_sanitized(client):
    person = make_user(bio='<script>alert("x")</script> [site](javascript:alert(1)) '
                           '<img src=x onerror=alert(2)>')

    page = text(client.get(f"/people/{person.id}", headers=EN))

    assert "<script>alert" not in page
    assert "href=\"javascript" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;" in page  # shown as text, never run


def test_deleted_profile_shows_placeholder_without_bio(client):
    person = make_user(display_name="Ancien Nom", bio="Mon ancienne bio",
                       deleted_at=utcnow())

    page = text(client.get(f"/people/{person.id}", headers=EN))

    assert "Deleted participant" in page
    assert "Ancien Nom" not in page
    assert "Mon ancienne bio" not in page


def test_unknown_profile_is_404(client):
    assert client.get("/people/999999").status_code == 404


def test_own_profile_links_to_settings(client, login_as):
    person = login_as(make_user(locale="en"))
    page = text(client.get(f"/people/{person.id}"))
    assert "/settings" in page


def test_profile_queries_do_not_grow_with_organizations(client, count_queries):
    few = make_user()
    many = make_user()
    make_organization(members=[few])
    for _ in range(6):
        make_organization(members=[many], verified=True)

    with count_queries() as small:
        client.get(f"/people/{few.id}")
    with count_queries() as large:
        client.get(f"/people/{many.id}")

    assert large.count == small.count


def test_profile_links_each_organization_to_its_page(client):
    person = make_user()
    org = make_organization(members=[person], name="Atelier Commun")

    page = text(client.get(f"/people/{person.id}", headers=EN))

    assert f'<a href="/organizations/{org.slug}">Atelier Commun</a>' in page
    assert client.get(f"/organizations/{org.slug}").status_code == 200
