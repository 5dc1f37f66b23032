"""Real participation data with real attack strings: the comments of decidim.barcelona's
open-data export (SOURCES.md 1.4; a scanner account posted ~15 attack strings in
meeting_comments) imported onto a proposal, then shown. Names are never read nor printed."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from civic import ROOT
from civic.comments.importers import IMPORT_NAME, import_decidim_comments, read_rows
from civic.comments.models import Comment
from civic.extensions import db
from tests.factories import make_proposal
from tests.security.attacks.checks import html_problems

DECIDIM = ROOT.parent / "shared" / "data" / "participation" / "decidim_barcelona"
FILES = {name: DECIDIM / f"www.decidim.barcelona-open-data-{name}.csv"
         for name in ("result_comments", "meeting_comments")}
ATTACK_LIKE = re.compile(r"<\s*script|/etc/passwd|system\.ini|\.\./|;\s*cat\s", re.I)


def _path(name):
    path = FILES[name]
    assert path.is_file(), f"{path} is missing: see /work/shared/data/SOURCES.md 1.4"
    return path


def _attack_rows(rows):
    return [row for row in rows if ATTACK_LIKE.search(row["body"])]


def test_the_export_holds_the_scanners_attack_strings():
    attacks = _attack_rows(read_rows(_path("meeting_comments")))
    assert len(attacks) >= 5
    assert any("<script" in row["body"].lower() for row in attacks)
    assert all(not key.startswith("author/") for row in attacks for key in row)


@pytest.mark.parametrize("name", sorted(FILES))
def test_every_comment_is_imported_exactly_and_shown_safely(client, name):
    rows = list(read_rows(_path(name)))
    proposal = make_proposal(title="Une proposition pour les commentaires importés")
    result = import_decidim_comments(_path(name), proposal)
    db.session.commit()
    kept = list(db.session.scalars(select(Comment).where(
        Comment.target_type == "proposal", Comment.target_id == proposal.id)
        .order_by(Comment.id)))
    assert result.imported == len(kept) and result.skipped == len(rows) - len(kept)
    assert result.skipped <= len(rows) // 100
    expected = [row["body"].strip() for row in rows if row["body"].strip()]
    assert [comment.body for comment in kept] == expected  # exactly, in order
    assert {c.author.display_name for c in kept} == {IMPORT_NAME}
    assert {c.alignment for c in kept} <= {"for", "against", "neutral"}
    assert all(1 <= c.depth <= 3 and (c.parent is None) == (c.depth == 1) for c in kept)
    first = min(row["created_at"] for row in rows)[:19]  # "2016-07-02 17:40:43 UTC"
    assert min(c.created_at for c in kept).strftime("%Y-%m-%d %H:%M:%S") == first
    db.session.refresh(proposal)
    assert proposal.comments_count == len(kept)

    bodies_to_find = [row["body"].strip() for row in _attack_rows(rows)]
    # The first page, and every page holding one of the scanner's comments (their
    # permalinks say which); rendering all 66 pages would only make the test slower.
    pages = {f"/proposals/{proposal.id}"}
    for comment in kept:
        if comment.body in bodies_to_find:
            permalink = client.get(f"/comments/{comment.id}")
            assert permalink.status_code == 302
            pages.add(permalink.headers["Location"].split("#")[0])
    seen_pages = []
    for page in sorted(pages):
        response = client.get(page)
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        problems = html_problems(html)
        assert problems == [], problems[:5]
        seen_pages.append(html)
    assert "<script>alert" not in "".join(seen_pages)
    api = client.get(f"/api/v1/comments?target_type=proposal&target_id={proposal.id}"
                     "&per_page=100")
    assert api.status_code == 200
    document = api.get_json()
    assert document["total"] == len(kept)
    shown = {item["body"] for item in document["items"]}
    if name == "meeting_comments":  # the scanner's strings are shown, as text
        assert bodies_to_find
        assert "&lt;script&gt;alert(1);&lt;/script&gt;" in "".join(seen_pages)
    first_page = {c.body for c in kept[:100]}
    assert first_page & shown  # the API gives the texts as they are stored
