"""history: appeal records (past and live) for analytics and search; the search index

Revision ID: 0006_history
Revises: 0005_leases
Create Date: 2026-12-06

One row per appeal, imported (city portal, CSV/JSONL) or live (a draft keeps its own row up to
date). Times are stored in UTC; ``week`` is the Monday of the week of the first message in the
region's local time; the working-hour figures are counted at write time on the production
calendar (drafter/deadlines), so the analytics only aggregate.

Search: on SQLite an FTS5 table ``appeal_search`` holds the Russian stems of each row's text,
address, author and external id (FTS5 has no Russian stemmer; drafter stems with Snowball and
stems the query the same way). On PostgreSQL a GIN index on ``to_tsvector('russian', …)``.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_history"
down_revision: str | None = "0005_leases"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "appeal_records",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("key", sa.String(120), nullable=False, unique=True),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("external_id", sa.String(200), nullable=True),
        sa.Column("draft_id", sa.String(32), nullable=True),
        sa.Column("region", sa.String(100), nullable=True),
        sa.Column("agency", sa.String(300), nullable=True),
        sa.Column("category", sa.String(300), nullable=True),
        sa.Column("topic", sa.String(300), nullable=True),
        sa.Column("place", sa.String(200), nullable=True),
        sa.Column("address", sa.String(500), nullable=True),
        sa.Column("author", sa.String(200), nullable=True),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("reply_text", sa.Text(), nullable=True),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("week", sa.Date(), nullable=False),
        sa.Column("drafted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("first_reply_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("final_reply_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("first_reply_hours", sa.Float(), nullable=True),
        sa.Column("final_reply_hours", sa.Float(), nullable=True),
        sa.Column("deadline", sa.DateTime(timezone=True), nullable=True),
        sa.Column("within_deadline", sa.Boolean(), nullable=True),
        sa.Column("outcome", sa.String(200), nullable=True),
        sa.Column("satisfied", sa.Boolean(), nullable=True),
        sa.Column("pushback", sa.Boolean(), nullable=True),
        sa.Column("quality_score", sa.Integer(), nullable=True),
        sa.Column("quality_passed", sa.Boolean(), nullable=True),
        sa.Column("returns", sa.JSON(), nullable=True),
    )
    op.create_index("ix_appeal_records_agency_week", "appeal_records", ["agency", "week"])
    op.create_index("ix_appeal_records_week", "appeal_records", ["week"])
    op.create_index("ix_appeal_records_region", "appeal_records", ["region"])
    op.create_index("ix_appeal_records_external_id", "appeal_records", ["external_id"])
    op.create_index("ix_appeal_records_draft_id", "appeal_records", ["draft_id"])
    op.create_index("ix_appeal_records_topic_week", "appeal_records", ["topic", "week"])
    # returning problems group by address and topic inside a range of weeks
    op.create_index(
        "ix_appeal_records_address_topic", "appeal_records", ["address", "topic", "week"]
    )
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE appeal_search USING fts5("
            "stems, tokenize = 'unicode61 remove_diacritics 2')"
        )
    elif bind.dialect.name == "postgresql":
        op.execute(
            "CREATE INDEX ix_appeal_records_fts ON appeal_records "
            "USING gin (to_tsvector('russian', search_text))"
        )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS appeal_search")
    elif bind.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_appeal_records_fts")
    for name in (
        "address_topic",
        "topic_week",
        "draft_id",
        "external_id",
        "region",
        "week",
        "agency_week",
    ):
        op.drop_index(f"ix_appeal_records_{name}", table_name="appeal_records")
    op.drop_table("appeal_records")
