"""Public profiles as content: people report a profile (its name or bio), moderators hide it."""
from __future__ import annotations

from flask import url_for

from civic.accounts.models import User
from civic.core.content import ContentType

CONTENT_TYPES = (
    ContentType(
        name="profile", model=User,
        label=lambda user: user.public_name,
        url=lambda user: url_for("profiles.show", user_id=user.id),
        author_id=lambda user: user.id,
        excerpt=lambda user: user.bio[:300],
    ),
)
