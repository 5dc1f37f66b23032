"""The OpenAPI 3.1 document of /api/v1, built from Python data.

`OPERATIONS` describes every GET route of the "api" blueprint (the test
tests/api/test_openapi.py checks the document and the URL map list the same routes);
`build_document()` assembles the document served at /api/v1/openapi.json and rendered at
/api/v1/docs. Schemas are in civic.api.openapi_schemas.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from flask import current_app

from civic.amendments.models import AMENDMENT_STATUSES
from civic.api.comments import TARGET_TYPES
from civic.api.openapi_schemas import SCHEMAS, ref
from civic.api.organizations import BOOLEANS, KINDS
from civic.api.params import DEFAULT_PER_PAGE, MAX_ID, MAX_PER_PAGE
from civic.core.pagination import MAX_PAGE
from civic.experiments.models import EXPERIMENT_STATUSES
from civic.proposals import queries as proposal_queries
from civic.proposals.models import PUBLIC_STATUSES

API_PREFIX = "/api/v1"


@dataclass(frozen=True)
class Param:
    name: str
    schema: dict
    description: str
    required: bool = False
    where: str = "query"

    def document(self) -> dict:
        return {"name": self.name, "in": self.where, "required": self.required,
                "description": self.description, "schema": self.schema}


@dataclass(frozen=True)
class Operation:
    rule: str  # the Flask rule under /api/v1, e.g. "/proposals/<int:proposal_id>"
    endpoint: str
    tag: str
    summary: str
    description: str
    response: str  # a schema name, or "" for a document that is not JSON
    params: tuple[Param, ...] = ()
    example: str = ""  # an example URL, relative to the server (default: ids are 1)
    last_modified: bool = False
    media_type: str = "application/json"

    @property
    def path(self) -> str:
        """The OpenAPI path: "/proposals/{proposal_id}"."""
        return re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", self.rule)

    @property
    def example_url(self) -> str:
        return self.example or re.sub(r"\{[a-z_]+\}", "1", self.path)

    @property
    def operation_id(self) -> str:
        return self.endpoint.split(".", 1)[1]


def _id(name: str, what: str) -> Param:
    return Param(name, {"type": "integer", "minimum": 1, "maximum": MAX_ID},
                 f"The id of the {what}.", required=True, where="path")


def _enum(values) -> dict:
    return {"type": "string", "enum": list(values)}


PAGE = Param("page", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
             "The page to answer, from 1.")
PER_PAGE = Param("per_page", {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE,
                              "default": DEFAULT_PER_PAGE}, "Items per page.")
PAGES = (PAGE, PER_PAGE)
THEME = Param("theme", {"type": "string", "maxLength": 80},
              "A theme (slug or id): its items and its flagship projects' items.")

OPERATIONS: tuple[Operation, ...] = (
    Operation("/proposals", "api.proposals", "Proposals", "List public proposals",
              "Published proposals (never drafts, nor what the moderators hid or have "
              "not approved yet), newest first unless sorted otherwise.", "ProposalPage",
              (Param("q", {"type": "string", "maxLength": proposal_queries.MAX_QUERY_LENGTH},
                     "Full-text search (whole words)."), THEME,
               Param("status", _enum(("open", *PUBLIC_STATUSES)),
                     "A status, or “open” (published or under review)."),
               Param("kind", _enum(proposal_queries.PROPOSAL_KINDS), "The kind."),
               Param("author", _enum(proposal_queries.AUTHOR_TYPES),
                     "Citizens, organizations, or one kind of organization."),
               Param("place", _enum(proposal_queries.CHOICES["place"][0]),
                     "1: only proposals with a place on the map."),
               Param("sort", _enum(proposal_queries.SORTS), "The order."),
               *PAGES,
               Param("seed", {"type": "integer", "minimum": 1,
                              "maximum": proposal_queries.RANDOM_PRIME - 1},
                     "With sort=random: the same seed gives the same order.")),
              example="/proposals?status=open&sort=supports&per_page=5"),
    Operation("/proposals/<int:proposal_id>", "api.proposal", "Proposals",
              "One public proposal", "With the Lab's answer and the public timeline of "
              "its statuses (internal notes are never included).", "ProposalDetail",
              (_id("proposal_id", "proposal"),)),
    Operation("/themes", "api.themes", "Themes", "List themes",
              "The axes and flagship projects of the master plan, axes first.",
              "ThemePage", PAGES),
    Operation("/experiments", "api.experiments", "Experiments", "List experiments",
              "Experiments run with partners, newest first (hidden ones are left out).",
              "ExperimentPage",
              (THEME, Param("status", _enum(EXPERIMENT_STATUSES), "The status."),
               Param("partner", {"type": "string", "maxLength": 120},
                     "A partner organization (slug or id)."), *PAGES),
              example="/experiments?status=running"),
    Operation("/experiments/<int:experiment_id>", "api.experiment", "Experiments",
              "One experiment", "With its proposals, journal and evaluation.",
              "ExperimentDetail", (_id("experiment_id", "experiment"),)),
    Operation("/comments", "api.comments", "Comments", "List the comments of an item",
              "The comments of a public proposal, experiment, master-plan section or "
              "amendment, oldest first; `parent_id` and `depth` rebuild the threads. "
              "Comments awaiting pre-moderation are left out. A comment hidden by the "
              "moderators is a placeholder (state “hidden”, its public reason, no body, "
              "no author); a deleted comment is a placeholder while it has replies and "
              "is left out otherwise.", "CommentPage",
              (Param("target_type", _enum(TARGET_TYPES), "The kind of item.",
                     required=True),
               Param("target_id", {"type": "integer", "minimum": 1, "maximum": MAX_ID},
                     "The id of the item.", required=True), *PAGES),
              example="/comments?target_type=proposal&target_id=1"),
    Operation("/comments/<int:comment_id>", "api.comment", "Comments", "One comment",
              "A comment of a public item (a placeholder when hidden or deleted, see the "
              "list).", "Comment", (_id("comment_id", "comment"),)),
    Operation("/organizations", "api.organizations", "Organizations",
              "List organizations", "Startups, companies, associations, labs and public "
              "bodies, by name: public fields only (never members nor e-mail addresses).",
              "OrganizationPage",
              (Param("kind", _enum(KINDS), "The kind of organization."),
               Param("verified", _enum(BOOLEANS), "true: only the verified ones; false: "
                     "only the others."), *PAGES), example="/organizations?verified=true"),
    Operation("/organizations/<int:organization_id>", "api.organization", "Organizations",
              "One organization", "Public fields only.", "Organization",
              (_id("organization_id", "organization"),)),
    Operation("/amendments", "api.amendments", "Amendments", "List amendments",
              "Amendments proposed to the master plan, newest first (hidden ones and "
              "those awaiting approval are left out).", "AmendmentPage",
              (Param("section", {"type": "string", "maxLength": 80},
                     "A section of the master plan (slug or id)."),
               Param("status", _enum(AMENDMENT_STATUSES), "The status."), *PAGES),
              example="/amendments?status=pending"),
    Operation("/amendments/<int:amendment_id>", "api.amendment", "Amendments",
              "One amendment", "A public amendment.", "Amendment",
              (_id("amendment_id", "amendment"),)),
    Operation("/master-plan", "api.master_plan", "Master plan", "The current master plan",
              "The latest published version: axes, each with its flagship projects "
              "(404 before the first publication). Drafts are never shown.", "Version",
              last_modified=True),
    Operation("/master-plan/revisions", "api.master_plan_revisions", "Master plan",
              "List published versions", "Newest first.", "VersionPage", PAGES),
    Operation("/master-plan/revisions/<int:number>", "api.master_plan_revision",
              "Master plan", "One published version", "A published version never "
              "changes.", "Version",
              (Param("number", {"type": "integer", "minimum": 1, "maximum": MAX_ID},
                     "The version number (v1, v2…).", required=True, where="path"),),
              last_modified=True),
    Operation("/master-plan/diff", "api.master_plan_diff", "Master plan",
              "Differences between two versions",
              "Section by section, field by field, with word counts.", "Diff",
              tuple(Param(name, {"type": "integer", "minimum": 1, "maximum": MAX_ID},
                          f"The {label} version number.", required=True)
                    for name, label in (("from", "older"), ("to", "newer"))),
              example="/master-plan/diff?from=1&to=2"),
    Operation("/master-plan/sections/<int:section_id>/sources",
              "api.master_plan_section_sources", "Master plan",
              "Sources of a section", "The proposals, amendments and experiments the "
              "published versions cite for a section.", "SourcePage",
              (_id("section_id", "section"), *PAGES)),
    Operation("/statistics", "api.statistics", "Statistics", "Participation statistics",
              "Aggregated figures only: no personal data.", "Statistics"),
    Operation("/openapi.json", "api.openapi_document", "Documentation",
              "This OpenAPI document", "OpenAPI 3.1.", "OpenAPIDocument"),
    Operation("/docs", "api.docs", "Documentation", "Documentation page",
              "This document as a web page (HTML).", "", media_type="text/html"),
)


def operations() -> list[Operation]:
    """The operations whose route exists in this application."""
    views = current_app.view_functions
    return [op for op in OPERATIONS if op.endpoint in views]


def _error(description: str) -> dict:
    return {"description": description,
            "content": {"application/json": {"schema": ref("Error")}}}


HEADERS = {
    "ETag": {"description": "A strong validator of the body: send it back in "
                            "If-None-Match to get a 304 when nothing changed.",
             "schema": {"type": "string"}},
    "Access-Control-Allow-Origin": {"description": "Always “*”: any site may read the "
                                                   "API (without credentials).",
                                    "schema": {"type": "string"}},
}
RESPONSES = {
    "NotModified": {"description": "Not modified: the ETag (If-None-Match) or the date "
                                   "(If-Modified-Since) still matches."},
    "BadRequest": _error("A parameter is missing or invalid; `error.parameter` names it."),
    "NotFound": _error("Nothing public at this address."),
    "TooManyRequests": {**_error("Rate limit reached: wait for Retry-After seconds."),
                        "headers": {"Retry-After": {"description": "Seconds to wait.",
                                                    "schema": {"type": "integer"}}}},
}


def _operation(op: Operation) -> dict:
    if op.media_type == "application/json":
        content = {"application/json": {"schema": ref(op.response)}}
    else:
        content = {op.media_type: {"schema": {"type": "string"}}}
    headers = dict(HEADERS)
    if op.last_modified:
        headers["Last-Modified"] = {"description": "When this version was published.",
                                    "schema": {"type": "string"}}
    return {
        "operationId": op.operation_id, "tags": [op.tag], "summary": op.summary,
        "description": op.description,
        "parameters": [param.document() for param in op.params],
        "responses": {
            "200": {"description": "OK", "headers": headers, "content": content},
            "304": {"$ref": "#/components/responses/NotModified"},
            "400": {"$ref": "#/components/responses/BadRequest"},
            "404": {"$ref": "#/components/responses/NotFound"},
            "429": {"$ref": "#/components/responses/TooManyRequests"},
        },
    }


DESCRIPTION = """\
Read-only public data of the participation platform: proposals, comments, experiments,
the master plan and its versions, amendments, organizations, themes and statistics.
Nothing private is ever answered (no e-mail address, no draft, no internal note, nothing
hidden by the moderators or awaiting their approval); deleted accounts appear as
“Deleted participant”.

