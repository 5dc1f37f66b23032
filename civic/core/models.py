"""Column helpers and mixins shared by every domain."""
from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import DateTime, String, Text, TypeDecorator
from sqlalchemy.orm import Mapped, mapped_column


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on SQLite and PostgreSQL alike."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use civic.core.models.utcnow()")
        return value.astimezone(UTC)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime(), default=utcnow, onupdate=utcnow, nullable=False
    )


MODERATION_STATES = ("visible", "pending", "hidden")


class ModeratedMixin:
    """What people wrote that moderators may hide, or must approve first.

    `moderation` is "visible" (public), "pending" (pre-moderation: waits for a moderator's
    approval) or "hidden" (by the moderators, or automatically after enough reports;
    `hidden_reason` is shown publicly in its place).
    """

    moderation: Mapped[str] = mapped_column(String(10), default="visible",
                                            server_default="visible", nullable=False)
    hidden_reason: Mapped[str] = mapped_column(Text, default="", server_default="",
                                               nullable=False)
    moderated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    @property
    def is_visible(self) -> bool:
        return self.moderation == "visible"

    @property
    def is_hidden(self) -> bool:
        return self.moderation == "hidden"

    @property
    def is_pending(self) -> bool:
        return self.moderation == "pending"
