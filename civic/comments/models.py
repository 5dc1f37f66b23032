"""Comments on any registered content type (see civic.core.content), and votes on them."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from civic.core.models import ModeratedMixin, UTCDateTime, utcnow
from civic.extensions import db

ALIGNMENTS = ("for", "against", "neutral")
MAX_DEPTH = 3  # a comment (1), a reply (2), a reply to a reply (3)


class Comment(ModeratedMixin, db.Model):
    """One comment; deleted ones keep their row (and replies) with the body erased."""

    __tablename__ = "comments"
    __table_args__ = (
        Index("ix_comments_target_type_target_id", "target_type", "target_id"),
        CheckConstraint("alignment IN ('for', 'against', 'neutral')", name="alignment"),
        CheckConstraint("depth BETWEEN 1 AND 3", name="depth"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    target_type: Mapped[str] = mapped_column(String(30))
    target_id: Mapped[int] = mapped_column(Integer)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("comments.id", ondelete="CASCADE"), index=True)
    depth: Mapped[int] = mapped_column(SmallInteger, default=1)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL"), index=True)
    alignment: Mapped[str] = mapped_column(String(10), default="neutral")
    body: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    upvotes: Mapped[int] = mapped_column(Integer, default=0)
    downvotes: Mapped[int] = mapped_column(Integer, default=0)

    author = relationship("User", foreign_keys=[author_id])
    organization = relationship("Organization")
    parent: Mapped[Comment | None] = relationship(remote_side=[id])

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def score(self) -> int:
        return self.upvotes - self.downvotes

    def __str__(self) -> str:
        return f"comment {self.id}"


class CommentVote(db.Model):
    """One up (+1) or down (-1) vote per account and comment: the database says so."""

    __tablename__ = "comment_votes"
    __table_args__ = (
        UniqueConstraint("comment_id", "user_id"),
        CheckConstraint("value IN (-1, 1)", name="value"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         index=True)
    value: Mapped[int] = mapped_column(SmallInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
