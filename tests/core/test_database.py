"""SQLite runs in WAL mode with foreign keys on and a busy timeout."""
import pytest
from sqlalchemy import text

from civic.extensions import db


@pytest.fixture
def sqlite_only(app):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite pragmas")


def test_sqlite_pragmas(sqlite_only, db_session):
    assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1
    assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    assert db.session.execute(text("PRAGMA busy_timeout")).scalar() == 15000


def test_foreign_keys_are_enforced(db_session):
    from sqlalchemy.exc import IntegrityError

    from civic.organizations.models import Membership

    with pytest.raises(IntegrityError):
        with db.session.begin_nested():
            db.session.add(Membership(organization_id=999_999, user_id=999_999, role="member"))
            db.session.flush()
