"""A search's pages: the number of matches is the same on every page, past the last too
(on SQLite it is counted with the page itself, docs/performance.md)."""
from __future__ import annotations

from civic.extensions import db
from civic.search.index import index_proposal
from tests.factories import make_proposal
from tests.fixtures.http import text
from tests.proposals.conftest import EN
from tests.proposals.test_list import listed


def test_search_count_and_pages(client, theme):
    gardens = [make_proposal(theme=theme, title=f"Un jardin partagé numéro {n}")
               for n in range(5)]
    hidden = make_proposal(theme=theme, title="Un jardin partagé masqué", moderation="hidden")
    other = make_proposal(theme=theme, title="Bus de nuit")
    for proposal in [*gardens, hidden, other]:
        index_proposal(proposal)
    db.session.commit()

    pages = [client.get(f"/proposals/?q=jardin&per_page=2&page={n}", headers=EN)
             for n in (1, 2, 3, 4)]
    assert [len(listed(page)) for page in pages] == [2, 2, 1, 0]
    assert sorted(sum((listed(page) for page in pages), [])) == sorted(g.id for g in gardens)
    for page in pages:
        assert "5 proposals" in text(page)
    assert "There is no proposal on this page." in text(pages[3])
    nothing = client.get("/proposals/?q=piscine", headers=EN)
    assert listed(nothing) == [] and "0 proposals" in text(nothing)
