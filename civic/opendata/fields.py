"""Building blocks of the open-data Table Schemas (see civic.opendata.schema)."""
from __future__ import annotations

DELETED_PARTICIPANT = "Deleted participant"

_TYPES = ("integer", "number", "string", "date", "datetime", "boolean")


def field(name: str, type_: str, fr: str, en: str, *, required: bool = False,
          enum: tuple[str, ...] = (), person: bool = False) -> dict:
    """One Table Schema field, described in French (`description`) and English."""
    if type_ not in _TYPES:  # a programming error; checked even under python -O
        raise ValueError(f"unknown Table Schema type: {type_}")
    spec = {"name": name, "type": type_, "description": fr, "description_en": en}
    constraints = {}
    if required:
        constraints["required"] = True
    if enum:
        constraints["enum"] = list(enum)
    if constraints:
        spec["constraints"] = constraints
    if type_ == "datetime":
        spec["format"] = "%Y-%m-%dT%H:%M:%SZ"
    if person:
        spec["person"] = True
    return spec


def id_field(fr: str, en: str) -> dict:
    return field("id", "integer", fr, en, required=True)


def foreign_key(field: str, resource: str, target: str = "id") -> dict:
    return {"fields": [field], "reference": {"resource": resource, "fields": [target]}}


_URL = ("Adresse de la page publique", "Address of the public page")
_CREATED = ("Date de création (UTC)", "Creation time (UTC)")
_THEME = ("Identifiant du thème (themes.id)", "Theme identifier (themes.id)")
_ORG = ("Organisation au nom de laquelle la contribution est faite (organizations.id), vide "
        "sinon", "Organization the contribution is made on behalf of (organizations.id), "
        "empty otherwise")
_AUTHOR = ("Nom public de l’auteur ou de l’autrice ; « Deleted participant » pour un compte "
           "supprimé", "Author’s public display name; “Deleted participant” for a deleted "
           "account")
_SUPPORTS = ("Nombre de soutiens", "Number of supports")
_COMMENTS = ("Nombre de commentaires visibles", "Number of visible comments")
_FOLLOWERS = ("Nombre d’abonnés", "Number of followers")
_PLACE = [
    field("address", "string", "Adresse ou lieu, en clair", "Address or place, as written"),
    field("latitude", "number", "Latitude (WGS 84)", "Latitude (WGS 84)"),
    field("longitude", "number", "Longitude (WGS 84)", "Longitude (WGS 84)"),
]
_TEXTS = [
    field("summary", "string", "Résumé (Markdown)", "Summary (Markdown)"),
    field("body", "string", "Texte (Markdown)", "Text (Markdown)"),
    field("objectives", "string", "Objectifs (Markdown)", "Objectives (Markdown)"),
    field("indicators", "string", "Indicateurs (Markdown)", "Indicators (Markdown)"),
]
