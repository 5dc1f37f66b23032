"""An author who deletes (or withdraws) their contribution while its case is open closes
the case: the moderators have nothing left to decide, and the audit log says why."""
from __future__ import annotations

import pytest

from civic.comments import services as comments
from civic.core.errors import NotFound
from civic.extensions import db
from civic.moderation import decisions, reports, services
from civic.moderation.queries import open_cases_count
from civic.proposals import services as proposals
from tests.factories import make_comment, make_proposal, make_user
from tests.fixtures.http import text
from tests.moderation.conftest import reporters
from tests.moderation.helpers import audit, case_of, notifications


@pytest.fixture
def pending_comment(proposal, author):
    comment = make_comment(target=proposal, author=author, moderation="pending",
                           body="Un avis qui attend la validation.")
    services.open_pending_case("comment", comment, author.id)
    db.session.commit()
    return comment


def test_deleting_a_pending_comment_takes_it_out_of_the_queue(
        client, login_as, moderator, author, proposal, pending_comment):
    follower = make_user(locale="en")
    proposals.follow_proposal(follower, proposal)
    case = case_of("comment", pending_comment.id)
    assert open_cases_count() == 1
    login_as(author)
    response = client.post_form(f"/comments/{pending_comment.id}/delete")
    assert response.status_code == 302
    db.session.refresh(case)
    assert case.status == "withdrawn" and case.decided_by_id is None
    assert open_cases_count() == 0
    [entry] = audit("moderation.withdraw")
    assert entry.actor_id == author.id and entry.target_id == pending_comment.id
    assert entry.before == {"case_status": "pending", "case": case.id}
    assert "Un avis" not in entry.target_label  # the erased text is not kept in the log

    login_as(moderator)
    assert f"/moderation/cases/{case.id}" not in text(client.get("/moderation"))
    assert f"/moderation/cases/{case.id}" in text(client.get("/moderation?tab=decided"))
    page = text(client.get(f"/moderation/cases/{case.id}"))
    assert "Closed: deleted or withdrawn by its author" in page
    assert "nothing to decide" in page and "Approve and publish" not in page
    # Approving it anyway (a stale page) is refused: nothing is published nor announced.
    response = client.post_form(f"/moderation/cases/{case.id}/approve", {"reason": ""})
    assert response.status_code == 400 and "nothing to approve" in text(response)
    db.session.refresh(pending_comment)
    db.session.refresh(proposal)
    assert pending_comment.moderation == "pending" and proposal.comments_count == 0
    assert notifications(follower, "comment.new") == []


def test_deleting_a_reported_comment_closes_its_case(app, monkeypatch, author, comment,
                                                     proposal):
    monkeypatch.setitem(app.config, "REPORTS_TO_HIDE", 2)
    for person in reporters(2):
        reports.report_content(person, "comment", comment.id, "offensive")
    case = case_of("comment", comment.id)
    assert case.status == "reported" and comment.moderation == "hidden"
    comments.delete_comment(author, comment)
    assert case.status == "withdrawn" and open_cases_count() == 0
    assert proposal.comments_count == 0
    with pytest.raises(decisions.DomainError, match="no longer exists"):
        decisions.restore_case(make_user(roles=("moderator",)), case)
    # Nobody can report a deleted comment, so the case stays closed.
    with pytest.raises(NotFound):
        reports.report_content(make_user(), "comment", comment.id, "spam")


def test_a_moderators_decision_stands_when_the_author_deletes_afterwards(
        moderator, author, comment):
    reports.report_content(make_user(), "comment", comment.id, "offensive")
    case = case_of("comment", comment.id)
    decisions.hide_case(moderator, case, "Propos injurieux")
    comments.delete_comment(author, comment)
    assert case.status == "hidden" and case.decided_by_id == moderator.id
    assert audit("moderation.withdraw") == []


def test_withdrawing_a_pending_proposal_closes_its_case(app, monkeypatch, client, login_as,
                                                        moderator, author):
    monkeypatch.setitem(app.config, "PREMODERATION", "all")
    draft = make_proposal(author=author, status="draft", title="Un potager sur le toit")
    proposals.publish_proposal(author, draft)
    db.session.commit()
    case = case_of("proposal", draft.id)
    assert case.status == "pending"
    login_as(author)
    assert client.post_form(f"/proposals/{draft.id}/withdraw").status_code == 302
    db.session.refresh(case)
    assert case.status == "withdrawn" and open_cases_count() == 0
    assert audit("moderation.withdraw")[0].actor_id == author.id
    with pytest.raises(decisions.DomainError, match="nothing to approve"):
        decisions.approve_case(moderator, case)
    login_as(make_user(locale="en"))  # it was never published: still not public
    assert client.get(f"/proposals/{draft.id}").status_code == 404


def test_reports_on_a_withdrawn_public_proposal_stay_open(author, proposal):
    reports.report_content(make_user(), "proposal", proposal.id, "offensive")
    proposals.withdraw_proposal(author, proposal)
    assert proposal.status == "withdrawn" and proposal.moderation == "visible"
    assert case_of("proposal", proposal.id).status == "reported"  # still shown: still open
    assert audit("moderation.withdraw") == []
