"""Shared fixtures for the moderation tests (English pages and messages)."""
from __future__ import annotations

import pytest

from tests.factories import make_comment, make_proposal, make_user
from tests.fixtures.english import (  # noqa: F401
    _english_pages,
    citizen,
    moderator,
    other_citizen,
    request_ctx,
)


@pytest.fixture
def author(db_session):
    return make_user(display_name="Alex Auteur", locale="en")


@pytest.fixture
def proposal(author):
    return make_proposal(author=author, title="Des bancs connectés place du Capitole")


@pytest.fixture
def comment(proposal, author):
    return make_comment(target=proposal, author=author, body="Un commentaire désagréable.")


def reporters(count: int) -> list:
    """`count` new people (display names are unique: the factory numbers them)."""
    return [make_user(locale="en") for _ in range(count)]
