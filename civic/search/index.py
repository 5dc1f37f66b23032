"""Keep the proposal search index in step with proposals (called by proposal services).

Only public proposals are indexed: a draft is removed from the index. These functions
write in the caller's transaction and never commit.
"""
from __future__ import annotations

from sqlalchemy import select, text

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


def reindex_all(batch_size: int = 1000) -> int:
    """Rebuild the whole index from the proposals (after a restore or a bulk import);
    returns how many public proposals were indexed. The caller commits."""
    from civic.proposals.models import PUBLIC_STATUSES, Proposal

    db.session.execute(text("DELETE FROM proposal_search"))
    backend, count, last_id = get_backend(), 0, 0
    while True:
        rows = db.session.execute(
            select(Proposal.id, Proposal.title, Proposal.body)
            .where(Proposal.status.in_(PUBLIC_STATUSES), Proposal.id > last_id)
            .order_by(Proposal.id).limit(batch_size)).all()
        if not rows:
            return count
        for proposal_id, title, body in rows:
            backend.index(proposal_id, title or "", body or "")
        count += len(rows)
        last_id = rows[-1][0]
