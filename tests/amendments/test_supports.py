"""Supporting and following amendments: once per account, exact counts, refusals."""
from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError

from civic.amendments import supports
from civic.amendments.models import Amendment, AmendmentSupport
from civic.core.errors import DomainError, PermissionDenied
from civic.core.models import utcnow
from civic.extensions import db
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.fixtures.http import text


def _fresh(amendment) -> Amendment:
    db.session.expire_all()
    return db.session.get(Amendment, amendment.id)


def test_one_support_per_account(client, login_as, other_citizen, amendment):
    login_as(other_citizen)
    url = f"/amendments/{amendment.id}/support"
    response = client.post_form(url, {"action": "support"}, follow_redirects=True)
    assert "Thank you for your support." in text(response)
    client.post_form(url, {"action": "support"})  # a double click
    assert _fresh(amendment).supports_count == 1
    page = text(client.get(f"/amendments/{amendment.id}"))
    assert "Withdraw my support" in page
    client.post_form(url, {"action": "unsupport"})
    assert _fresh(amendment).supports_count == 0


def test_the_database_refuses_a_second_support(other_citizen, amendment):
    db.session.add(AmendmentSupport(amendment_id=amendment.id, user_id=other_citizen.id))
    db.session.flush()
    with pytest.raises(IntegrityError), db.session.begin_nested():
        db.session.add(AmendmentSupport(amendment_id=amendment.id, user_id=other_citizen.id))
        db.session.flush()


def test_a_repeated_support_leaves_the_count_exact(other_citizen, amendment):
    assert supports.support_amendment(other_citizen, amendment) is True
    assert supports.support_amendment(other_citizen, amendment) is False
    assert _fresh(amendment).supports_count == 1


def test_the_author_cannot_support_their_own_amendment(citizen, amendment):
    with pytest.raises(DomainError, match="your own amendment"):
        supports.support_amendment(citizen, amendment)


def test_blocked_people_cannot_support(client, login_as, amendment):
    blocked = make_user(locale="en", blocked_at=utcnow(), block_reason="Spam répété")
    with pytest.raises(PermissionDenied):
        supports.support_amendment(blocked, amendment)
    login_as(blocked)
    response = client.post_form(f"/amendments/{amendment.id}/support", {"action": "support"},
                                follow_redirects=True)
    assert "Your account is blocked" in text(response)
    assert _fresh(amendment).supports_count == 0


def test_decided_amendments_take_no_more_supports(staff, other_citizen, amendment):
    from civic.amendments import services

    services.reject_amendment(staff, amendment, "Non merci.")
    with pytest.raises(DomainError, match="no longer accepts supports"):
        supports.support_amendment(other_citizen, amendment)


def test_following_and_unfollowing(client, login_as, other_citizen, amendment):
    login_as(other_citizen)
    url = f"/amendments/{amendment.id}/follow"
    client.post_form(url, {"action": "follow"})
    client.post_form(url, {"action": "follow"})
    assert _fresh(amendment).followers_count == 2  # the author and other_citizen
    client.post_form(url, {"action": "unfollow"})
    assert _fresh(amendment).followers_count == 1


def test_account_deletion_drops_supports_and_follows_keeping_counts(citizen, other_citizen,
                                                                    amendment):
    from civic.accounts.profile_services import delete_account

    supports.support_amendment(other_citizen, amendment)
    supports.follow_amendment(other_citizen, amendment)
    db.session.commit()
    assert _fresh(amendment).followers_count == 2
    delete_account(other_citizen, password=DEFAULT_PASSWORD)
    delete_account(citizen, password=DEFAULT_PASSWORD)  # the author: the amendment stays
    db.session.commit()
    kept = _fresh(amendment)
    assert kept.supports_count == 0 and kept.followers_count == 0
    assert db.session.query(AmendmentSupport).count() == 0
    assert kept.author.public_name == "Deleted participant"


def test_the_export_lists_amendments_supports_and_follows(citizen, other_citizen, amendment):
    from civic.amendments.account_data import export

    supports.support_amendment(other_citizen, amendment)
    assert export(citizen)["amendments"][0]["title"] == amendment.title
    assert export(other_citizen)["amendment_supports"][0]["amendment_id"] == amendment.id
