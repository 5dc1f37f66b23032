"""One search interface, two engines: SQLite FTS5 and PostgreSQL full-text search.

Both index the text normalized by civic.search.text, so they find the same proposals.
The index lives in the table `proposal_search`, created by a dialect-specific migration
and kept out of the SQLAlchemy metadata (see civic.search.schema).
"""
from __future__ import annotations

from sqlalchemy import Integer, column, text

from civic.extensions import db
from civic.search.text import normalize


class SQLiteBackend:
    """FTS5 virtual table proposal_search(title, body); rowid is the proposal id."""

    name = "sqlite"

    def index(self, proposal_id: int, title: str, body: str) -> None:
        self.remove(proposal_id)
        db.session.execute(
            text("INSERT INTO proposal_search (rowid, title, body) VALUES (:id, :title, :body)"),
            {"id": proposal_id, "title": normalize(title), "body": normalize(body)},
        )

    def remove(self, proposal_id: int) -> None:
        db.session.execute(text("DELETE FROM proposal_search WHERE rowid = :id"),
                           {"id": proposal_id})

    def matching_ids(self, terms: list[str]):
        """A SELECT of the ids of proposals holding every term."""
        return (text("SELECT rowid FROM proposal_search WHERE proposal_search MATCH :fts")
                .bindparams(fts=_fts_expression(terms, " "))
                .columns(column("rowid", Integer)))

    def candidates(self, terms: list[str], window: int) -> dict[int, int]:
        """The most recent proposals holding all the terms, then any of them (bounded:
        FTS5 walks its rowids backwards and stops), scored by shared terms, titles x3."""
        scores: dict[int, int] = {}
        for joiner in (" ", " OR "):
            rows = db.session.execute(
                text("SELECT rowid, title, body FROM proposal_search "
                     "WHERE proposal_search MATCH :fts ORDER BY rowid DESC LIMIT :window"),
                {"fts": _fts_expression(terms, joiner), "window": window},
            )
            for rowid, title, body in rows:
                title_words, body_words = set(title.split()), set(body.split())
                scores[rowid] = sum(3 * (t in title_words) + (t in body_words) for t in terms)
        return scores


def _fts_expression(terms: list[str], joiner: str) -> str:
    # Terms are normalized to [a-z0-9]+; quoting each one makes it a plain string for FTS5
    # whatever it is (a bare AND, OR, NOT or NEAR would otherwise be an operator).
    return joiner.join(f'"{term}"' for term in terms)


class PostgresBackend:
    """Table proposal_search(proposal_id, document tsvector) with a GIN index."""

    name = "postgresql"

    def index(self, proposal_id: int, title: str, body: str) -> None:
        db.session.execute(
            text("INSERT INTO proposal_search (proposal_id, document) VALUES (:id, "
                 "setweight(to_tsvector('french', :title), 'A') || "
                 "setweight(to_tsvector('french', :body), 'B')) "
                 "ON CONFLICT (proposal_id) DO UPDATE SET document = EXCLUDED.document"),
            {"id": proposal_id, "title": normalize(title), "body": normalize(body)},
        )

    def remove(self, proposal_id: int) -> None:
        db.session.execute(text("DELETE FROM proposal_search WHERE proposal_id = :id"),
                           {"id": proposal_id})

    def matching_ids(self, terms: list[str]):
        return (text("SELECT proposal_id FROM proposal_search "
                     "WHERE document @@ to_tsquery('french', :tsq)")
                .bindparams(tsq=" & ".join(terms))
                .columns(column("proposal_id", Integer)))

    def candidates(self, terms: list[str], window: int) -> dict[int, int]:
        """Same as SQLite's: recent proposals holding all, then any of the terms, scored
        by ts_rank (titles weigh more: setweight A)."""
        scores: dict[int, int] = {}
        for joiner in (" & ", " | "):
            rows = db.session.execute(
                text("SELECT proposal_id, ts_rank(document, to_tsquery('french', :tsq)) "
                     "FROM (SELECT proposal_id, document FROM proposal_search "
                     "WHERE document @@ to_tsquery('french', :tsq) "
                     "ORDER BY proposal_id DESC LIMIT :window) AS recent"),
                {"tsq": joiner.join(terms), "window": window},
            )
            for proposal_id, rank in rows:
                scores[proposal_id] = int(rank * 1_000_000)
        return scores


_BACKENDS = {"sqlite": SQLiteBackend(), "postgresql": PostgresBackend()}


def get_backend():
    """The backend for the current database engine."""
    name = db.engine.dialect.name
    try:
        return _BACKENDS[name]
    except KeyError:
        raise RuntimeError(f"civic search does not support the {name!r} database") from None
