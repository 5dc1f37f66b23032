"""Proposals the moderators hid, or have not approved yet, are out of every public surface;
their page is a placeholder (hidden) or missing (pending) except for the author and the
moderators."""
from __future__ import annotations

import pytest

from civic import search
from civic.core.permissions import can_view_hidden_content, can_view_proposal
from civic.proposals import queries
from civic.search.index import index_proposal
from tests.factories import make_organization, make_proposal, make_user
from tests.fixtures.http import text
from tests.proposals.conftest import EN

VISIBLE = "Lampadaires solaires rue Alsace"
HIDDEN = "Lampadaires injurieux quai Daurade"
PENDING = "Lampadaires attente allée Jean"
REASON = "Propos injurieux envers un voisin"
PLACE = {"latitude": 43.6045, "longitude": 1.444}


@pytest.fixture
def trio(citizen, theme):
    """A visible, a hidden and a pending proposal by `citizen` for one organization,
    located and in the search index."""
    org = make_organization(owner=citizen, name="Collectif Lumière")
    made = {
        "visible": make_proposal(author=citizen, theme=theme, title=VISIBLE,
                                 organization=org, **PLACE),
        "hidden": make_proposal(author=citizen, theme=theme, title=HIDDEN, organization=org,
                                moderation="hidden", hidden_reason=REASON, **PLACE),
        "pending": make_proposal(author=citizen, theme=theme, title=PENDING,
                                 organization=org, moderation="pending", **PLACE),
    }
    for proposal in made.values():
        index_proposal(proposal)
    made["org"] = org
    return made


def _similar_page(client, trio, theme):
    other = make_proposal(theme=theme, title="Lampadaires intelligents partout")
    index_proposal(other)
    return text(client.get(f"/proposals/{other.id}", headers=EN))


SURFACES = {
    "list": lambda client, trio, theme: text(client.get("/proposals/", headers=EN)),
    "search": lambda client, trio, theme: text(client.get("/proposals/?q=lampadaires",
                                                          headers=EN)),
    "map": lambda client, trio, theme: text(client.get("/proposals/map", headers=EN)),
    "similar": _similar_page,
    "api": lambda client, trio, theme: text(client.get("/api/v1/proposals?q=lampadaires")),
    "profile": lambda client, trio, theme: text(client.get(
        f"/people/{trio['visible'].author_id}", headers=EN)),
    "organization": lambda client, trio, theme: text(client.get(
        f"/organizations/{trio['org'].slug}", headers=EN)),
}


@pytest.mark.parametrize("surface", sorted(SURFACES))
def test_hidden_and_pending_proposals_are_on_no_public_surface(client, trio, theme, surface):
    page = SURFACES[surface](client, trio, theme)
    assert VISIBLE in page  # the surface does list proposals
    assert HIDDEN not in page and PENDING not in page
    assert REASON not in page


def test_home_page_shows_no_hidden_proposal(client, trio):
    page = text(client.get("/", headers=EN))
    assert HIDDEN not in page and PENDING not in page


def test_review_queue_leaves_hidden_and_pending_proposals_out(client, login_as, moderator,
                                                              trio):
    login_as(moderator)
    page = text(client.get("/proposals/review", headers=EN))
    assert VISIBLE in page
    assert HIDDEN not in page and PENDING not in page


def test_counts_and_search_functions_skip_them(trio):
    filters, _ = queries.parse_list_args({"q": "lampadaires"})
    page = queries.list_proposals(filters)
    assert [p.id for p in page.items] == [trio["visible"].id] and page.total == 1
    assert [p.id for p in queries.located_proposals()] == [trio["visible"].id]
    similar = search.similar_proposals("Lampadaires partout", exclude_id=None)
    assert [p.id for p in similar] == [trio["visible"].id]


@pytest.mark.parametrize("state", ["hidden", "pending"])
def test_api_detail_of_a_moderated_proposal_is_a_json_404(client, trio, state):
    response = client.get(f"/api/v1/proposals/{trio[state].id}")
    assert response.status_code == 404 and response.is_json
    assert response.get_json()["error"]["status"] == 404
    assert client.get(f"/api/v1/proposals/{trio['visible'].id}").status_code == 200


