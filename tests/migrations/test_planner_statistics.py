"""SQLite: every upgrade leaves the query planner statistics of the indexes it created."""
from __future__ import annotations

import pytest
from sqlalchemy import text

from civic.extensions import db
from tests.conftest import TEST_DATABASE_URL


@pytest.mark.skipif(bool(TEST_DATABASE_URL), reason="SQLite's ANALYZE statistics")
def test_an_upgrade_runs_analyze(app):
    # Without sqlite_stat1, SQLite took the (moderation, random_key…) index for a selective
    # one and walked every proposal for a lookup by primary key (docs/performance.md).
    names = db.session.scalars(text("SELECT name FROM sqlite_master")).all()
    assert "sqlite_stat1" in names
