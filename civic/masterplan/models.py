"""The master plan's structure: axes and their flagship projects (the themes)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from civic.core.models import TimestampMixin, UTCDateTime
from civic.extensions import db


class Section(TimestampMixin, db.Model):
    """An axis (no parent) or a flagship project (parent = its axis)."""

    __tablename__ = "plan_sections"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("plan_sections.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    objectives: Mapped[str] = mapped_column(Text, default="")
    indicators: Mapped[str] = mapped_column(Text, default="")
    campaign_opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    campaign_closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    support_threshold: Mapped[int | None] = mapped_column()
    comments_count: Mapped[int] = mapped_column(default=0, server_default="0")

    parent: Mapped[Section | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Section]] = relationship(back_populates="parent",
                                                   order_by="Section.position")

    @property
    def is_axis(self) -> bool:
        return self.parent_id is None

    def __str__(self) -> str:
        return self.title
