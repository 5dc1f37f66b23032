"""A small but complete data set for the open-data package: every table has rows, and
every kind of content that must stay private has an example with a recognizable text."""
from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest

from civic.core.models import utcnow
from civic.experiments.models import ExperimentUpdate
from civic.masterplan.models import PlanRevision
from civic.proposals.models import StatusChange, Support
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

SECRETS = {
    "draft": "BROUILLON-SECRET-TITRE",
    "hidden_proposal": "PROPOSITION-MASQUEE-TITRE",
    "pending_proposal": "PROPOSITION-EN-ATTENTE-TITRE",
    "internal_note": "NOTE-INTERNE-DU-LAB",
    "hidden_comment": "COMMENTAIRE-MASQUE-TEXTE",
    "pending_comment": "COMMENTAIRE-EN-ATTENTE-TEXTE",
    "comment_on_hidden": "COMMENTAIRE-SUR-CONTENU-MASQUE",
    "deleted_name": "Ancienne Personne Partie",
    "hidden_experiment": "EXPERIMENTATION-MASQUEE",
    "hidden_amendment": "AMENDEMENT-MASQUE",
    "draft_revision": "VERSION-BROUILLON-RESUME",
}


@pytest.fixture
def open_data_dir(app, tmp_path, monkeypatch):
    folder = tmp_path / "open-data"
    monkeypatch.setitem(app.config, "OPEN_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def dataset(db):
    """Themes, organizations, proposals in several states, comments, supports, an
    experiment with its evaluation, amendments and two published versions of the plan."""
    now = utcnow()
    citizen = make_user(display_name="Camille Publique", email="camille@example.org")
    neighbour = make_user(display_name="Dominique Voisine", email="dominique@example.org")
    gone = make_user(display_name=SECRETS["deleted_name"], email="parti@example.org",
                     deleted_at=now)
    staff = make_user(display_name="Agent Métropole", email="agent@example.org",
                      roles=("staff",))
    org = make_organization(owner=citizen, name="Vélo Cité", verified=True)
    partner = make_organization(name="Labo Air", kind="research")
    axis = make_section(title="Mobilités", summary="Se déplacer mieux")
    project = make_section(title="Vélo partout", parent=axis)

    published = make_proposal(author=citizen, theme=project, organization=org,
                              title="Des arceaux vélos", address="Place du Capitole",
                              latitude=43.6045, longitude=1.4440)
    reviewed = make_proposal(author=neighbour, theme=axis, status="under_review",
                             title="Une rue aux enfants")
    orphan = make_proposal(author=gone, theme=axis, title="Des bancs à l’ombre")
    draft = make_proposal(author=citizen, theme=axis, status="draft", title=SECRETS["draft"])
    hidden = make_proposal(author=neighbour, theme=axis, title=SECRETS["hidden_proposal"],
                           moderation="hidden", hidden_reason="Hors sujet")
    pending = make_proposal(author=neighbour, theme=axis, title=SECRETS["pending_proposal"],
                            moderation="pending")
    db.session.add(StatusChange(proposal_id=reviewed.id, actor_id=staff.id, from_status="published",
                                to_status="under_review", answer="Le Lab l’examine.",
                                internal_note=SECRETS["internal_note"]))
    day = timedelta(days=1)
    for user, when in ((citizen, now - day), (neighbour, now - day), (staff, now)):
        db.session.add(Support(proposal_id=published.id, user_id=user.id, created_at=when))
    db.session.add(Support(proposal_id=hidden.id, user_id=citizen.id, created_at=now))
    published.supports_count = 3
    db.session.commit()

    comment = make_comment(target=published, author=neighbour, body="Bonne idée !",
                           alignment="for")
    reply = make_comment(parent=comment, author=citizen, body="Merci, on avance.")
    make_comment(parent=comment, author=gone, body="Je suis d’accord.")
    hidden_comment = make_comment(target=published, author=neighbour,
                                  body=SECRETS["hidden_comment"], moderation="hidden")
    make_comment(parent=hidden_comment, author=citizen, body="Une réponse restée visible.")
    make_comment(target=published, author=neighbour, body=SECRETS["pending_comment"],
                 moderation="pending")
    deleted_comment = make_comment(target=reviewed, author=citizen, body="",
                                   deleted_at=now)
    make_comment(parent=deleted_comment, author=neighbour, body="Réponse à un supprimé.")
    make_comment(target=hidden, author=citizen, body=SECRETS["comment_on_hidden"])
    make_comment(target=axis, author=neighbour, body="Un commentaire sur l’axe.")

    v1 = make_published_revision(summary="Première version")
    experiment = make_experiment(title="Arceaux test", theme=project, status="evaluated",
                                 partners=[(org, "lead"), (partner, "partner")],
                                 proposals=[published, draft, hidden], budget_euros=12000)
    experiment.updates.append(ExperimentUpdate(title="Pose", body="Les arceaux sont posés.",
                                               happened_on=now.date()))
    make_evaluation(experiment, summary="Un succès.", lessons="Prévoir plus d’arceaux.",
                    indicators=[{"name": "Vélos garés", "unit": "vélos/jour",
                                 "target": 50.0, "measured": 72.5}])
    make_experiment(title=SECRETS["hidden_experiment"], theme=axis, moderation="hidden")
    make_comment(target=experiment, author=citizen, body="Ça marche bien.")
    amendment = make_amendment(section=project, revision=v1, author=citizen,
                               title="Plus d’arceaux", proposed_body="Doubler les arceaux.",
                               organization=org, status="accepted")
    make_amendment(section=project, revision=v1, author=neighbour,
                   title=SECRETS["hidden_amendment"], proposed_body="…", moderation="hidden")
    make_comment(target=amendment, author=neighbour, body="Oui aux arceaux.")
    project.body = "Des arceaux dans chaque quartier."
    v2 = make_published_revision(summary="Deuxième version")
    amendment.accepted_into_id = v2.id
    v2.based_on_id = v1.id
    db.session.add(PlanRevision(status="draft", summary=SECRETS["draft_revision"],
                                based_on_id=v2.id))
    db.session.commit()
    return SimpleNamespace(citizen=citizen, neighbour=neighbour, gone=gone, staff=staff,
                           org=org, partner=partner, axis=axis, project=project,
                           published=published, reviewed=reviewed, orphan=orphan,
                           draft=draft, hidden=hidden, pending=pending, comment=comment,
                           reply=reply, hidden_comment=hidden_comment,
                           deleted_comment=deleted_comment, experiment=experiment,
                           amendment=amendment, v1=v1, v2=v2,
                           users=[citizen, neighbour, gone, staff])
