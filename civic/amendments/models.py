"""Amendments to a section of the master plan, and supports of them."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from civic.core.models import ModeratedMixin, TimestampMixin, UTCDateTime, utcnow
from civic.extensions import db

AMENDMENT_STATUSES = ("pending", "accepted", "rejected", "withdrawn")
FOLLOW_TYPE = "amendment"


class Amendment(ModeratedMixin, TimestampMixin, db.Model):
    """A proposed new text for one section, written against one published revision."""

    __tablename__ = "amendments"

    id: Mapped[int] = mapped_column(primary_key=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("plan_sections.id"), index=True)
    base_revision_id: Mapped[int] = mapped_column(ForeignKey("plan_revisions.id"))
    title: Mapped[str] = mapped_column(String(150))
    proposed_body: Mapped[str] = mapped_column(Text)
    justification: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"),
                                                        index=True)
    status: Mapped[str] = mapped_column(String(10), default="pending", index=True)
    answer: Mapped[str] = mapped_column(Text, default="")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    accepted_into_id: Mapped[int | None] = mapped_column(ForeignKey("plan_revisions.id"))
    supports_count: Mapped[int] = mapped_column(Integer, default=0)
    comments_count: Mapped[int] = mapped_column(Integer, default=0)  # visible comments
    followers_count: Mapped[int] = mapped_column(Integer, default=0)

    section = relationship("Section")
    base_revision = relationship("PlanRevision", foreign_keys=[base_revision_id])
    accepted_into = relationship("PlanRevision", foreign_keys=[accepted_into_id])
    author = relationship("User", foreign_keys=[author_id])
    decided_by = relationship("User", foreign_keys=[decided_by_id])
    organization = relationship("Organization")

    def __str__(self) -> str:
        return self.title


class AmendmentSupport(db.Model):
    """One account supports one amendment once: the database says so."""

    __tablename__ = "amendment_supports"
    __table_args__ = (UniqueConstraint("amendment_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    amendment_id: Mapped[int] = mapped_column(ForeignKey("amendments.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         index=True)
    # Indexed: the statistics count supports per month as range counts on it.
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
