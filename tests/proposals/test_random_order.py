"""The random order: one shuffle of the random keys, read from each visitor's own start."""
from __future__ import annotations

import pytest

from civic.proposals import queries
from tests.factories import make_proposal


@pytest.fixture
def ids(db_session, theme):
    return {make_proposal(theme=theme, title=f"Proposition {n:02d}").id for n in range(23)}


@pytest.mark.parametrize("seed", [1, 2, 977, 1_500_000_000, queries.RANDOM_PRIME - 1])
def test_pages_of_a_seed_show_every_proposal_once(ids, seed):
    seen = []
    for page in range(1, 5):  # pages of 10: 10, 10, 3, then nothing
        listed = queries.list_proposals(queries.ListFilters(sort="random", seed=seed,
                                                            page=page, per_page=10))
        assert listed.total == 23
        seen += [proposal.id for proposal in listed.items]
    assert len(seen) == 23 and set(seen) == ids


def test_each_visitor_starts_somewhere_else_in_the_same_shuffle(ids):
    def order(seed):
        return [p.id for p in queries.list_proposals(
            queries.ListFilters(sort="random", seed=seed, per_page=30)).items]

    orders = {tuple(order(seed)) for seed in range(1, 9)}
    assert len(orders) > 1
    # A rotation of one shuffle: every order is the same cycle from another start.
    first = list(next(iter(orders)))
    rotations = {tuple(first[i:] + first[:i]) for i in range(len(first))}
    assert orders <= rotations
