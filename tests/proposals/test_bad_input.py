"""Bad input on the proposal pages gets a 4xx or the form again with a message, never a 500."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from civic.proposals.models import Proposal
from tests.fixtures.http import text
from tests.proposals.conftest import form_data

HUGE = "9" * 30


@pytest.mark.parametrize("overrides", [
    {"theme": "abc"}, {"theme": HUGE}, {"theme": "-1"}, {"theme": "2147483648"}, {"theme": ""},
    {"organization": "abc"}, {"organization": HUGE}, {"organization": "-5"},
    {"latitude": "nan", "longitude": "nan"}, {"latitude": "inf", "longitude": "1.4"},
    {"latitude": "1e400", "longitude": "1.4"}, {"latitude": "abc", "longitude": "1.4"},
    {"kind": "other"}, {"title": ""}, {"title": "x" * 500},
])
def test_new_proposal_form_shows_the_form_again(client, login_as, citizen, theme, db,
                                                overrides):
    login_as(citizen)
    data = form_data(theme)
    data.update(overrides)
    response = client.post_form("/proposals/new", data)
    assert response.status_code == 200 and "error-summary" in text(response)
    assert db.session.scalars(select(Proposal)).first() is None


@pytest.mark.parametrize("path", [f"/proposals/{HUGE}", "/proposals/2147483648",
                                  f"/proposals/{HUGE}/edit"])
def test_ids_too_large_are_not_found(client, login_as, citizen, path):
    login_as(citizen)
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("query", ["page=-1", "page=abc", "page=0", "theme=abc",
                                   f"theme={HUGE}", "status=bogus", "sort=x", "kind=zz",
                                   "threshold=q", "theme=-3"])
def test_review_queue_ignores_bad_filters(client, login_as, moderator, proposal, query):
    login_as(moderator)
    response = client.get(f"/proposals/review?{query}")
    assert response.status_code == 200
    # The whole queue, and a filter form that still offers every theme.
    assert proposal.title in text(response)
    assert f'<option value="{proposal.theme_id}">' in text(response)


def test_review_queue_page_too_large_is_empty(client, login_as, moderator, proposal):
    login_as(moderator)
    response = client.get(f"/proposals/review?page={HUGE}")
    assert response.status_code == 200 and proposal.title not in text(response)


@pytest.mark.parametrize("data", [{}, {"status": ""}, {"status": "x" * 500},
                                  {"status": "accepted", "answer": "a" * 30_000}])
def test_bad_status_form_is_a_400(client, login_as, moderator, proposal, data):
    login_as(moderator)
    response = client.post_form(f"/proposals/{proposal.id}/status", data)
    assert response.status_code == 400 and "error-summary" in text(response)
    assert proposal.status == "published"


@pytest.mark.parametrize("url", ["support", "follow"])
@pytest.mark.parametrize("data", [{"action": "zz"}, {"next": "//evil.example"},
                                  {"next": "http://evil.example"}])
def test_one_click_odd_input(client, login_as, other_citizen, proposal, url, data):
    login_as(other_citizen)
    response = client.post_form(f"/proposals/{proposal.id}/{url}", data)
    assert response.status_code == 302
    assert "evil" not in response.headers["Location"]
