"""One draft of the master plan at a time, enforced by the database."""
from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError

from civic.extensions import db
from civic.masterplan import revisions
from civic.masterplan.models import PlanRevision
from tests.factories import make_published_revision, make_section, make_user


def test_the_database_refuses_a_second_draft(db_session):
    db.session.add(PlanRevision(status="draft"))
    db.session.flush()
    with pytest.raises(IntegrityError), db.session.begin_nested():
        db.session.add(PlanRevision(status="draft"))
        db.session.flush()


def test_starting_a_draft_twice_gives_the_same_draft(app, db_session):
    make_section(title="Mobilité", body="Du texte.")
    make_published_revision()
    staff = make_user(roles=("staff",))
    with app.test_request_context():
        first = revisions.start_draft(staff)
        second = revisions.start_draft(make_user(roles=("staff",)))
    assert first.id == second.id
    assert [t.body for t in first.sections] == ["Du texte."]
