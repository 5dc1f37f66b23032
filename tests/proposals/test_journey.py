"""Issue 3's "done means", as a new user would try it, through the web pages and the API."""
from sqlalchemy import select

from civic.notifications.models import Notification
from civic.proposals.models import Proposal
from civic.search.index import index_proposal
from tests.factories import make_proposal, make_section, make_user
from tests.proposals.conftest import form_data

TITLE = "Des stationnements vélos sécurisés près des stations de métro"


def test_a_proposal_goes_from_idea_to_accepted_in_public(app, client, login_as, citizen,
                                                         moderator, db):
    app.config["PROPOSAL_SUPPORT_THRESHOLD"] = 3
    theme = make_section(title="Stationnement intelligent",
                         parent=make_section(title="Mobilités intelligentes"))
    similar = make_proposal(theme=theme, title="Plus de stationnements vélo à la gare")
    index_proposal(similar)
    db.session.commit()

    # A citizen drafts the proposal and sees the similar one before publishing.
    login_as(citizen)
    response = client.post_form("/proposals/new", form_data(
        theme, title=TITLE, body="Des abris vélos fermés et surveillés près du métro."))
    assert response.status_code == 302
    proposal = db.session.scalars(select(Proposal).where(Proposal.title == TITLE)).one()
    preview = client.get(f"/proposals/{proposal.id}").get_data(as_text=True)
    assert "Plus de stationnements vélo à la gare" in preview
    assert client.post_form(f"/proposals/{proposal.id}/publish").status_code == 302
    db.session.refresh(proposal)
    assert proposal.status == "published" and proposal.reference.startswith("P-")

    # Others support it until the threshold; the Lab is told.
    supporters = [make_user(locale="en") for _ in range(3)]
    for supporter in supporters:
        login_as(supporter)
        assert client.post_form(f"/proposals/{proposal.id}/support").status_code == 302
    db.session.refresh(proposal)
    assert proposal.supports_count == 3 and proposal.threshold_reached_at is not None
    assert db.session.scalar(select(Notification).where(
        Notification.user_id == moderator.id, Notification.target_id == proposal.id))

    # A supporter follows it; the Lab reviews and accepts it with a public answer.
    login_as(supporters[0])
    client.post_form(f"/proposals/{proposal.id}/follow")
    login_as(moderator)
    for status, answer in (("under_review", ""), ("accepted", "Le Lab retient l'idée.")):
        response = client.post_form(f"/proposals/{proposal.id}/status",
                                    {"status": status, "answer": answer})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
    db.session.refresh(proposal)
    assert proposal.status == "accepted" and proposal.answer == "Le Lab retient l'idée."
    for follower in (citizen, supporters[0]):
        assert db.session.scalar(select(Notification).where(
            Notification.user_id == follower.id, Notification.target_id == proposal.id,
            Notification.kind.like("%status%")))
    page = client.get(f"/proposals/{proposal.id}").get_data(as_text=True)
    assert "Le Lab retient l&#39;idée." in page or "Le Lab retient l'idée." in page

    # Anyone finds it by searching without accents, and the API has the right counts.
    listing = client.get("/proposals/?q=velo+metro").get_data(as_text=True)
    assert TITLE in listing
    api = client.get("/api/v1/proposals?q=velo%20metro").get_json()
    item = next(i for i in api["items"] if i["id"] == proposal.id)
    assert item["supports_count"] == 3 and item["status"] == "accepted"
