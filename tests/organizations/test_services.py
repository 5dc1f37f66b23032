"""Service functions other features build on."""
from __future__ import annotations

import pytest

from civic.organizations.models import Membership
from civic.organizations.services import (
    is_http_url,
    organizations_user_may_act_for,
    slugify,
)
from tests.factories import make_organization, make_user


def test_organizations_user_may_act_for(db):
    user = make_user()
    owned = make_organization(owner=user, name="B Owned")
    member_of = make_organization(owner=make_user(), members=[user], name="A Member")
    make_organization(owner=make_user(), name="C Stranger")
    assert organizations_user_may_act_for(user) == [member_of, owned]


def test_after_leaving_a_user_no_longer_acts_for_it(db):
    user = make_user()
    org = make_organization(owner=make_user(), members=[user])
    membership = next(m for m in org.memberships if m.user_id == user.id)
    org.memberships.remove(membership)
    db.session.commit()
    assert organizations_user_may_act_for(user) == []


def test_anonymous_acts_for_nobody(app):
    from flask_login import AnonymousUserMixin

    assert organizations_user_may_act_for(AnonymousUserMixin()) == []
    assert organizations_user_may_act_for(None) == []


def test_can_act_for_matches_the_list(db):
    from civic.core.permissions import can_act_for_organization

    user = make_user()
    org = make_organization(owner=make_user())
    assert not can_act_for_organization(user, org)
    org.memberships.append(Membership(user=user, role="member"))
    db.session.commit()
    assert can_act_for_organization(user, org)
    assert org in organizations_user_may_act_for(user)


@pytest.mark.parametrize(("name", "slug"), [
    ("Société Générale", "societe-generale"),
    ("  Œuvre & Fils  ", "oeuvre-fils"),
    ("Straße 42", "strasse-42"),
    ("东京", "organization"),
    ("a" * 200, "a" * 80),
])
def test_slugify(name, slug):
    assert slugify(name) == slug


@pytest.mark.parametrize(("url", "ok"), [
    ("https://example.org", True),
    ("http://example.org/path?q=1", True),
    ("javascript:alert(1)", False),
    ("data:text/html,x", False),
    ("//example.org", False),
    ("https://", False),
    ("https://exa mple.org", False),
    ('https://example.org/"onmouseover=', False),
    ("", False),
])
def test_is_http_url(url, ok):
    assert is_http_url(url) is ok
