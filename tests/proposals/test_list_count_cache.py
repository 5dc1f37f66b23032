"""The count of all public proposals (unfiltered list, API) is cached briefly; a filtered
list always counts afresh."""
from __future__ import annotations

import pytest

from civic.core import cache
from tests.factories import make_proposal
from tests.fixtures.http import text


@pytest.fixture
def cached_count(app, monkeypatch):
    monkeypatch.setitem(app.config, "PROPOSAL_COUNT_CACHE_SECONDS", 60)
    cache.delete("proposals:public-count")
    yield
    cache.delete("proposals:public-count")


def test_the_unfiltered_count_waits_for_the_cache_and_filters_count_afresh(
        client, cached_count, citizen, theme):
    make_proposal(author=citizen, theme=theme)
    make_proposal(author=citizen, theme=theme)
    assert "2 proposals" in text(client.get("/proposals/"))
    newest = make_proposal(author=citizen, theme=theme, title="Une toute nouvelle idée")
    page = text(client.get("/proposals/"))
    assert "2 proposals" in page  # the count is at most a TTL old…
    assert f'id="proposal-card-{newest.id}"' in page  # …the cards are never
    assert "3 proposals" in text(client.get(f"/proposals/?theme={theme.slug}"))
    assert client.get("/api/v1/proposals").get_json()["total"] == 2


def test_without_a_ttl_every_list_counts(client, app, citizen, theme):
    assert app.config["PROPOSAL_COUNT_CACHE_SECONDS"] == 0  # the tests' setting
    make_proposal(author=citizen, theme=theme)
    assert "1 proposal" in text(client.get("/proposals/"))
    make_proposal(author=citizen, theme=theme)
    assert "2 proposals" in text(client.get("/proposals/"))
