"""JSON Schemas (OpenAPI 3.1 / JSON Schema 2020-12) of every object the API answers.

Objects list all their fields as required and allow no others: the document says exactly
what the API sends (the schemathesis test checks every answer against it). Nullable
fields are `type: [..., "null"]`.
"""
from __future__ import annotations

from civic.amendments.models import AMENDMENT_STATUSES
from civic.comments.models import ALIGNMENTS
from civic.experiments.models import EXPERIMENT_STATUSES, OUTCOMES, PARTNER_ROLES
from civic.organizations.models import ORGANIZATION_KINDS
from civic.proposals.models import PROPOSAL_KINDS, PUBLIC_STATUSES


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema: dict) -> dict:
    if "$ref" in schema:
        return {"anyOf": [schema, {"type": "null"}]}
    return {**schema, "type": [schema["type"], "null"]}


def string(description: str = "", **extra) -> dict:
    return {"type": "string", **({"description": description} if description else {}),
            **extra}


def integer(description: str = "", **extra) -> dict:
    return {"type": "integer", **({"description": description} if description else {}),
            **extra}


def array(items: dict) -> dict:
    return {"type": "array", "items": items}


def obj(properties: dict, description: str = "") -> dict:
    schema = {"type": "object", "properties": properties, "required": list(properties),
              "additionalProperties": False}
    if description:
        schema["description"] = description
    return schema


DATETIME = string(format="date-time")
DATE = string(format="date")
URL = string(format="uri")
COUNT = integer(minimum=0)
NUMBER_OR_NULL = {"type": ["number", "null"]}
MARKDOWN = string("Markdown source, as written.")
HTML = string("Sanitized HTML rendered from the Markdown source.")


def page_of(item: str, description: str, **extra_properties) -> dict:
    return obj({"items": array(ref(item)), "page": integer("This page (from 1).", minimum=1),
                "per_page": integer("Items per page.", minimum=1, maximum=100),
                "total": integer("Items in the whole list, every page together.",
                                 minimum=0), **extra_properties}, description)


SECTION_TEXT = {"id": integer(), "slug": nullable(string()),
                "title": string(), "summary": MARKDOWN, "body": MARKDOWN,
                "objectives": MARKDOWN, "indicators": MARKDOWN,
                "position": integer(), "url": URL}
VERSION = {"number": integer(minimum=1), "published_at": nullable(DATETIME),
           "summary": string("What changed in this version."),
           "author": nullable(string("Who published it (public name).")),
           "url": nullable(URL)}

SCHEMAS = {
    "Error": obj({"error": {
        "type": "object",
        "properties": {"status": integer("The HTTP status code."),
                       "title": string("A short title (English)."),
                       "detail": string("What went wrong and what to do (English)."),
                       "parameter": string("The query parameter at fault (400 only).")},
        "required": ["status", "title", "detail"], "additionalProperties": False}},
        "Every error: 400, 404, 405, 429, 500."),
    "Author": obj({"display_name": string("Public name; “Deleted participant” for a "
                                          "deleted account."),
                   "profile_url": nullable(URL)}),
    "OrganizationRef": obj({"id": integer(), "name": string(),
                            "kind": string(enum=list(ORGANIZATION_KINDS)),
                            "verified": {"type": "boolean"}}),
    "ThemeRef": obj({"id": integer(), "slug": string(), "title": string()}),
    "Theme": obj({"id": integer(), "slug": string(), "title": string(),
                  "parent_id": nullable(integer("The axis of a flagship project; null for "
                                                "an axis.")),
                  "position": integer()}, "A theme: an axis or flagship project of the "
                                          "master plan."),
    "Proposal": obj({
        "id": integer(), "reference": nullable(string("Public reference, e.g. P-2025-0042.")),
        "title": string(), "body_html": HTML,
        "status": string(enum=list(PUBLIC_STATUSES)), "kind": string(enum=list(PROPOSAL_KINDS)),
        "theme": nullable(ref("ThemeRef")), "author": ref("Author"),
        "organization": nullable(ref("OrganizationRef")),
        "supports_count": COUNT, "comments_count": COUNT,
        "latitude": NUMBER_OR_NULL, "longitude": NUMBER_OR_NULL, "address": string(),
        "created_at": DATETIME, "published_at": nullable(DATETIME), "url": URL}),
    "StatusChange": obj({"from_status": string(), "to_status": string(),
                         "answer": string("The public answer given with the change."),
                         "created_at": DATETIME}),
}
SCHEMAS["ProposalDetail"] = {
    **SCHEMAS["Proposal"],
    "properties": {**SCHEMAS["Proposal"]["properties"],
                   "answer": string("The Lab's public answer."),
                   "timeline": array(ref("StatusChange"))},
    "required": [*SCHEMAS["Proposal"]["required"], "answer", "timeline"]}

