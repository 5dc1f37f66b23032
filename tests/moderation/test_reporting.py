"""Anyone signed in reports what others wrote, once; enough reports hide it for review."""
from __future__ import annotations

from unittest import mock

from civic.extensions import db
from civic.moderation import reports, services
from tests.factories import make_section, make_user
from tests.fixtures.http import text
from tests.moderation.conftest import reporters
from tests.moderation.helpers import audit, case_of, mails, notifications, report_count


def _report(client, kind, item_id, reason="offensive", details=""):
    return client.post_form(f"/report/{kind}/{item_id}", {"reason": reason, "details": details})


def test_a_citizen_reports_a_comment_and_moderators_hear_of_it(client, login_as, citizen,
                                                               moderator, comment, proposal):
    login_as(citizen)
    page = client.get(f"/report/comment/{comment.id}")
    assert page.status_code == 200
    assert "Why do you report this content?" in text(page)
    response = _report(client, "comment", comment.id, details="Insulte envers un voisin.")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/proposals/{proposal.id}#comment-{comment.id}")
    case = case_of("comment", comment.id)
    assert case.status == "reported" and case.reports_count == 1
    assert comment.moderation == "visible"
    [note] = notifications(moderator, "moderation.report")
    assert note.data["path"] == f"/moderation/cases/{case.id}"
    assert note.data["reports_count"] == 1
    assert mails(moderator, "moderation.report") == []  # in-app only for a first report
    assert "Thank you" in text(client.get("/about"))


def test_reporting_twice_says_so_and_changes_nothing(client, login_as, citizen, comment):
    login_as(citizen)
    _report(client, "comment", comment.id)
    again = client.get(f"/report/comment/{comment.id}")
    assert "You have already reported this content" in text(again)
    response = _report(client, "comment", comment.id, reason="spam")
    assert response.status_code == 302
    assert "already reported" in text(client.get(response.headers["Location"]))
    assert report_count() == 1
    assert case_of("comment", comment.id).reports_count == 1


def test_the_service_refuses_a_second_report(citizen, comment):
    reports.report_content(citizen, "comment", comment.id, "spam")
    try:
        reports.report_content(citizen, "comment", comment.id, "other")
    except reports.Conflict as error:
        assert "already reported" in error.message
    else:  # pragma: no cover
        raise AssertionError("a second report was accepted")
    assert report_count() == 1


def test_nobody_reports_their_own_content(client, login_as, author, comment, proposal):
    login_as(author)
    assert client.get(f"/report/comment/{comment.id}").status_code == 403
    response = _report(client, "proposal", proposal.id)
    assert response.status_code == 403
    assert "cannot report your own content" in text(response)
    assert client.get(f"/report/profile/{author.id}").status_code == 403
    assert report_count() == 0


def test_a_blocked_person_cannot_report(client, login_as, citizen, comment):
    from civic.core.models import utcnow

    citizen.blocked_at = utcnow()
    citizen.block_reason = "Insultes répétées"
    db.session.commit()
    login_as(citizen)
    response = _report(client, "comment", comment.id)
    assert response.status_code == 403
    assert "Your account is blocked" in text(response)
    assert report_count() == 0


def test_anonymous_visitors_are_asked_to_log_in(client, comment):
    response = client.get(f"/report/comment/{comment.id}")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert _report(client, "comment", comment.id).status_code == 401
    assert report_count() == 0


def test_unknown_kinds_and_missing_items_are_not_found(client, login_as, citizen, comment):
    login_as(citizen)
    assert client.get(f"/report/nonsense/{comment.id}").status_code == 404
    assert client.get("/report/comment/999999").status_code == 404
    section = make_section()
    assert client.get(f"/report/section/{section.id}").status_code == 404  # not reportable
    assert _report(client, "nonsense", comment.id).status_code == 404
    assert report_count() == 0


