"""Export kinds of what people write: proposals, their supports, comments."""
from __future__ import annotations

import hashlib
import hmac

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, func, or_, select

from civic.accounts.models import User
from civic.amendments.models import Amendment
from civic.comments.models import Comment
from civic.core.models import MODERATION_STATES
from civic.core.public import public_name
from civic.core.sql import utc_day
from civic.experiments.models import Experiment
from civic.exports.kinds import (
    Column,
    Filters,
    Kind,
    in_date_range,
    in_theme,
    register,
    theme_ids,
    with_status,
)
from civic.masterplan.models import Section
from civic.organizations.models import Organization
from civic.proposals.models import PUBLIC_STATUSES, Proposal, Support

PSEUDONYM_LENGTH = 16  # hex characters of HMAC-SHA256(SECRET_KEY, user id)


def pseudonym(user_id: int) -> str:
    """A stable pseudonymous id for an account: the same in every export, yet impossible
    to turn back into the account without the site's secret key."""
    key = current_app.config["SECRET_KEY"]
    key = key.encode() if isinstance(key, str) else key
    return hmac.new(key, str(user_id).encode(), hashlib.sha256).hexdigest()[:PSEUDONYM_LENGTH]


# --- proposals ------------------------------------------------------------------------

def _proposals(filters: Filters):
    stmt = (select(Proposal.id, Proposal.reference, Proposal.title, Proposal.body,
                   Proposal.kind, Proposal.status, Proposal.theme_id,
                   Section.title.label("theme"), User.display_name, User.deleted_at,
                   Organization.name.label("organization"), Proposal.created_at,
                   Proposal.published_at, Proposal.answered_at, Proposal.supports_count,
                   Proposal.comments_count, Proposal.followers_count, Proposal.moderation)
            .join(Section, Section.id == Proposal.theme_id)
            .join(User, User.id == Proposal.author_id)
            .outerjoin(Organization, Organization.id == Proposal.organization_id)
            .where(Proposal.status != "draft")  # drafts are private to their author
            .order_by(Proposal.id))
    stmt = in_theme(stmt, Proposal.theme_id, filters)
    stmt = with_status(stmt, Proposal.status, filters)
    return in_date_range(stmt, Proposal.published_at, filters)


def _proposal_row(r, extra) -> list:
    return [r.id, r.reference, r.title, r.body, r.kind, r.status, r.theme_id, r.theme,
            public_name(r.display_name, r.deleted_at), r.organization, r.created_at,
            r.published_at, r.answered_at, r.supports_count, r.comments_count,
            r.followers_count, r.moderation]


register(Kind(
    name="proposals", order=10, label=_l("Proposals"),
    description=_l("Every published proposal (drafts excepted), hidden or awaiting "
                   "moderation ones included with their moderation state."),
    columns=(
        Column("id", _l("Id"), "int"), Column("reference", _l("Reference")),
        Column("title", _l("Title")), Column("body", _l("Text")),
        Column("kind", _l("Kind")), Column("status", _l("Status")),
        Column("theme_id", _l("Theme id"), "int"), Column("theme", _l("Theme")),
        Column("author", _l("Author")), Column("organization", _l("Organization")),
        Column("created_at", _l("Created at"), "datetime"),
        Column("published_at", _l("Published at"), "datetime"),
        Column("answered_at", _l("Answered at"), "datetime"),
        Column("supports_count", _l("Supports"), "int"),
        Column("comments_count", _l("Comments"), "int"),
        Column("followers_count", _l("Followers"), "int"),
        Column("moderation", _l("Moderation")),
    ),
    query=_proposals, to_row=_proposal_row, statuses=PUBLIC_STATUSES, themed=True,
    date_label=_l("publication date"),
))


# --- supports -------------------------------------------------------------------------

def _supports_base(filters: Filters, *columns):
    stmt = (select(*columns).select_from(Support)
            .join(Proposal, Proposal.id == Support.proposal_id))
    stmt = in_theme(stmt, Proposal.theme_id, filters)
    stmt = with_status(stmt, Proposal.status, filters)
    return in_date_range(stmt, Support.created_at, filters)


def _supports_per_day(filters: Filters):
    day = utc_day(Support.created_at).label("day")
    keys = (Proposal.id, Proposal.reference, Proposal.theme_id, Section.title)
    return (_supports_base(filters, *keys, day, func.count(Support.id).label("supports"))
            .join(Section, Section.id == Proposal.theme_id)
            .group_by(*keys, day).order_by(Proposal.id, day))


register(Kind(
    name="supports", order=20, label=_l("Supports per proposal and day"),
    description=_l("How many supports each proposal received each day (UTC): no "
                   "supporter is named."),
    columns=(
        Column("proposal_id", _l("Proposal id"), "int"),
        Column("reference", _l("Reference")),
        Column("theme_id", _l("Theme id"), "int"), Column("theme", _l("Theme")),
        Column("day", _l("Day"), "date"), Column("supports", _l("Supports"), "int"),
    ),
    query=_supports_per_day, to_row=lambda r, extra: list(r), statuses=PUBLIC_STATUSES,
    themed=True, date_label=_l("support date"),
))


