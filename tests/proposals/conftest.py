"""Shared fixtures for the proposal tests."""
from __future__ import annotations

import pytest

from tests.factories import make_proposal, make_section

EN = {"Accept-Language": "en"}


@pytest.fixture
def theme(db_session):
    axis = make_section(title="Mobilités")
    return make_section(title="Capteurs de trafic", parent=axis)


@pytest.fixture
def proposal(citizen, theme):
    """A published proposal by `citizen`."""
    return make_proposal(author=citizen, theme=theme, title="Des bancs connectés place du Capitole")


@pytest.fixture
def draft(citizen, theme):
    return make_proposal(author=citizen, theme=theme, status="draft",
                         title="Un brouillon de proposition")


def form_data(theme, **overrides) -> dict:
    data = {"title": "Des fontaines à eau dans les parcs",
            "body": "Installer des fontaines à eau potable dans chaque parc de la ville.",
            "theme": str(theme.id), "kind": "idea", "organization": "0", "address": "",
            "latitude": "", "longitude": ""}
    data.update(overrides)
    return data


@pytest.fixture(autouse=True)
def request_ctx(app, db_session):
    """Services translate their messages: give them a request (in English)."""
    with app.test_request_context(headers=EN):
        yield
