"""What the statistics page shows: labels in the reader's language, charts and tables,
built from the figures of `services.compute_statistics()` (never from the database)."""
from __future__ import annotations

from datetime import date, datetime

from flask_babel import format_date, format_datetime, format_decimal, format_percent, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from civic.experiments.forms import OUTCOME_LABELS, STATUS_LABELS
from civic.organizations.models import ORGANIZATION_KINDS
from civic.stats import charts

ACTOR_LABELS = {"citizen": _l("Citizens (no organization)"), **ORGANIZATION_KINDS}


def _month(key: str) -> date:
    return date(int(key[:4]), int(key[5:7]), 1)


def _has_any(rows, *names) -> bool:
    return any(row[name] for row in rows for name in names)


def page_context(figures: dict) -> dict:
    totals = figures["totals"]
    over_time = [dict(row, label=format_date(_month(row["month"]), "MMMM yyyy"),
                      short=format_date(_month(row["month"]), "MMM yyyy"))
                 for row in figures["over_time"]]
    themes = figures["by_theme"]
    actors = [dict(row, label=str(ACTOR_LABELS.get(row["kind"], row["kind"])))
              for row in figures["by_actor"]]
    statuses = [dict(row, label=str(STATUS_LABELS.get(row["status"], row["status"])))
                for row in figures["experiments"]["by_status"]]
    outcomes = [dict(row, label=str(OUTCOME_LABELS.get(row["outcome"], row["outcome"])))
                for row in figures["experiments"]["by_outcome"]]
    return {
        "figures": figures,
        "generated_at": format_datetime(datetime.fromisoformat(figures["generated_at"]),
                                        "short"),
        "empty": not any(totals.values()),
        "totals": totals,
        "answers": _answers(figures["answers"]),
        "over_time": over_time,
        "has_over_time": _has_any(over_time, "proposals", "comments", "supports"),
        "over_time_charts": _over_time_charts(over_time),
        "themes": themes,
        "has_themes": _has_any(themes, "proposals"),
        "theme_charts": _theme_charts(themes),
        "actors": actors,
        "has_actors": _has_any(actors, "proposals", "comments"),
        "actor_chart": charts.bar_chart(
            "chart-actors", _("Proposals and comments by kind of participant"),
            _("Horizontal bars: for citizens and for each kind of organization, the number "
              "of proposals (solid bars) and comments (hatched bars)."),
            [(row["label"], (row["proposals"], row["comments"])) for row in actors],
            series=(_("proposals"), _("comments"))),
        "statuses": statuses,
        "outcomes": outcomes,
        "has_experiments": any(row["count"] for row in statuses),
        "has_outcomes": any(row["count"] for row in outcomes),
        "status_chart": charts.bar_chart(
            "chart-experiment-status", _("Experiments by status"),
            _("Horizontal bars: the number of experiments planned, running, evaluated and "
              "stopped."),
            [(row["label"], (row["count"],)) for row in statuses]),
        "outcome_chart": charts.bar_chart(
            "chart-experiment-outcome", _("Evaluated experiments by outcome"),
            _("Horizontal bars: the number of evaluations concluding to adopt, adapt or "
              "abandon what was tested."),
            [(row["label"], (row["count"],)) for row in outcomes]),
    }


def _answers(answers: dict) -> dict:
    share, median = answers["share"], answers["median_days"]
    return dict(
        answers,
        share_text=format_percent(share) if share is not None else None,
        median_text=(ngettext("%(days)s day", "%(days)s days", round(median),
                              days=format_decimal(median)) if median is not None else None),
    )


def _over_time_charts(rows: list[dict]) -> list[dict]:
    specs = (
        ("proposals", _("Proposals published per month"), "solid"),
        ("comments", _("Comments posted per month"), "hatched"),
        ("supports", _("Supports given per month"), "dotted"),
    )
    result = []
    for name, title, style in specs:
        peak = max(rows, key=lambda row, n=name: row[n]) if rows else None
        description = _(
            "Columns, one per month over the last %(months)d months, oldest first. "
            "Highest: %(value)s in %(month)s.", months=len(rows),
            value=charts.number(peak[name]) if peak else 0,
            month=peak["label"] if peak else "")
        result.append({"name": name, "title": title, "svg": charts.column_chart(
            f"chart-{name}-per-month", title, description,
            [(row["short"], row[name]) for row in rows], style=style)})
    return result


def _theme_charts(themes: list[dict]) -> list[dict]:
    specs = (
        ("proposals", _("Proposals by axis of the master plan"),
         _("Horizontal bars: the number of public proposals on each axis, flagship "
           "projects included.")),
        ("supports", _("Supports by axis of the master plan"),
         _("Horizontal bars: the number of supports given to the proposals of each axis.")),
        ("comments", _("Comments by axis of the master plan"),
         _("Horizontal bars: the number of comments on the proposals of each axis.")),
    )
    return [{"name": name, "title": title, "svg": charts.bar_chart(
        f"chart-theme-{name}", title, description,
        [(row["title"], (row[name],)) for row in themes])}
        for name, title, description in specs]
