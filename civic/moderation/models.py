"""Reports and the moderation case of each reported (or pre-moderated) item."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from civic.core.models import UTCDateTime, utcnow
from civic.extensions import db

REPORT_REASONS = ("spam", "offensive", "off_topic", "personal_data", "illegal", "other")
# reported: waits for a decision (hidden automatically past the threshold);
# pending: pre-moderation, waits for approval; withdrawn: its author deleted (or withdrew)
# the item while the case was open, which closes it; the others are decisions.
CASE_STATUSES = ("reported", "pending", "hidden", "dismissed", "restored", "approved",
                 "withdrawn")
OPEN_CASE_STATUSES = ("reported", "pending")


class ModerationCase(db.Model):
    """Everything moderators know and decided about one item (target_type, target_id)."""

    __tablename__ = "moderation_cases"
    __table_args__ = (
        UniqueConstraint("target_type", "target_id"),
        Index("ix_moderation_cases_status_reports_count", "status", "reports_count"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    target_type: Mapped[str] = mapped_column(String(30))
    target_id: Mapped[int] = mapped_column(Integer)
    target_author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True)
    status: Mapped[str] = mapped_column(String(12), default="reported")
    reports_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_reported_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id",
                                                                 ondelete="SET NULL"))
    decision_reason: Mapped[str] = mapped_column(Text, default="")

    target_author = relationship("User", foreign_keys=[target_author_id])
    decided_by = relationship("User", foreign_keys=[decided_by_id])


class Report(db.Model):
    """One person's report of one item: one per person and item (the database says so)."""

    __tablename__ = "reports"
    __table_args__ = (UniqueConstraint("case_id", "reporter_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("moderation_cases.id", ondelete="CASCADE"),
                                         index=True)
    reporter_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                             index=True)
    reason: Mapped[str] = mapped_column(String(20))
    details: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    case: Mapped[ModerationCase] = relationship()
    reporter = relationship("User", foreign_keys=[reporter_id])
