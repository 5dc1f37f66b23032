"""Data for the API tests: a little of everything the public API answers."""
from __future__ import annotations

from datetime import timedelta

import pytest

from civic.core.models import utcnow
from civic.extensions import db
from tests.factories import (
    make_amendment,
    make_comment,
    make_evaluation,
    make_experiment,
    make_organization,
    make_proposal,
    make_published_revision,
    make_section,
    make_user,
)


@pytest.fixture
def api_data(db_session):
    """Public items of every kind, with comments in every state, plus private ones."""
    author = make_user(display_name="Alix Publique", email="alix.secret@example.org")
    gone = make_user(display_name="Ancien Compte")
    org = make_organization(owner=author, name="Vélo Lab", kind="association", verified=True,
                            description="Des **vélos** pour tous.",
                            website="https://velo.example.org")
    axis = make_section(title="Mobilités", position=1)
    project = make_section(title="Navettes", parent=axis, position=1)
    proposal = make_proposal(author=author, theme=project, title="Des navettes la nuit",
                             organization=org)
    draft = make_proposal(author=author, theme=project, status="draft", title="Brouillon")
    hidden = make_proposal(author=author, theme=project, title="Masquée",
                           moderation="hidden")
    experiment = make_experiment(theme=project, status="evaluated", partners=[(org, "lead")],
                                 proposals=[proposal], title="Navette aux Minimes",
                                 budget_euros=12000)
    make_evaluation(experiment, summary="Bien.",
                    indicators=[{"name": "Voyageurs", "unit": "par jour", "target": 100,
                                 "measured": 120.5}])
    v1 = make_published_revision(summary="Première version")
    amendment = make_amendment(section=project, revision=v1, author=author,
                               title="Navettes le dimanche",
                               proposed_body="Aussi le **dimanche**.",
                               justification="Parce que.", status="pending")
    pending_amendment = make_amendment(section=project, revision=v1, author=author,
                                       title="En attente", proposed_body="…",
                                       moderation="pending")
    project.body = "Des navettes autonomes, la nuit aussi."
    db.session.commit()
    make_published_revision(summary="Deuxième version")

    first = make_comment(target=proposal, author=author, body="Premier **avis**",
                         alignment="for", organization=org)
    reply = make_comment(parent=first, author=gone, body="Je réponds")
    deleted_with_reply = make_comment(target=proposal, body="Effacé", deleted_at=utcnow())
    make_comment(parent=deleted_with_reply, body="Réponse à un effacé")
    deleted_alone = make_comment(target=proposal, body="Effacé seul", deleted_at=utcnow())
    hidden_comment = make_comment(target=proposal, body="Insulte", moderation="hidden",
                                  hidden_reason="Propos injurieux")
    pending_comment = make_comment(target=proposal, body="En attente", moderation="pending")
    make_comment(target=experiment, body="Sur l’expérimentation")
    make_comment(target=project, body="Sur la section")
    make_comment(target=amendment, body="Sur l’amendement")
    draft_comment = make_comment(target=hidden, body="Sur une masquée")
    gone.deleted_at = utcnow() - timedelta(days=1)
    db.session.commit()
    return {"author": author, "gone": gone, "org": org, "axis": axis, "project": project,
            "proposal": proposal, "draft": draft, "hidden": hidden, "experiment": experiment,
            "amendment": amendment, "pending_amendment": pending_amendment,
            "first": first, "reply": reply, "deleted_with_reply": deleted_with_reply,
            "deleted_alone": deleted_alone, "hidden_comment": hidden_comment,
            "pending_comment": pending_comment, "draft_comment": draft_comment}
