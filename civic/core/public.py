"""What the public sees, as SQL conditions shared by open data, the API and the statistics.

A proposal is public once published (not a draft) and visible (neither hidden nor
awaiting pre-moderation); an experiment or an amendment when visible; a comment's target
when it is a public proposal, a visible experiment or amendment, or a section of the
master plan. People appear by their public name, or as "Deleted participant".
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, or_, select

from civic.amendments.models import Amendment
from civic.comments.models import Comment
from civic.experiments.models import Experiment
from civic.proposals.models import PUBLIC_STATUSES, Proposal

VISIBLE = "visible"
DELETED_PARTICIPANT = _l("Deleted participant")


def visible(model):
    """Neither hidden by the moderators nor awaiting pre-moderation."""
    return model.moderation == VISIBLE


def public_proposal(model=Proposal):
    return and_(model.status.in_(PUBLIC_STATUSES), visible(model))


def public_proposal_ids():
    return select(Proposal.id).where(public_proposal())


def visible_ids(model):
    """The ids of the visible experiments or amendments (a subquery)."""
    return select(model.id).where(visible(model))


def on_public_target(model=Comment):
    """A comment (or anything with target_type/target_id) on public content."""
    return or_(
        and_(model.target_type == "proposal", model.target_id.in_(public_proposal_ids())),
        and_(model.target_type == "experiment", model.target_id.in_(visible_ids(Experiment))),
        and_(model.target_type == "amendment", model.target_id.in_(visible_ids(Amendment))),
        model.target_type == "section",
    )


def public_name(display_name: str | None, deleted_at, deleted=DELETED_PARTICIPANT) -> str:
    """A person as the site shows them: `deleted` ("Deleted participant", in the current
    language unless a fixed text is given) once the account is gone; "" for nobody."""
    if display_name is None:
        return ""
    return str(deleted) if deleted_at is not None else display_name
