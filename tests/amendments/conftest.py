"""Shared fixtures for the amendment tests: a published plan with one section."""
from __future__ import annotations

import pytest

from tests.factories import make_published_revision, make_section

# These tests read English messages (the platform's default language is French).
from tests.fixtures.english import (  # noqa: F401
    EN,
    _english_pages,
    citizen,
    moderator,
    other_citizen,
    request_ctx,
    staff,
)

SECTION_BODY = "Les capteurs mesurent le trafic sur les grands axes de la métropole."
NEW_BODY = "Les capteurs mesurent le trafic et la qualité de l'air sur les grands axes."


@pytest.fixture
def section(db_session):
    axis = make_section(title="Mobilités", body="Se déplacer mieux.")
    return make_section(title="Capteurs de trafic", parent=axis, body=SECTION_BODY)


@pytest.fixture
def revision(section):
    """v1 of the plan, holding `section`'s current text."""
    return make_published_revision(summary="Première version")


@pytest.fixture
def amendment(citizen, section, revision):  # noqa: F811
    """A public, pending amendment by `citizen` against v1, followed by its author."""
    return propose(citizen, section)


def propose(author, section, **overrides):
    from civic.amendments import services
    from civic.extensions import db

    data = {"title": "Mesurer aussi la qualité de l'air", "proposed_body": NEW_BODY,
            "justification": "La pollution suit le trafic : mesurons les deux."}
    data.update(overrides)
    amendment = services.propose_amendment(author, section, data)
    db.session.commit()
    return amendment


def form_data(**overrides) -> dict:
    data = {"title": "Mesurer aussi la qualité de l'air", "proposed_body": NEW_BODY,
            "justification": "La pollution suit le trafic : mesurons les deux.",
            "organization": "0", "save": "1"}
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
