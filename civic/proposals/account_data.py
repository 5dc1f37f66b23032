"""A person's proposals, supports and follows: GDPR export, profile activity, erasure."""
from __future__ import annotations

from typing import Any

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import delete, select

from civic.extensions import db
from civic.follows.models import Follow
from civic.proposals.models import FOLLOW_TYPE, Proposal, ProposalAttachment, Support
from civic.proposals.supports import TOGGLES
from civic.uploads.models import StoredFile
from civic.uploads.services import discard_upload


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def export(user) -> dict[str, Any]:
    """Every proposal the person wrote (drafts included), supported or follows."""
    proposals = db.session.scalars(
        select(Proposal).where(Proposal.author_id == user.id).order_by(Proposal.id))
    supports = db.session.execute(
        select(Support.created_at, Proposal.id, Proposal.reference, Proposal.title)
        .join(Proposal, Proposal.id == Support.proposal_id)
        .where(Support.user_id == user.id).order_by(Support.created_at))
    followed = db.session.execute(
        select(Follow.created_at, Proposal.id, Proposal.reference, Proposal.title)
        .join(Proposal, Proposal.id == Follow.target_id)
        .where(Follow.user_id == user.id, Follow.target_type == FOLLOW_TYPE)
        .order_by(Follow.created_at))
    return {
        "proposals": [
            {"id": p.id, "reference": p.reference, "title": p.title, "body": p.body,
             "status": p.status, "kind": p.kind, "theme_id": p.theme_id,
             "organization_id": p.organization_id, "address": p.address,
             "latitude": p.latitude, "longitude": p.longitude,
             "created_at": _iso(p.created_at), "published_at": _iso(p.published_at),
             "withdrawn_at": _iso(p.withdrawn_at)}
            for p in proposals
        ],
        "supports": [{"proposal_id": pid, "reference": ref, "title": title,
                      "created_at": _iso(at)} for at, pid, ref, title in supports],
        "followed_proposals": [{"proposal_id": pid, "reference": ref, "title": title,
                                "created_at": _iso(at)} for at, pid, ref, title in followed],
    }


def activity(user) -> list:
    """The person's public proposals (not hidden, not awaiting approval), for their
    public profile."""
    from civic.accounts.profile_data import ActivityItem

    published = db.session.scalars(
        select(Proposal).where(Proposal.author_id == user.id, Proposal.status != "draft",
                               Proposal.moderation == "visible")
        .order_by(Proposal.published_at.desc()).limit(30))
    return [ActivityItem(p.published_at or p.created_at, "proposal",
                         _("Proposed “%(title)s”", title=p.title),
                         url_for("proposals.detail", proposal_id=p.id))
            for p in published]


def erase(user) -> None:
    """On account deletion: drop private drafts and follows (followers counts stay exact).
    Published proposals (with their attachments) and supports stay: they are part of the
    public record. The drafts' attachments go with the drafts."""
    TOGGLES.erase_follows(user)
    # Follows of kinds that lower no counter go too (those that do went first: their
    # account_data comes before this module in civic.ACCOUNT_PARTS).
    db.session.execute(delete(Follow).where(Follow.user_id == user.id)
                       .execution_options(synchronize_session=False))
    draft_files = list(db.session.scalars(
        select(StoredFile).join(ProposalAttachment, ProposalAttachment.file_id == StoredFile.id)
        .join(Proposal, Proposal.id == ProposalAttachment.proposal_id)
        .where(Proposal.author_id == user.id, Proposal.status == "draft")))
    db.session.execute(delete(Proposal).where(Proposal.author_id == user.id,
                                              Proposal.status == "draft")
                       .execution_options(synchronize_session=False))
    for stored in draft_files:  # their attachment rows went with the drafts (cascade)
        discard_upload(stored)
