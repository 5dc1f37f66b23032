"""GET /api/v1/statistics: the participation statistics of civic.stats, from the same
cache as the statistics page (STATS_CACHE_SECONDS)."""
from __future__ import annotations

from flask import jsonify

from civic.api.views import bp
from civic.core.permissions import public
from civic.stats.services import statistics as cached_statistics


@bp.get("/statistics")
@public
def statistics():
    return jsonify(cached_statistics())
