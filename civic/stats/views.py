"""The public statistics page (figures cached: see civic.stats.services.statistics)."""
from __future__ import annotations

from flask import Blueprint, render_template

from civic.core.permissions import public
from civic.stats import charts, services
from civic.stats.page import page_context

bp = Blueprint("stats", __name__)
bp.add_app_template_filter(charts.number, "stats_number")


@bp.get("/statistics")
@public
def index():
    return render_template("stats/index.html", **page_context(services.statistics()))
