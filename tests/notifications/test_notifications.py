"""The notifications page, its unread count in the header, and marking all as read."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from civic.notifications import services
from civic.notifications.models import Notification
from tests.factories import make_proposal
from tests.fixtures.http import text

EN = {"Accept-Language": "en"}


@pytest.fixture(autouse=True)
def request_ctx(app, db_session):
    with app.test_request_context(headers=EN):
        yield


def test_notify_and_count(db, citizen, other_citizen):
    proposal = make_proposal()
    services.notify(citizen, "proposal.status", proposal, actor=other_citizen,
                    data={"title": proposal.title})
    db.session.flush()
    assert services.unread_count(citizen) == 1
    assert services.unread_count(other_citizen) == 0
    note = db.session.scalars(select(Notification)).one()
    assert (note.target_type, note.target_id) == ("proposal", proposal.id)


def test_notify_all_skips_the_actor(db, citizen, other_citizen):
    count = services.notify_all([citizen, other_citizen], "proposal.status", None,
                                actor=citizen, data={"title": "x"})
    assert count == 1 and services.unread_count(other_citizen) == 1


def test_page_lists_notifications_and_marks_them_read(client, login_as, citizen, db):
    proposal = make_proposal(title="Des jardins partagés")
    services.notify(citizen, "proposal.answered", proposal, data={"title": proposal.title})
    db.session.commit()
    login_as(citizen)
    page = text(client.get("/notifications", headers=EN))
    [note] = services.recent_notifications(citizen)
    assert "Des jardins partagés" in page and f"/notifications/{note.id}/open" in page
    assert 'class="badge badge-count">1' in page
    response = client.post_form("/notifications/read-all")
    assert response.status_code == 302
    assert services.unread_count(citizen) == 0
    assert "badge-count" not in text(client.get("/notifications"))


def test_page_needs_an_account(client, citizen, other_citizen, login_as, db):
    assert client.get("/notifications").status_code == 302
    services.notify(other_citizen, "proposal.status", None, data={"title": "Privé"})
    db.session.commit()
    login_as(citizen)
    assert "Privé" not in text(client.get("/notifications"))
    client.post_form("/notifications/read-all")
    assert services.unread_count(other_citizen) == 1


def test_marking_read_needs_the_form_token(client, login_as, citizen, db):
    services.notify(citizen, "proposal.status", None, data={"title": "x"})
    db.session.commit()
    login_as(citizen)
    assert client.post("/notifications/read-all").status_code == 400
    assert services.unread_count(citizen) == 1


def test_the_data_export_says_when_a_notification_was_emailed(db):
    from civic.notifications import account_data
    from tests.factories import make_user

    person = make_user(email_frequency="immediate")
    services.notify_all([person], "proposal.status", None, data={"title": "x", "path": "/"})
    services.notify(person, "proposal.status", None, data={"title": "y"})
    db.session.commit()
    exported = account_data.export(person)["notifications"]
    assert [bool(n["emailed_at"]) for n in exported] == [True, False]
    assert all("read_at" in n for n in exported)
