"""Full-text search of proposals, French-aware, on SQLite (FTS5) and PostgreSQL.

    matching_ids(q)        a SELECT of matching proposal ids (combine with other filters)
    search_proposal_ids(q, limit, offset) / count_proposals(q)
    similar_proposals(title, body, exclude_id=None, limit=5)
    index.index_proposal(proposal) / index.remove_proposal(proposal_id)
"""
from __future__ import annotations

from sqlalchemy import func, select

from civic.extensions import db
from civic.search.backends import get_backend
from civic.search.text import query_terms

__all__ = ["count_proposals", "matching_ids", "query_terms", "search_proposal_ids",
           "similar_proposals"]


def matching_ids(q: str):
    """A SELECT of the ids of indexed proposals holding every word of `q`, or None when
    `q` has no searchable word (only stop words or punctuation)."""
    terms = query_terms(q)
    if not terms:
        return None
    return get_backend().matching_ids(terms)


def _public_matches(q: str):
    from civic.proposals.models import Proposal

    ids = matching_ids(q)
    if ids is None:
        return None
    return select(Proposal.id).where(Proposal.id.in_(ids), Proposal.status != "draft")


def search_proposal_ids(q: str, limit: int = 20, offset: int = 0) -> list[int]:
    """Ids of public proposals matching `q`, most recently published first."""
    from civic.proposals.models import Proposal

    query = _public_matches(q)
    if query is None:
        return []
    query = query.order_by(Proposal.published_at.desc(), Proposal.id.desc())
    return list(db.session.scalars(query.limit(limit).offset(offset)))


def count_proposals(q: str) -> int:
    """How many public proposals match `q`."""
    query = _public_matches(q)
    if query is None:
        return 0
    return db.session.scalar(select(func.count()).select_from(query.subquery())) or 0


def similar_proposals(title: str, body: str = "", exclude_id: int | None = None,
                      limit: int = 5) -> list:
    """Public proposals that look like the one being written (shared words, titles first)."""
    from civic.proposals.models import Proposal

    terms = query_terms(f"{title or ''} {(body or '')[:300]}")
    if not terms:
        return []
    # Ask for more than needed: drafts and the excluded proposal are filtered afterwards.
    ids = get_backend().ranked_ids(terms, limit * 4 + 1)
    if not ids:
        return []
    found = {p.id: p for p in db.session.scalars(
        select(Proposal).where(Proposal.id.in_(ids), Proposal.status != "draft"))}
    ordered = [found[i] for i in ids if i in found and i != exclude_id]
    return ordered[:limit]
