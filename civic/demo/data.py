"""Demo content in French: the master plan, people and organizations of a fictional
Toulouse-like metropolis. Everything here is invented; later features (proposals,
comments, experiments) add their own lists and reuse the slugs and e-mails below."""
from __future__ import annotations

import tomllib
from pathlib import Path

PLAN_FILE = Path(__file__).with_name("plan.toml")


def plan_axes() -> list[dict]:
    """The master plan's axes, each with its flagship `projects` (read when seeding, not
    on every start of the application)."""
    return tomllib.loads(PLAN_FILE.read_text("utf-8"))["axes"]


# Printed at the end of `seed-demo`: for demonstrations only, never in production.
# Published on purpose (bandit B105): the demo accounts are public.
DEMO_PASSWORD = "demo-civic-2026"  # noqa: S105  # nosec B105
DEMO_DOMAIN = "demo.example.org"

# One account per site role, then a few citizens. `key` names the account for the
# organizations (and later demo content) that refer to it.
ACCOUNTS = [
    {"key": "admin", "email": f"admin@{DEMO_DOMAIN}", "display_name": "Alix Administratrice",
     "roles": ("admin",),
     "bio": "Administratrice de la plateforme pour la Métropole."},
    {"key": "staff", "email": f"sophie.marty@{DEMO_DOMAIN}", "display_name": "Sophie Marty",
     "roles": ("staff",),
     "bio": "Cheffe de projet ville intelligente à la direction du numérique de la "
            "Métropole."},
    {"key": "moderator", "email": f"karim.benali@{DEMO_DOMAIN}",
     "display_name": "Karim Benali", "roles": ("moderator",),
     "bio": "Animateur au Laboratoire des usages : je réponds à vos propositions."},
    {"key": "citizen", "email": f"camille.durand@{DEMO_DOMAIN}",
     "display_name": "Camille Durand", "roles": (),
     "bio": "Habitante des Minimes, cycliste du quotidien."},
    {"key": "lucas", "email": f"lucas.fabre@{DEMO_DOMAIN}", "display_name": "Lucas Fabre",
     "roles": (), "bio": "Fondateur d'une jeune pousse de capteurs environnementaux."},
    {"key": "ines", "email": f"ines.garcia@{DEMO_DOMAIN}", "display_name": "Inès Garcia",
     "roles": (), "bio": "Présidente d'une association d'inclusion numérique."},
    {"key": "mathieu", "email": f"mathieu.roux@{DEMO_DOMAIN}", "display_name": "Mathieu Roux",
     "roles": (), "bio": "Ingénieur réseaux électriques."},
    {"key": "lea", "email": f"lea.bonnet@{DEMO_DOMAIN}", "display_name": "Léa Bonnet",
     "roles": (), "bio": "Chercheuse en mobilités urbaines."},
    {"key": "hugo", "email": f"hugo.lefevre@{DEMO_DOMAIN}", "display_name": "Hugo Lefèvre",
     "roles": (), "bio": "Étudiant, utilisateur assidu du métro et du vélo."},
    {"key": "nadia", "email": f"nadia.haddad@{DEMO_DOMAIN}", "display_name": "Nadia Haddad",
     "roles": (), "bio": "Mère de deux enfants, attentive à la qualité de l'air près des "
                         "écoles."},
]

# `name` None means the configured METROPOLIS_NAME (the metropolis itself).
ORGANIZATIONS = [
    {"slug": "metropole", "name": None, "kind": "public_body", "verified": True,
     "owner": "staff", "members": ("admin",),
     "website": "https://www.example.org/metropole",
     "description": "La Métropole porte le schéma directeur de la ville intelligente et "
                    "publie ses nouvelles versions sur cette plateforme."},
    {"slug": "laboratoire-des-usages", "name": "Laboratoire des usages", "kind": "public_body",
     "verified": True, "owner": "moderator", "members": (),
     "website": "",
     "description": "L'équipe qui accompagne les expérimentations et répond publiquement "
                    "à chaque proposition citoyenne."},
    {"slug": "capteo", "name": "Captéo", "kind": "startup", "verified": True,
     "owner": "lucas", "members": ("hugo",), "website": "https://capteo.example.org",
     "description": "Jeune entreprise qui conçoit des micro-capteurs de qualité de l'air "
                    "bon marché et ouverts."},
    {"slug": "garonne-energies", "name": "Garonne Énergies", "kind": "company",
     "verified": False, "owner": "mathieu", "members": (), "website": "",
     "description": "Entreprise régionale de services énergétiques : solaire en toiture, "
                    "stockage et pilotage de la consommation."},
    {"slug": "quartiers-connectes", "name": "Quartiers connectés", "kind": "association",
     "verified": True, "owner": "ines", "members": ("nadia", "citizen"), "website": "",
     "description": "Association de médiation numérique : ateliers, permanences et "
                    "ordinateurs reconditionnés pour les familles."},
    {"slug": "lab-mobilites-territoires", "name": "Laboratoire Mobilités et Territoires",
     "kind": "research", "verified": True, "owner": "lea", "members": (), "website": "",
     "description": "Laboratoire de recherche universitaire sur les comportements de "
                    "mobilité et l'évaluation des politiques de transport."},
]
