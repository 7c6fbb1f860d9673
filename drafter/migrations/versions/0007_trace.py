"""trace: every drafting run of a draft, with its attempts (prompt, completion, removals,
verdict), for ``GET /v1/drafts/{id}/trace`` and ``drafter trace``

Revision ID: 0007_trace
Revises: 0006_history
Create Date: 2026-12-06

One row per drafting run whose result was stored: the draft version that result became, the
job's claim (its fencing token) and the run as JSON (drafter.domain.DraftingRun). Rows are
only inserted. Drafts stored before this have none: their trace is read from ``drafts.extra``.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_trace"
down_revision: str | None = "0006_history"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "draft_traces",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("draft_id", sa.String(32), sa.ForeignKey("drafts.id"), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("job_attempt", sa.Integer(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_draft_traces_draft_id", "draft_traces", ["draft_id"])


def downgrade() -> None:
    op.drop_index("ix_draft_traces_draft_id", table_name="draft_traces")
    op.drop_table("draft_traces")
