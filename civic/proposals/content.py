"""Proposals as content: what comments, reports and moderation need to know."""
from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select

from civic.core.content import ContentType
from civic.masterplan.queries import campaign_closed_reason
from civic.proposals.models import FOLLOW_TYPE, Proposal


def comments_closed(proposal: Proposal) -> str | None:
    if proposal.status == "draft":
        return _("Publish the proposal before anyone can comment on it.")
    if proposal.status == "withdrawn":
        return _("Comments are closed: the author withdrew this proposal.")
    if proposal.status == "rejected":
        return _("Comments are closed: the usage lab rejected this proposal.")
    return campaign_closed_reason(proposal.theme)


def _authored_by(user_id: int):
    return select(Proposal.id).where(Proposal.author_id == user_id,
                                     Proposal.status != "draft")


CONTENT_TYPES = (
    ContentType(
        name="proposal", model=Proposal,
        label=lambda p: p.title,
        url=lambda p: url_for("proposals.detail", proposal_id=p.id),
        excerpt=lambda p: p.body[:300],
        comments_closed=comments_closed,
        follow_type=FOLLOW_TYPE,
        authored_by=_authored_by,
        # No on_visibility_change: nothing is counted from a proposal's visibility. The
        # search index keeps every public proposal and the lists, counts, search, similar
        # proposals, API and activities filter on `moderation == "visible"` themselves,
        # so hiding, restoring or approving takes effect at once.
    ),
)
