"""Server-side SVG charts: geometry computed here from numbers, drawn by the Jinja macros
of templates/stats/_charts.html (autoescaped: every label is escaped there, and nothing
else than numbers and labels goes into the SVG). No script, no third-party library.

Accessibility: each chart is `<svg role="img" aria-labelledby="<id>-title <id>-desc">`
with a <title> and a <desc> summarizing it; values are printed next to each bar; the
series differ by texture (solid, hatched, dotted) and are named in a legend, so colour
is never the only cue. The page puts a data table right below every chart.
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from babel.numbers import format_compact_decimal, get_group_symbol
from flask import get_template_attribute
from flask_babel import format_decimal, get_locale
from markupsafe import Markup

MACROS = "stats/_charts.html"
SERIES_STYLES = ("solid", "hatched", "dotted")  # one texture per series, in this order
LABEL_LIMIT = 70  # characters of a bar label drawn in the SVG (the table has them all)

# Horizontal bar chart layout (viewBox units ≈ CSS pixels at full width).
BAR_WIDTH = 720
BAR_LEFT = 8
BAR_VALUE_ROOM = 90  # least room right of the longest bar for its value
CHAR_WIDTH = 8  # a generous width of one character of the 13px chart text
BAR_LABEL_HEIGHT = 20
BAR_HEIGHT = 18
BAR_GAP = 4
ROW_GAP = 14
LEGEND_HEIGHT = 30

# Column chart layout.
COL_WIDTH = 720
COL_HEIGHT = 240
COL_TOP = 24  # room above the highest column for its value
COL_BOTTOM = 46  # room below for the month labels
COL_LEFT = 8


def short_label(label: str, limit: int = LABEL_LIMIT) -> str:
    label = " ".join(str(label).split())
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


@lru_cache(maxsize=8)
def _group_symbol(locale: str) -> str:
    return get_group_symbol(locale)


def number(value: float) -> str:
    """A count in the reader's language (12 345 in French, 12,345 in English).

    Whole numbers are grouped here with the locale's separator: Babel's format_decimal
    costs about 0.1 ms a call, and the page prints a few hundred numbers."""
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        text = f"{abs(int(value)):,}".replace(",", _group_symbol(str(get_locale() or "fr")))
        return f"-{text}" if value < 0 else text
    return format_decimal(value)


def compact(value: float) -> str:
    """1234 → "1,2 k" (fr) / "1.2K" (en): short enough to sit above a narrow column."""
    if value < 10_000:
        return number(value)
    return format_compact_decimal(value, locale=str(get_locale() or "fr"), fraction_digits=1)


def _render(macro: str, chart: dict) -> Markup:
    return get_template_attribute(MACROS, macro)(chart)


def bar_chart(chart_id: str, title: str, description: str,
              rows: Sequence[tuple[str, Sequence[float]]],
              series: Sequence[str] = ()) -> Markup:
    """Horizontal bars: one row per (label, values), one bar per series in each row
    (at most three series, told apart by texture and named in the legend)."""
    series = list(series) or [""]
    if len(series) > len(SERIES_STYLES):
        raise ValueError(f"at most {len(SERIES_STYLES)} series")
    largest = max((v for _, values in rows for v in values), default=0) or 1
    # Room right of the longest bar for its printed value (and series name).
    longest = max((len(number(v)) + (len(series[i]) + 1 if series[i] else 0)
                   for _, values in rows for i, v in enumerate(values)), default=0)
    span = BAR_WIDTH - BAR_LEFT - max(BAR_VALUE_ROOM, CHAR_WIDTH * longest + 12)
    y = LEGEND_HEIGHT if len(series) > 1 else 4
    drawn_rows = []
    for label, values in rows:
        bars = []
        label_y = y + BAR_LABEL_HEIGHT - 6
        y += BAR_LABEL_HEIGHT
        for index, value in enumerate(values):
            width = round(span * value / largest, 1) if value > 0 else 0
            bars.append({"x": BAR_LEFT, "y": y, "width": width, "height": BAR_HEIGHT,
                         "style": SERIES_STYLES[index], "value": number(value),
                         "series": series[index],
                         "value_x": BAR_LEFT + width + 6, "value_y": y + BAR_HEIGHT - 4})
            y += BAR_HEIGHT + BAR_GAP
        drawn_rows.append({"label": short_label(label), "label_x": BAR_LEFT,
                           "label_y": label_y, "bars": bars})
        y += ROW_GAP
    legend = [{"name": name, "style": SERIES_STYLES[i], "x": BAR_LEFT + i * 200, "y": 6}
              for i, name in enumerate(series)] if len(series) > 1 else []
    return _render("bar_chart", {
        "id": chart_id, "title": title, "description": description,
        "width": BAR_WIDTH, "height": max(y, 40), "rows": drawn_rows, "legend": legend,
    })


def column_chart(chart_id: str, title: str, description: str,
                 points: Sequence[tuple[str, float]], style: str = "solid") -> Markup:
    """Vertical columns (a time series): one per (label, value), value above it, label
    below (every second or third label when there are many; the table has them all)."""
    count = len(points) or 1
    slot = (COL_WIDTH - COL_LEFT * 2) / count
    plot = COL_HEIGHT - COL_TOP - COL_BOTTOM
    largest = max((v for _, v in points), default=0) or 1
    baseline = COL_TOP + plot
    step = 1 if count <= 8 else 2 if count <= 16 else 3  # labels that do not overlap
    columns = []
    for index, (label, value) in enumerate(points):
        height = round(plot * value / largest, 1) if value > 0 else 0
        x = COL_LEFT + index * slot
        columns.append({
            "x": round(x + slot * 0.15, 1), "width": round(slot * 0.7, 1),
            "y": round(baseline - height, 1), "height": height,
            "center": round(x + slot / 2, 1), "value": compact(value),
            "value_y": round(baseline - height - 5, 1),
            "label": short_label(label, 14),
            "show_label": (len(points) - 1 - index) % step == 0,  # the latest always
        })
    return _render("column_chart", {
        "id": chart_id, "title": title, "description": description, "style": style,
        "width": COL_WIDTH, "height": COL_HEIGHT, "baseline": baseline,
        "left": COL_LEFT, "right": COL_WIDTH - COL_LEFT, "columns": columns,
        "label_y": baseline + 18,
    })