EXPERIMENT = {
    "id": integer(), "title": string(), "status": string(enum=list(EXPERIMENT_STATUSES)),
    "description_html": HTML, "stop_reason": string("Why it stopped (empty otherwise)."),
    "theme": nullable(ref("ThemeRef")), "address": string(),
    "latitude": NUMBER_OR_NULL, "longitude": NUMBER_OR_NULL,
    "starts_on": nullable(DATE), "ends_on": nullable(DATE),
    "budget_euros": nullable(integer("Budget in whole euros.")),
    "partners": array(ref("Partner")),
    "supports_count": COUNT, "comments_count": COUNT, "followers_count": COUNT,
    "created_at": DATETIME, "started_at": nullable(DATETIME),
    "evaluated_at": nullable(DATETIME), "stopped_at": nullable(DATETIME), "url": URL}
SCHEMAS.update({
    "Partner": obj({**SCHEMAS["OrganizationRef"]["properties"],
                    "role": string(enum=list(PARTNER_ROLES))}),
    "Experiment": obj(EXPERIMENT),
    "ExperimentDetail": obj({
        **EXPERIMENT,
        "proposals": array(obj({"id": integer(), "reference": nullable(string()),
                                "title": string(), "status": string(), "url": URL})),
        "updates": array(obj({"title": string(), "body_html": HTML, "happened_on": DATE,
                              "created_at": DATETIME})),
        "evaluation": nullable(ref("Evaluation"))}),
    "Evaluation": obj({
        "summary_html": HTML, "outcome": string(enum=list(OUTCOMES)), "lessons_html": HTML,
        "indicators": array(obj({"name": string(), "unit": string(),
                                 "target": NUMBER_OR_NULL, "measured": NUMBER_OR_NULL})),
        "updated_at": nullable(DATETIME)}),
    "Comment": obj({
        "id": integer(), "target_type": string(enum=["proposal", "experiment", "section",
                                                      "amendment"]),
        "target_id": integer(), "parent_id": nullable(integer("The comment answered.")),
        "depth": integer("1 for a comment, 2 for a reply, 3 for a reply to a reply.",
                         minimum=1, maximum=3),
        "state": string("visible; hidden by the moderators (placeholder: no body, no "
                        "author); deleted by its author (placeholder, listed only while "
                        "it has replies).", enum=["visible", "hidden", "deleted"]),
        "hidden_reason": nullable(string("Why the moderators hid it (public).")),
        "alignment": string(enum=list(ALIGNMENTS)),
        "body": nullable({**MARKDOWN, "description": "Markdown source; null unless "
                                                    "visible."}),
        "author": nullable(ref("Author")),
        "organization": nullable(ref("OrganizationRef")),
        "created_at": DATETIME, "edited_at": nullable(DATETIME),
        "upvotes": COUNT, "downvotes": COUNT, "url": URL}),
    "Organization": obj({
        "id": integer(), "slug": string(), "name": string(),
        "kind": string(enum=list(ORGANIZATION_KINDS)), "description": MARKDOWN,
        "website": nullable(string()), "verified": {"type": "boolean"},
        "verified_at": nullable(DATETIME), "logo_url": nullable(URL),
        "members_count": COUNT, "proposals_count": COUNT, "experiments_count": COUNT,
        "created_at": DATETIME, "url": URL},
        "Public fields only: never members' names nor e-mail addresses."),
    "Amendment": obj({
        "id": integer(), "title": string(), "status": string(enum=list(AMENDMENT_STATUSES)),
        "section": nullable(ref("ThemeRef")),
        "base_revision": nullable(integer("The master plan version it amends.")),
        "proposed_body": MARKDOWN, "justification": MARKDOWN,
        "answer": string("The staff's public answer (empty while pending)."),
        "author": ref("Author"), "organization": nullable(ref("OrganizationRef")),
        "supports_count": COUNT, "comments_count": COUNT,
        "created_at": DATETIME, "decided_at": nullable(DATETIME),
        "accepted_into": nullable(integer("The version that integrated it.")), "url": URL}),
    "VersionSummary": obj(VERSION),
    "SectionText": obj(SECTION_TEXT),
    "Axis": obj({**SECTION_TEXT, "projects": array(ref("SectionText"))}),
    "Version": obj({**VERSION, "sections": array(ref("Axis"))}),
    "Diff": obj({"from": ref("VersionSummary"), "to": ref("VersionSummary"),
                 "sections": array(obj({
                     "id": integer(), "title": string(),
                     "status": string(enum=["added", "removed", "changed"]),
                     "moved": {"type": "boolean"},
                     "fields": array(obj({"field": string(), "old": string(),
                                          "new": string(), "added": COUNT,
                                          "removed": COUNT})),
                     "added": COUNT, "removed": COUNT}))}),
    "Source": obj({"revision": integer(), "cited_at": nullable(DATETIME),
                   "kind": string(enum=["proposal", "amendment", "experiment"]),
                   "title": string(), "reference": nullable(string()),
                   "url": nullable(URL), "note": nullable(string()),
                   "outcome": nullable(string()), "changes_url": URL}),
    "Statistics": obj({
        "generated_at": DATETIME,
        "totals": obj({name: COUNT for name in ("proposals", "comments", "supports",
                                                 "experiments", "amendments",
                                                 "participants")}),
        "over_time": array(obj({"month": string("YYYY-MM (UTC).", pattern=r"^\d{4}-\d{2}$"),
                                "proposals": COUNT, "comments": COUNT, "supports": COUNT})),
        "by_theme": array(obj({"id": integer(), "slug": string(), "title": string(),
                               "proposals": COUNT, "supports": COUNT, "comments": COUNT})),
        "by_actor": array(obj({"kind": string(enum=["citizen", *ORGANIZATION_KINDS]),
                               "proposals": COUNT, "comments": COUNT})),
        "experiments": obj({
            "by_status": array(obj({"status": string(enum=list(EXPERIMENT_STATUSES)),
                                    "count": COUNT})),
            "by_outcome": array(obj({"outcome": string(enum=list(OUTCOMES)),
                                     "count": COUNT}))}),
        "answers": obj({"published": COUNT, "answered": COUNT,
                        "share": {"type": ["number", "null"], "minimum": 0, "maximum": 1},
                        "median_days": NUMBER_OR_NULL})},
        "Participation statistics: aggregated figures only, no personal data (the last "
        "24 months in over_time, oldest first)."),
})

PAGES = {
    "ProposalPage": page_of("Proposal", "A page of public proposals."),
    "ThemePage": page_of("Theme", "A page of themes."),
    "ExperimentPage": page_of("Experiment", "A page of experiments."),
    "CommentPage": page_of("Comment", "A page of comments, oldest first."),
    "OrganizationPage": page_of("Organization", "A page of organizations, by name."),
    "AmendmentPage": page_of("Amendment", "A page of public amendments, newest first."),
    "VersionPage": page_of("VersionSummary", "A page of published versions, newest "
                                             "first."),
    "SourcePage": page_of("Source", "A page of the sources cited for a section.",
                          section=ref("ThemeRef")),
}
SCHEMAS.update(PAGES)
