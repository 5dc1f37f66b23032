"""Keep the proposal search index in step with proposals (called by proposal services).

Only public proposals are indexed: a draft is removed from the index. These functions
write in the caller's transaction and never commit.
"""
from __future__ import annotations

from civic.extensions import db
from civic.search.backends import get_backend


def index_proposal(proposal) -> None:
    """(Re)index `proposal`; a draft is taken out of the index instead."""
    if proposal.id is None:
        db.session.flush()
    if proposal.status == "draft":
        remove_proposal(proposal.id)
        return
    get_backend().index(proposal.id, proposal.title or "", proposal.body or "")


def remove_proposal(proposal_id: int) -> None:
    """Drop a proposal from the search index (no-op if it is not there)."""
    get_backend().remove(proposal_id)
