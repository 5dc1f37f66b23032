"""proposal search index (FTS5 on SQLite, tsvector + GIN on PostgreSQL)

Revision ID: c848879d72aa
Revises: 0b0970186cf5
Create Date: 2026-11-26 00:53:49

The index holds text normalized in Python (accents folded, stop words dropped, plurals
stripped: civic/search/text.py) so both engines find the same proposals. It is kept out
of the SQLAlchemy metadata (civic/search/schema.py).
"""
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


def downgrade():
    op.execute("DROP TABLE IF EXISTS proposal_search")
