"""Shared fixtures for the moderation tests (English pages and messages)."""
from __future__ import annotations

import pytest

from tests.factories import make_comment, make_proposal, make_user

EN = {"Accept-Language": "en"}


@pytest.fixture(autouse=True)
def request_ctx(app, db_session):
    """Services translate their messages: give them a request (in English)."""
    with app.test_request_context(headers=EN):
        yield


@pytest.fixture(autouse=True)
def _english_pages(client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def citizen(db_session):
    return make_user(display_name="Camille Citoyenne", locale="en")


@pytest.fixture
def other_citizen(db_session):
    return make_user(display_name="Dominique Voisin", locale="en")


@pytest.fixture
def moderator(db_session):
    return make_user(display_name="Lab Modération", roles=("moderator",), locale="en")


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
