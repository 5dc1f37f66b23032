"""Demo experiments: one running (with its journal), one evaluated ("adapt", with
indicators), one planned. Goes through the services, so statuses, audit entries, counters
and notifications are what real use would give.

Called by the demo seeder (civic/demo/) as `seed_experiments(users, sections, orgs,
proposals)`, after the demo proposals exist (the one being experimented is linked).
"""
from __future__ import annotations

from datetime import date, timedelta

from civic.core import permissions
from civic.experiments import evaluation, journal, services, supports

WATERING = {
    "title": "Arrosage piloté par sondes dans trois parcs",
    "description": (
        "Des **sondes d'humidité** enterrées dans trois parcs pilotes envoient leurs mesures "
        "toutes les heures ; l'arrosage ne se déclenche que lorsque le sol en a besoin.\n\n"
        "Objectif : réduire d'un quart l'eau d'arrosage sans dégrader les pelouses ni les "
        "massifs."),
    "theme": "gestion-intelligente-eau", "address": "Prairie des Filtres, Toulouse",
    "latitude": 43.5968, "longitude": 1.4378, "budget_euros": 48_000,
    "partners": [("capteo", "lead"), ("metropole", "partner"),
                 ("lab-mobilites-territoires", "partner")],
}
WATERING_UPDATES = [
    (40, "Sondes installées", "Les 36 sondes sont posées dans les trois parcs ; les "
                              "jardiniers ont été formés à lire le tableau de bord."),
    (12, "Premiers relevés", "Sur le premier mois, l'arrosage a été déclenché 11 nuits sur "
                             "30 au lieu de 30 : la consommation baisse déjà nettement."),
]
LIGHTING = {
    "title": "Éclairage adaptatif dans le quartier des Minimes",
    "description": (
        "Douze rues résidentielles passent à un éclairage qui baisse à 20 % la nuit et se "
        "rallume au passage d'un piéton ou d'un vélo."),
    "theme": "eclairage-public-connecte", "address": "Quartier des Minimes, Toulouse",
    "latitude": 43.6195, "longitude": 1.4350, "budget_euros": 65_000,
    "partners": [("garonne-energies", "lead"), ("quartiers-connectes", "partner"),
                 ("lab-mobilites-territoires", "partner")],
}
LIGHTING_EVALUATION = {
    "summary": "Les économies d'énergie sont au rendez-vous, mais une partie des riverains "
               "trouve le rallumage trop lent dans les rues les plus longues.",
    "outcome": "adapt",
    "lessons": "- Rallumer plus tôt, en anticipant la trajectoire des passants.\n"
               "- Associer les riverains au choix des rues dès le départ.",
    "indicators": [
        {"name": "Consommation électrique", "unit": "MWh/an", "target": "120",
         "measured": "131,5"},
        {"name": "Riverains satisfaits", "unit": "%", "target": "70", "measured": "64"},
        {"name": "Signalements d'insécurité", "unit": "signalements", "target": "0",
         "measured": "2"},
    ],
}
SHUTTLES = {
    "title": "Navette autonome entre le métro et l'Oncopole",
    "description": "Une navette électrique autonome de 12 places reliera la station de "
                   "métro au campus de l'Oncopole, avec un opérateur à bord.",
    "theme": "navettes-autonomes", "address": "Oncopole, Toulouse",
    "latitude": 43.5580, "longitude": 1.3870, "budget_euros": None,
    "partners": [("metropole", "lead"), ("lab-mobilites-territoires", "partner")],
}


def _data(spec: dict, sections: dict, orgs: dict, days_ago: int) -> dict:
    theme = sections.get(spec["theme"]) or next(iter(sections.values()))
    return {**spec, "theme": theme, "proposals": "",
            "partners": [(orgs[slug], role) for slug, role in spec["partners"] if slug in orgs],
            "starts_on": date.today() - timedelta(days=days_ago),
            "ends_on": date.today() + timedelta(days=180 - days_ago)}


def seed_experiments(users, sections, orgs, proposals) -> list:
    """Create the demo experiments; returns them (none without a staff account)."""
    staff = next((u for u in users if permissions.can_manage_experiments(u)), None)
    if staff is None:
        return []
    by_slug = {s.slug: s for s in sections}
    org_by_slug = {o.slug: o for o in orgs}
    citizens = [u for u in users if not u.role_names and u.is_confirmed]
    created = []

    experimented = [p.reference for p in proposals if p.status == "experimenting"]
    watering = services.create_experiment(staff, {
        **_data(WATERING, by_slug, org_by_slug, 45), "proposals": ", ".join(experimented[:1])})
    services.start_experiment(staff, watering)
    for days_ago, title, body in WATERING_UPDATES:
        journal.post_update(staff, watering, {
            "title": title, "body": body,
            "happened_on": date.today() - timedelta(days=days_ago)})
    created.append(watering)

    lighting = services.create_experiment(staff, _data(LIGHTING, by_slug, org_by_slug, 200))
    services.start_experiment(staff, lighting)
    evaluation.post_evaluation(staff, lighting, LIGHTING_EVALUATION)
    created.append(lighting)

    shuttles = services.create_experiment(staff, _data(SHUTTLES, by_slug, org_by_slug, -30))
    created.append(shuttles)

    for index, citizen in enumerate(citizens):
        for experiment in created[: 1 + index % len(created)]:
            supports.support_experiment(citizen, experiment)
        if index % 2 == 0:
            supports.follow_experiment(citizen, watering)
    return created
