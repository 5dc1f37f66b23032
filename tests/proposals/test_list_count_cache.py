"""The count of public proposals (unfiltered or filtered list, API) is cached briefly; a
search always counts afresh."""
from __future__ import annotations

import pytest

from civic.core import cache
from civic.search.index import index_proposal
from tests.factories import make_proposal
from tests.fixtures.http import text


@pytest.fixture
def cached_count(app, monkeypatch):
    monkeypatch.setitem(app.config, "PROPOSAL_COUNT_CACHE_SECONDS", 60)
    cache.clear_memory()
    yield
    cache.clear_memory()


def test_counts_wait_for_the_cache_and_searches_count_afresh(
        client, cached_count, citizen, theme):
    for title in ("Des arceaux vélo partout", "Des arceaux vélo aux écoles"):
        index_proposal(make_proposal(author=citizen, theme=theme, title=title))
    assert "2 proposals" in text(client.get("/proposals/"))
    assert "2 proposals" in text(client.get(f"/proposals/?theme={theme.slug}&kind=idea"))
    newest = make_proposal(author=citizen, theme=theme, title="Encore des arceaux vélo")
    index_proposal(newest)
    page = text(client.get("/proposals/"))
    assert "2 proposals" in page  # the count is at most a TTL old…
    assert f'id="proposal-card-{newest.id}"' in page  # …the cards are never
    assert "2 proposals" in text(client.get(f"/proposals/?theme={theme.slug}&kind=idea"))
    assert "3 proposals" in text(client.get(f"/proposals/?theme={theme.slug}"))  # first asked now
    assert "3 proposals" in text(client.get("/proposals/?q=arceaux"))
    assert client.get("/api/v1/proposals").get_json()["total"] == 2


def test_without_a_ttl_every_list_counts(client, app, citizen, theme):
    assert app.config["PROPOSAL_COUNT_CACHE_SECONDS"] == 0  # the tests' setting
    make_proposal(author=citizen, theme=theme)
    assert "1 proposal" in text(client.get("/proposals/"))
    make_proposal(author=citizen, theme=theme)
    assert "2 proposals" in text(client.get("/proposals/"))
