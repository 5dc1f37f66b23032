"""Proposing: drafts, publication, edits, withdrawal, organizations, places, attachments."""
from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from civic.core.errors import DomainError, PermissionDenied
from civic.proposals import services, supports
from civic.proposals.models import Proposal, StatusChange
from tests.factories import make_organization, make_proposal, make_user
from tests.fixtures.http import text
from tests.proposals.conftest import EN, form_data
from tests.uploads.images import pdf_bytes, png_bytes


def _data(theme, **kw):
    data = {"title": "Des arbres rue de Metz", "body": "Planter des arbres pour l'ombre.",
            "theme": theme, "kind": "idea", "organization": None, "address": "",
            "latitude": None, "longitude": None}
    data.update(kw)
    return data


# --- services ------------------------------------------------------------------------

def test_create_proposal_saves_a_private_draft(db, citizen, theme):
    proposal = services.create_proposal(citizen, _data(theme))
    assert proposal.status == "draft" and proposal.reference is None
    assert proposal.author == citizen and proposal.theme == theme


def test_publish_assigns_a_yearly_reference_and_follows(db, citizen, theme):
    first = services.create_proposal(citizen, _data(theme))
    second = services.create_proposal(citizen, _data(theme, title="Une autre idée"))
    services.publish_proposal(citizen, first)
    services.publish_proposal(citizen, second)
    year = first.published_at.year
    assert first.reference == f"P-{year}-0001"
    assert second.reference == f"P-{year}-0002"
    assert first.status == "published" and first.followers_count == 1
    changes = db.session.scalars(select(StatusChange).where(
        StatusChange.proposal_id == first.id)).all()
    assert [(c.from_status, c.to_status) for c in changes] == [("draft", "published")]


def test_unconfirmed_account_cannot_publish(db, theme):
    user = make_user(confirmed=False)
    proposal = services.create_proposal(user, _data(theme))
    with pytest.raises(PermissionDenied, match="Confirm your e-mail"):
        services.publish_proposal(user, proposal)


def test_latitude_outside_the_metropolis_is_refused(db, citizen, theme):
    with pytest.raises(DomainError) as error:
        services.create_proposal(citizen, _data(theme, latitude=48.85, longitude=2.35))
    assert error.value.field == "latitude"
    proposal = services.create_proposal(citizen, _data(theme, latitude=43.6045,
                                                       longitude=1.4440))
    assert proposal.has_place


def test_organization_one_does_not_belong_to_is_refused(db, citizen, other_citizen, theme):
    foreign = make_organization(owner=other_citizen)
    with pytest.raises(PermissionDenied):
        services.create_proposal(citizen, _data(theme, organization=foreign))
    own = make_organization(owner=citizen)
    assert services.create_proposal(citizen, _data(theme, organization=own)).organization == own


def test_edit_is_refused_after_the_first_support(db, proposal, citizen, other_citizen):
    services.update_proposal(citizen, proposal, _data(proposal.theme, title="Titre revu"))
    assert proposal.edited_at is not None
    supports.support_proposal(other_citizen, proposal)
    with pytest.raises(PermissionDenied):
        services.update_proposal(citizen, proposal, _data(proposal.theme, title="Encore"))


def test_edit_is_refused_after_an_answer(db, proposal, citizen, moderator):
    from civic.proposals.review import change_status

    change_status(moderator, proposal, "under_review", answer="Nous regardons.")
    with pytest.raises(PermissionDenied):
        services.update_proposal(citizen, proposal, _data(proposal.theme))


def test_withdraw_from_public_statuses_only(db, proposal, citizen, other_citizen, moderator):
    with pytest.raises(PermissionDenied):
        services.withdraw_proposal(other_citizen, proposal)
    services.withdraw_proposal(citizen, proposal)
    assert proposal.status == "withdrawn" and proposal.withdrawn_at is not None
    accepted = make_proposal(author=citizen, status="accepted")
    with pytest.raises(PermissionDenied):
        services.withdraw_proposal(citizen, accepted)


# --- views ---------------------------------------------------------------------------

def test_new_proposal_form_creates_a_draft_and_shows_its_preview(client, login_as, citizen,
                                                                theme, db):
    login_as(citizen)
    assert client.get("/proposals/new", headers=EN).status_code == 200
    response = client.post_form("/proposals/new", form_data(theme), headers=EN)
    assert response.status_code == 302
    proposal = db.session.scalars(select(Proposal)).one()
    assert proposal.status == "draft"
    page = client.get(response.headers["Location"], headers=EN)
    assert "Preview of your draft" in text(page) and "Publish" in text(page)


