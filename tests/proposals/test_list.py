"""The public list of proposals: filters, sorts, pagination, shareable URLs, no drafts."""
from __future__ import annotations

import re

import pytest

from civic.extensions import db
from tests.factories import make_organization, make_proposal, make_section, make_user
from tests.fixtures.http import text
from tests.proposals.conftest import EN

CARD_RE = re.compile(r'id="proposal-card-(\d+)"')


def listed(response) -> list[int]:
    assert response.status_code == 200
    return [int(i) for i in CARD_RE.findall(text(response))]


def test_list_shows_published_proposals_and_never_drafts(client, proposal, draft):
    response = client.get("/proposals/", headers=EN)
    assert listed(response) == [proposal.id]
    assert draft.title not in text(response)
    assert "1 proposal" in text(response)


def test_list_is_in_the_main_nav(client):
    assert 'href="/proposals/"' in text(client.get("/", headers=EN))


def test_filters_theme_status_kind_author_and_place(client, citizen, theme):
    other_theme = make_section(title="Énergie")
    org = make_organization(owner=citizen, kind="association")
    startup = make_organization(owner=citizen, kind="startup")
    base = make_proposal(theme=theme, title="Citizen idea")
    experiment = make_proposal(theme=other_theme, kind="experiment", title="Experiment")
    by_org = make_proposal(theme=theme, organization=org, author=citizen, title="By org")
    by_startup = make_proposal(theme=theme, organization=startup, author=citizen,
                               title="By startup", status="accepted")
    placed = make_proposal(theme=other_theme, latitude=43.6, longitude=1.44, title="Placed")

    assert set(listed(client.get(f"/proposals/?theme={theme.slug}"))) == {
        base.id, by_org.id, by_startup.id}
    # An axis includes its flagship projects; the id works as well as the slug.
    assert set(listed(client.get(f"/proposals/?theme={theme.parent_id}"))) == {
        base.id, by_org.id, by_startup.id}
    assert listed(client.get("/proposals/?status=accepted")) == [by_startup.id]
    assert by_startup.id not in listed(client.get("/proposals/?status=open"))
    assert listed(client.get("/proposals/?kind=experiment")) == [experiment.id]
    assert set(listed(client.get("/proposals/?author=citizen"))) == {
        base.id, experiment.id, placed.id}
    assert set(listed(client.get("/proposals/?author=organization"))) == {
        by_org.id, by_startup.id}
    assert listed(client.get("/proposals/?author=association")) == [by_org.id]
    assert listed(client.get("/proposals/?place=1")) == [placed.id]
    assert listed(client.get(f"/proposals/?theme={theme.slug}&author=startup")) == [
        by_startup.id]


@pytest.mark.parametrize("query", [
    "status=draft", "status=nope", "kind=x", "author=robot", "theme=no-such-theme",
    "theme=999999999999999999999", "sort=sideways", "page=0", "page=-3", "page=abc",
    "page=99999999999999999999", "per_page=0", "per_page=101", "per_page=1e3",
    "place=maybe", "q=%2A%2A%2A", "q=" + "x" * 300, "sort=",
    "per_page=-1", "per_page=" + "9" * 5000,
])
def test_bad_parameters_are_ignored_with_a_visible_message(client, proposal, draft, query):
    response = client.get(f"/proposals/?{query}", headers=EN)
    assert response.status_code == 200
    body = text(response)
    if "=" in query and not query.endswith("="):
        assert "were ignored" in body
    assert draft.title not in body


def test_sorts(client, theme):
    low = make_proposal(theme=theme, title="Low", supports_count=1, comments_count=9)
    high = make_proposal(theme=theme, title="High", supports_count=50, comments_count=0)
    mid = make_proposal(theme=theme, title="Mid", supports_count=7, comments_count=3)
    assert listed(client.get("/proposals/")) == [mid.id, high.id, low.id]
    assert listed(client.get("/proposals/?sort=recent")) == [mid.id, high.id, low.id]
    assert listed(client.get("/proposals/?sort=supports")) == [high.id, mid.id, low.id]
    assert listed(client.get("/proposals/?sort=comments")) == [low.id, mid.id, high.id]


