"""What counts in the statistics: public, visible content only.

A proposal counts once published (not a draft) and visible (not hidden, not waiting for
pre-moderation); an experiment or an amendment when visible; a comment when visible, not
deleted, and on something public (a counted proposal, experiment or amendment, or a
section of the master plan); a support when what it supports counts.
"""
from __future__ import annotations

from sqlalchemy import and_, exists, or_, select

from civic.accounts.models import User
from civic.amendments.models import Amendment, AmendmentSupport
from civic.comments.models import Comment
from civic.experiments.models import Experiment, ExperimentSupport
from civic.proposals.models import PUBLIC_STATUSES, Proposal, Support

VISIBLE = "visible"


def public_proposal(model=Proposal):
    return and_(model.status.in_(PUBLIC_STATUSES), model.moderation == VISIBLE)


def visible(model):
    return model.moderation == VISIBLE


def public_comment(model=Comment):
    """Visible, not deleted, and on public content."""
    on_public_target = or_(
        and_(model.target_type == "proposal",
             model.target_id.in_(select(Proposal.id).where(public_proposal()))),
        and_(model.target_type == "experiment",
             model.target_id.in_(select(Experiment.id).where(visible(Experiment)))),
        and_(model.target_type == "amendment",
             model.target_id.in_(select(Amendment.id).where(visible(Amendment)))),
        model.target_type == "section",
    )
    return and_(model.moderation == VISIBLE, model.deleted_at.is_(None), on_public_target)


def support_sources():
    """(support model, its key column, the supported model, what makes that one count)."""
    return (
        (Support, Support.proposal_id, Proposal, public_proposal()),
        (ExperimentSupport, ExperimentSupport.experiment_id, Experiment, visible(Experiment)),
        (AmendmentSupport, AmendmentSupport.amendment_id, Amendment, visible(Amendment)),
    )


def participant_clause():
    """True for an account (not deleted) that wrote or supported something that counts."""
    user_id = User.id
    # Supports first: most participants support something, so OR stops there early.
    contributed = [exists().where(support.user_id == user_id, key == model.id, counts)
                   for support, key, model, counts in support_sources()]
    contributed += [
        exists().where(Proposal.author_id == user_id, public_proposal()),
        exists().where(Amendment.author_id == user_id, visible(Amendment)),
        exists().where(Comment.author_id == user_id, public_comment()),
    ]
    return and_(User.deleted_at.is_(None), or_(*contributed))