def _supports_per_theme(filters: Filters):
    day = utc_day(Support.created_at).label("day")
    keys = (Proposal.theme_id, Section.title)
    return (_supports_base(filters, *keys, day, func.count(Support.id).label("supports"))
            .join(Section, Section.id == Proposal.theme_id)
            .group_by(*keys, day).order_by(Proposal.theme_id, day))


register(Kind(
    name="supports_by_theme", order=21, label=_l("Supports per theme and day"),
    description=_l("How many supports the proposals of each theme received each day "
                   "(UTC)."),
    columns=(
        Column("theme_id", _l("Theme id"), "int"), Column("theme", _l("Theme")),
        Column("day", _l("Day"), "date"), Column("supports", _l("Supports"), "int"),
    ),
    query=_supports_per_theme, to_row=lambda r, extra: list(r), statuses=PUBLIC_STATUSES,
    themed=True, date_label=_l("support date"),
))


def _supports_individual(filters: Filters):
    return (_supports_base(filters, Support.id, Support.proposal_id, Proposal.reference,
                           Support.user_id, Support.created_at)
            .order_by(Support.id))


def _individual_row(r, extra) -> list:
    return [r.proposal_id, r.reference, pseudonym(r.user_id), r.created_at]


register(Kind(
    name="supports_individual", order=22, label=_l("Individual supports (pseudonymous)"),
    description=_l("One row per support. Supporters appear as a pseudonym, the same in "
                   "every export, never as a name, account or e-mail address."),
    columns=(
        Column("proposal_id", _l("Proposal id"), "int"),
        Column("reference", _l("Reference")),
        Column("supporter", _l("Supporter (pseudonym)")),
        Column("created_at", _l("Supported at"), "datetime"),
    ),
    query=_supports_individual, to_row=_individual_row, statuses=PUBLIC_STATUSES,
    themed=True, date_label=_l("support date"),
))


# --- comments -------------------------------------------------------------------------

def _comment_in_theme(theme_id: int):
    """Comments on a proposal, experiment, amendment or section of the theme."""
    sections = theme_ids(theme_id)
    targets = (
        ("proposal", select(Proposal.id).where(Proposal.theme_id.in_(sections))),
        ("experiment", select(Experiment.id).where(Experiment.theme_id.in_(sections))),
        ("amendment", select(Amendment.id).where(Amendment.section_id.in_(sections))),
        ("section", sections),
    )
    return or_(*(and_(Comment.target_type == name, Comment.target_id.in_(ids))
                 for name, ids in targets))


def _comments(filters: Filters):
    stmt = (select(Comment.id, Comment.target_type, Comment.target_id, Comment.parent_id,
                   Comment.depth, User.display_name,
                   User.deleted_at.label("author_deleted_at"),
                   Organization.name.label("organization"), Comment.alignment, Comment.body,
                   Comment.created_at, Comment.edited_at, Comment.deleted_at,
                   Comment.upvotes, Comment.downvotes, Comment.moderation)
            .join(User, User.id == Comment.author_id)
            .outerjoin(Organization, Organization.id == Comment.organization_id)
            .order_by(Comment.id))
    if filters.theme_id is not None:
        stmt = stmt.where(_comment_in_theme(filters.theme_id))
    stmt = with_status(stmt, Comment.moderation, filters)
    return in_date_range(stmt, Comment.created_at, filters)


def _comment_row(r, extra) -> list:
    deleted = r.deleted_at is not None
    return [r.id, r.target_type, r.target_id, r.parent_id, r.depth,
            public_name(r.display_name, r.author_deleted_at),
            r.organization, r.alignment, "" if deleted else r.body, r.created_at,
            r.edited_at, r.deleted_at, r.upvotes, r.downvotes, r.moderation]


register(Kind(
    name="comments", order=30, label=_l("Comments"),
    description=_l("Every comment on proposals, experiments, amendments and the plan; "
                   "deleted ones keep their row with an empty text. The status filter is "
                   "the moderation state."),
    columns=(
        Column("id", _l("Id"), "int"), Column("target_type", _l("Commented item type")),
        Column("target_id", _l("Commented item id"), "int"),
        Column("parent_id", _l("Reply to"), "int"), Column("depth", _l("Depth"), "int"),
        Column("author", _l("Author")), Column("organization", _l("Organization")),
        Column("alignment", _l("Position")), Column("body", _l("Text")),
        Column("created_at", _l("Created at"), "datetime"),
        Column("edited_at", _l("Edited at"), "datetime"),
        Column("deleted_at", _l("Deleted at"), "datetime"),
        Column("upvotes", _l("Up votes"), "int"), Column("downvotes", _l("Down votes"), "int"),
        Column("moderation", _l("Moderation")),
    ),
    query=_comments, to_row=_comment_row, statuses=MODERATION_STATES, themed=True,
    date_label=_l("creation date"),
))
