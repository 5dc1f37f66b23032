"""Proposing an amendment: the form, its preview, the rules, pre-moderation."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from civic.amendments import services
from civic.amendments.models import Amendment
from civic.core.errors import DomainError, PermissionDenied
from civic.core.models import utcnow
from civic.extensions import db
from civic.follows.services import is_following
from tests.amendments.conftest import NEW_BODY, SECTION_BODY, form_data
from tests.factories import make_organization, make_section, make_user
from tests.fixtures.http import text


def _count() -> int:
    return db.session.scalar(select(func.count(Amendment.id)))


def _url(section) -> str:
    return f"/plan/sections/{section.id}/amendments/new"


def test_the_form_starts_from_the_current_text(client, login_as, citizen, section, revision):
    login_as(citizen)
    response = client.get(_url(section))
    assert response.status_code == 200
    page = text(response)
    assert "Propose an amendment to “Capteurs de trafic”" in page
    assert SECTION_BODY.replace("'", "&#39;") in page


def test_preview_shows_the_diff_and_saves_nothing(client, login_as, citizen, section,
                                                   revision):
    login_as(citizen)
    data = form_data(save=None, preview="1")
    response = client.post_form(_url(section), data)
    assert response.status_code == 200
    page = text(response)
    assert "Preview: changes to the current text" in page
    assert "<ins>" in page and "<del>" in page
    assert _count() == 0


def test_proposing_saves_against_the_current_version_and_follows(client, login_as, citizen,
                                                                  section, revision):
    login_as(citizen)
    response = client.post_form(_url(section), form_data())
    amendment = db.session.scalars(select(Amendment)).one()
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/amendments/{amendment.id}")
    assert amendment.base_revision_id == revision.id
    assert amendment.status == "pending" and amendment.moderation == "visible"
    assert amendment.proposed_body == NEW_BODY
    assert is_following(citizen, "amendment", amendment.id)
    assert amendment.followers_count == 1
    page = text(client.get(response.headers["Location"]))
    assert "Your amendment is published" in page


@pytest.mark.parametrize("overrides, message", [
    ({"justification": ""}, "This field is required."),
    ({"title": "x" * 151}, "Field cannot be longer than 150 characters."),
    ({"proposed_body": SECTION_BODY}, "The proposed text is identical to the current text"),
    ({"proposed_body": "\r\n" + SECTION_BODY + "  \r\n"},
     "The proposed text is identical to the current text"),
])
def test_invalid_amendments_are_refused(client, login_as, citizen, section, revision,
                                        overrides, message):
    login_as(citizen)
    response = client.post_form(_url(section), form_data(**overrides))
    assert response.status_code == 200
    assert message in text(response)
    assert _count() == 0


def test_identical_text_is_refused_by_the_service(citizen, section, revision):
    with pytest.raises(DomainError, match="identical"):
        services.propose_amendment(citizen, section, {
            "title": "Rien", "proposed_body": SECTION_BODY, "justification": "Pour voir."})


def test_members_propose_on_behalf_of_their_organization(client, login_as, citizen, section,
                                                         revision):
    org = make_organization(owner=citizen, name="Air Toulouse")
    login_as(citizen)
    client.post_form(_url(section), form_data(organization=str(org.id)))
    amendment = db.session.scalars(select(Amendment)).one()
    assert amendment.organization_id == org.id
    assert "Air Toulouse" in text(client.get(f"/amendments/{amendment.id}"))


def test_nobody_proposes_for_an_organization_they_do_not_belong_to(client, login_as, citizen,
                                                                   other_citizen, section,
                                                                   revision):
    org = make_organization(owner=other_citizen, name="Autre association")
    login_as(citizen)
    response = client.post_form(_url(section), form_data(organization=str(org.id)))
    assert "Not a valid choice" in text(response)
    assert _count() == 0
    with pytest.raises(PermissionDenied):
        services.propose_amendment(citizen, section, {
            "title": "T", "proposed_body": NEW_BODY, "justification": "J",
            "organization": org})


def test_blocked_people_cannot_propose(client, login_as, section, revision):
    blocked = make_user(locale="en", blocked_at=utcnow(), block_reason="Spam répété")
    login_as(blocked)
    assert client.get(_url(section)).status_code == 403
    response = client.post_form(_url(section), form_data())
    assert response.status_code == 403
    assert "Your account is blocked" in text(response)
    assert _count() == 0


def test_unconfirmed_people_are_asked_to_confirm(client, login_as, section, revision):
    login_as(make_user(locale="en", confirmed=False))
    response = client.post_form(_url(section), form_data())
    assert response.status_code == 403
    assert "Confirm your e-mail address first" in text(response)
    assert _count() == 0


def test_anonymous_visitors_are_sent_to_log_in(client, section, revision):
    response = client.get(_url(section))
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_no_amendment_before_the_first_published_version(client, login_as, citizen):
    section = make_section(title="Un axe sans version", body="Un texte.")
    login_as(citizen)
    response = client.post_form(_url(section), form_data(), follow_redirects=True)
    assert "no published version yet" in text(response)
    assert _count() == 0
    with pytest.raises(DomainError, match="no published version yet"):
        services.propose_amendment(citizen, section, {
            "title": "T", "proposed_body": NEW_BODY, "justification": "J"})


def test_an_unknown_section_is_404(client, login_as, citizen, revision):
    login_as(citizen)
    assert client.get("/plan/sections/999999/amendments/new").status_code == 404


def test_premoderated_amendments_wait_for_the_moderators(app, monkeypatch, client, login_as,
                                                          citizen, other_citizen, moderator,
                                                          section, revision):
    from civic.moderation.models import ModerationCase

    monkeypatch.setitem(app.config, "PREMODERATION", "all")
    login_as(citizen)
    response = client.post_form(_url(section), form_data(), follow_redirects=True)
    assert "It will be public once the moderators approve it" in text(response)
    amendment = db.session.scalars(select(Amendment)).one()
    assert amendment.moderation == "pending"
    case = db.session.scalars(select(ModerationCase).where(
        ModerationCase.target_type == "amendment")).one()
    assert case.target_id == amendment.id and case.status == "pending"
    # Only the author and the moderators see it; the section's list does not show it.
    login_as(other_citizen)
    assert client.get(f"/amendments/{amendment.id}").status_code == 404
    assert "Mesurer aussi" not in text(client.get(f"/plan/sections/{section.id}/amendments"))
    login_as(moderator)
    assert client.get(f"/amendments/{amendment.id}").status_code == 200


def test_the_form_post_needs_a_csrf_token(client, login_as, citizen, section, revision):
    login_as(citizen)
    response = client.post(_url(section), data=form_data())
    assert response.status_code == 400
    assert _count() == 0
