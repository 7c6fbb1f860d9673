"""Tables of the drafter database (SQLAlchemy 2.0 declarative).

The schema is owned by the Alembic migrations in ``drafter/migrations``; these classes must
match them (a test compares ``Base.metadata`` with the migrated database).
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Connection,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    event,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, Mapper, mapped_column


def managed_by_models(name: str | None, type_: str, _parent_names: object = None) -> bool:
    """False for the search index the migrations create in the database's own terms (0006):
    SQLite's FTS5 table ``appeal_search`` and its shadow tables, PostgreSQL's GIN index on an
    expression. Alembic's ``include_name``: comparing the models with a database skips them."""
    if type_ == "table" and name and name.startswith("appeal_search"):
        return False
    return not (type_ == "index" and name == "ix_appeal_records_fts")


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    pass


class DraftRow(Base):
    """One appeal and its draft; the row is also the job in the drafting queue."""

    __tablename__ = "drafts"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    status: Mapped[str] = mapped_column(String(20))
    # copied out of the appeal so that filters and the agency scope are indexed columns
    agency: Mapped[str | None] = mapped_column(String(300), index=True)
    channel: Mapped[str] = mapped_column(String(16), index=True)
    appeal: Mapped[dict[str, Any]] = mapped_column(JSON)
    text: Mapped[str | None] = mapped_column(Text)
    citations: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    quality: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    method: Mapped[str | None] = mapped_column(String(20))
    timings: Mapped[dict[str, float]] = mapped_column(JSON, default=dict)
    prompt_version: Mapped[str | None] = mapped_column(String(100))
    model: Mapped[str | None] = mapped_column(String(200))
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_by: Mapped[str | None] = mapped_column(String(200))
    # the claimer holds the job until then (0005); its heartbeat renews it, expiry frees it
    lease_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # the review workflow (0002): a compare-and-set on ``version`` guards every write
    version: Mapped[int] = mapped_column(Integer, default=1)
    deadline: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    region: Mapped[str | None] = mapped_column(String(100), index=True)  # canonical code
    review: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    routing: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # (0004) sha256 of (agency, appeal.external_id): one draft per external id and agency
    external_key: Mapped[str | None] = mapped_column(String(64))
    # the executor's facts (0003): what was done, decided or planned; untrusted text
    facts: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        Index("ix_drafts_status_created", "status", "created_at"),
        Index("ux_drafts_external_key", "external_key", unique=True),
    )


class DraftEventRow(Base):
    """One entry of a draft's audit trail. Rows are only ever inserted, never changed."""

    __tablename__ = "draft_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    draft_id: Mapped[str] = mapped_column(String(32), ForeignKey("drafts.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    event: Mapped[str] = mapped_column(String(20), index=True)
    actor_role: Mapped[str] = mapped_column(String(20))
    actor_agency: Mapped[str | None] = mapped_column(String(300))
    actor_token_id: Mapped[str | None] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    text: Mapped[str | None] = mapped_column(Text)
    diff: Mapped[str | None] = mapped_column(Text)
    reasons: Mapped[list[str] | None] = mapped_column(JSON)
    comment: Mapped[str | None] = mapped_column(Text)
    quality: Mapped[dict[str, Any] | None] = mapped_column(JSON)


@event.listens_for(DraftEventRow, "before_update")
@event.listens_for(DraftEventRow, "before_delete")
def _append_only(_mapper: Mapper[Any], _connection: Connection, target: DraftEventRow) -> None:
    # the audit trail is evidence: a bug that tries to rewrite it must fail loudly
    raise PermissionError(f"draft_events rows are append-only (row {target.id})")


class DraftTraceRow(Base):
    """One drafting run of a draft (0007): what was known before drafting and every attempt,
    as drafter.domain.DraftingRun's JSON. Inserted with the result it led to, never changed."""

    __tablename__ = "draft_traces"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    draft_id: Mapped[str] = mapped_column(String(32), ForeignKey("drafts.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)  # the draft's version the result became
    job_attempt: Mapped[int] = mapped_column(Integer)  # the claim that drafted it
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class TokenRow(Base):
    """An API token; only the sha256 of the secret is kept."""

    __tablename__ = "api_tokens"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    agency: Mapped[str | None] = mapped_column(String(300))
    region: Mapped[str | None] = mapped_column(String(100))  # a reviewer sees only this region
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # (0004) the person or system holding it, shown in drafts' history; expiry and revocation
    name: Mapped[str | None] = mapped_column(String(200))
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class AppealRecordRow(Base):
    """One appeal for analytics and search (0006): imported history, or a live draft's record.

    Times in UTC; ``week`` is the Monday of the first message's week (region's local time);
    the working-hour figures are counted when the row is written (drafter.analytics.clock).
    """

    __tablename__ = "appeal_records"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(120), unique=True)  # "spb:2947918", "draft:<id>"
    source: Mapped[str] = mapped_column(String(20))  # spb, csv, jsonl, draft
    external_id: Mapped[str | None] = mapped_column(String(200), index=True)
    draft_id: Mapped[str | None] = mapped_column(String(32), index=True)
    region: Mapped[str | None] = mapped_column(String(100), index=True)
    agency: Mapped[str | None] = mapped_column(String(300))
    category: Mapped[str | None] = mapped_column(String(300))
    topic: Mapped[str | None] = mapped_column(String(300))
    place: Mapped[str | None] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(String(500))
    author: Mapped[str | None] = mapped_column(String(200))
    channel: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    reply_text: Mapped[str | None] = mapped_column(Text)
    search_text: Mapped[str] = mapped_column(Text)  # text, address, author, external id
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    week: Mapped[date] = mapped_column(Date, index=True)
    drafted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    first_reply_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    final_reply_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    first_reply_hours: Mapped[float | None] = mapped_column(Float)
    final_reply_hours: Mapped[float | None] = mapped_column(Float)
    deadline: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    within_deadline: Mapped[bool | None] = mapped_column(Boolean)
    outcome: Mapped[str | None] = mapped_column(String(200))
    satisfied: Mapped[bool | None] = mapped_column(Boolean)
    pushback: Mapped[bool | None] = mapped_column(Boolean)
    quality_score: Mapped[int | None] = mapped_column(Integer)
    quality_passed: Mapped[bool | None] = mapped_column(Boolean)
    returns: Mapped[list[str] | None] = mapped_column(JSON)  # reviewers' return reason codes

    __table_args__ = (
        Index("ix_appeal_records_agency_week", "agency", "week"),
        Index("ix_appeal_records_topic_week", "topic", "week"),
        Index("ix_appeal_records_address_topic", "address", "topic", "week"),
    )
