"""A person's proposals, supports, follows and notifications in the GDPR export, the public
profile and the account deletion."""
import json

from sqlalchemy import func, select

from civic.accounts import profile_services
from civic.extensions import db
from civic.follows.models import Follow
from civic.notifications.models import Notification
from civic.notifications.services import notify
from civic.proposals import supports
from civic.proposals.models import Proposal
from tests.factories import DEFAULT_PASSWORD, make_proposal
from tests.fixtures.http import text


def _activity(citizen, other_citizen, theme):
    own = make_proposal(author=citizen, theme=theme, title="Des arceaux vélo rue d'Alsace")
    draft = make_proposal(author=citizen, theme=theme, status="draft", title="Brouillon privé")
    other = make_proposal(author=other_citizen, theme=theme, title="Une idée voisine")
    supports.support_proposal(citizen, other)
    supports.follow_proposal(citizen, other)

    notify(citizen, "proposal.status", other, actor=other_citizen, data={})
    db.session.commit()
    return own, draft, other


def test_export_holds_proposals_supports_follows_and_notifications(
        client, login_as, citizen, other_citizen, theme):
    own, draft, other = _activity(citizen, other_citizen, theme)
    login_as(citizen)
    data = json.loads(client.post_form("/settings/export").get_data(as_text=True))
    assert {p["id"] for p in data["proposals"]} == {own.id, draft.id}
    assert [s["proposal_id"] for s in data["supports"]] == [other.id]
    assert [f["proposal_id"] for f in data["followed_proposals"]] == [other.id]
    assert [n["kind"] for n in data["notifications"]] == ["proposal.status"]


def test_profile_lists_published_proposals_not_drafts(client, citizen, other_citizen, theme):
    _activity(citizen, other_citizen, theme)
    page = text(client.get(f"/people/{citizen.id}"))
    assert "Des arceaux vélo rue d&#39;Alsace" in page or "Des arceaux vélo rue d'Alsace" in page
    assert "Brouillon privé" not in page


def test_deletion_drops_drafts_follows_and_notifications_but_keeps_the_record(
        citizen, other_citizen, theme):
    own, draft, other = _activity(citizen, other_citizen, theme)
    draft_id = draft.id
    assert other.followers_count == 1
    profile_services.delete_account(citizen, password=DEFAULT_PASSWORD)
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Proposal, draft_id) is None
    assert db.session.get(Proposal, own.id).author.public_name == "Deleted participant"
    assert db.session.get(Proposal, other.id).followers_count == 0
    assert db.session.get(Proposal, other.id).supports_count == 1  # public record stays
    for model in (Follow, Notification):
        assert db.session.scalar(select(func.count()).select_from(model)
                                 .where(model.user_id == citizen.id)) == 0
