"""GDPR: download my data, delete my account."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from civic.accounts import profile_data
from civic.accounts.models import User
from civic.accounts.passwords import verify_password
from civic.audit.models import AuditEntry
from civic.audit.services import record
from civic.core.models import utcnow
from civic.extensions import db
from civic.mail.models import OutboxMail
from civic.mail.services import queue_mail
from civic.organizations.models import Invitation, JoinRequest, Membership
from tests.factories import DEFAULT_PASSWORD, make_organization, make_user
from tests.fixtures.http import text


@pytest.fixture
def person(db_session):
    return make_user(display_name="Alex Martin", email="alex@example.org", locale="en",
                     bio="Cyclist", roles=("moderator",))


@pytest.fixture
def signed_in(person, login_as):
    return login_as(person)


# --- export ---------------------------------------------------------------------------

def test_export_holds_everything_the_account_holds(client, signed_in, person, admin):
    org = make_organization(owner=person, name="Vélo Futur")
    other = make_organization(name="Atelier Commun")
    db.session.add_all([
        JoinRequest(organization=other, user_id=person.id, message="Let me in"),
        Invitation(organization=org, email="friend@example.org", invited_by_id=person.id),
        Invitation(organization=other, email="alex@example.org", invited_by_id=admin.id),
    ])
    queue_mail("alex@example.org", "Welcome", "Hello Alex", kind="welcome", recipient=person)
    record(admin, "role.grant", person, reason="helps moderating", target_label="Alex")
    db.session.commit()

    response = client.post_form("/settings/export")

    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert ".json" in response.headers["Content-Disposition"]
    data = json.loads(response.get_data(as_text=True))
    assert data["generated_at"]
    assert data["account"]["email"] == "alex@example.org"
    assert data["account"]["display_name"] == "Alex Martin"
    assert data["account"]["bio"] == "Cyclist"
    assert [r["role"] for r in data["roles"]] == ["moderator"]
    assert data["memberships"] == [{"organization": "Vélo Futur", "slug": org.slug,
                                    "role": "owner", "joined_at": data["memberships"][0]
                                    ["joined_at"]}]
    assert data["join_requests"][0]["message"] == "Let me in"
    assert data["invitations_sent"][0]["email"] == "friend@example.org"
    assert data["invitations_received"][0]["organization"] == "Atelier Commun"
    assert [m["subject"] for m in data["emails"]] == ["Welcome"]
    assert data["audit_log"][0]["action"] == "role.grant"
    assert data["audit_log"][0]["by_you"] is False


def test_export_never_contains_secrets(client, signed_in, person):
    body = client.post_form("/settings/export").get_data(as_text=True)
    assert person.password_hash not in body
    assert person.session_key not in body
    assert "password" not in body and "session_key" not in body


def test_export_writes_nothing_and_leaves_the_session(client, signed_in, person):
    key = person.session_key
    client.post_form("/settings/export")
    assert person.session_key == key
    assert client.get("/settings").status_code == 200


def test_export_is_refused_by_get_and_for_anonymous(client, person, login_as):
    assert client.post_form("/settings/export").status_code == 401
    login_as(person)
    assert client.get("/settings/export").status_code == 405
    assert client.post("/settings/export").status_code == 400  # no CSRF token


def test_other_domains_can_add_to_the_export(client, signed_in, monkeypatch):
    monkeypatch.setattr(profile_data, "EXPORTERS",
                        [*profile_data.EXPORTERS, lambda user: {"experiments": [user.id]}])
    data = json.loads(client.post_form("/settings/export").get_data(as_text=True))
    assert data["experiments"] == [signed_in.id]


# --- delete ---------------------------------------------------------------------------

def test_delete_page_explains_what_happens(client, signed_in):
    response = client.get("/settings/delete")
    assert response.status_code == 200
    page = text(response)
    assert "danger-zone" in page
    assert "Deleted participant" in page
    assert 'type="password"' in page


def test_delete_needs_the_right_password(client, signed_in, person):
    response = client.post_form("/settings/delete", {"password": "not-my-password"})
    assert response.status_code == 400
    assert "not right" in text(response)
    assert person.deleted_at is None
    assert person.email == "alex@example.org"
    assert client.get("/settings").status_code == 200


def test_delete_wipes_personal_data_and_keeps_the_record(client, signed_in, person):
    member_of = make_organization(members=[person])
    other = make_organization()
    db.session.add(JoinRequest(organization=other, user_id=person.id))
    db.session.add(Invitation(organization=other, email="alex@example.org"))
    queue_mail("alex@example.org", "Welcome", "Hello Alex", kind="welcome", recipient=person)
    db.session.commit()
    old_key = person.session_key

    response = client.post_form("/settings/delete", {"password": DEFAULT_PASSWORD})

    assert response.status_code == 302
    user = db.session.get(User, person.id)  # the row stays for the public record
    assert user.deleted_at is not None
    assert user.email == f"deleted-{user.id}@invalid.civic"
    assert "Alex" not in user.display_name and user.bio == ""
    assert user.password_hash is None and user.pending_email is None
    assert user.session_key != old_key
    assert user.roles == []
    assert user.is_deleted and not user.is_active
    assert db.session.scalar(select(Membership).where(Membership.user_id == user.id)) is None
    assert db.session.scalar(select(JoinRequest).where(JoinRequest.user_id == user.id)) is None
    assert db.session.scalar(select(Invitation).where(
        Invitation.email == "alex@example.org")) is None
    assert db.session.scalar(select(OutboxMail).where(
        OutboxMail.to_address == "alex@example.org")) is None
    assert member_of.memberships == []
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "account.delete"))
    assert entry.actor_id == user.id and entry.target_id == user.id
    assert "Alex" not in entry.target_label and "alex@" not in entry.target_label
    # Logged out, and the name is free for someone else.
    assert client.get("/settings").status_code == 302
    make_user(display_name="Alex Martin", email="alex@example.org")


def test_deleted_person_cannot_log_in_again(app, client, signed_in, person):
    other_device = app.test_client()
    with other_device.session_transaction() as session:
        session["_user_id"] = person.get_id()

    client.post_form("/settings/delete", {"password": DEFAULT_PASSWORD})

    assert not verify_password(person.password_hash, DEFAULT_PASSWORD)
    assert other_device.get("/settings").status_code == 302
    client.post_form("/login", {"email": "alex@example.org", "password": DEFAULT_PASSWORD})
    assert client.get("/settings").status_code == 302


def test_deleted_profile_shows_deleted_participant(client, signed_in, person):
    client.post_form("/settings/delete", {"password": DEFAULT_PASSWORD})
    page = text(client.get(f"/people/{person.id}", headers={"Accept-Language": "en"}))
    assert "Deleted participant" in page
    assert "Alex" not in page and "Cyclist" not in page


def test_last_owner_of_an_organization_with_members_cannot_delete(client, signed_in, person):
    org = make_organization(owner=person, members=[make_user()], name="Vélo Futur")

    page = text(client.get("/settings/delete"))
    assert "Vélo Futur" in page
    response = client.post_form("/settings/delete", {"password": DEFAULT_PASSWORD})

    assert response.status_code == 409
    assert "last owner of Vélo Futur" in text(response)
    assert person.deleted_at is None
    assert org.role_of(person) == "owner"


def test_owner_may_delete_when_another_owner_remains(client, signed_in, person):
    co_owner = make_user()
    org = make_organization(owner=person, members=[make_user()])
    org.memberships.append(Membership(user=co_owner, role="owner"))
    db.session.commit()

    assert client.post_form("/settings/delete", {"password": DEFAULT_PASSWORD}).status_code == 302
    assert person.deleted_at is not None
    assert org.role_of(co_owner) == "owner" and org.role_of(person) is None


def test_sole_member_owner_may_delete(client, signed_in, person):
    make_organization(owner=person)
    assert client.post_form("/settings/delete", {"password": DEFAULT_PASSWORD}).status_code == 302
    assert person.deleted_at is not None


def test_deleted_account_timestamp_is_recent(client, signed_in, person):
    before = utcnow()
    client.post_form("/settings/delete", {"password": DEFAULT_PASSWORD})
    assert person.deleted_at >= before.replace(microsecond=0)


def test_other_domains_can_erase_on_deletion(client, signed_in, person, monkeypatch):
    from civic.accounts import profile_services

    erased = []
    monkeypatch.setattr(profile_services, "ACCOUNT_ERASERS", [lambda u: erased.append(u.id)])
    client.post_form("/settings/delete", {"password": DEFAULT_PASSWORD})
    assert erased == [person.id]


def test_the_last_owner_check_does_not_grow_with_organizations(client, signed_in, person,
                                                               count_queries):
    make_organization(owner=person, members=[make_user()])
    with count_queries() as one:
        client.get("/settings/delete")
    for _ in range(4):
        make_organization(owner=person, members=[make_user()])
    with count_queries() as five:
        page = text(client.get("/settings/delete"))
    assert page.count("<li>Organisation") == 5
    assert five.count == one.count
