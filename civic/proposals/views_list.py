"""The public list and map of proposals, added to the "proposals" blueprint.

Imported by civic.create_app (VIEW_MODULES) before the blueprint is registered.
"""
from __future__ import annotations

import secrets

from flask import current_app, render_template, request, session, url_for
from flask_babel import lazy_gettext as _l

from civic.core.permissions import public
from civic.organizations.models import ORGANIZATION_KINDS
from civic.proposals import pages, queries
from civic.proposals.forms import KIND_LABELS, STATUS_LABELS
from civic.proposals.models import PROPOSAL_KINDS, PUBLIC_STATUSES
from civic.proposals.views import bp

SEED_KEY = "proposal_list_seed"
SORT_LABELS = {"recent": _l("Most recent first"), "supports": _l("Most supported first"),
               "comments": _l("Most commented first"), "random": _l("Random order")}
AUTHOR_LABELS = {"citizen": _l("Citizens"), "organization": _l("Organizations (any kind)"),
                 **ORGANIZATION_KINDS}


def visitor_seed() -> int:
    """The visitor's own shuffle for the "random" sort, kept in their session cookie so
    pages do not repeat or skip proposals."""
    seed = session.get(SEED_KEY)
    if not isinstance(seed, int) or not 0 < seed < queries.RANDOM_PRIME:
        seed = secrets.randbelow(queries.RANDOM_PRIME - 1) + 1
        session[SEED_KEY] = seed
    return seed


@bp.get("/")
@public
def index():
    themes = pages.theme_choices()
    filters, errors = queries.parse_list_args(request.args, themes)
    if filters.sort == "random":
        filters.seed = visitor_seed()
    page = queries.list_proposals(filters)
    return render_template(
        "proposals/index.html", page=page, filters=filters, errors=errors, themes=themes,
        statuses=PUBLIC_STATUSES, kinds=PROPOSAL_KINDS, sorts=queries.SORTS,
        author_types=queries.AUTHOR_TYPES, sort_labels=SORT_LABELS,
        author_labels=AUTHOR_LABELS, status_labels=STATUS_LABELS, kind_labels=KIND_LABELS,
    )


@bp.get("/map")
@public
def map():  # noqa: A001 - the endpoint is proposals.map
    proposals = queries.located_proposals()
    markers = [{
        "id": p.id, "title": p.title, "lat": p.latitude, "lng": p.longitude,
        "url": url_for("proposals.detail", proposal_id=p.id),
    } for p in proposals]
    return render_template(
        "proposals/map.html", proposals=proposals, markers=markers,
        truncated=len(proposals) >= queries.MAP_LIMIT,
        tile_url=current_app.config.get("MAP_TILE_URL") or "",
        tile_attribution=current_app.config.get("MAP_TILE_ATTRIBUTION") or "",
    )
