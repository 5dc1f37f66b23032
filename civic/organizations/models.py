"""Organizations (startups, companies, associations, labs, public bodies) and members."""
from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from civic.core import permissions
from civic.core.models import TimestampMixin, UTCDateTime, utcnow
from civic.extensions import db

ORGANIZATION_KINDS = {
    "startup": _l("Startup"),
    "company": _l("Company"),
    "association": _l("Association"),
    "research": _l("Research lab"),
    "public_body": _l("Public body"),
}
MEMBER_ROLES = ("owner", "member")


class Organization(TimestampMixin, db.Model):
    __tablename__ = "organizations"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(20), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    logo_id: Mapped[int | None] = mapped_column(ForeignKey("stored_files.id",
                                                           ondelete="SET NULL"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    logo = relationship("StoredFile", lazy="joined")
    memberships: Mapped[list[Membership]] = relationship(
        back_populates="organization", cascade="all, delete-orphan",
        order_by="Membership.created_at",
    )

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    @property
    def kind_label(self) -> str:
        return str(ORGANIZATION_KINDS.get(self.kind, self.kind))

    def role_of(self, user) -> str | None:
        user_id = getattr(user, "id", None)
        for membership in self.memberships:
            if membership.user_id == user_id:
                return membership.role
        return None

    def can_manage(self, user) -> bool:
        return permissions.can_manage_organization(user, self)

    def can_act_for(self, user) -> bool:
        return permissions.can_act_for_organization(user, self)

    def __str__(self) -> str:
        return self.name


class Membership(db.Model):
    __tablename__ = "organization_members"
    __table_args__ = (UniqueConstraint("organization_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(10), default="member")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    organization: Mapped[Organization] = relationship(back_populates="memberships")
    user = relationship("User", lazy="joined")


class Invitation(db.Model):
    """An owner invites someone by e-mail; the signed link in the mail accepts it."""

    __tablename__ = "organization_invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(String(254))
    role: Mapped[str] = mapped_column(String(10), default="member")
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    accepted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    organization: Mapped[Organization] = relationship()

    @property
    def role_label(self) -> str:
        """The role offered, as a word inside a sentence ("as owner", "as member")."""
        return str(_l("owner") if self.role == "owner" else _l("member"))


JOIN_REQUEST_STATUSES = ("pending", "approved", "rejected")


class JoinRequest(db.Model):
    __tablename__ = "organization_join_requests"
    __table_args__ = (UniqueConstraint("organization_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    message: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default="pending")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    organization: Mapped[Organization] = relationship()
    user = relationship("User", foreign_keys=[user_id], lazy="joined")
