"""The figures are exact on a crafted data set; only public, visible content counts."""
from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime

from civic.core.models import utcnow
from civic.extensions import db
from civic.stats.services import compute_statistics, month_keys
from tests.factories import make_comment, make_organization, make_section, make_user
from tests.stats.conftest import answer, proposal_at, support


def by_key(rows, key):
    return {row[key]: row for row in rows}


def test_totals_count_only_public_visible_content(city):
    totals = compute_statistics()["totals"]
    assert totals == {
        "proposals": 5,  # not the draft, the hidden nor the pending one
        "comments": 5,  # not the deleted, hidden, pending one, nor on a hidden proposal
        "supports": 5,  # 4 on proposals, 1 on an experiment; not on the hidden proposal
        "experiments": 3,  # not the hidden one
        "amendments": 1,  # not the hidden one
        "participants": 6,  # Ana, Bruno, Chloé, Driss, Fanny, Gaspard
    }


def test_the_result_is_json_and_documented(city):
    figures = compute_statistics()
    assert json.loads(json.dumps(figures)) == figures
    assert set(figures) == {"generated_at", "totals", "over_time", "by_theme", "by_actor",
                            "experiments", "answers"}
    for key in figures:
        assert key in compute_statistics.__doc__
    assert datetime.fromisoformat(figures["generated_at"]).tzinfo is not None


def test_answer_share_and_median_with_an_odd_count(city):
    answers = compute_statistics()["answers"]
    assert answers == {"published": 5, "answered": 3, "share": 0.6, "median_days": 4.0}


def test_median_with_an_even_count(city):
    answer(city["proposals"]["benches"], 0.5)  # durations 0.5, 2, 4, 9
    answers = compute_statistics()["answers"]
    assert answers["answered"] == 4
    assert answers["share"] == 0.8
    assert answers["median_days"] == 3.0  # (2 + 4) / 2


def test_median_of_a_single_answer_with_hours(db_session):
    proposal = proposal_at(3, author=make_user())
    answer(proposal, 1.3)  # 31 hours 12 minutes
    assert compute_statistics()["answers"]["median_days"] == 1.3


def test_over_time_counts_by_month_over_the_last_24_months(city):
    figures = compute_statistics()
    months = [row["month"] for row in figures["over_time"]]
    assert months == month_keys(utcnow()) and len(months) == 24
    assert months[-1] == utcnow().strftime("%Y-%m")
    expected = Counter(p.published_at.strftime("%Y-%m")
                       for name, p in city["proposals"].items() if name != "old")
    assert {row["month"]: row["proposals"] for row in figures["over_time"]
            if row["proposals"]} == dict(expected)
    this_month = figures["over_time"][-1]
    assert this_month["comments"] == 5 and this_month["supports"] == 5
    assert sum(row["comments"] for row in figures["over_time"]) == 5


def test_supports_are_counted_in_the_month_they_were_given(city):
    given = datetime(utcnow().year - 1, 6, 15, 12, tzinfo=UTC)
    support(city["proposals"]["benches"], make_user(), make_user(), at=given)
    support(city["excluded"]["hidden"], make_user(), at=given)  # does not count
    rows = by_key(compute_statistics()["over_time"], "month")
    assert rows[given.strftime("%Y-%m")]["supports"] == 2


def test_month_keys_cross_the_year():
    assert month_keys(datetime(2026, 2, 10, tzinfo=UTC), 4) == [
        "2025-11", "2025-12", "2026-01", "2026-02"]


def test_by_theme_rolls_flagship_projects_up_to_their_axis(city):
    mobility, nature = city["axes"]
    themes = compute_statistics()["by_theme"]
    mine = [row for row in themes if row["id"] in (mobility.id, nature.id)]
    assert mine == [
        {"id": mobility.id, "slug": mobility.slug, "title": "Mobilités", "proposals": 2,
         "supports": 3, "comments": 4},
        {"id": nature.id, "slug": nature.slug, "title": "Nature en ville", "proposals": 3,
         "supports": 1, "comments": 0},
    ]
    # Flagship projects are not listed on their own.
    assert all(row["title"] != "Capteurs de trafic" for row in themes)


def test_by_actor_kind(city):
    actors = compute_statistics()["by_actor"]
    assert [row["kind"] for row in actors] == [
        "citizen", "startup", "company", "association", "research", "public_body"]
    actors = by_key(actors, "kind")
    assert actors["citizen"] == {"kind": "citizen", "proposals": 3, "comments": 3}
    assert actors["startup"] == {"kind": "startup", "proposals": 1, "comments": 1}
    assert actors["association"] == {"kind": "association", "proposals": 1, "comments": 1}
    assert actors["research"] == {"kind": "research", "proposals": 0, "comments": 0}


def test_experiments_by_status_and_outcome(city):
    experiments = compute_statistics()["experiments"]
    assert experiments["by_status"] == [
        {"status": "planned", "count": 1}, {"status": "running", "count": 1},
        {"status": "evaluated", "count": 1}, {"status": "stopped", "count": 0}]
    assert experiments["by_outcome"] == [
        {"outcome": "adopt", "count": 1}, {"outcome": "adapt", "count": 0},
        {"outcome": "abandon", "count": 0}]  # the hidden experiment's does not count


def test_an_empty_database_gives_zeros_and_no_ratio(db_session):
    figures = compute_statistics()
    assert set(figures["totals"].values()) == {0}
    assert figures["answers"] == {"published": 0, "answered": 0, "share": None,
                                  "median_days": None}
    assert len(figures["over_time"]) == 24
    assert all(row["proposals"] == row["comments"] == row["supports"] == 0
               for row in figures["over_time"])


def _grow(n: int) -> None:
    """More of everything: proposals, answers, comments, supports, organizations."""
    axis = make_section()
    for i in range(n):
        org = make_organization(kind="research") if i % 3 == 0 else None
        proposal = proposal_at(i + 1, author=make_user(), theme=make_section(parent=axis),
                               organization=org)
        answer(proposal, i + 0.5)
        support(proposal, make_user(), make_user())
        make_comment(target=proposal, organization_id=org.id if org else None)


def test_a_constant_number_of_queries_whatever_the_data_size(city, count_queries):
    with count_queries() as small:
        compute_statistics()
    _grow(12)
    db.session.expire_all()
    with count_queries() as large:
        figures = compute_statistics()
    assert figures["totals"]["proposals"] == 5 + 12
    assert large.count == small.count <= 8
