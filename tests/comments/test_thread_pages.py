"""Long threads come in pages of at most PAGE_COMMENTS comments, a comment never parted
from its replies; new comments and permalinks lead to the page that shows them."""
from __future__ import annotations

import re
from datetime import timedelta

from civic.comments.models import Comment
from civic.comments.thread import PAGE_COMMENTS
from civic.core.models import utcnow
from tests.factories import make_comment
from tests.fixtures.http import text


def test_a_comment_is_never_parted_from_its_replies(client, proposal):
    (first,) = _thread(proposal, 1)
    for n in range(PAGE_COMMENTS + 2):
        make_comment(parent=first, body=f"Réponse {n}")
    make_comment(target=proposal, body="Avis 2")
    page = text(client.get(f"/proposals/{proposal.id}"))
    assert f"Réponse {PAGE_COMMENTS + 1}" in page and _shown(page) == [1]
    assert _shown(text(client.get(f"/proposals/{proposal.id}?comments_page=2"))) == [2]


def _thread(proposal, count: int) -> list[Comment]:
    """`count` top-level comments "Avis 1"… oldest first, the first one with a reply."""
    start = utcnow() - timedelta(days=1)
    tops = [make_comment(target=proposal, body=f"Avis {n + 1}",
                         created_at=start + timedelta(minutes=n)) for n in range(count)]
    make_comment(parent=tops[0], body="Réponse au premier avis",
                 created_at=start + timedelta(hours=20))
    return tops


def _shown(page: str) -> list[int]:
    return [int(n) for n in re.findall(r"Avis (\d+)\b", page)]


def test_a_long_thread_shows_its_first_page_with_a_link_to_the_next(client, proposal):
    _thread(proposal, PAGE_COMMENTS + 4)
    page = text(client.get(f"/proposals/{proposal.id}"))
    # Avis 1 and its reply, then Avis 2 to PAGE_COMMENTS - 1: PAGE_COMMENTS comments.
    assert _shown(page) == list(range(1, PAGE_COMMENTS))
    assert "Réponse au premier avis" in page  # replies come with their comment
    assert f"{PAGE_COMMENTS + 5} comments" in page  # the count is the whole thread's
    assert "Page 1 of 2" in page
    assert f'href="/proposals/{proposal.id}?comments_page=2#comments"' in page

    second = text(client.get(f"/proposals/{proposal.id}?comments_page=2"))
    assert _shown(second) == list(range(PAGE_COMMENTS, PAGE_COMMENTS + 5))
    assert "Page 2 of 2" in second and "Réponse au premier avis" not in second
    assert f'href="/proposals/{proposal.id}#comments"' in second  # back to page 1


def test_pages_follow_the_chosen_order(client, proposal):
    _thread(proposal, PAGE_COMMENTS + 4)
    page = text(client.get(f"/proposals/{proposal.id}?sort=newest"))
    assert _shown(page)[:2] == [PAGE_COMMENTS + 4, PAGE_COMMENTS + 3]
    assert (f'href="/proposals/{proposal.id}?sort=newest&amp;comments_page=2#comments"'
            in page)
    last = text(client.get(f"/proposals/{proposal.id}?sort=newest&comments_page=2"))
    assert _shown(last) == [4, 3, 2, 1]  # the first page held PAGE_COMMENTS comments


def test_short_threads_have_no_pages_and_odd_page_numbers_are_harmless(client, proposal):
    _thread(proposal, 3)
    page = text(client.get(f"/proposals/{proposal.id}"))
    assert _shown(page) == [1, 2, 3] and "Page 1 of" not in page
    for odd in ("0", "-4", "99999999999", "deux"):
        response = client.get(f"/proposals/{proposal.id}?comments_page={odd}")
        assert response.status_code == 200
        assert _shown(text(response)) == [1, 2, 3]


def test_new_comments_and_permalinks_lead_to_the_page_showing_them(
        client, db, login_as, proposal, other_citizen):
    tops = _thread(proposal, PAGE_COMMENTS)
    db.session.commit()
    response = client.get(f"/comments/{tops[-1].id}")
    assert response.headers["Location"].endswith(
        f"/proposals/{proposal.id}?comments_page=2#comment-{tops[-1].id}")
    response = client.get(f"/comments/{tops[0].id}")
    assert response.headers["Location"].endswith(
        f"/proposals/{proposal.id}#comment-{tops[0].id}")

    login_as(other_citizen)
    response = client.post_form(f"/comments/proposal/{proposal.id}",
                                {"body": "Le plus récent", "alignment": "for"})
    comment = db.session.query(Comment).filter_by(body="Le plus récent").one()
    assert response.headers["Location"].endswith(
        f"/proposals/{proposal.id}?comments_page=2#comment-{comment.id}")
    page = text(client.get(f"/proposals/{proposal.id}?comments_page=2"))
    assert f'id="comment-{comment.id}"' in page
