"""worker leases: a drafting job is held until ``lease_until``, renewed by the worker's heartbeat

Revision ID: 0005_leases
Revises: 0004_tokens
Create Date: 2026-12-06

A draft left in ``drafting`` by an older version has no lease: it counts as expired, so the
next worker takes it again (what the old start-up requeue did).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_leases"
down_revision: str | None = "0004_tokens"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("drafts") as b:
        b.add_column(sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("drafts") as b:
        b.drop_column("lease_until")
