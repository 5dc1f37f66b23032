"""The whole Big List of Naughty Strings (515) through two cheap doors: the proposal
search box and the comment service (then one rendering of the thread)."""
from __future__ import annotations

from urllib.parse import urlencode

from civic.comments.services import create_comment
from civic.core.errors import DomainError
from civic.extensions import db
from tests.factories import make_proposal
from tests.security.attacks.checks import answer_problems, html_problems
from tests.security.attacks.corpus import blns, expected


def test_every_naughty_string_in_the_proposal_search(client):
    make_proposal(title="Des bancs à l'ombre")
    problems = []
    for text in blns():
        response = client.get(f"/proposals/?{urlencode({'q': text})}")
        problems += [f"{text[:40]!r}: {p}" for p in answer_problems(response, text)]
    assert problems == [], "\n".join(problems[:40])


def test_every_naughty_string_as_a_comment_is_kept_and_shown_as_text(client, citizen):
    proposal = make_proposal(title="Une proposition très commentée")
    kept, refused = [], 0
    for text in blns():
        try:
            with db.session.begin_nested():
                comment = create_comment(citizen, proposal, text, "neutral")
        except DomainError:
            refused += 1  # empty once stripped (whitespace-only strings)
            assert not text.strip()
            continue
        kept.append((comment, text))
    db.session.commit()
    assert refused < 20 and len(kept) > 490
    assert [c.body for c, _ in kept] == [expected(text) for _, text in kept]
    problems = []
    for page in range(1, 30):
        response = client.get(f"/proposals/{proposal.id}?comments_page={page}")
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        problems += html_problems(html)
        if f"comments_page={page + 1}" not in html:
            break
    assert page > 10  # every page of the thread was read
    assert problems == [], problems[:20]
