"""The public statistics page: accessible SVG charts, tables, big numbers, no script."""
from __future__ import annotations

import re
from xml.etree import ElementTree

from civic.stats import charts
from tests.factories import make_proposal, make_section, make_user
from tests.fixtures.http import text


def test_anyone_sees_the_figures(client, city):
    response = client.get("/statistics")
    assert response.status_code == 200
    page = text(response)
    assert page.count("<h1") == 1 and "<h1>Statistics</h1>" in page
    for heading in ("Key figures", "Answers from the metropolis", "Contributions over time",
                    "By theme", "By kind of participant", "Experiments"):
        assert re.search(rf"<h2[^>]*>{heading}</h2>", page), heading
    assert "60%" in page  # share answered
    assert "4 days" in page  # median time to answer
    assert "3 of 5 published proposals received a public answer" in page
    assert "Figures as of" in page


def test_every_chart_is_an_accessible_svg_with_a_table(client, city):
    page = text(client.get("/statistics"))
    svgs = re.findall(r"<svg[^>]*>", page)
    assert len(svgs) >= 8  # 3 per month, 3 by theme, kinds of participant, 2 experiments
    for svg in svgs:
        if 'class="chart' not in svg:
            continue
        assert 'role="img"' in svg
        chart_id = re.search(r'aria-labelledby="([\w-]+)-title \1-desc"', svg).group(1)
        assert f'<title id="{chart_id}-title">' in page
        assert f'<desc id="{chart_id}-desc">' in page
    for svg in re.findall(r"<svg.*?</svg>", page, flags=re.S):
        ElementTree.fromstring(svg)  # noqa: S314 - our page; checks it is well-formed
    assert page.count("<table") == 5 and page.count("<caption>") == 5
    assert 'th scope="col"' in page and 'th scope="row"' in page
    # The figures by kind of participant are in the table, labelled.
    assert re.search(r'<th scope="row">Citizens \(no organization\)</th><td>3</td><td>3</td>',
                     page)
    assert re.search(r'<th scope="row">Association</th><td>1</td><td>1</td>', page)
    # Values printed by the bars, textures named in the legend.
    assert "hatched" in page and "<tspan" in page
    assert "<script" not in page.split("</main>")[0]


def test_labels_are_escaped_in_charts_and_tables(client, db_session):
    axis = make_section(title='Axe <script>alert("x")</script>')
    make_proposal(author=make_user(), theme=axis)
    page = text(client.get("/statistics"))
    assert "<script>alert" not in page
    assert "Axe &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page


def test_an_empty_platform_says_there_is_no_data_yet(client, db_session):
    response = client.get("/statistics")
    assert response.status_code == 200
    page = text(response)
    assert "No data yet" in page
    assert "No proposal is published yet." in page
    assert "No proposal has been answered yet." in page


def test_the_footer_links_to_the_statistics(client, db_session):
    page = text(client.get("/about"))
    assert 'href="/statistics"' in page


def test_the_page_serves_cached_figures_and_says_when(app, client, city, monkeypatch):
    monkeypatch.setitem(app.config, "STATS_CACHE_SECONDS", 600)
    first = text(client.get("/statistics"))
    make_proposal(author=make_user(), title="Une de plus")
    second = text(client.get("/statistics"))
    as_of = re.search(r"Figures as of ([^.]+)\.", first).group(1)
    assert as_of in second
    assert re.search(r'stats-number">5<', second)  # still 5 published proposals


def test_french_is_the_default(client, city):
    client.environ_base.pop("HTTP_ACCEPT_LANGUAGE", None)
    response = client.get("/statistics")
    assert response.status_code == 200
    assert '<html lang="fr">' in text(response)


def test_bar_chart_geometry_is_made_of_numbers(app):
    with app.test_request_context():
        svg = str(charts.bar_chart("c", "T <b>", "D", [("A & B", (10, 5)), ("C", (0, 20))],
                                   series=("one", "two")))
    assert "T &lt;b&gt;" in svg and "A &amp; B" in svg
    widths = [float(w) for w in re.findall(r'<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)"',
                                           svg)]
    assert max(widths) == charts.BAR_WIDTH - charts.BAR_LEFT - charts.BAR_VALUE_ROOM
    assert ">0 <tspan" in svg  # a zero is printed, not drawn
    assert svg.count("<rect") == 2 + 3 + 2  # 2 pattern backgrounds, 3 bars, 2 legend keys


def test_column_chart_prints_compact_values(app):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        svg = str(charts.column_chart("m", "Per month", "Columns",
                                      [("Jan 26", 1_250_000), ("Feb 26", 0)]))
    assert 'role="img"' in svg and ("1.2M" in svg or "1.3M" in svg)
