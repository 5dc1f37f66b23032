"""Who hears about what happens to a proposal."""
from __future__ import annotations

from sqlalchemy import select

from civic.accounts.models import User, UserRole
from civic.extensions import db
from civic.follows import services as follows
from civic.notifications.services import notify_all
from civic.proposals.models import FOLLOW_TYPE


def _link(proposal) -> str:
    from civic.mail.services import external_url

    return external_url("proposals.detail", proposal_id=proposal.id)


def _data(proposal, **extra) -> dict:
    return {"title": proposal.title, "reference": proposal.reference or "", **extra}


def lab_members() -> list[User]:
    """Moderators (the usage lab), active accounts only."""
    return list(db.session.scalars(
        select(User).join(UserRole, UserRole.user_id == User.id)
        .where(UserRole.role == "moderator", User.deleted_at.is_(None))
        .order_by(User.id)
    ).unique())


def notify_threshold(proposal) -> int:
    """Every moderator hears (in-app and by e-mail) that the threshold was reached."""
    return notify_all(lab_members(), "proposal.threshold", proposal,
                      data=_data(proposal, supports_count=proposal.supports_count),
                      email_link=_link(proposal), force_email=True)


def notify_status_change(proposal, change, actor) -> int:
    """Followers hear about a new status (and its answer)."""
    kind = "proposal.answered" if change.answer else "proposal.status"
    return notify_all(follows.followers(FOLLOW_TYPE, proposal.id), kind, proposal, actor,
                      data=_data(proposal, from_status=change.from_status,
                                 to_status=change.to_status),
                      email_link=_link(proposal))
