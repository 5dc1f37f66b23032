"""Exports stream: the memory an export needs does not grow with the data."""
from __future__ import annotations

import time
import tracemalloc

import pytest
from sqlalchemy import insert

from civic.core.models import utcnow
from civic.exports import kinds, services
from civic.exports.kinds import Filters
from civic.extensions import db
from civic.proposals.models import Proposal
from tests.factories import make_section, make_user

BODY = "Une proposition assez longue pour peser dans la mémoire. " * 20  # ~1 kB


def _add_proposals(start: int, count: int, author, theme) -> None:
    now = utcnow()
    db.session.execute(insert(Proposal), [
        {"title": f"Proposition {n}", "body": BODY, "theme_id": theme.id,
         "author_id": author.id, "status": "published", "kind": "idea",
         "reference": f"P-BENCH-{n:06d}", "published_at": now}
        for n in range(start, start + count)])
    db.session.flush()


def _peak_while_exporting(staff, fmt: str) -> tuple[int, int]:
    """(peak bytes allocated, bytes written) while the whole export is consumed."""
    tracemalloc.start()
    try:
        exported = services.export(staff, "proposals", fmt, Filters())
        size = sum(len(chunk) for chunk in exported.chunks)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return peak, size


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_memory_stays_flat_when_the_data_grows_tenfold(staff, fmt, monkeypatch):
    """Rows are read one batch at a time (two batches alive at most, while the next one
    is fetched): past two batches, ten times the rows need no more memory. Batches of
    100 rows here (1,000 in production) keep the test fast; bench/exports.py measures
    the real size on a city-scale data set."""
    monkeypatch.setattr(kinds, "BATCH_SIZE", 100)
    started = time.monotonic()
    author, theme = make_user(), make_section()
    _add_proposals(0, 200, author, theme)
    small_peak, small_size = _peak_while_exporting(staff, fmt)
    _add_proposals(200, 1800, author, theme)
    large_peak, large_size = _peak_while_exporting(staff, fmt)
    assert large_size > 9.5 * small_size  # ten times the data was written...
    # ...in the same memory (loading every row would need 1,800 more kB-long rows).
    assert large_peak - small_peak < 256 * 1024, (small_peak, large_peak)
    assert large_peak < large_size / 3
    assert time.monotonic() - started < 5
