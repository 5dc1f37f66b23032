"""Demo proposals: a believable mix of statuses, supports, places and answers.

Called by the demo seeder (civic/demo/) as `seed_proposals(users, sections, orgs)`, after
users, master-plan sections and organizations exist. Goes through the services, so counters,
references, follows and timelines are what real use would give.
"""
from __future__ import annotations

import random

from civic.core import permissions
from civic.core.errors import DomainError
from civic.proposals import review, services, supports

DEMO_PROPOSALS = [
    ("Des capteurs de qualité de l'air près des écoles",
     "Installer des **capteurs de qualité de l'air** devant chaque groupe scolaire et publier "
     "les mesures en open data, pour que parents et enseignants adaptent les activités.",
     "experiment", "Groupe scolaire Jules-Julien, Toulouse", 43.5842, 1.4609),
    ("Un éclairage public qui s'adapte au passage",
     "Baisser l'éclairage des rues résidentielles la nuit et le rallumer à la détection "
     "d'un piéton ou d'un vélo : économies et moins de pollution lumineuse.",
     "idea", "", None, None),
    ("Des bancs connectés pour recharger son téléphone",
     "Des bancs solaires avec prises USB dans les parcs, utiles aux personnes sans domicile "
     "comme aux promeneurs.", "experiment", "Jardin des Plantes, Toulouse", 43.5929, 1.4523),
    ("Connaître en temps réel la place dans les parkings vélo",
     "Afficher dans l'application de Tisséo les places libres des abris vélo sécurisés.",
     "idea", "Gare Matabiau", 43.6112, 1.4536),
    ("Un budget participatif numérique pour chaque quartier",
     "Chaque quartier vote, en ligne et en mairie annexe, pour un projet numérique de proximité.",
     "idea", "", None, None),
    ("Arrosage intelligent des espaces verts",
     "Des sondes d'humidité pour n'arroser que lorsque c'est utile, en commençant par trois "
     "parcs pilotes.", "experiment", "Prairie des Filtres", 43.5968, 1.4378),
]
# The flagship project (section slug of the demo master plan) each proposal belongs to.
THEMES = ["capteurs-qualite-air", "eclairage-public-connecte", "ilots-de-fraicheur",
          "stationnement-intelligent", "budget-participatif", "gestion-intelligente-eau"]
# (status to reach, public answer) for each proposal, in order.
PATHS = [
    ("accepted", "Le Lab retient cette proposition : une expérimentation est en préparation."),
    ("under_review", "Le Lab étudie la faisabilité avec la direction de l'éclairage."),
    ("rejected", "Cette idée ne relève pas de la Métropole : nous l'avons transmise à la Ville."),
    ("published", ""),
    ("published", ""),
    ("experimenting", "Trois parcs pilotes sont équipés depuis le printemps."),
]


def _reach(moderator, proposal, status: str, answer: str) -> None:
    steps = {"under_review": ["under_review"], "accepted": ["under_review", "accepted"],
             "rejected": ["rejected"], "experimenting": ["accepted", "experimenting"]}
    for step in steps.get(status, []):
        review.change_status(moderator, proposal, step, answer=answer if step == status else "")


def seed_proposals(users, sections, orgs, *, seed: int = 42) -> list:
    """Create the demo proposals; returns them. Needs confirmed users and a moderator."""
    # Reproducible demo data, no secret (bandit B311): a seeded generator is what we want.
    rng = random.Random(seed)  # noqa: S311  # nosec B311
    users = [u for u in users if u.is_confirmed and not u.is_deleted]
    themes = [s for s in sections if not s.is_axis] or list(sections)
    by_slug = {s.slug: s for s in sections}
    moderator = next((u for u in users if permissions.has_role(u, "moderator")), None)
    citizens = [u for u in users if not permissions.can_review_proposal(u)] or users
    created = []
    for index, (title, body, kind, address, lat, lon) in enumerate(DEMO_PROPOSALS):
        author = citizens[index % len(citizens)]
        org = next((o for o in orgs if permissions.can_act_for_organization(author, o)), None)
        theme = by_slug.get(THEMES[index]) or themes[index % len(themes)]
        proposal = services.create_proposal(author, {
            "title": title, "body": body, "kind": kind, "theme": theme,
            "organization": org if index % 2 else None, "address": address,
            "latitude": lat, "longitude": lon,
        })
        services.publish_proposal(author, proposal)
        for supporter in rng.sample(users, k=rng.randint(0, len(users))):
            if supporter.id != author.id:
                try:
                    supports.support_proposal(supporter, proposal)
                except DomainError:  # outside the theme's campaign: no supports then
                    break
        status, answer = PATHS[index % len(PATHS)]
        if moderator is not None:
            _reach(moderator, proposal, status, answer)
        created.append(proposal)
    # One draft, to show the preview page to its author.
    services.create_proposal(citizens[0], {
        "title": "Une carte des fontaines à eau potable",
        "body": "Recenser les fontaines et les afficher sur une carte ouverte.",
        "kind": "idea", "theme": themes[0], "organization": None, "address": "",
        "latitude": None, "longitude": None,
    })
    return created
