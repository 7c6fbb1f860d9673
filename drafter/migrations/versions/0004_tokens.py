"""token names, expiry and revocation; an appeal's external id unique per agency

Revision ID: 0004_tokens
Revises: 0003
Create Date: 2026-12-06

``drafts.external_key`` is the sha256 of (agency, external_id): one unique column serves the
"one draft per external id and agency" rule on SQLite and PostgreSQL alike (a unique index on
(agency, external_id) would let any number of NULL agencies repeat an id). Drafts stored before
this revision get their key, the oldest draft of a repeated id keeping it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_tokens"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("api_tokens") as b:
        b.add_column(sa.Column("name", sa.String(200), nullable=True))
        b.add_column(sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True))
        b.add_column(sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("drafts") as b:
        b.add_column(sa.Column("external_key", sa.String(64), nullable=True))
    _backfill_external_keys()
    op.create_index("ux_drafts_external_key", "drafts", ["external_key"], unique=True)


def _backfill_external_keys() -> None:
    drafts = sa.table(
        "drafts",
        sa.column("id", sa.String),
        sa.column("agency", sa.String),
        sa.column("appeal", sa.JSON),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("external_key", sa.String),
    )
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(drafts.c.id, drafts.c.agency, drafts.c.appeal).order_by(
            drafts.c.created_at, drafts.c.id
        )
    )
    seen: set[str] = set()
    for row in rows.all():
        appeal = row.appeal if isinstance(row.appeal, dict) else json.loads(row.appeal or "{}")
        external_id = appeal.get("external_id")
        if not external_id:
            continue
        key = external_key(row.agency, external_id)
        if key in seen:  # a repeat stored before the rule: it keeps no key
            continue
        seen.add(key)
        bind.execute(drafts.update().where(drafts.c.id == row.id).values(external_key=key))


def external_key(agency: str | None, external_id: str) -> str:
    # the same function as drafter.storage.drafts.external_key, frozen here with the revision
    return hashlib.sha256(json.dumps([agency, external_id]).encode("utf-8")).hexdigest()


def downgrade() -> None:
    op.drop_index("ux_drafts_external_key", table_name="drafts")
    with op.batch_alter_table("drafts") as b:
        b.drop_column("external_key")
    with op.batch_alter_table("api_tokens") as b:
        b.drop_column("revoked_at")
        b.drop_column("expires_at")
        b.drop_column("name")
