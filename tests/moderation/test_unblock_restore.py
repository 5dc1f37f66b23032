"""Unblocking offers to show again what the block hid, and only that."""
from __future__ import annotations

from civic.extensions import db
from civic.moderation import blocks, decisions
from tests.factories import make_comment, make_proposal, make_user
from tests.fixtures.http import text
from tests.moderation.helpers import audit, case_of, notifications

OFFER = "Also restore the"


def test_unblocking_can_restore_only_what_the_block_hid(client, login_as, moderator, author):
    other = make_proposal(title="Une proposition d'une autre personne")
    own = make_proposal(author=author)
    kept = make_comment(target=other, author=author, body="Resté visible")
    hidden_before = make_comment(target=other, author=author, body="Masqué avant")
    decisions.hide_item(moderator, "comment", hidden_before.id, "Hors sujet")
    rehidden = make_comment(target=other, author=author, body="Masqué de nouveau")
    blocks.block_user(moderator, author, "Campagne de spam", hide_content=True)
    assert other.comments_count == 0
    # After the block, a moderator looks at one item and hides it for a reason of their own.
    case = case_of("comment", rehidden.id)
    decisions.restore_case(moderator, case)
    decisions.hide_case(moderator, case, "Propos injurieux")
    db.session.commit()

    login_as(moderator)
    page = text(client.get(f"/moderation/users/{author.id}/block"))
    assert f"{OFFER} 2 items the block hid" in page
    response = client.post_form(f"/moderation/users/{author.id}/unblock",
                                {"reason": "Excuses", "restore_content": "y"})
    assert response.status_code == 302
    assert "2 items hidden by the block are visible again." in text(client.get("/about"))
    for item in (own, kept, hidden_before, rehidden, other):
        db.session.refresh(item)
    assert own.moderation == "visible" and kept.moderation == "visible"
    assert hidden_before.moderation == "hidden" and hidden_before.hidden_reason == "Hors sujet"
    assert rehidden.moderation == "hidden" and rehidden.hidden_reason == "Propos injurieux"
    assert other.comments_count == 1  # counters stay exact
    assert case_of("comment", kept.id).status == "restored"
    [entry] = audit("moderation.restore_all")
    assert entry.actor_id == moderator.id and entry.reason == "Excuses"
    assert entry.after["by_kind"] == {"proposal": 1, "comment": 1}
    assert notifications(author, "account.unblocked")


def test_unblocking_without_the_box_leaves_the_content_hidden(client, login_as, moderator,
                                                               author):
    comment = make_comment(author=author)
    blocks.block_user(moderator, author, "Spam", hide_content=True)
    db.session.commit()
    login_as(moderator)
    assert f"{OFFER} 1 item the block hid" in text(
        client.get(f"/moderation/users/{author.id}/block"))
    client.post_form(f"/moderation/users/{author.id}/unblock", {"reason": ""})
    db.session.refresh(comment)
    assert comment.moderation == "hidden" and audit("moderation.restore_all") == []


def test_nothing_is_offered_when_the_block_hid_nothing(client, login_as, moderator, author):
    make_comment(author=author)
    blocks.block_user(moderator, author, "Spam")
    db.session.commit()
    login_as(moderator)
    page = text(client.get(f"/moderation/users/{author.id}/block"))
    assert "Unblock" in page and OFFER not in page


def test_an_earlier_blocks_content_is_not_offered_again(moderator, author):
    comment = make_comment(author=author)
    blocks.block_user(moderator, author, "Spam", hide_content=True)
    blocks.unblock_user(moderator, author, "Essai")  # the moderator chose to keep it hidden
    blocks.block_user(moderator, author, "Récidive", hide_content=True)
    assert blocks.hidden_by_block(author) == []
    assert blocks.unblock_user(moderator, author, restore_content=True) == 0
    assert comment.moderation == "hidden"


def test_a_comment_deleted_while_hidden_by_the_block_stays_deleted(moderator, author):
    from civic.comments import services as comments

    comment = make_comment(author=author)
    blocks.block_user(moderator, author, "Spam", hide_content=True)
    comments.delete_comment(author, comment)
    assert blocks.unblock_user(moderator, author, restore_content=True) == 0
    assert comment.moderation == "hidden" and comment.deleted_at is not None


def test_a_person_blocked_by_someone_else_is_restored_by_whoever_unblocks(moderator, author):
    colleague = make_user(roles=("moderator",), locale="en")
    comment = make_comment(author=author)
    blocks.block_user(colleague, author, "Spam", hide_content=True)
    assert blocks.unblock_user(moderator, author, restore_content=True) == 1
    assert comment.moderation == "visible"
    assert case_of("comment", comment.id).decided_by_id == moderator.id
