"""A person's amendments, supports and follows: GDPR export, profile activity, erasure."""
from __future__ import annotations

from typing import Any

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select

from civic.amendments.models import Amendment
from civic.amendments.supports import TOGGLES
from civic.extensions import db


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def export(user) -> dict[str, Any]:
    """Every amendment the person wrote, supported or follows."""
    amendments = db.session.scalars(
        select(Amendment).where(Amendment.author_id == user.id).order_by(Amendment.id))
    supports = TOGGLES.exported_supports(user)
    followed = TOGGLES.exported_follows(user)
    return {
        "amendments": [
            {"id": a.id, "section_id": a.section_id, "base_revision_id": a.base_revision_id,
             "title": a.title, "proposed_body": a.proposed_body,
             "justification": a.justification, "organization_id": a.organization_id,
             "status": a.status, "answer": a.answer, "moderation": a.moderation,
             "created_at": _iso(a.created_at), "decided_at": _iso(a.decided_at)}
            for a in amendments
        ],
        "amendment_supports": [{"amendment_id": aid, "title": title, "created_at": _iso(at)}
                               for at, aid, title in supports],
        "followed_amendments": [{"amendment_id": aid, "title": title,
                                 "created_at": _iso(at)} for at, aid, title in followed],
    }


def activity(user) -> list:
    """The person's public amendments (not hidden, not awaiting approval)."""
    from civic.accounts.profile_data import ActivityItem

    public = db.session.scalars(
        select(Amendment).where(Amendment.author_id == user.id,
                                Amendment.moderation == "visible")
        .order_by(Amendment.created_at.desc()).limit(30))
    return [ActivityItem(a.created_at, "amendment",
                         _("Proposed the amendment “%(title)s”", title=a.title),
                         url_for("amendments.detail", amendment_id=a.id))
            for a in public]


def erase(user) -> None:
    """On account deletion: drop the person's supports and follows of amendments, keeping
    the counts exact. Their amendments stay, signed "Deleted participant"."""
    TOGGLES.erase_supports(user)
    TOGGLES.erase_follows(user)
