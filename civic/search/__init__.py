"""Full-text search of proposals, French-aware, on SQLite (FTS5) and PostgreSQL.

    matching_ids(q)        a SELECT of matching proposal ids (civic.proposals.queries
                           combines it with the list's other filters: drafts, hidden and
                           pending proposals excluded)
    similar_proposals(title, body, exclude_id=None, limit=5)
    index.index_proposal(proposal) / index.remove_proposal(proposal_id)
"""
from __future__ import annotations

from sqlalchemy import select

from civic.extensions import db
from civic.search.backends import get_backend
from civic.search.text import query_terms

SIMILAR_WINDOW = 300  # candidates looked at: bounded cost on a city-scale index

__all__ = ["matching_ids", "query_terms", "similar_proposals"]


def matching_ids(q: str):
    """A SELECT of the ids of indexed proposals holding every word of `q`, or None when
    `q` has no searchable word (only stop words or punctuation)."""
    terms = query_terms(q)
    if not terms:
        return None
    return get_backend().matching_ids(terms)


def similar_proposals(title: str, body: str = "", exclude_id: int | None = None,
                      limit: int = 5) -> list:
    """Public proposals that look like the one being written (shared words, titles first);
    never one the moderators hid or have not approved yet."""
    from civic.proposals.models import PUBLIC_STATUSES, Proposal

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
    # By primary key, visibility checked here: with the visibility in the WHERE clause,
    # SQLite without fresh statistics walked a visibility index of every proposal.
    found = {p.id: p for p in db.session.scalars(select(Proposal).where(Proposal.id.in_(ranked)))
             if p.status in PUBLIC_STATUSES and p.moderation == "visible"}
    return [found[i] for i in ranked if i in found][:limit]
