"""Shared fixtures for the experiment tests (English pages and messages)."""
from __future__ import annotations

from datetime import date

import pytest

from tests.factories import make_organization, make_proposal
from tests.fixtures.english import (  # noqa: F401
    EN,
    _english_pages,
    citizen,
    moderator,
    other_citizen,
    request_ctx,
    staff,
    theme,
)


@pytest.fixture
def startup(db_session):
    return make_organization(name="Captéo", kind="startup", verified=True)


@pytest.fixture
def lab(db_session):
    return make_organization(name="Laboratoire Mobilités", kind="research")


@pytest.fixture
def accepted(citizen, theme):  # noqa: F811
    return make_proposal(author=citizen, theme=theme, status="accepted",
                         title="Des capteurs devant les écoles")


def experiment_data(theme, **overrides) -> dict:  # noqa: F811
    data = {"title": "Sondes d'arrosage dans trois parcs",
            "description": "Arroser seulement quand le sol en a besoin.",
            "theme": theme, "proposals": "", "partners": [], "address": "Prairie des Filtres",
            "latitude": 43.5968, "longitude": 1.4378, "starts_on": date(2026, 3, 1),
            "ends_on": date(2026, 9, 30), "budget_euros": 48000}
    data.update(overrides)
    return data