Conventions:
- Every list answers `{"items": [...], "page", "per_page", "total"}`; `page` goes from 1,
  `per_page` from 1 to 100 (20 by default).
- Errors answer `{"error": {"status", "title", "detail", "parameter"}}` (in English);
  `parameter` names the query parameter at fault in a 400.
- Every answer has a strong `ETag`; published master-plan versions also have
  `Last-Modified`. Send `If-None-Match` (or `If-Modified-Since`) to get a 304.
- Any site may call the API from a browser (CORS: `Access-Control-Allow-Origin: *`, GET
  only, no credentials).
- Requests are rate limited per IP address (one budget for the whole API); past the limit
  the answer is a 429 with `Retry-After` (seconds).
"""


def build_document() -> dict:
    config = current_app.config
    paths: dict[str, dict] = {}
    tags: list[str] = []
    for op in operations():
        paths.setdefault(op.path, {})["get"] = _operation(op)
        if op.tag not in tags:
            tags.append(op.tag)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "civic public API", "version": "1.0.0", "description": DESCRIPTION,
            "license": {"name": config.get("OPEN_DATA_LICENSE_NAME") or "ODbL",
                        "url": config.get("OPEN_DATA_LICENSE_URL")
                        or "https://opendatacommons.org/licenses/odbl/1-0/"},
        },
        "servers": [{"url": config["BASE_URL"] + API_PREFIX}],
        "tags": [{"name": tag} for tag in tags],
        "paths": paths,
        "components": {
            "schemas": {**SCHEMAS, "OpenAPIDocument": {"type": "object"}},
            "responses": RESPONSES,
        },
    }
