"""Experiments, their partners, linked proposals, journal, evaluation and supports."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Column,
    Date,
    Float,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from civic.core.models import ModeratedMixin, TimestampMixin, UTCDateTime, utcnow
from civic.extensions import db

EXPERIMENT_STATUSES = ("planned", "running", "evaluated", "stopped")
PARTNER_ROLES = ("lead", "partner")
OUTCOMES = ("adopt", "adapt", "abandon")
FOLLOW_TYPE = "experiment"  # what a Follow of an experiment has as target_type

experiment_proposals = Table(
    "experiment_proposals", db.metadata,
    Column("experiment_id", ForeignKey("experiments.id", ondelete="CASCADE"),
           primary_key=True),
    Column("proposal_id", ForeignKey("proposals.id", ondelete="CASCADE"), primary_key=True,
           index=True),
)


class Experiment(ModeratedMixin, TimestampMixin, db.Model):
    """A real-world experiment: planned → running → evaluated (or stopped, with a reason)."""

    __tablename__ = "experiments"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(150))
    description: Mapped[str] = mapped_column(Text, default="")
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("plan_sections.id"), index=True)
    status: Mapped[str] = mapped_column(String(12), default="planned", index=True)
    stop_reason: Mapped[str] = mapped_column(Text, default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    latitude: Mapped[float | None] = mapped_column()
    longitude: Mapped[float | None] = mapped_column()
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    budget_euros: Mapped[int | None] = mapped_column(Integer)  # whole euros; optional
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    evaluated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    stopped_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    supports_count: Mapped[int] = mapped_column(Integer, default=0)
    comments_count: Mapped[int] = mapped_column(Integer, default=0)  # visible comments
    followers_count: Mapped[int] = mapped_column(Integer, default=0)

    theme = relationship("Section")
    created_by = relationship("User", foreign_keys=[created_by_id])
    partners: Mapped[list[ExperimentPartner]] = relationship(
        back_populates="experiment", cascade="all, delete-orphan",
        order_by="ExperimentPartner.position")
    proposals = relationship("Proposal", secondary=experiment_proposals,
                             order_by="Proposal.id")
    updates: Mapped[list[ExperimentUpdate]] = relationship(
        back_populates="experiment", cascade="all, delete-orphan",
        order_by="(ExperimentUpdate.happened_on.desc(), ExperimentUpdate.id.desc())")
    evaluation: Mapped[Evaluation | None] = relationship(
        back_populates="experiment", cascade="all, delete-orphan", uselist=False)

    @property
    def has_place(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def __str__(self) -> str:
        return self.title


class ExperimentPartner(db.Model):
    """An organization taking part in an experiment, as its lead or as a partner."""

    __tablename__ = "experiment_partners"
    __table_args__ = (UniqueConstraint("experiment_id", "organization_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    experiment_id: Mapped[int] = mapped_column(ForeignKey("experiments.id", ondelete="CASCADE"))
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    role: Mapped[str] = mapped_column(String(10), default="partner")
    position: Mapped[int] = mapped_column(Integer, default=0)

    experiment: Mapped[Experiment] = relationship(back_populates="partners")
    organization = relationship("Organization", lazy="joined")


class ExperimentUpdate(db.Model):
    """A dated entry of the experiment's public journal."""

    __tablename__ = "experiment_updates"

    id: Mapped[int] = mapped_column(primary_key=True)
    experiment_id: Mapped[int] = mapped_column(ForeignKey("experiments.id", ondelete="CASCADE"),
                                               index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    title: Mapped[str] = mapped_column(String(150))
    body: Mapped[str] = mapped_column(Text, default="")
    happened_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    experiment: Mapped[Experiment] = relationship(back_populates="updates")
    author = relationship("User")


class Evaluation(TimestampMixin, db.Model):
    """The public evaluation that ends an experiment: outcome, indicators, lessons."""

    __tablename__ = "experiment_evaluations"

    id: Mapped[int] = mapped_column(primary_key=True)
    experiment_id: Mapped[int] = mapped_column(
        ForeignKey("experiments.id", ondelete="CASCADE"), unique=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    summary: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(String(10))
    lessons: Mapped[str] = mapped_column(Text, default="")

    experiment: Mapped[Experiment] = relationship(back_populates="evaluation")
    author = relationship("User")
    indicators: Mapped[list[Indicator]] = relationship(
        back_populates="evaluation", cascade="all, delete-orphan",
        order_by="Indicator.position")


class Indicator(db.Model):
    """One measured indicator of an evaluation (name, unit, target, measured value)."""

    __tablename__ = "evaluation_indicators"

    id: Mapped[int] = mapped_column(primary_key=True)
    evaluation_id: Mapped[int] = mapped_column(
        ForeignKey("experiment_evaluations.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(150))
    unit: Mapped[str] = mapped_column(String(40), default="")
    target: Mapped[float | None] = mapped_column(Float)
    measured: Mapped[float | None] = mapped_column(Float)
    position: Mapped[int] = mapped_column(Integer, default=0)

    evaluation: Mapped[Evaluation] = relationship(back_populates="indicators")


class ExperimentSupport(db.Model):
    """One account supports one experiment once: the database says so."""

    __tablename__ = "experiment_supports"
    __table_args__ = (UniqueConstraint("experiment_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    experiment_id: Mapped[int] = mapped_column(ForeignKey("experiments.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         index=True)
    # Indexed: the statistics count supports per month as range counts on it.
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
