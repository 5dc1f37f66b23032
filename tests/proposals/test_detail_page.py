"""The proposal page: everything it shows, in a fixed number of queries."""
from __future__ import annotations

import io

from civic.proposals import supports
from civic.proposals.models import ProposalAttachment
from civic.uploads.services import store_upload
from tests.factories import make_organization, make_proposal, make_user
from tests.fixtures.http import text
from tests.proposals.conftest import EN
from tests.uploads.images import png_bytes


def _grow(db, proposal, n):
    from werkzeug.datastructures import FileStorage

    for i in range(n):
        supports.support_proposal(make_user(), proposal)
        stored = store_upload(FileStorage(io.BytesIO(png_bytes()), f"p{i}.png"),
                              owner=proposal.author, purpose="test", allowed={"image"},
                              max_bytes=100_000)
        db.session.add(ProposalAttachment(proposal_id=proposal.id, file_id=stored.id,
                                          position=i))
    db.session.commit()


def _count(client, proposal, count_queries) -> int:
    client.get(f"/proposals/{proposal.id}")
    with count_queries() as counter:
        assert client.get(f"/proposals/{proposal.id}").status_code == 200
    return counter.count


def test_page_query_count_does_not_grow(client, login_as, db, count_queries, other_citizen):
    small = make_proposal()
    large = make_proposal()
    _grow(db, small, 1)
    _grow(db, large, 30)
    assert _count(client, small, count_queries) == _count(client, large, count_queries)
    login_as(other_citizen)
    assert _count(client, small, count_queries) == _count(client, large, count_queries)


def test_page_shows_author_organization_theme_place(client, citizen, theme, db):
    org = make_organization(owner=citizen, name="Les Amis du Canal", verified=True)
    proposal = make_proposal(author=citizen, theme=theme, organization=org,
                             address="Place du Capitole", latitude=43.6045, longitude=1.444,
                             body="**Des bancs** <script>alert(1)</script>")
    page = text(client.get(f"/proposals/{proposal.id}", headers=EN))
    assert citizen.display_name in page and "Les Amis du Canal" in page
    assert "badge-verified" in page and theme.title in page
    assert "Place du Capitole" in page and "43.60450" in page
    assert "<strong>Des bancs</strong>" in page and "<script>alert(1)" not in page
    assert page.count("<h1") == 1
