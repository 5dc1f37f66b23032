"""JSON shapes of the public API: only what the public pages show."""
from __future__ import annotations

from datetime import datetime

from flask import current_app, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from civic.core.sanitize import render_markdown


def absolute(path: str) -> str:
    return current_app.config["BASE_URL"] + path


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def author(user) -> dict:
    if user is None or user.is_deleted:
        with force_locale("en"):
            return {"display_name": _("Deleted participant"), "profile_url": None}
    return {"display_name": user.display_name,
            "profile_url": absolute(url_for("profiles.show", user_id=user.id))}


def organization(org) -> dict | None:
    if org is None:
        return None
    return {"id": org.id, "name": org.name, "kind": org.kind, "verified": org.is_verified}


def theme(section) -> dict | None:
    if section is None:
        return None
    return {"id": section.id, "slug": section.slug, "title": section.title}


def proposal(p) -> dict:
    return {
        "id": p.id,
        "reference": p.reference,
        "title": p.title,
        "body_html": str(render_markdown(p.body or "")),
        "status": p.status,
        "kind": p.kind,
        "theme": theme(p.theme),
        "author": author(p.author),
        "organization": organization(p.organization),
        "supports_count": p.supports_count,
        "comments_count": p.comments_count,
        "latitude": p.latitude,
        "longitude": p.longitude,
        "address": p.address or "",
        "created_at": _iso(p.created_at),
        "published_at": _iso(p.published_at),
        "url": absolute(url_for("proposals.detail", proposal_id=p.id)),
    }


def status_change(change) -> dict:
    """One public step of the timeline: the internal note is never included."""
    return {"from_status": change.from_status, "to_status": change.to_status,
            "answer": change.answer or "", "created_at": _iso(change.created_at)}


def section(s) -> dict:
    return {"id": s.id, "slug": s.slug, "title": s.title, "parent_id": s.parent_id,
            "position": s.position}
