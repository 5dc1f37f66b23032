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

SIMILAR_WINDOW = 300  # candidates looked at: bounded cost on a city-scale index

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

    terms = query_terms(title or "")
    if len(terms) < 2:
        terms = (terms + [t for t in query_terms((body or "")[:300]) if t not in terms])[:6]
    if not terms:
        return []
    scores = get_backend().candidates(terms, SIMILAR_WINDOW)
    scores.pop(exclude_id, None)
    ranked = sorted(scores, key=lambda i: (-scores[i], -i))[:limit * 3]
    if not ranked:
        return []
    found = {p.id: p for p in db.session.scalars(
        select(Proposal).where(Proposal.id.in_(ranked), Proposal.status != "draft"))}
    return [found[i] for i in ranked if i in found][:limit]
