"""Accounts and site roles."""
from __future__ import annotations

import secrets
from datetime import datetime

from flask_babel import gettext as _
from flask_login import UserMixin
from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from civic.core.models import ModeratedMixin, TimestampMixin, UTCDateTime, utcnow
from civic.extensions import db

EMAIL_FREQUENCIES = ("immediate", "daily", "never")


def new_session_key() -> str:
    return secrets.token_urlsafe(24)


class User(UserMixin, ModeratedMixin, TimestampMixin, db.Model):
    """An account. `moderation` is about the public profile (a reported bio can be hidden)."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(80))
    # Case- and accent-folded display name: unique, so @mentions are unambiguous.
    display_name_key: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    bio: Mapped[str] = mapped_column(Text, default="")
    locale: Mapped[str] = mapped_column(String(5), default="fr")
    email_frequency: Mapped[str] = mapped_column(String(10), default="daily")
    email_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    pending_email: Mapped[str | None] = mapped_column(String(254))
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Rotated on password change, reset and deletion: every other session ends.
    session_key: Mapped[str] = mapped_column(String(40), unique=True, default=new_session_key)
    # Blocked by the moderators: cannot post, comment, support or report until
    # `blocked_until` (None: until unblocked). The reason is shown to the person.
    blocked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    blocked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    block_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    # When the last daily digest was prepared (notifications e-mailed up to then).
    last_digest_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    roles: Mapped[list[UserRole]] = relationship(
        back_populates="user", lazy="selectin", cascade="all, delete-orphan",
        foreign_keys="UserRole.user_id",
    )

    def get_id(self) -> str:
        return self.session_key

    @property
    def is_active(self) -> bool:
        return self.deleted_at is None

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_confirmed(self) -> bool:
        return self.email_confirmed_at is not None

    @property
    def is_blocked(self) -> bool:
        if self.blocked_at is None:
            return False
        return self.blocked_until is None or self.blocked_until > utcnow()

    @property
    def role_names(self) -> frozenset[str]:
        return frozenset(r.role for r in self.roles)

    @property
    def public_name(self) -> str:
        return _("Deleted participant") if self.is_deleted else self.display_name

    def __repr__(self) -> str:
        return f"<User {self.id} {self.display_name!r}>"


class UserRole(db.Model):
    __tablename__ = "user_roles"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True)
    role: Mapped[str] = mapped_column(String(20), primary_key=True)
    granted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    user: Mapped[User] = relationship(back_populates="roles", foreign_keys=[user_id])
    granted_by: Mapped[User | None] = relationship(foreign_keys=[granted_by_id])
