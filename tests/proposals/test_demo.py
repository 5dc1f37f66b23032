"""The demo seed builds proposals through the services."""
from __future__ import annotations

from civic.proposals.demo import DEMO_PROPOSALS, seed_proposals
from tests.factories import make_organization, make_section, make_user


def test_seed_proposals(db, moderator):
    users = [make_user() for _ in range(5)] + [moderator]
    axis = make_section()
    sections = [axis, make_section(parent=axis), make_section(parent=axis)]
    orgs = [make_organization(owner=users[1])]
    created = seed_proposals(users, sections, orgs)
    assert len(created) == len(DEMO_PROPOSALS)
    assert {p.status for p in created} >= {"accepted", "rejected", "published"}
    assert all(p.reference for p in created)
