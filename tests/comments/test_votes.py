"""Votes on comments: one per account (the database says so), exact counts, toggling."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from civic.comments.models import CommentVote
from civic.comments.votes import vote_comment
from civic.core.errors import DomainError, PermissionDenied
from civic.core.models import utcnow
from tests.factories import make_comment, make_user


@pytest.fixture
def comment(proposal, citizen):
    return make_comment(target=proposal, author=citizen, body="Votez pour moi")


def _rows(db, comment) -> int:
    return db.session.scalar(select(func.count(CommentVote.id))
                             .where(CommentVote.comment_id == comment.id))


def test_up_then_up_again_takes_the_vote_back(db, comment, other_citizen):
    assert vote_comment(other_citizen, comment, "up") == 1
    assert (comment.upvotes, comment.downvotes, comment.score) == (1, 0, 1)
    assert vote_comment(other_citizen, comment, "up") == 0
    assert (comment.upvotes, comment.downvotes) == (0, 0) and _rows(db, comment) == 0


def test_the_other_value_switches_the_vote(db, comment, other_citizen):
    vote_comment(other_citizen, comment, "up")
    assert vote_comment(other_citizen, comment, "down") == -1
    db.session.refresh(comment)
    assert (comment.upvotes, comment.downvotes, comment.score) == (0, 1, -1)
    assert _rows(db, comment) == 1


def test_counts_add_up_over_many_voters(db, comment):
    voters = [make_user() for _ in range(5)]
    for voter in voters[:3]:
        vote_comment(voter, comment, "up")
    for voter in voters[3:]:
        vote_comment(voter, comment, "down")
    db.session.refresh(comment)
    assert (comment.upvotes, comment.downvotes, comment.score) == (3, 2, 1)


def test_the_database_refuses_a_second_vote_by_the_same_account(db, comment,
                                                                 other_citizen):
    db.session.add(CommentVote(comment_id=comment.id, user_id=other_citizen.id, value=1))
    db.session.flush()
    with pytest.raises(IntegrityError):
        with db.session.begin_nested():
            db.session.add(CommentVote(comment_id=comment.id, user_id=other_citizen.id,
                                       value=-1))
            db.session.flush()


def test_a_vote_already_in_the_database_is_toggled_not_duplicated(db, comment,
                                                                   other_citizen):
    """As if a concurrent request had inserted it first: the savepoint catches it."""
    db.session.add(CommentVote(comment_id=comment.id, user_id=other_citizen.id, value=1))
    comment.upvotes = 1
    db.session.commit()
    assert vote_comment(other_citizen, comment, "up") == 0
    db.session.refresh(comment)
    assert comment.upvotes == 0 and _rows(db, comment) == 0


def test_authors_do_not_vote_on_their_own_comment(db, comment, citizen):
    with pytest.raises(PermissionDenied, match="your own comment"):
        vote_comment(citizen, comment, "up")
    assert comment.upvotes == 0


def test_no_votes_on_deleted_or_hidden_comments(db, proposal, other_citizen):
    deleted = make_comment(target=proposal, deleted_at=utcnow(), body="")
    hidden = make_comment(target=proposal, moderation="hidden")
    for target in (deleted, hidden):
        with pytest.raises(PermissionDenied):
            vote_comment(other_citizen, target, "down")


def test_blocked_and_unconfirmed_people_do_not_vote(db, comment):
    with pytest.raises(PermissionDenied, match="blocked"):
        vote_comment(make_user(blocked_at=utcnow()), comment, "up")
    with pytest.raises(PermissionDenied, match="Confirm your e-mail"):
        vote_comment(make_user(confirmed=False), comment, "up")
    assert _rows(db, comment) == 0


def test_a_vote_is_up_or_down(db, comment, other_citizen):
    with pytest.raises(DomainError):
        vote_comment(other_citizen, comment, "sideways")