def test_pagination_keeps_the_filters_in_the_links(client, theme):
    ids = [make_proposal(theme=theme, title=f"Proposition {n}", kind="experiment").id
           for n in range(5)]
    make_proposal(theme=theme, title="An idea")
    first = client.get("/proposals/?kind=experiment&per_page=2", headers=EN)
    assert listed(first) == ids[::-1][:2]
    body = text(first)
    assert "Page 1 of 3" in body
    next_link = re.search(r'rel="next" href="([^"]+)"', body).group(1).replace("&amp;", "&")
    assert "kind=experiment" in next_link and "per_page=2" in next_link
    assert listed(client.get(next_link)) == ids[::-1][2:4]
    assert listed(client.get("/proposals/?kind=experiment&per_page=2&page=3")) == [ids[0]]
    assert listed(client.get("/proposals/?kind=experiment&per_page=2&page=9")) == []


def test_the_filter_form_keeps_a_chosen_number_per_page(client, proposal):
    hidden = 'type="hidden" name="per_page"'
    assert hidden not in text(client.get("/proposals/"))
    assert hidden not in text(client.get("/proposals/?per_page=20"))
    assert f'{hidden} value="5"' in text(client.get("/proposals/?per_page=5"))


def test_random_sort_is_stable_for_a_visitor_and_differs_between_visitors(app, theme):
    ids = {make_proposal(theme=theme, title=f"Proposition {n}").id for n in range(30)}
    visitor = app.test_client()
    pages = [listed(visitor.get(f"/proposals/?sort=random&per_page=10&page={n}"))
             for n in (1, 2, 3)]
    seen = [i for page in pages for i in page]
    assert sorted(seen) == sorted(ids)  # no repeat, no gap across pages
    assert listed(visitor.get("/proposals/?sort=random&per_page=10&page=1")) == pages[0]
    orders = {tuple(listed(app.test_client().get("/proposals/?sort=random&per_page=30")))
              for _ in range(3)}
    orders.add(tuple(seen))
    assert len(orders) > 1  # other visitors get other shuffles


def test_search_in_the_list(client, theme):
    metro = make_proposal(theme=theme, title="Des stationnements vélos sécurisés près des "
                                             "stations de métro")
    bus = make_proposal(theme=theme, title="Bus de nuit")
    from civic.search.index import index_proposal

    index_proposal(metro)
    index_proposal(bus)
    db.session.commit()
    assert listed(client.get("/proposals/?q=velo+metro")) == [metro.id]
    assert listed(client.get("/proposals/?q=Vélo")) == [metro.id]
    assert listed(client.get("/proposals/?q=stationnement")) == [metro.id]
    assert listed(client.get("/proposals/?q=velo+bus")) == []
    response = client.get("/proposals/?q=velo&theme=" + theme.slug, headers=EN)
    assert 'value="velo"' in text(response)  # the form shows the shared search


def test_attack_strings_in_q_never_fail(client, proposal):
    from pathlib import Path

    files = sorted(Path("/work/shared/data/attacks/sqli").glob("*.txt"))
    assert files, "attack strings are missing"
    for path in files:
        for line in path.read_text(errors="replace").splitlines()[:60]:
            response = client.get("/proposals/", query_string={"q": line, "sort": line})
            assert response.status_code == 200, line


def test_deleted_author_is_shown_as_deleted_participant(client, theme):
    from civic.core.models import utcnow

    gone = make_user(display_name="Ancien Compte")
    make_proposal(author=gone, theme=theme, title="Orphan")
    gone.deleted_at = utcnow()
    db.session.commit()
    body = text(client.get("/proposals/", headers=EN))
    assert "Deleted participant" in body and "Ancien Compte" not in body


def test_list_runs_a_fixed_number_of_queries(client, count_queries, theme):
    from civic.proposals.models import Support

    def make(n):
        for i in range(n):
            org = make_organization(verified=True) if i % 3 == 0 else None
            p = make_proposal(theme=theme, organization=org, title=f"P {i}",
                              latitude=43.6 if i % 2 else None, longitude=1.4 if i % 2 else None)
            for _ in range(2):
                db.session.add(Support(proposal_id=p.id, user_id=make_user().id))
        db.session.commit()

    make(3)
    with count_queries() as few:
        client.get("/proposals/?per_page=50")
    make(37)
    with count_queries() as many:
        client.get("/proposals/?per_page=50")
    with count_queries() as searched:
        client.get("/proposals/?per_page=50&q=proposition&sort=supports&place=1")
    assert few.count == many.count
    assert searched.count <= many.count
