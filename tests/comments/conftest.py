"""Shared fixtures for the comment tests: English pages, a theme, a proposal."""
from __future__ import annotations

import pytest

from tests.factories import make_proposal, make_section, make_user

EN = {"Accept-Language": "en"}


@pytest.fixture
def theme(db_session):
    axis = make_section(title="Mobilités")
    return make_section(title="Capteurs de trafic", parent=axis)


@pytest.fixture
def proposal(citizen, theme):
    """A published proposal by `citizen`."""
    return make_proposal(author=citizen, theme=theme, title="Des bancs connectés place du Capitole")


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
