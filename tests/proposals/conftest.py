"""Shared fixtures for the proposal tests."""
from __future__ import annotations

import pytest

from tests.factories import make_proposal

# These tests read English messages (the platform's default language is French): the
# visitor's browser and every account ask for English.
from tests.fixtures.english import (  # noqa: F401
    EN,
    _english_pages,
    citizen,
    moderator,
    other_citizen,
    proposal,
    request_ctx,
    staff,
    theme,
)


# The arguments named like the imported fixtures are those fixtures (or, for form_data,
# the theme a test passes): ruff sees a redefinition, pytest does not.
@pytest.fixture
def draft(citizen, theme):  # noqa: F811
    return make_proposal(author=citizen, theme=theme, status="draft",
                         title="Un brouillon de proposition")


def form_data(theme, **overrides) -> dict:  # noqa: F811
    data = {"title": "Des fontaines à eau dans les parcs",
            "body": "Installer des fontaines à eau potable dans chaque parc de la ville.",
            "theme": str(theme.id), "kind": "idea", "organization": "0", "address": "",
            "latitude": "", "longitude": ""}
    data.update(overrides)
    return data
