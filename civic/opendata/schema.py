"""The open-data package's resources and their Table Schemas, as Python data.

Each resource is one CSV file `data/<name>.csv`. Titles and descriptions are given in
French (`title`, `description`: French is the site's language) and in English
(`title_en`, `description_en`: extra properties, which the Data Package standard allows).
Fields marked `person` hold a public display name: they are left out of the package when
OPEN_DATA_PUBLISH_NAMES is false.
"""
from __future__ import annotations

import copy

from civic.opendata.fields import (
    _AUTHOR,
    _COMMENTS,
    _CREATED,
    _FOLLOWERS,
    _ORG,
    _PLACE,
    _SUPPORTS,
    _TEXTS,
    _THEME,
    _URL,
    DELETED_PARTICIPANT,  # noqa: F401  (used by the rows)
)
from civic.opendata.fields import field as _f
from civic.opendata.fields import foreign_key as _fk
from civic.opendata.fields import id_field as _id
from civic.opendata.schema_more import MORE_RESOURCES

RESOURCES: list[dict] = [
    {"name": "themes",
     "title": "Thèmes du plan directeur", "title_en": "Master-plan themes",
     "description": "Les axes et projets phares du plan directeur, avec leur texte publié "
                    "actuel. Les propositions, expérimentations et amendements s’y rattachent.",
     "description_en": "The master plan’s axes and flagship projects with their current "
                       "published text. Proposals, experiments and amendments belong to them.",
     "fields": [
         _id("Identifiant du thème", "Theme identifier"),
         _f("slug", "string", "Identifiant lisible", "Readable identifier", required=True),
         _f("parent_id", "integer", "Axe parent (themes.id) ; vide pour un axe",
            "Parent axis (themes.id); empty for an axis"),
         _f("position", "integer", "Ordre parmi ses voisins", "Order among its siblings"),
         _f("title", "string", "Titre", "Title", required=True),
         *_TEXTS,
         _f("campaign_opens_at", "datetime", "Ouverture de la campagne de propositions (UTC)",
            "Opening of the proposal campaign (UTC)"),
         _f("campaign_closes_at", "datetime", "Clôture de la campagne de propositions (UTC)",
            "Closing of the proposal campaign (UTC)"),
         _f("support_threshold", "integer", "Seuil de soutiens pour un examen par le Lab",
            "Supports needed for a review by the Lab"),
         _f("comments_count", "integer", *_COMMENTS),
         _f("url", "string", *_URL),
     ],
     "primaryKey": ["id"], "foreignKeys": [_fk("parent_id", "")]},
    {"name": "organizations",
     "title": "Organisations", "title_en": "Organizations",
     "description": "Start-up, entreprises, associations, laboratoires et organismes publics "
                    "inscrits sur la plateforme.",
     "description_en": "Startups, companies, associations, research labs and public bodies "
                       "registered on the platform.",
     "fields": [
         _id("Identifiant de l’organisation", "Organization identifier"),
         _f("slug", "string", "Identifiant lisible", "Readable identifier", required=True),
         _f("name", "string", "Nom", "Name", required=True),
         _f("kind", "string", "Type", "Kind",
            enum=("startup", "company", "association", "research", "public_body")),
         _f("description", "string", "Présentation (Markdown)", "Description (Markdown)"),
         _f("website", "string", "Site web", "Website"),
         _f("verified", "boolean", "Vérifiée par l’équipe de la plateforme",
            "Verified by the platform team"),
         _f("created_at", "datetime", *_CREATED),
         _f("url", "string", *_URL),
     ],
     "primaryKey": ["id"], "foreignKeys": []},
    {"name": "proposals",
     "title": "Propositions", "title_en": "Proposals",
     "description": "Les propositions publiées et visibles (ni brouillons, ni masquées, ni en "
                    "attente de modération).",
     "description_en": "Published, visible proposals (no drafts, hidden or pending ones).",
     "fields": [
         _id("Identifiant de la proposition", "Proposal identifier"),
         _f("reference", "string", "Référence publique", "Public reference"),
         _f("title", "string", "Titre", "Title", required=True),
         _f("body", "string", "Texte (Markdown)", "Text (Markdown)"),
         _f("kind", "string", "Nature : idée ou expérimentation", "Kind: idea or experiment",
            enum=("idea", "experiment")),
         _f("status", "string", "Statut", "Status",
            enum=("published", "under_review", "accepted", "rejected", "experimenting",
                  "integrated", "withdrawn")),
         _f("theme_id", "integer", *_THEME, required=True),
         _f("organization_id", "integer", *_ORG),
         _f("author", "string", *_AUTHOR, person=True),
         *_PLACE,
         _f("published_at", "datetime", "Date de publication (UTC)", "Publication time (UTC)"),
         _f("edited_at", "datetime", "Dernière modification par l’auteur (UTC)",
            "Last edit by the author (UTC)"),
         _f("answered_at", "datetime", "Date de la réponse du Lab (UTC)",
            "Time of the Lab’s answer (UTC)"),
         _f("answer", "string", "Réponse publique du Lab (Markdown)",
            "The Lab’s public answer (Markdown)"),
         _f("threshold_reached_at", "datetime", "Date où le seuil de soutiens a été atteint",
            "Time the support threshold was reached"),
         _f("withdrawn_at", "datetime", "Date de retrait (UTC)", "Withdrawal time (UTC)"),
         _f("supports_count", "integer", *_SUPPORTS),
         _f("comments_count", "integer", *_COMMENTS),
         _f("followers_count", "integer", *_FOLLOWERS),
         _f("url", "string", *_URL),
     ],
     "primaryKey": ["id"],
     "foreignKeys": [_fk("theme_id", "themes"), _fk("organization_id", "organizations")]},
    {"name": "status_changes",
     "title": "Historique des statuts", "title_en": "Status history",
     "description": "Le fil public des changements de statut des propositions publiées, avec "
                    "la réponse du Lab (jamais ses notes internes).",
     "description_en": "The public timeline of status changes of published proposals, with "
                       "the Lab’s answer (never its internal notes).",
     "fields": [
         _id("Identifiant du changement", "Change identifier"),
         _f("proposal_id", "integer", "Proposition (proposals.id)", "Proposal (proposals.id)",
            required=True),
         _f("from_status", "string", "Statut précédent", "Previous status"),
         _f("to_status", "string", "Nouveau statut", "New status"),
         _f("answer", "string", "Réponse publique (Markdown)", "Public answer (Markdown)"),
         _f("created_at", "datetime", "Date du changement (UTC)", "Time of the change (UTC)"),
     ],
     "primaryKey": ["id"], "foreignKeys": [_fk("proposal_id", "proposals")]},
    {"name": "supports_daily",
     "title": "Soutiens par jour", "title_en": "Supports per day",
     "description": "Nombre de soutiens reçus par chaque proposition publiée, jour par jour "
                    "(UTC). Les soutiens individuels ne sont jamais publiés.",
     "description_en": "Supports each published proposal received, day by day (UTC). "
                       "Individual supports are never published.",
     "fields": [
         _f("proposal_id", "integer", "Proposition (proposals.id)", "Proposal (proposals.id)",
            required=True),
         _f("date", "date", "Jour (UTC)", "Day (UTC)", required=True),
         _f("supports", "integer", "Soutiens reçus ce jour-là (toujours en place)",
            "Supports received that day (still in place)", required=True),
     ],
     "primaryKey": ["proposal_id", "date"], "foreignKeys": [_fk("proposal_id", "proposals")]},
    {"name": "comments",
     "title": "Commentaires", "title_en": "Comments",
     "description": "Les commentaires des contenus publiés. Un commentaire supprimé ou "
                    "masqué par la modération garde sa ligne (pour la structure des fils) "
                    "sans texte ni auteur ; ceux en attente de modération sont absents.",
     "description_en": "Comments on published content. A deleted comment, or one hidden by "
                       "the moderators, keeps its row (for the thread structure) without text "
                       "or author; comments awaiting moderation are left out.",
     "fields": [
         _id("Identifiant du commentaire", "Comment identifier"),
         _f("target_type", "string", "Type du contenu commenté", "Kind of commented content",
            required=True, enum=("proposal", "experiment", "amendment", "section")),
         _f("target_id", "integer",
            "Identifiant du contenu commenté (proposals, experiments, amendments ou themes)",
            "Identifier of the commented content (proposals, experiments, amendments or "
            "themes)", required=True),
         _f("parent_id", "integer", "Commentaire auquel il répond (comments.id)",
            "Comment it replies to (comments.id)"),
         _f("depth", "integer", "Profondeur dans le fil (1 à 3)", "Depth in the thread (1–3)"),
         _f("state", "string", "État : visible, supprimé (deleted) ou masqué (hidden)",
            "State: visible, deleted or hidden", enum=("visible", "deleted", "hidden")),
         _f("alignment", "string", "Position : pour, contre ou neutre",
            "Stance: for, against or neutral", enum=("for", "against", "neutral")),
         _f("body", "string", "Texte (Markdown) ; vide si supprimé ou masqué",
            "Text (Markdown); empty when deleted or hidden"),
         _f("author", "string", *_AUTHOR, person=True),
         _f("organization_id", "integer", *_ORG),
         _f("upvotes", "integer", "Votes positifs", "Up votes"),
         _f("downvotes", "integer", "Votes négatifs", "Down votes"),
         _f("created_at", "datetime", *_CREATED),
         _f("edited_at", "datetime", "Dernière modification (UTC)", "Last edit (UTC)"),
     ],
     "primaryKey": ["id"],
     "foreignKeys": [_fk("parent_id", ""), _fk("organization_id", "organizations")]},
    {"name": "experiments",
     "title": "Expérimentations", "title_en": "Experiments",
     "description": "Les expérimentations menées sur le terrain, visibles au public.",
     "description_en": "Real-world experiments visible to the public.",
     "fields": [
         _id("Identifiant de l’expérimentation", "Experiment identifier"),
         _f("title", "string", "Titre", "Title", required=True),
         _f("description", "string", "Description (Markdown)", "Description (Markdown)"),
         _f("theme_id", "integer", *_THEME),
         _f("status", "string", "Statut : prévue, en cours, évaluée, arrêtée",
            "Status: planned, running, evaluated, stopped",
            enum=("planned", "running", "evaluated", "stopped")),
         _f("stop_reason", "string", "Raison de l’arrêt", "Reason for stopping"),
         *_PLACE,
         _f("starts_on", "date", "Date de début prévue", "Planned start date"),
         _f("ends_on", "date", "Date de fin prévue", "Planned end date"),
         _f("budget_euros", "integer", "Budget en euros", "Budget in euros"),
         _f("started_at", "datetime", "Démarrage (UTC)", "Start time (UTC)"),
         _f("evaluated_at", "datetime", "Évaluation (UTC)", "Evaluation time (UTC)"),
         _f("stopped_at", "datetime", "Arrêt (UTC)", "Stop time (UTC)"),
         _f("supports_count", "integer", *_SUPPORTS),
         _f("comments_count", "integer", *_COMMENTS),
         _f("followers_count", "integer", *_FOLLOWERS),
         _f("created_at", "datetime", *_CREATED),
         _f("url", "string", *_URL),
     ],
     "primaryKey": ["id"], "foreignKeys": [_fk("theme_id", "themes")]},
]

RESOURCES.extend(MORE_RESOURCES)
RESOURCE_NAMES = tuple(r["name"] for r in RESOURCES)


def resources(publish_names: bool = True) -> list[dict]:
    """The resources as the package describes them (person fields dropped if asked)."""
    result = []
    for resource in RESOURCES:
        resource = copy.deepcopy(resource)
        fields = [f for f in resource["fields"] if publish_names or not f.get("person")]
        for field in fields:
            field.pop("person", None)
        resource["fields"] = fields
        result.append(resource)
    return result


def descriptor(resource: dict) -> dict:
    """The Data Package descriptor of one resource (without bytes and hash)."""
    schema = {"fields": resource["fields"], "missingValues": [""],
              "primaryKey": resource["primaryKey"]}
    if resource["foreignKeys"]:
        schema["foreignKeys"] = resource["foreignKeys"]
    return {
        "name": resource["name"], "path": f"data/{resource['name']}.csv",
        "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv",
        "encoding": "utf-8", "dialect": {"delimiter": ",", "header": True},
        "title": resource["title"], "title_en": resource["title_en"],
        "description": resource["description"], "description_en": resource["description_en"],
        "schema": schema,
    }