def test_drafts_are_private(client, login_as, draft, other_citizen, moderator):
    assert client.get(f"/proposals/{draft.id}").status_code == 404
    login_as(other_citizen)
    assert client.get(f"/proposals/{draft.id}").status_code == 404
    login_as(moderator)
    assert client.get(f"/proposals/{draft.id}").status_code == 404


def test_publish_through_the_view(client, login_as, draft, citizen):
    login_as(citizen)
    response = client.post_form(f"/proposals/{draft.id}/publish")
    assert response.status_code == 302
    assert draft.status == "published" and draft.reference.startswith("P-")
    assert client.get(f"/proposals/{draft.id}").status_code == 200


def test_unconfirmed_author_is_told_how_to_confirm(client, login_as, theme):
    user = make_user(confirmed=False, locale="en")
    draft = make_proposal(author=user, theme=theme, status="draft")
    login_as(user)
    page = text(client.get(f"/proposals/{draft.id}", headers=EN))
    assert "Confirm your e-mail address to publish" in page
    assert "resend" in page  # the button that sends a new confirmation link
    client.post_form(f"/proposals/{draft.id}/publish", headers=EN)
    assert draft.status == "draft"


def test_similar_proposals_are_shown_on_the_preview(client, login_as, draft, citizen,
                                                    monkeypatch):
    other = make_proposal(title="Des bancs au Capitole")
    import civic.search

    monkeypatch.setattr(civic.search, "similar_proposals",
                        lambda title, body, exclude_id, limit=5: [other])
    login_as(citizen)
    page = text(client.get(f"/proposals/{draft.id}", headers=EN))
    assert "Des bancs au Capitole" in page
    assert f"/proposals/{other.id}/support" in page


def test_edit_view_refused_after_first_support(client, login_as, proposal, citizen,
                                               other_citizen, db):
    login_as(citizen)
    assert client.get(f"/proposals/{proposal.id}/edit").status_code == 200
    data = form_data(proposal.theme, title="Des bancs connectés et ombragés")
    assert client.post_form(f"/proposals/{proposal.id}/edit", data).status_code == 302
    assert proposal.title == "Des bancs connectés et ombragés"
    assert "edited" in text(client.get(f"/proposals/{proposal.id}", headers=EN))
    supports.support_proposal(other_citizen, proposal)
    db.session.commit()
    client.post_form(f"/proposals/{proposal.id}/edit", form_data(proposal.theme, title="Non"))
    assert proposal.title == "Des bancs connectés et ombragés"


def test_withdraw_view_keeps_the_proposal_visible(client, login_as, proposal, citizen):
    login_as(citizen)
    client.post_form(f"/proposals/{proposal.id}/withdraw")
    assert proposal.status == "withdrawn"
    page = client.get(f"/proposals/{proposal.id}", headers=EN)
    assert page.status_code == 200 and "Withdrawn" in text(page)


def test_posting_for_a_foreign_organization_is_refused(client, login_as, citizen,
                                                       other_citizen, theme, db):
    foreign = make_organization(owner=other_citizen)
    login_as(citizen)
    response = client.post_form("/proposals/new",
                                form_data(theme, organization=str(foreign.id)), headers=EN)
    assert response.status_code == 200
    assert db.session.scalars(select(Proposal)).first() is None


def test_latitude_outside_bounds_is_refused_by_the_form(client, login_as, citizen, theme, db):
    login_as(citizen)
    response = client.post_form("/proposals/new",
                                form_data(theme, latitude="48.8566", longitude="2.3522"),
                                headers=EN)
    assert response.status_code == 200 and "outside" in text(response)
    assert db.session.scalars(select(Proposal)).first() is None


def test_valid_png_and_pdf_are_attached(client, login_as, citizen, theme, db):
    login_as(citizen)
    data = form_data(theme)
    data["attachments"] = [(io.BytesIO(png_bytes()), "plan.png"),
                           (io.BytesIO(pdf_bytes()), "dossier.pdf")]
    response = client.post_form("/proposals/new", data, content_type="multipart/form-data")
    assert response.status_code == 302
    proposal = db.session.scalars(select(Proposal)).one()
    assert [a.file.content_type for a in proposal.attachments] == ["image/png",
                                                                    "application/pdf"]
    page = text(client.get(f"/proposals/{proposal.id}"))
    assert f"/files/{proposal.attachments[0].file.key}" in page


def test_a_fake_file_is_refused(client, login_as, citizen, theme, db):
    login_as(citizen)
    data = form_data(theme)
    data["attachments"] = [(io.BytesIO(b"<script>alert(1)</script>"), "image.png")]
    response = client.post_form("/proposals/new", data, content_type="multipart/form-data",
                                headers=EN)
    assert response.status_code == 200 and "not a PDF" in text(response)
    assert db.session.scalars(select(Proposal)).first() is None
