"""review workflow: draft versions, deadlines, regions, decisions; the audit trail; token regions

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22

Existing drafts get version 1, their region from the appeal and a deadline counted with the
built-in deadline policy (settings overrides are not known here; new drafts use them).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("drafts") as b:
        b.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
        b.add_column(sa.Column("deadline", sa.DateTime(timezone=True), nullable=True))
        b.add_column(sa.Column("region", sa.String(100), nullable=True))
        b.add_column(sa.Column("review", sa.JSON(), nullable=True))
        b.add_column(sa.Column("routing", sa.JSON(), nullable=True))
        b.create_index("ix_drafts_deadline", ["deadline"])
        b.create_index("ix_drafts_region", ["region"])
    with op.batch_alter_table("api_tokens") as b:
        b.add_column(sa.Column("region", sa.String(100), nullable=True))
    op.create_table(
        "draft_events",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("draft_id", sa.String(32), sa.ForeignKey("drafts.id"), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("event", sa.String(20), nullable=False),
        sa.Column("actor_role", sa.String(20), nullable=False),
        sa.Column("actor_agency", sa.String(300), nullable=True),
        sa.Column("actor_token_id", sa.String(32), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("diff", sa.Text(), nullable=True),
        sa.Column("reasons", sa.JSON(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("quality", sa.JSON(), nullable=True),
    )
    op.create_index("ix_draft_events_draft_id", "draft_events", ["draft_id"])
    op.create_index("ix_draft_events_event", "draft_events", ["event"])
    _backfill()


def _backfill() -> None:
    from drafter.deadlines import deadline_for
    from drafter.deadlines.policy import canonical_region
    from drafter.errors import DrafterError

    drafts = sa.table(
        "drafts",
        sa.column("id", sa.String),
        sa.column("channel", sa.String),
        sa.column("appeal", sa.JSON),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("deadline", sa.DateTime(timezone=True)),
        sa.column("region", sa.String),
    )
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(drafts.c.id, drafts.c.channel, drafts.c.appeal, drafts.c.created_at)
    )
    for row in rows.all():
        appeal = row.appeal or {}
        region = appeal.get("region") or None
        created = row.created_at
        if created.tzinfo is None:
            created = created.replace(tzinfo=timezone.utc)
        received = appeal.get("received_at")
        try:
            start = datetime.fromisoformat(received) if received else created
            deadline = deadline_for(row.channel, start, None, region).astimezone(timezone.utc)
        except (DrafterError, ValueError):  # an unknown region or channel: due when created
            deadline = created
        bind.execute(
            drafts.update()
            .where(drafts.c.id == row.id)
            .values(deadline=deadline, region=canonical_region(region) if region else None)
        )


def downgrade() -> None:
    op.drop_index("ix_draft_events_event", table_name="draft_events")
    op.drop_index("ix_draft_events_draft_id", table_name="draft_events")
    op.drop_table("draft_events")
    with op.batch_alter_table("api_tokens") as b:
        b.drop_column("region")
    with op.batch_alter_table("drafts") as b:
        b.drop_index("ix_drafts_region")
        b.drop_index("ix_drafts_deadline")
        b.drop_column("routing")
        b.drop_column("review")
        b.drop_column("region")
        b.drop_column("deadline")
        b.drop_column("version")
