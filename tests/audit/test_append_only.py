"""The audit log can only grow: the ORM and the database both refuse changes."""
import pytest
from sqlalchemy import delete, select, text, update
from sqlalchemy.exc import DBAPIError

from civic.audit.models import AppendOnlyError, AuditEntry
from civic.audit.services import record
from civic.extensions import db


@pytest.fixture
def entry(admin, citizen):
    saved = record(admin, "role.grant", citizen, reason="original reason")
    db.session.commit()
    return saved


def reason_of(entry_id) -> str:
    return db.session.scalar(text("SELECT reason FROM audit_log WHERE id = :id"),
                             {"id": entry_id})


def test_orm_update_is_refused(entry):
    entry.reason = "rewritten"
    with pytest.raises(AppendOnlyError):
        db.session.flush()
    db.session.rollback()
    assert reason_of(entry.id) == "original reason"


def test_orm_delete_is_refused(entry):
    db.session.delete(entry)
    with pytest.raises(AppendOnlyError):
        db.session.flush()
    db.session.rollback()
    assert reason_of(entry.id) == "original reason"


@pytest.mark.parametrize("statement", [
    "UPDATE audit_log SET reason = 'rewritten' WHERE id = :id",
    "DELETE FROM audit_log WHERE id = :id",
])
def test_raw_sql_changes_are_refused_by_the_database(entry, statement):
    # On PostgreSQL the failed statement aborts the transaction: a savepoint contains it.
    with pytest.raises(DBAPIError, match="append-only"):
        with db.session.begin_nested():
            db.session.execute(text(statement), {"id": entry.id})
    assert reason_of(entry.id) == "original reason"


@pytest.mark.parametrize("make_statement", [
    lambda entry_id: update(AuditEntry).where(AuditEntry.id == entry_id).values(reason="x"),
    lambda entry_id: delete(AuditEntry).where(AuditEntry.id == entry_id),
])
def test_bulk_orm_statements_skip_the_events_but_not_the_triggers(entry, make_statement):
    with pytest.raises(DBAPIError, match="append-only"):
        with db.session.begin_nested():
            db.session.execute(make_statement(entry.id))
    assert reason_of(entry.id) == "original reason"


def test_appending_still_works(entry, admin, citizen):
    record(admin, "role.revoke", citizen)
    db.session.commit()
    assert len(db.session.scalars(select(AuditEntry)).all()) == 2
