"""Proposals, their attachments, supports and the public timeline of status changes."""
from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from civic.core.models import ModeratedMixin, TimestampMixin, UTCDateTime, utcnow
from civic.extensions import db

PROPOSAL_KINDS = ("idea", "experiment")
PROPOSAL_STATUSES = ("draft", "published", "under_review", "accepted", "rejected",
                     "experimenting", "integrated", "withdrawn")
OPEN_STATUSES = ("published", "under_review")
PUBLIC_STATUSES = tuple(s for s in PROPOSAL_STATUSES if s != "draft")
FOLLOW_TYPE = "proposal"  # what a Follow of a proposal has as target_type


def new_random_key() -> int:
    return secrets.randbelow(2**31)


class Proposal(ModeratedMixin, TimestampMixin, db.Model):
    """An idea or experiment proposal, private while a draft, public once published."""

    __tablename__ = "proposals"
    __table_args__ = (
        Index("ix_proposals_status_published_at", "status", "published_at"),
        Index("ix_proposals_status_supports_count", "status", "supports_count"),
        # These two cover the count of public proposals, by theme (with any filter of
        # the list, and its recent order) or in all (the list's main fixed cost), and the
        # random order, read in index order (queries._random_page_ids): performance.md.
        Index("ix_proposals_theme_filters", "theme_id", "moderation", "status", "kind",
              "organization_id", "latitude", "longitude", "published_at"),
        Index("ix_proposals_moderation_random_key", "moderation", "random_key", "status",
              "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str | None] = mapped_column(String(20), unique=True)
    title: Mapped[str] = mapped_column(String(150))
    body: Mapped[str] = mapped_column(Text, default="")
    theme_id: Mapped[int] = mapped_column(ForeignKey("plan_sections.id"), index=True)
    kind: Mapped[str] = mapped_column(String(12), default="idea")
    status: Mapped[str] = mapped_column(String(16), default="draft", index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"),
                                                        index=True)
    address: Mapped[str] = mapped_column(String(300), default="")
    latitude: Mapped[float | None] = mapped_column()
    longitude: Mapped[float | None] = mapped_column()
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    answer: Mapped[str] = mapped_column(Text, default="")
    supports_count: Mapped[int] = mapped_column(Integer, default=0, index=True)
    # Visible comments; indexed for the "most commented" order.
    comments_count: Mapped[int] = mapped_column(Integer, default=0, index=True)
    followers_count: Mapped[int] = mapped_column(Integer, default=0)
    threshold_reached_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    random_key: Mapped[int] = mapped_column(Integer, default=new_random_key, index=True)

    theme = relationship("Section")
    author = relationship("User", foreign_keys=[author_id])
    organization = relationship("Organization")
    attachments: Mapped[list[ProposalAttachment]] = relationship(
        back_populates="proposal", cascade="all, delete-orphan",
        order_by="ProposalAttachment.position",
    )

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def has_place(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def __str__(self) -> str:
        return self.title

    def __repr__(self) -> str:
        return f"<Proposal {self.id} {self.reference or 'draft'}>"


class ProposalAttachment(db.Model):
    __tablename__ = "proposal_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposals.id", ondelete="CASCADE"),
                                             index=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("stored_files.id"))
    position: Mapped[int] = mapped_column(Integer, default=0)

    proposal: Mapped[Proposal] = relationship(back_populates="attachments")
    file = relationship("StoredFile", lazy="joined")


class Support(db.Model):
    """One account supports one proposal once: the database says so."""

    __tablename__ = "proposal_supports"
    __table_args__ = (UniqueConstraint("proposal_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposals.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         index=True)
    # Indexed: the statistics count supports per month as range counts on it.
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)


class StatusChange(db.Model):
    """One step of a proposal's public timeline (the internal note is for the Lab only)."""

    __tablename__ = "proposal_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposals.id", ondelete="CASCADE"),
                                             index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    from_status: Mapped[str] = mapped_column(String(16))
    to_status: Mapped[str] = mapped_column(String(16))
    answer: Mapped[str] = mapped_column(Text, default="")
    internal_note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    actor = relationship("User")
