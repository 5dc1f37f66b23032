"""Staff verify organizations; the badge follows the name; the audit log remembers."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from civic.audit.models import AuditEntry
from tests.factories import make_organization, make_user
from tests.fixtures.http import text


def _entries(db, action):
    return list(db.session.execute(
        select(AuditEntry).where(AuditEntry.action == action)).scalars())


def test_staff_verify_and_the_audit_log_records_it(client, db, login_as, staff):
    org = make_organization(owner=make_user(), name="Labo Vérifiable")
    login_as(staff)
    assert client.post_form(f"/organizations/{org.slug}/verify").status_code == 302
    db.session.refresh(org)
    assert org.is_verified and org.verified_by_id == staff.id
    [entry] = _entries(db, "organization.verify")
    assert (entry.actor_id, entry.target_type, entry.target_id) == (
        staff.id, "organizations", org.id)
    assert entry.target_label == "Labo Vérifiable"


def test_staff_unverify_with_a_reason(client, db, login_as, staff):
    org = make_organization(owner=make_user(), verified=True)
    login_as(staff)
    client.post_form(f"/organizations/{org.slug}/unverify", {"reason": "Fausse identité"})
    db.session.refresh(org)
    assert not org.is_verified
    [entry] = _entries(db, "organization.unverify")
    assert entry.reason == "Fausse identité"


def test_verifying_twice_is_explained_not_recorded(client, db, login_as, staff):
    org = make_organization(owner=make_user(), verified=True)
    login_as(staff)
    response = client.post_form(f"/organizations/{org.slug}/verify")
    assert response.status_code == 302
    assert _entries(db, "organization.verify") == []


@pytest.mark.parametrize("role", [None, "moderator"])
@pytest.mark.parametrize("action", ["verify", "unverify"])
def test_citizens_and_moderators_cannot_verify(client, db, login_as, role, action):
    owner = make_user(roles=(role,) if role else ())
    org = make_organization(owner=owner, verified=(action == "unverify"))
    login_as(owner)
    assert client.post_form(f"/organizations/{org.slug}/{action}").status_code == 403
    db.session.refresh(org)
    assert org.is_verified == (action == "unverify")
    assert _entries(db, f"organization.{action}") == []


def test_anonymous_cannot_verify(client, db):
    org = make_organization(owner=make_user())
    assert client.post_form(f"/organizations/{org.slug}/verify").status_code == 401


def test_verified_badge_on_the_list_and_the_page(client, login_as, staff):
    verified = make_organization(name="Certifiée", verified=True)
    plain = make_organization(name="Ordinaire")
    listing = text(client.get("/organizations/"))
    assert listing.count("badge-verified") == 1
    assert text(client.get(f"/organizations/{verified.slug}")).count("badge-verified") == 1
    assert "badge-verified" not in text(client.get(f"/organizations/{plain.slug}"))


def test_staff_see_the_verify_button(client, login_as, staff, citizen):
    org = make_organization(owner=make_user())
    login_as(citizen)
    assert f"/organizations/{org.slug}/verify" not in text(client.get(f"/organizations/{org.slug}"))
    login_as(staff)
    assert f"/organizations/{org.slug}/verify" in text(client.get(f"/organizations/{org.slug}"))
