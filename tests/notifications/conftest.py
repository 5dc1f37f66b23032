"""Shared helpers for the notification tests."""
from __future__ import annotations

import re

import pytest

from civic.extensions import db
from civic.notifications import services
from tests.fixtures.english import EN, request_ctx  # noqa: F401

FORM_RE = re.compile(r'action="(/notifications/(\d+)/open)"')

# One sample of every kind, with the data the other domains store.
SAMPLES = {
    "comment.reply": {"title": "Des bancs au Capitole", "path": "/proposals/1#comment-7",
                      "excerpt": "Bonne idée, et à Rangueil ?", "actor_name": "Alix"},
    "comment.new": {"title": "Des bancs au Capitole", "path": "/proposals/1#comment-8",
                    "excerpt": "Je soutiens", "actor_name": "Alix"},
    "comment.mention": {"title": "Des bancs au Capitole", "path": "/proposals/1#comment-9",
                        "excerpt": "@Camille qu’en penses-tu ?", "actor_name": "Alix"},
    "moderation.hidden": {"title": "Mon commentaire", "path": "/proposals/1#comment-3",
                          "reason": "propos injurieux"},
    "moderation.restored": {"title": "Mon commentaire", "path": "/proposals/1#comment-3",
                            "reason": "signalement abusif"},
    "moderation.report": {"title": "Un commentaire signalé", "path": "/moderation",
                          "reports_count": 3},
    "moderation.pending": {"title": "Un nouveau commentaire", "path": "/moderation"},
    "account.blocked": {"reason": "spam répété", "until": "2031-03-15", "path": "/settings"},
    "account.unblocked": {"reason": "", "until": "", "path": "/settings"},
    "proposal.status": {"title": "Des bancs au Capitole", "path": "/proposals/1",
                        "to_status": "under_review"},
    "proposal.answered": {"title": "Des bancs au Capitole", "path": "/proposals/1"},
    "proposal.threshold": {"title": "Des bancs au Capitole", "path": "/proposals/1"},
}


def add(user, kind="proposal.status", commit=True, **data):
    """One notification for `user` (data defaults to a proposal-like title and path)."""
    data = {"title": "Un titre", "path": "/proposals/1", **data}
    notification = services.notify(user, kind, None, data=data)
    if commit:
        db.session.commit()
    return notification


@pytest.fixture
def reader(db_session):
    """A person who reads the site in English."""
    from tests.factories import make_user

    return make_user(display_name="Robin Reader", locale="en", email="robin@example.org")
