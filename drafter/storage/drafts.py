"""Drafts, stored; the same rows are the drafting job queue.

A draft moves ``queued → drafting → ready | needs_attention | failed``. Workers claim a queued
row with a compare-and-set UPDATE (``… WHERE id = :id AND status = 'queued'``): exactly one
claimer sees rowcount 1, on SQLite and PostgreSQL alike, so any number of worker threads or
processes can share the table.
"""

from __future__ import annotations

import uuid
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from drafter.domain import Appeal, Citation, Draft, DraftResult, DraftStatus, Quality
from drafter.storage.db import session_scope
from drafter.storage.models import DraftRow, utcnow

FINAL_STATUSES: frozenset[str] = frozenset({"ready", "needs_attention", "failed"})


@dataclass(frozen=True)
class DraftFilter:
    status: DraftStatus | None = None
    agency: str | None = None
    channel: str | None = None


@dataclass(frozen=True)
class Job:
    draft_id: str
    appeal: Appeal


class DraftStore:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def create(self, appeal: Appeal) -> Draft:
        now = utcnow()
        row = DraftRow(
            id=uuid.uuid4().hex,
            status="queued",
            agency=appeal.agency,
            channel=appeal.channel.value,
            appeal=appeal.model_dump(mode="json"),
            citations=[],
            timings={},
            extra={},
            attempts=0,
            created_at=now,
            updated_at=now,
        )
        with self._session() as s:
            s.add(row)
            s.commit()
            return to_draft(row)

    def get(self, draft_id: str) -> Draft | None:
        with self._session() as s:
            row = s.get(DraftRow, draft_id)
            return to_draft(row) if row else None

    def find(self, where: DraftFilter, limit: int = 50, offset: int = 0) -> list[Draft]:
        query = self._filtered(select(DraftRow), where)
        query = query.order_by(DraftRow.created_at.desc(), DraftRow.id).limit(limit).offset(offset)
        with self._session() as s:
            return [to_draft(r) for r in s.scalars(query)]

    def count(self, where: DraftFilter | None = None) -> int:
        query = self._filtered(select(func.count()).select_from(DraftRow), where or DraftFilter())
        with self._session() as s:
            return int(s.scalar(query) or 0)

    def claim(self, draft_id: str, worker: str) -> bool:
        """Move one queued draft to ``drafting``; False if someone else got it first."""
        stmt = (
            update(DraftRow)
            .where(DraftRow.id == draft_id, DraftRow.status == "queued")
            .values(
                status="drafting",
                claimed_by=worker,
                attempts=DraftRow.attempts + 1,
                updated_at=utcnow(),
            )
        )
        with self._session() as s:
            claimed = s.execute(stmt).rowcount == 1
            s.commit()
            return claimed

    def claim_next(self, worker: str) -> Job | None:
        """Claim the oldest queued draft, or None when the queue is empty."""
        while True:
            with self._session() as s:
                query = (
                    select(DraftRow.id, DraftRow.appeal)
                    .where(DraftRow.status == "queued")
                    .order_by(DraftRow.created_at, DraftRow.id)
                    .limit(1)
                )
                found = s.execute(query).first()
            if found is None:
                return None
            if self.claim(found.id, worker):
                return Job(found.id, Appeal.model_validate(found.appeal))
            # lost the race for this one: look again

    def finish(self, draft_id: str, result: DraftResult) -> Draft | None:
        values = {
            "status": result.status,
            "text": _no_nul(result.text),
            "citations": [c.model_dump(mode="json") for c in result.citations],
            "quality": result.quality.model_dump(mode="json"),
            "method": result.method,
            "timings": dict(result.timings),
            "prompt_version": result.prompt_version or None,
            "model": result.model or None,
            "extra": result.extra,
            "error": None,
        }
        return self._set(draft_id, values)

    def fail(self, draft_id: str, error: str) -> Draft | None:
        return self._set(draft_id, {"status": "failed", "error": _no_nul(error)})

    def requeue_stuck(self, worker: str | None = None) -> int:
        """Put drafts left in ``drafting`` (by a crash) back in the queue.

        ``worker`` limits this to one claimer's rows; None takes all of them, which is right for
        a single process starting up.
        """
        stmt = update(DraftRow).where(DraftRow.status == "drafting")
        if worker is not None:
            stmt = stmt.where(DraftRow.claimed_by == worker)
        stmt = stmt.values(status="queued", claimed_by=None, updated_at=utcnow())
        with self._session() as s:
            n = s.execute(stmt).rowcount
            s.commit()
            return int(n or 0)

    def _set(self, draft_id: str, values: dict) -> Draft | None:
        with self._session() as s:
            row = s.get(DraftRow, draft_id)
            if row is None:
                return None
            for key, value in values.items():
                setattr(row, key, value)
            row.updated_at = utcnow()
            s.commit()
            return to_draft(row)

    @staticmethod
    def _filtered(query, where: DraftFilter):  # type: ignore[no-untyped-def]
        if where.status:
            query = query.where(DraftRow.status == where.status)
        if where.agency:
            query = query.where(DraftRow.agency == where.agency)
        if where.channel:
            query = query.where(DraftRow.channel == where.channel)
        return query

    def _session(self) -> AbstractContextManager[Session]:
        return session_scope(self._sessions)


def _no_nul(text: str) -> str:
    # PostgreSQL text cannot hold NUL; a model echoing one must not make the draft unstorable
    return text.replace("\x00", "")


def _utc(value: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes; everything is stored in UTC
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value


def to_draft(row: DraftRow) -> Draft:
    created = _utc(row.created_at)
    assert created is not None
    return Draft(
        id=row.id,
        status=row.status,  # type: ignore[arg-type]
        text=row.text,
        citations=[Citation.model_validate(c) for c in row.citations or []],
        quality=Quality.model_validate(row.quality) if row.quality else None,
        method=row.method,  # type: ignore[arg-type]
        timings=row.timings or {},
        appeal=Appeal.model_validate(row.appeal),
        prompt_version=row.prompt_version,
        model=row.model,
        error=row.error,
        created_at=created,
        updated_at=_utc(row.updated_at),
    )