# --- the proposal page ----------------------------------------------------------------

@pytest.mark.parametrize("who", ["anonymous", "other"])
def test_others_see_a_placeholder_for_a_hidden_proposal(client, login_as, trio, who):
    if who == "other":
        login_as(make_user(locale="en"))
    hidden = trio["hidden"]
    response = client.get(f"/proposals/{hidden.id}", headers=EN)
    assert response.status_code == 200
    page = text(response)
    assert f"This proposal was hidden by the moderators: {REASON}" in page
    assert hidden.reference in page
    assert HIDDEN not in page and hidden.body not in page
    assert "Support" not in page


@pytest.mark.parametrize("who", ["author", "moderator"])
def test_author_and_moderators_see_the_hidden_proposal_with_a_notice(client, login_as, trio,
                                                                     citizen, moderator,
                                                                     who):
    login_as(citizen if who == "author" else moderator)
    page = text(client.get(f"/proposals/{trio['hidden'].id}", headers=EN))
    assert HIDDEN in page
    assert f"This proposal was hidden by the moderators: {REASON}" in page


@pytest.mark.parametrize("who", ["anonymous", "other"])
def test_a_pending_proposal_is_not_found_for_others(client, login_as, trio, who):
    if who == "other":
        login_as(make_user(locale="en"))
    assert client.get(f"/proposals/{trio['pending'].id}", headers=EN).status_code == 404


@pytest.mark.parametrize("who", ["author", "moderator"])
def test_author_and_moderators_see_a_pending_proposal_awaiting_approval(client, login_as,
                                                                        trio, citizen,
                                                                        moderator, who):
    login_as(citizen if who == "author" else moderator)
    response = client.get(f"/proposals/{trio['pending'].id}", headers=EN)
    assert response.status_code == 200
    page = text(response)
    assert PENDING in page and "awaiting the moderators' approval" in page


def test_nobody_supports_or_follows_a_hidden_proposal(client, login_as, trio, db):
    hidden = trio["hidden"]
    login_as(make_user(locale="en"))
    client.post_form(f"/proposals/{hidden.id}/support", {"action": "support"})
    follow = client.post_form(f"/proposals/{hidden.id}/follow", {"action": "follow"})
    assert follow.status_code in (302, 404)
    db.session.refresh(hidden)
    assert hidden.supports_count == 0 and hidden.followers_count == 0


def test_view_rules(trio, citizen, moderator):
    other = make_user()
    hidden, pending = trio["hidden"], trio["pending"]
    assert can_view_proposal(other, hidden) and not can_view_hidden_content(other, hidden)
    assert not can_view_proposal(other, pending)
    for person in (citizen, moderator):
        assert can_view_proposal(person, pending) and can_view_hidden_content(person, hidden)


def test_report_and_hide_links_on_the_proposal_page(client, login_as, trio, citizen,
                                                    moderator):
    visible = trio["visible"]
    assert "Report" not in text(client.get(f"/proposals/{visible.id}", headers=EN))
    login_as(citizen)  # the author reports nothing of their own
    assert "/report/proposal/" not in text(client.get(f"/proposals/{visible.id}"))
    login_as(make_user(locale="en"))
    page = text(client.get(f"/proposals/{visible.id}", headers=EN))
    assert "/report/proposal/" in page and "/moderation/hide/" not in page
    login_as(moderator)
    page = text(client.get(f"/proposals/{visible.id}", headers=EN))
    assert "/moderation/hide/proposal/" in page


# --- hidden profiles ------------------------------------------------------------------

def test_a_hidden_profile_shows_the_reason_instead_of_the_bio(client, login_as, moderator):
    person = make_user(locale="en", bio="Mon texte de présentation très personnel",
                       moderation="hidden", hidden_reason="Lien publicitaire")
    page = text(client.get(f"/people/{person.id}", headers=EN))
    assert "This profile was hidden by the moderators: Lien publicitaire" in page
    assert "très personnel" not in page
    for viewer in (person, moderator):
        login_as(viewer)
        page = text(client.get(f"/people/{person.id}", headers=EN))
        assert "très personnel" in page and "Lien publicitaire" in page
