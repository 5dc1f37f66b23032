"""indexes for the load benchmark: supports' created_at, proposal list counts and sorts

- proposal_supports / experiment_supports / amendment_supports (created_at): the
  statistics count supports per month as range counts on it instead of grouping (sorting,
  on SQLite) every support;
- proposals (moderation, status, random_key): covers the count of public proposals (a
  table scan since the moderation column came) and the random order's keys;
- proposals (theme_id, moderation, status) replaces (theme_id, status): covers the count
  of a theme's public proposals;
- proposals (comments_count): the "most commented" order reads it instead of sorting.

See docs/performance.md, "Load benchmark (mixed traffic)".

Revision ID: b7e1c4a9d2f3
Revises: 68866ef9201f
Create Date: 2026-12-02 01:10:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'b7e1c4a9d2f3'
down_revision = '68866ef9201f'
branch_labels = None
depends_on = None

TABLES = ("proposal_supports", "experiment_supports", "amendment_supports")


def upgrade():
    for table in TABLES:
        op.create_index(op.f(f"ix_{table}_created_at"), table, ["created_at"], unique=False)
    op.create_index("ix_proposals_moderation_status_random_key", "proposals",
                    ["moderation", "status", "random_key"], unique=False)
    op.create_index(op.f("ix_proposals_comments_count"), "proposals", ["comments_count"],
                    unique=False)
    op.create_index("ix_proposals_theme_id_moderation_status", "proposals",
                    ["theme_id", "moderation", "status"], unique=False)
    op.drop_index("ix_proposals_theme_id_status", table_name="proposals")


def downgrade():
    op.create_index("ix_proposals_theme_id_status", "proposals", ["theme_id", "status"],
                    unique=False)
    op.drop_index("ix_proposals_theme_id_moderation_status", table_name="proposals")
    op.drop_index(op.f("ix_proposals_comments_count"), table_name="proposals")
    op.drop_index("ix_proposals_moderation_status_random_key", table_name="proposals")
    for table in reversed(TABLES):
        op.drop_index(op.f(f"ix_{table}_created_at"), table_name=table)
