"""A small published master plan (v1) for the plan's tests, in English."""
from __future__ import annotations

import pytest

from civic.extensions import db
from civic.masterplan import revisions, services
from tests.factories import make_published_revision, make_section

# The tests read English messages: the visitor's browser and every account ask for English.
from tests.fixtures.english import (  # noqa: F401
    EN,
    _english_pages,
    citizen,
    moderator,
    request_ctx,
    staff,
)


def build_plan(axes: int = 2, projects_per_axis: int = 1):
    """Axes with flagship projects, published as v1; returns (revision, [sections])."""
    sections = []
    for a in range(axes):
        axis = make_section(title=f"Axe numéro {a + 1}", position=a,
                            summary=f"Résumé de l'axe {a + 1}",
                            body=f"Le texte de l'axe {a + 1} parle de mobilité douce.",
                            objectives="- Réduire le trafic", indicators="- Part modale vélo")
        sections.append(axis)
        for p in range(projects_per_axis):
            sections.append(make_section(
                title=f"Projet {a + 1}.{p + 1}", parent=axis, position=p,
                body=f"Le projet {a + 1}.{p + 1} installe des capteurs."))
    return make_published_revision(summary="Première version"), sections


@pytest.fixture
def plan(db_session):
    """v1 with two axes (« Axe numéro 1 », « Axe numéro 2 ») and one project each."""
    revision, sections = build_plan()
    return {"v1": revision, "sections": sections, "axis": sections[0],
            "project": sections[1]}


def publish_change(actor, section, body: str, summary: str = "Deuxième version"):
    """Start a draft, change one section's body and publish it (committed)."""
    draft = revisions.start_draft(actor)
    services.edit_section_text(actor, draft, section.id, {"body": body}, None)
    revision = services.publish_draft(actor, draft, summary)
    db.session.commit()
    return revision
