"""What counts in the statistics: public, visible content only.

A proposal counts once published (not a draft) and visible (not hidden, not waiting for
pre-moderation); an experiment or an amendment when visible; a comment when visible, not
deleted, and on something public (a counted proposal, experiment or amendment, or a
section of the master plan); a support when what it supports counts.
"""
from __future__ import annotations

from sqlalchemy import and_, exists, or_

from civic.accounts.models import User
from civic.amendments.models import Amendment, AmendmentSupport
from civic.comments.models import Comment
from civic.core.public import VISIBLE, on_public_target, public_proposal, visible
from civic.experiments.models import Experiment, ExperimentSupport
from civic.proposals.models import Proposal, Support


def public_comment(model=Comment):
    """Visible, not deleted, and on public content."""
    return and_(model.moderation == VISIBLE, model.deleted_at.is_(None),
                on_public_target(model))


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