def test_a_reason_is_required_and_details_are_limited(client, login_as, citizen, comment):
    login_as(citizen)
    response = _report(client, "comment", comment.id, reason="")
    assert response.status_code == 400
    assert "Choose why you report this content." in text(response)
    response = _report(client, "comment", comment.id, details="x" * 1001)
    assert response.status_code == 400
    response = _report(client, "comment", comment.id, reason="made-up")
    assert response.status_code == 400
    assert report_count() == 0


def test_a_post_without_csrf_token_is_refused(client, login_as, citizen, comment):
    login_as(citizen)
    response = client.post(f"/report/comment/{comment.id}", data={"reason": "spam"})
    assert response.status_code == 400
    assert report_count() == 0


def test_enough_reports_hide_the_item_until_a_moderator_decides(client, login_as, moderator,
                                                                author, comment, proposal):
    assert proposal.comments_count == 1
    for person in reporters(3):
        login_as(person)
        assert _report(client, "comment", comment.id).status_code == 302
    db.session.refresh(comment)
    db.session.refresh(proposal)
    assert comment.moderation == "hidden"
    assert comment.hidden_reason  # a neutral text, in the site's language
    assert proposal.comments_count == 0  # the hidden comment no longer counts
    case = case_of("comment", comment.id)
    assert case.status == "reported" and case.reports_count == 3  # still in the queue
    [entry] = audit("moderation.auto_hide")
    assert entry.actor_id is None and entry.after["moderation"] == "hidden"
    threshold_notes = [n for n in notifications(moderator, "moderation.report")
                       if n.data["reports_count"] == 3]
    assert len(threshold_notes) == 1
    assert len(mails(moderator, "moderation.report")) == 1  # e-mailed at once
    assert notifications(author, "moderation.hidden")


def test_the_threshold_comes_from_config(app, monkeypatch, moderator, comment):
    monkeypatch.setitem(app.config, "REPORTS_TO_HIDE", 2)
    first, second = reporters(2)
    reports.report_content(first, "comment", comment.id, "spam")
    assert comment.moderation == "visible"
    reports.report_content(second, "comment", comment.id, "spam")
    assert comment.moderation == "hidden"


def test_reports_after_a_dismissal_reopen_the_case_without_hiding(app, monkeypatch, moderator,
                                                                  comment):
    from civic.moderation import decisions

    monkeypatch.setitem(app.config, "REPORTS_TO_HIDE", 1)
    first, second = reporters(2)
    reports.report_content(first, "comment", comment.id, "spam")
    case = case_of("comment", comment.id)
    decisions.dismiss_case(moderator, case, "Critique légitime")
    assert comment.moderation == "visible" and case.status == "dismissed"
    reports.report_content(second, "comment", comment.id, "spam")
    assert case.status == "reported" and case.reports_count == 2
    assert comment.moderation == "visible"  # the moderator's decision holds


def test_a_profile_can_be_reported(client, login_as, citizen, author):
    login_as(citizen)
    assert _report(client, "profile", author.id, reason="spam").status_code == 302
    assert case_of("profile", author.id).reports_count == 1


def test_the_case_is_created_once_even_when_two_reports_race(citizen, other_citizen, comment):
    reports.report_content(citizen, "comment", comment.id, "spam")
    # The second reporter did not see the case (it was created at the same moment).
    with mock.patch.object(services, "find_case", side_effect=[None, case_of(
            "comment", comment.id)]):
        case = services.find_or_create_case("comment", comment.id, comment.author_id)
    assert case.id == case_of("comment", comment.id).id
    reports.report_content(other_citizen, "comment", comment.id, "spam")
    assert case_of("comment", comment.id).reports_count == 2


def test_report_links_show_on_profiles_for_others_only(client, login_as, citizen, author):
    login_as(citizen)
    assert f"/report/profile/{author.id}" in text(client.get(f"/people/{author.id}"))
    assert f"/report/profile/{citizen.id}" not in text(client.get(f"/people/{citizen.id}"))
    other = make_user(locale="en")
    assert "Block this person" not in text(client.get(f"/people/{other.id}"))
