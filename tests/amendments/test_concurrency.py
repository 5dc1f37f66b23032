"""Decisions and supports stay right when requests arrive at once (real commits)."""
from __future__ import annotations

from sqlalchemy import func, select

from civic.amendments.models import Amendment, AmendmentSupport
from civic.extensions import db
from civic.masterplan.models import RevisionSource
from tests.proposals.test_concurrency import post_all, real_app, real_sessions  # noqa: F401

N = 6


def _setup(app, staff_count=0):
    from tests.factories import make_published_revision, make_section, make_user

    with app.app_context():
        section = make_section(title="Un axe", body="Le texte actuel de l'axe.")
        revision = make_published_revision()
        amendment = Amendment(section_id=section.id, base_revision_id=revision.id,
                              title="Un amendement", proposed_body="Un nouveau texte.",
                              justification="Parce que.", author_id=make_user().id)
        db.session.add(amendment)
        db.session.commit()
        users = [make_user(roles=("staff",) if staff_count else ())
                 for _ in range(staff_count or N)]
        result = amendment.id, [u.get_id() for u in users]
        db.session.remove()
    return result


def test_simultaneous_supports_are_all_counted(real_app, real_sessions):  # noqa: F811
    amendment_id, keys = _setup(real_app)
    statuses = post_all(real_app, f"/amendments/{amendment_id}/support", keys,
                         {"action": "support"})
    assert statuses == [302] * N
    with real_app.app_context():
        count = db.session.scalar(select(Amendment.supports_count)
                                  .where(Amendment.id == amendment_id))
        rows = db.session.scalar(select(func.count(AmendmentSupport.id))
                                 .where(AmendmentSupport.amendment_id == amendment_id))
        db.session.remove()
    assert (count, rows) == (N, N)


def test_two_staff_accepting_at_once_accept_once(real_app, real_sessions):  # noqa: F811
    amendment_id, keys = _setup(real_app, staff_count=2)
    statuses = post_all(real_app, f"/amendments/{amendment_id}/accept", keys, {"answer": ""})
    assert sorted(statuses) == [302, 409]
    with real_app.app_context():
        sources = db.session.scalar(select(func.count(RevisionSource.id)).where(
            RevisionSource.source_type == "amendment", RevisionSource.source_id == amendment_id))
        status = db.session.scalar(select(Amendment.status).where(Amendment.id == amendment_id))
        db.session.remove()
    assert (status, sources) == ("accepted", 1)
