"""Amendments as content: what comments, reports and moderation need to know."""
from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select

from civic.amendments.models import FOLLOW_TYPE, Amendment
from civic.core.content import ContentType
from civic.masterplan.queries import campaign_closed_reason


def comments_closed(amendment: Amendment) -> str | None:
    """Open while the amendment waits for a decision, within the section's campaign."""
    if amendment.status == "withdrawn":
        return _("Comments are closed: the author withdrew this amendment.")
    if amendment.status == "accepted":
        return _("Comments are closed: the staff accepted this amendment.")
    if amendment.status == "rejected":
        return _("Comments are closed: the staff rejected this amendment.")
    return campaign_closed_reason(amendment.section)


def _authored_by(user_id: int):
    return select(Amendment.id).where(Amendment.author_id == user_id)


CONTENT_TYPES = (
    ContentType(
        name="amendment", model=Amendment,
        label=lambda a: a.title,
        url=lambda a: url_for("amendments.detail", amendment_id=a.id),
        excerpt=lambda a: a.justification[:300],
        comments_closed=comments_closed,
        follow_type=FOLLOW_TYPE,
        authored_by=_authored_by,
        reportable=True,
        # No on_visibility_change: nothing is counted from an amendment's visibility; the
        # section's lists filter on `moderation == "visible"` themselves.
    ),
)
