"""Invitations, join requests, roles, leaving; an organization always keeps an owner."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from civic.mail.models import OutboxMail
from civic.organizations.models import Invitation, JoinRequest, Membership
from tests.factories import make_organization, make_user
from tests.fixtures.http import text

EN = {"Accept-Language": "en"}
LINK_RE = re.compile(r"http://localhost(/organizations/invitations/[^\s]+)")


@pytest.fixture
def owner(db_session):
    return make_user(display_name="Olga Owner", locale="en")


@pytest.fixture
def org(owner):
    return make_organization(owner=owner, name="Atelier Commun")


@pytest.fixture
def member(db, org):
    """A plain member of `org`, who joined after it was created."""
    user = make_user()
    org.memberships.append(Membership(user=user, role="member"))
    db.session.commit()
    return user


def _post_and_follow(client, url, data=None):
    """POST, then GET the page it redirects to (where the flash message shows)."""
    response = client.post_form(url, data, headers=EN)
    assert response.status_code == 302
    return client.get(response.headers["Location"], headers=EN)


def _mails(db, kind):
    return list(db.session.execute(
        select(OutboxMail).where(OutboxMail.kind == kind).order_by(OutboxMail.id)).scalars())


def _membership(db, org, user):
    return db.session.execute(select(Membership).where(
        Membership.organization_id == org.id, Membership.user_id == user.id)).scalar()


# --- invitations -------------------------------------------------------------------------

def _invite(client, org, email="new.person@example.org", role="member"):
    return client.post_form(f"/organizations/{org.slug}/invitations",
                            {"email": email, "role": role}, headers=EN)


def test_invite_flow_end_to_end(client, db, login_as, owner, org):
    login_as(owner)
    assert _invite(client, org, "New.Person@Example.org").status_code == 302
    [mail] = _mails(db, "organization-invitation")
    assert mail.to_address == "new.person@example.org"
    assert "Atelier Commun" in mail.subject and "Olga Owner" in mail.body_text
    link = LINK_RE.search(mail.body_text).group(1)

    invitee = login_as(make_user(email="someone.else@example.org", locale="en"))
    page = client.get(link, headers=EN)
    assert page.status_code == 200 and "Accept the invitation" in text(page)
    response = client.post_form(link, headers=EN)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/organizations/{org.slug}")
    assert _membership(db, org, invitee).role == "member"
    invitation = db.session.execute(select(Invitation)).scalar_one()
    assert invitation.accepted_by_id == invitee.id and invitation.accepted_at is not None


def test_an_invitation_works_once(client, db, login_as, owner, org):
    login_as(owner)
    _invite(client, org, role="owner")
    link = LINK_RE.search(_mails(db, "organization-invitation")[0].body_text).group(1)
    first = login_as(make_user())
    client.post_form(link)
    assert _membership(db, org, first).role == "owner"
    second = login_as(make_user(locale="en"))
    client.post_form(link, headers=EN)
    assert _membership(db, org, second) is None
    page = client.get(link, headers=EN)
    assert "already been used" in text(page)


def test_anonymous_visitors_see_the_invitation_and_must_log_in(client, db, login_as, owner, org):
    login_as(owner)
    _invite(client, org)
    link = LINK_RE.search(_mails(db, "organization-invitation")[0].body_text).group(1)
    with client.session_transaction() as session:
        session.clear()
    page = client.get(link, headers=EN)
    assert page.status_code == 200 and "Log in" in text(page)
    assert client.post_form(link).status_code == 401
    assert db.session.execute(select(Invitation)).scalar_one().accepted_at is None


@pytest.mark.parametrize("token", ["not-a-valid-token", "eyJpIjoxfQ.aaaa.bbbb"])
def test_forged_invitation_links_are_404(client, login_as, citizen, token):
    login_as(citizen)
    assert client.get(f"/organizations/invitations/{token}").status_code == 404
    assert client.post_form(f"/organizations/invitations/{token}").status_code == 404


def test_cancelled_invitation_link_stops_working(client, db, login_as, owner, org):
    login_as(owner)
    _invite(client, org)
    invitation = db.session.execute(select(Invitation)).scalar_one()
    link = LINK_RE.search(_mails(db, "organization-invitation")[0].body_text).group(1)
    client.post_form(f"/organizations/{org.slug}/invitations/{invitation.id}/cancel")
    assert db.session.execute(select(Invitation)).first() is None
    assert client.get(link).status_code == 404


def test_inviting_twice_or_a_member_is_refused(client, db, login_as, owner, org, member):
    login_as(owner)
    _invite(client, org, "pending@example.org")
    response = _invite(client, org, "pending@example.org")
    assert "already waiting" in text(response)
    response = _invite(client, org, member.email.upper())
    assert "already a member" in text(response)
    assert len(_mails(db, "organization-invitation")) == 1


def test_members_who_are_not_owners_cannot_invite(client, db, login_as, org, member):
    login_as(member)
    assert _invite(client, org).status_code == 403
    assert client.get(f"/organizations/{org.slug}/members").status_code == 403
    assert _mails(db, "organization-invitation") == []


# --- join requests -----------------------------------------------------------------------

def _ask(client, org, message="Nous aimerions contribuer."):
    return client.post_form(f"/organizations/{org.slug}/join", {"message": message})


def _request_of(db, org, user):
    return db.session.execute(select(JoinRequest).where(
        JoinRequest.organization_id == org.id, JoinRequest.user_id == user.id)).scalar()


def test_join_request_approved(client, db, login_as, owner, org):
    asker = login_as(make_user(display_name="Ali Asker", locale="en"))
    assert _ask(client, org).status_code == 302
    assert _request_of(db, org, asker).status == "pending"
    [to_owner] = _mails(db, "organization-join-request")
    assert to_owner.to_address == owner.email and "Ali Asker" in to_owner.subject
    assert "Nous aimerions contribuer." in to_owner.body_text
    assert f"http://localhost/organizations/{org.slug}/members" in to_owner.body_text

    login_as(owner)
    page = text(client.get(f"/organizations/{org.slug}/members", headers=EN))
    assert "Ali Asker" in page and "Nous aimerions contribuer." in page
    request_id = _request_of(db, org, asker).id
    client.post_form(f"/organizations/{org.slug}/requests/{request_id}/approve")
    assert _request_of(db, org, asker).status == "approved"
    assert _membership(db, org, asker).role == "member"
    [decision] = _mails(db, "organization-join-decision")
    assert decision.to_address == asker.email
    assert decision.subject == "You are now a member of Atelier Commun"


def test_join_request_rejected_then_asked_again(client, db, login_as, owner, org):
    asker = login_as(make_user())
    _ask(client, org)
    login_as(owner)
    request_id = _request_of(db, org, asker).id
    client.post_form(f"/organizations/{org.slug}/requests/{request_id}/reject")
    assert _request_of(db, org, asker).status == "rejected"
    assert _membership(db, org, asker) is None
    assert len(_mails(db, "organization-join-decision")) == 1
    login_as(asker)
    _ask(client, org, "Second try")
    assert _request_of(db, org, asker).status == "pending"
    assert _request_of(db, org, asker).message == "Second try"


def test_asking_twice_does_not_duplicate(client, db, login_as, org):
    asker = login_as(make_user())
    _ask(client, org)
    _ask(client, org)
    assert _request_of(db, org, asker).status == "pending"
    assert len(_mails(db, "organization-join-request")) == 1


@pytest.mark.parametrize("who", ["member", "stranger", "asker"])
def test_only_owners_decide_join_requests(client, db, login_as, org, member, who):
    asker = login_as(make_user())
    _ask(client, org)
    login_as({"member": member, "stranger": make_user(), "asker": asker}[who])
    request_id = _request_of(db, org, asker).id
    response = client.post_form(f"/organizations/{org.slug}/requests/{request_id}/approve")
    assert response.status_code == 403
    assert _request_of(db, org, asker).status == "pending"
    assert _membership(db, org, asker) is None


def test_a_request_of_another_organization_is_404(client, db, login_as, owner, org):
    other = make_organization(owner=make_user())
    asker = login_as(make_user())
    _ask(client, other)
    login_as(owner)
    request_id = _request_of(db, other, asker).id
    response = client.post_form(f"/organizations/{org.slug}/requests/{request_id}/approve")
    assert response.status_code == 404


def test_members_cannot_ask_to_join(client, db, login_as, owner, org):
    login_as(owner)
    _ask(client, org)
    assert _request_of(db, org, owner) is None


# --- roles and leaving -------------------------------------------------------------------

def test_last_owner_cannot_leave(client, db, login_as, org):
    owner = org.memberships[0].user
    login_as(owner)
    response = _post_and_follow(client, f"/organizations/{org.slug}/leave")
    assert "Name another owner first" in text(response)
    assert _membership(db, org, owner).role == "owner"


def test_last_owner_cannot_be_demoted_or_removed(client, db, login_as, owner, org, admin):
    login_as(owner)
    membership_id = _membership(db, org, owner).id
    response = _post_and_follow(client, f"/organizations/{org.slug}/members/{membership_id}/role",
                                {"role": "member"})
    assert "Name another owner first" in text(response)
    login_as(admin)  # even a platform admin keeps the organization with an owner
    client.post_form(f"/organizations/{org.slug}/members/{membership_id}/remove")
    assert _membership(db, org, owner).role == "owner"


def test_promote_then_the_first_owner_may_leave(client, db, login_as, owner, org, member):
    login_as(owner)
    membership_id = _membership(db, org, member).id
    client.post_form(f"/organizations/{org.slug}/members/{membership_id}/role",
                     {"role": "owner"})
    assert _membership(db, org, member).role == "owner"
    client.post_form(f"/organizations/{org.slug}/leave")
    assert _membership(db, org, owner) is None


def test_a_member_leaves(client, db, login_as, org, member):
    login_as(member)
    assert client.post_form(f"/organizations/{org.slug}/leave").status_code == 302
    assert _membership(db, org, member) is None


def test_owner_removes_a_member(client, db, login_as, owner, org, member):
    login_as(owner)
    membership_id = _membership(db, org, member).id
    client.post_form(f"/organizations/{org.slug}/members/{membership_id}/remove")
    assert _membership(db, org, member) is None


def test_members_cannot_change_roles_or_remove(client, db, login_as, owner, org, member):
    login_as(member)
    own_id = _membership(db, org, member).id
    owner_id = _membership(db, org, owner).id
    assert client.post_form(f"/organizations/{org.slug}/members/{own_id}/role",
                            {"role": "owner"}).status_code == 403
    assert client.post_form(
        f"/organizations/{org.slug}/members/{owner_id}/remove").status_code == 403
    assert _membership(db, org, member).role == "member"


def test_leave_is_post_only(client, login_as, owner, org):
    login_as(owner)
    assert client.get(f"/organizations/{org.slug}/leave").status_code == 405
