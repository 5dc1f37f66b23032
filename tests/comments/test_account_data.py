"""A person's comments in their export, their profile, and after deleting the account."""
from __future__ import annotations

from civic.accounts.profile_data import list_activity
from civic.comments import account_data
from civic.comments.votes import vote_comment
from civic.core.models import utcnow
from tests.factories import make_comment, make_proposal
from tests.fixtures.http import text


def test_the_export_holds_comments_and_votes(db, proposal, citizen, other_citizen):
    mine = make_comment(target=proposal, author=other_citizen, body="Mon avis",
                        alignment="for")
    vote_comment(other_citizen, make_comment(target=proposal, author=citizen), "down")
    data = account_data.export(other_citizen)
    assert [c["body"] for c in data["comments"]] == ["Mon avis"]
    assert data["comments"][0]["id"] == mine.id
    assert [v["value"] for v in data["comment_votes"]] == ["down"]


def test_the_profile_lists_visible_comments_only(db, proposal, other_citizen):
    make_comment(target=proposal, author=other_citizen, body="Public")
    make_comment(target=proposal, author=other_citizen, moderation="hidden")
    make_comment(target=proposal, author=other_citizen, deleted_at=utcnow(), body="")
    items = account_data.activity(other_citizen)
    assert len(items) == 1
    assert proposal.title in items[0].label
    assert items[0].url.startswith(f"/proposals/{proposal.id}#comment-")
    assert any(item.kind == "comment" for item in list_activity(other_citizen))


def test_erasing_keeps_comments_and_takes_votes_back(db, citizen, other_citizen):
    proposal = make_proposal(author=citizen)
    comment = make_comment(target=proposal, author=citizen)
    kept = make_comment(target=proposal, author=other_citizen, body="Reste public")
    vote_comment(other_citizen, comment, "up")
    account_data.erase(other_citizen)
    db.session.refresh(comment)
    assert comment.upvotes == 0
    db.session.refresh(kept)
    assert kept.body == "Reste public"


def test_deleted_authors_show_as_deleted_participant(client, db, proposal, other_citizen):
    make_comment(target=proposal, author=other_citizen, body="Toujours là")
    other_citizen.deleted_at = utcnow()
    db.session.commit()
    page = text(client.get(f"/proposals/{proposal.id}"))
    assert "Toujours là" in page and "Deleted participant" in page
    assert f'href="/people/{other_citizen.id}"' not in page
