"""The master plan: its sections (axes and flagship projects, the themes) and revisions."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from civic.core.models import TimestampMixin, UTCDateTime, utcnow
from civic.extensions import db


class Section(TimestampMixin, db.Model):
    """An axis (no parent) or a flagship project (parent = its axis).

    The row is the section's lasting identity; its text columns hold the text of the
    current published revision (copied at each publication), so pages and themes read one
    row. Every revision keeps its own copy in RevisionSection.
    """

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


REVISION_STATUSES = ("draft", "published")
SOURCE_TYPES = ("proposal", "amendment", "experiment")


class PlanRevision(db.Model):
    """A version of the whole master plan: the draft being edited, or a published vN."""

    __tablename__ = "plan_revisions"
    __table_args__ = (
        # One draft at a time, whoever starts it: the database says so.
        Index("uq_plan_revisions_one_draft", "status", unique=True,
              sqlite_where=text("status = 'draft'"), postgresql_where=text("status = 'draft'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int | None] = mapped_column(unique=True)  # v1, v2, … once published
    status: Mapped[str] = mapped_column(String(10), default="draft", index=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    based_on_id: Mapped[int | None] = mapped_column(ForeignKey("plan_revisions.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)

    sections: Mapped[list[RevisionSection]] = relationship(
        back_populates="revision", cascade="all, delete-orphan",
        order_by="RevisionSection.position")
    sources: Mapped[list[RevisionSource]] = relationship(
        back_populates="revision", cascade="all, delete-orphan",
        order_by="RevisionSource.id")
    based_on: Mapped[PlanRevision | None] = relationship(remote_side=[id])
    created_by = relationship("User", foreign_keys=[created_by_id])
    published_by = relationship("User", foreign_keys=[published_by_id])

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"

    @property
    def label(self) -> str:
        return f"v{self.number}" if self.number else "draft"


class RevisionSection(db.Model):
    """The text of one section (an axis or a flagship project) in one revision.

    `section_id` is the section's lasting identity (themes point at it); `version` makes
    saves optimistic: a save based on an older version is refused, never silently lost.
    """

    __tablename__ = "plan_revision_sections"
    __table_args__ = (UniqueConstraint("revision_id", "section_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("plan_revisions.id",
                                                        ondelete="CASCADE"), index=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("plan_sections.id"), index=True)
    parent_section_id: Mapped[int | None] = mapped_column(ForeignKey("plan_sections.id"))
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    objectives: Mapped[str] = mapped_column(Text, default="")
    indicators: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(default=1)
    edited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    revision: Mapped[PlanRevision] = relationship(back_populates="sections")
    section: Mapped[Section] = relationship(foreign_keys=[section_id])
    edited_by = relationship("User", foreign_keys=[edited_by_id])

    __mapper_args__ = {"version_id_col": version}


class RevisionSource(db.Model):
    """A contribution a revision cites for a change of one section (its provenance)."""

    __tablename__ = "plan_revision_sources"
    __table_args__ = (
        UniqueConstraint("revision_id", "section_id", "source_type", "source_id"),
        Index("ix_plan_revision_sources_source_type_source_id", "source_type", "source_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("plan_revisions.id",
                                                        ondelete="CASCADE"), index=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("plan_sections.id"), index=True)
    source_type: Mapped[str] = mapped_column(String(20))
    source_id: Mapped[int] = mapped_column()
    note: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    revision: Mapped[PlanRevision] = relationship(back_populates="sources")
    section: Mapped[Section] = relationship()
