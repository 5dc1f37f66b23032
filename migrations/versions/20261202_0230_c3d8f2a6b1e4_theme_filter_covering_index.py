"""proposals: one index covering a theme's list whatever its filter

proposals (theme_id, moderation, status, kind, organization_id, latitude, longitude,
published_at) replaces (theme_id, moderation, status): the count and the page ids of a
theme's list with a kind, author or place filter are read from the index alone (SQLite
read the whole table for them: 60-250 ms on 100,000 proposals, now 1-7 ms).

See docs/performance.md, "Load benchmark (mixed traffic)".

Revision ID: c3d8f2a6b1e4
Revises: b7e1c4a9d2f3
Create Date: 2026-12-02 02:30:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'c3d8f2a6b1e4'
down_revision = 'b7e1c4a9d2f3'
branch_labels = None
depends_on = None

COLUMNS = ["theme_id", "moderation", "status", "kind", "organization_id", "latitude",
           "longitude", "published_at"]


def upgrade():
    op.create_index("ix_proposals_theme_filters", "proposals", COLUMNS, unique=False)
    op.drop_index("ix_proposals_theme_id_moderation_status", table_name="proposals")


def downgrade():
    op.create_index("ix_proposals_theme_id_moderation_status", "proposals",
                    ["theme_id", "moderation", "status"], unique=False)
    op.drop_index("ix_proposals_theme_filters", table_name="proposals")
