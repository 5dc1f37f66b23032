"""proposal search index (FTS5 on SQLite, tsvector + GIN on PostgreSQL)

Revision ID: c848879d72aa
Revises: 0b0970186cf5
Create Date: 2026-11-26 00:53:49

The index holds text normalized in Python (accents folded, stop words dropped, plurals
stripped: civic/search/text.py) so both engines find the same proposals. It is kept out
of the SQLAlchemy metadata (civic/search/schema.py).
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'c848879d72aa'
down_revision = '0b0970186cf5'
branch_labels = None
depends_on = None


def upgrade():
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("CREATE VIRTUAL TABLE proposal_search USING fts5("
                   "title, body, tokenize = 'unicode61 remove_diacritics 2')")
    elif dialect == "postgresql":
        op.execute("CREATE TABLE proposal_search ("
                   "proposal_id integer NOT NULL PRIMARY KEY "
                   "REFERENCES proposals (id) ON DELETE CASCADE, "
                   "document tsvector NOT NULL)")
        op.execute("CREATE INDEX ix_proposal_search_document ON proposal_search "
                   "USING gin (document)")
    else:
        raise NotImplementedError(f"no search index for the {dialect} database")
    _index_existing_proposals(dialect)


INSERTS = {
    "sqlite": "INSERT INTO proposal_search (rowid, title, body) VALUES (:id, :title, :body)",
    "postgresql": "INSERT INTO proposal_search (proposal_id, document) VALUES (:id, "
                  "setweight(to_tsvector('french', :title), 'A') || "
                  "setweight(to_tsvector('french', :body), 'B'))",
}


def _index_existing_proposals(dialect):
    """Proposals published before this migration are searchable too (added after the
    release: the index used to start empty). Data only: the schema is unchanged."""
    # The words are normalized as the running code searches them (civic/search/text.py).
    from civic.search.text import normalize

    connection, last_id = op.get_bind(), 0
    while rows := connection.execute(sa.text(
            "SELECT id, title, body FROM proposals WHERE status <> 'draft' AND id > :last "
            "ORDER BY id LIMIT 1000"), {"last": last_id}).all():
        connection.execute(sa.text(INSERTS[dialect]), [
            {"id": row.id, "title": normalize(row.title or ""),
             "body": normalize(row.body or "")} for row in rows])
        last_id = rows[-1].id


def downgrade():
    op.execute("DROP TABLE IF EXISTS proposal_search")
