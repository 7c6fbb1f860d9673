"""Drafts, stored; the same rows are the drafting job queue.

A draft moves ``queued → drafting → ready | needs_attention | failed``. A worker claims a row
with a compare-and-set UPDATE (``… WHERE id = :id AND status = 'queued'``, or a ``drafting``
row whose lease has expired): exactly one claimer sees rowcount 1, on SQLite and PostgreSQL
alike. The claim bumps ``attempts`` (the job's fencing token) and sets ``lease_until``; the
worker's heartbeat renews the lease while it drafts, so only a job whose worker died is taken
again. The result is stored with a compare-and-set on (status ``drafting``, attempt, version):
a result for a draft that has moved on (taken by another worker, or approved meanwhile) is
discarded and the discard audited, never written.

Then the review workflow (rules in drafter.review) changes it through ``apply``: every change
of text or status is a compare-and-set on ``version`` (``… WHERE version = :seen``) that bumps
it and inserts one ``draft_events`` row in the same transaction. The events are the audit
trail: inserted, never updated or deleted.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import logging
import random
import time
import uuid
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Protocol, cast, get_args

from pydantic import ValidationError
from sqlalchemy import CursorResult, Result, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from drafter.domain import (
    Actor,
    Appeal,
    ChecklistItem,
    Citation,
    Draft,
    DraftingRun,
    DraftResult,
    DraftStatus,
    EventKind,
    HistoryEvent,
    Quality,
    Review,
    RouteResult,
    SupportRow,
)
from drafter.errors import Conflict, NotFound
from drafter.storage.db import session_scope
from drafter.storage.models import DraftEventRow, DraftRow, DraftTraceRow, utcnow

# statuses a drafting job ends in: followers of a draft stop waiting at any of these
FINAL_STATUSES: frozenset[str] = frozenset(
    {
        "ready",
        "needs_attention",
        "needs_facts",
        "failed",
        "in_review",
        "approved",
        "returned",
        "rejected",
    }
)
CLOSED_STATUSES: frozenset[str] = frozenset({"approved", "rejected"})  # never overdue
SYSTEM_ACTOR = Actor(role="system")
LEASE_S = 60.0  # a claimed job is held this long without a heartbeat (settings.worker_lease_s)
DISCARDED = "discarded"  # the audit entry of a drafting result that was not stored
_HISTORY_KINDS = get_args(EventKind)  # what the API's history shows (domain.EventKind)
log = logging.getLogger(__name__)
_CAS_TRIES = 20  # a write without an expected version retries a lost compare-and-set this often
_CAS_BACKOFF_S = 0.005  # times the attempt number, jittered: racing writers spread out


@dataclass(frozen=True)
class DraftFilter:
    status: DraftStatus | None = None
    agency: str | None = None
    channel: str | None = None
    region: str | None = None  # canonical code (the reviewer's scope)
    due_before: datetime | None = None
    overdue: bool | None = None  # True: past the deadline and not closed; False: the others
    now: datetime | None = None  # for ``overdue``; None = the current time


@dataclass(frozen=True)
class Job:
    """One claim of a draft: its result is stored only while the claim still holds."""

    draft_id: str
    appeal: Appeal
    facts: str | None = None  # what the executor knows, the input of a reply on the merits
    attempt: int = 0  # the draft's ``attempts`` after this claim: the fencing token
    version: int = 1  # the version drafting started from


@dataclass
class Change:
    """What one workflow action does to a draft: new column values and the audit entry."""

    event: str
    actor: Actor
    values: dict[str, Any] = field(default_factory=dict)
    reasons: list[str] | None = None
    comment: str | None = None
    log_text: bool = False  # record the (new) text and its diff in the audit entry
    log_quality: bool = False
    # record the executor's (new) facts and their diff in the audit entry's text and diff
    log_facts: bool = False
    # a drafting run (drafter.domain.DraftingRun's JSON), kept with the result it led to
    trace: dict[str, Any] | None = None
    job_attempt: int = 0  # the claim that drafted it


class VersionCheck(Protocol):
    """A version the writer saw (drafter.review.Expected); ``mismatch`` is what to raise."""

    @property
    def version(self) -> int: ...

    def mismatch(self, actual: int) -> Exception: ...


class DraftStore:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions
        # called with the draft's id after every committed change (the analytics record);
        # a listener's failure is logged, never undoes the change
        self.listeners: list[Callable[[str], None]] = []

    def _changed(self, draft_id: str) -> None:
        for listener in self.listeners:
            try:
                listener(draft_id)
            except Exception:
                log.exception("a listener failed on draft %s", draft_id)

    def create(
        self,
        appeal: Appeal,
        *,
        deadline: datetime | None = None,
        region: str | None = None,
        actor: Actor = SYSTEM_ACTOR,
        external_key: str | None = None,
        facts: str | None = None,
    ) -> Draft:
        """A queued draft (version 1) and its "created" audit entry; without ``deadline`` the
        draft is due when created. ``external_key`` (see ``external_key()``) is unique: a
        second draft with the same one is a Conflict, and nothing is stored."""
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
            version=1,
            # SQLite keeps the wall time and drops the zone: store every time in UTC
            deadline=_utc(deadline) or now,
            region=region,
            external_key=external_key,
            facts=_no_nul(facts) if facts else None,
        )
        with self._session() as s:
            try:
                s.add(row)
                s.flush()  # the draft row before its event (the foreign key)
                s.add(_event_row(row.id, 1, "created", actor, now))
                s.commit()
            except IntegrityError as exc:
                s.rollback()
                if external_key is None:
                    raise
                raise Conflict("this agency already sent an appeal with this external_id") from exc
            draft = to_draft(row)
        self._changed(draft.id)
        return draft

    def find_external(self, agency: str | None, external_id: str) -> Draft | None:
        """The draft made for this agency's appeal ``external_id``, if any."""
        key = external_key(agency, external_id)
        with self._session() as s:
            row = s.scalar(select(DraftRow).where(DraftRow.external_key == key))
            return to_draft(row) if row else None

    def get(self, draft_id: str) -> Draft | None:
        with self._session() as s:
            row = s.get(DraftRow, draft_id)
            return to_draft(row) if row else None

    def find(self, where: DraftFilter, limit: int = 50, offset: int = 0) -> list[Draft]:
        """One page, the most urgent first (deadline ascending)."""
        query = self._filtered(select(DraftRow), where)
        query = (
            query.order_by(DraftRow.deadline.asc(), DraftRow.created_at, DraftRow.id)
            .limit(limit)
            .offset(offset)
        )
        with self._session() as s:
            return [to_draft(r, where.now) for r in s.scalars(query)]

    def count(self, where: DraftFilter | None = None) -> int:
        query = self._filtered(select(func.count()).select_from(DraftRow), where or DraftFilter())
        with self._session() as s:
            return int(s.scalar(query) or 0)

    def claim(self, draft_id: str, worker: str, lease_s: float = LEASE_S) -> Job | None:
        """Take one queued draft (or one whose worker's lease expired) to ``drafting``; None if
        someone else holds it.

        Queue bookkeeping (queued ↔ drafting) does not change the version: nobody may write
        to a draft in these statuses, and the history stays one entry per version."""
        now = utcnow()
        stmt = (
            update(DraftRow)
            .where(DraftRow.id == draft_id, _claimable(now))
            .values(
                status="drafting",
                claimed_by=worker,
                attempts=DraftRow.attempts + 1,
                lease_until=now + timedelta(seconds=lease_s),
                updated_at=now,
            )
        )
        read = select(DraftRow.appeal, DraftRow.facts, DraftRow.attempts, DraftRow.version).where(
            DraftRow.id == draft_id
        )
        with self._session() as s:
            if _rows_changed(s.execute(stmt)) != 1:
                s.rollback()
                return None
            row = s.execute(read).one()
            s.commit()
        appeal = Appeal.model_validate(row.appeal)
        return Job(draft_id, appeal, row.facts, attempt=row.attempts, version=row.version or 1)

    def claim_next(self, worker: str, lease_s: float = LEASE_S) -> Job | None:
        """Claim the oldest claimable draft, or None when there is none."""
        while True:
            with self._session() as s:
                query = (
                    select(DraftRow.id)
                    .where(_claimable(utcnow()))
                    .order_by(DraftRow.created_at, DraftRow.id)
                    .limit(1)
                )
                found = s.execute(query).first()
            if found is None:
                return None
            if (job := self.claim(found.id, worker, lease_s)) is not None:
                return job
            # lost the race for this one: look again

    def heartbeat(self, job: Job, lease_s: float = LEASE_S) -> bool:
        """Renew the lease of a job still held; False once the claim is lost."""
        now = utcnow()
        stmt = (
            update(DraftRow).where(*_held(job)).values(lease_until=now + timedelta(seconds=lease_s))
        )
        with self._session() as s:
            held = _rows_changed(s.execute(stmt)) == 1
            s.commit()
            return held

    def finish(self, job: Job | str, result: DraftResult) -> Draft | None:
        """Store a drafting result; None when it was discarded (the claim no longer holds).

        ``job`` may be a draft id (tests, tools): the draft's current claim."""
        values = {
            "status": result.status,
            "text": _no_nul(result.text),
            "citations": [c.model_dump(mode="json") for c in result.citations],
            "quality": result.quality.model_dump(mode="json"),
            "method": result.method,
            "timings": dict(result.timings),
            "prompt_version": result.prompt_version or None,
            "model": result.model or None,
            "extra": {
                **result.model_dump(mode="json", include=_EXTRA_FIELDS),
                "reply_kind": result.reply_kind,
                "checklist": (
                    [item.model_dump(mode="json") for item in result.checklist]
                    if result.checklist is not None
                    else None
                ),
            },
            "error": None,
        }
        routing = _routing_of(result)
        if routing is not None:
            values["routing"] = routing
        change = Change("generated", SYSTEM_ACTOR, values, log_text=True, log_quality=True)
        change.trace = DraftingRun.of(result).model_dump(mode="json")
        return self._store_result(job, change)

    def fail(self, job: Job | str, error: str) -> Draft | None:
        error = _no_nul(error)
        change = Change("generated", SYSTEM_ACTOR, {"status": "failed", "error": error})
        change.comment = error
        return self._store_result(job, change)

    def requeue_expired(self) -> int:
        """Put drafts whose worker's lease expired (it died) back in the queue; a draft whose
        worker is alive, in this process or another, keeps drafting."""
        now = utcnow()
        stmt = (
            update(DraftRow)
            .where(DraftRow.status == "drafting", _expired(now))
            .values(status="queued", claimed_by=None, lease_until=None, updated_at=now)
        )
        with self._session() as s:
            n = _rows_changed(s.execute(stmt))
            s.commit()
            return int(n or 0)

    def _store_result(self, claim: Job | str, change: Change) -> Draft | None:
        job = self._current_claim(claim) if isinstance(claim, str) else claim
        if job is None:
            return None
        current = self.get(job.draft_id)
        if current is None:
            return None
        change.values["lease_until"] = None
        change.job_attempt = job.attempt
        if self._compare_and_set(current, change, guard=_held(job)):
            return self.get(job.draft_id)
        self._discard(job, change)
        return None

    def _current_claim(self, draft_id: str) -> Job | None:
        with self._session() as s:
            row = s.get(DraftRow, draft_id)
            if row is None:
                return None
            appeal = Appeal.model_validate(row.appeal)
            return Job(draft_id, appeal, row.facts, attempt=row.attempts, version=row.version)

    def _discard(self, job: Job, change: Change) -> None:
        """Audit a result that was not stored: the draft moved on while it was being drafted."""
        current = self.get(job.draft_id)
        if current is None:
            return
        outcome = change.values.get("status")
        note = (
            f"результат попытки {job.attempt} ({outcome}) отброшен: черновик уже "
            f"«{current.status}», версия {current.version}"
        )
        log.warning("draft %s: %s", job.draft_id, note)
        with self._session() as s:
            event = _event_row(
                job.draft_id, current.version, DISCARDED, SYSTEM_ACTOR, utcnow(), comment=note
            )
            s.add(event)
            s.commit()

    # -- the review workflow -----------------------------------------------------------------

    def apply(
        self,
        draft_id: str,
        change: Callable[[Draft], Change],
        *,
        visible: Callable[[Draft], bool] | None = None,
        expected: Sequence[VersionCheck] = (),
    ) -> Draft:
        """Change one draft with a compare-and-set on its version, and append its audit entry.

        Order of checks: the draft exists and ``visible`` says yes (else NotFound), every
        ``expected`` version matches (else its ``mismatch`` error), then ``change`` (which
        raises for a forbidden transition) gives the new values. The UPDATE only succeeds if
        nobody wrote in between; without ``expected`` a lost race is retried on the new version
        (last writer wins), with it the loser gets the mismatch error: nothing is overwritten.
        """
        for attempt in range(_CAS_TRIES):
            if attempt:
                time.sleep(random.uniform(0, _CAS_BACKOFF_S * attempt))
            current = self.get(draft_id)
            if current is None or (visible is not None and not visible(current)):
                raise NotFound(f"draft {draft_id} not found")
            for exp in expected:
                if exp.version != current.version:
                    raise exp.mismatch(current.version)
            todo = change(current)
            if self._compare_and_set(current, todo):
                self._changed(draft_id)
                done = self.get(draft_id)
                assert done is not None
                return done
            if expected:
                latest = self.get(draft_id)
                raise expected[0].mismatch(latest.version if latest else current.version + 1)
        raise Conflict(f"draft {draft_id} keeps changing; try again")

    def history(self, draft_id: str) -> list[HistoryEvent]:
        query = (
            select(DraftEventRow)
            .where(DraftEventRow.draft_id == draft_id, DraftEventRow.event.in_(_HISTORY_KINDS))
            .order_by(DraftEventRow.id)
        )
        with self._session() as s:
            return [to_event(r) for r in s.scalars(query)]

    def events(self, kinds: Sequence[str]) -> list[tuple[str, HistoryEvent]]:
        """(draft id, entry) for every audit entry of these kinds, oldest first."""
        query = (
            select(DraftEventRow)
            .where(DraftEventRow.event.in_(list(kinds)))
            .order_by(DraftEventRow.id)
        )
        with self._session() as s:
            return [(r.draft_id, to_event(r)) for r in s.scalars(query)]

    def discarded(self, draft_id: str) -> list[str]:
        """The notes of drafting results that were not stored, oldest first (``history``
        leaves them out until drafter.domain.EventKind names the kind)."""
        query = (
            select(DraftEventRow.comment)
            .where(DraftEventRow.draft_id == draft_id, DraftEventRow.event == DISCARDED)
            .order_by(DraftEventRow.id)
        )
        with self._session() as s:
            return [c or "" for c in s.scalars(query)]

    def traces(self, draft_id: str) -> list[DraftingRun]:
        """Every drafting run of a draft whose result was stored, the oldest first. A draft
        stored before runs were kept (0007) gives one run without attempts, read from what
        its row kept of the last one."""
        query = select(DraftTraceRow).where(DraftTraceRow.draft_id == draft_id)
        with self._session() as s:
            rows = list(s.scalars(query.order_by(DraftTraceRow.id)))
            if rows:
                return [
                    DraftingRun.model_validate(
                        {**r.payload, "version": r.version, "at": _utc(r.created_at)}
                    )
                    for r in rows
                ]
            draft = s.get(DraftRow, draft_id)
            if draft is None or draft.text is None:
                return []
            return [_legacy_run(draft.extra or {})]

    def _compare_and_set(self, current: Draft, change: Change, guard: Sequence[Any] = ()) -> bool:
        """One UPDATE guarded by the version seen (and ``guard``, more conditions) plus its
        audit entry, in one transaction; False when the row had moved on."""
        version = current.version + 1
        now = utcnow()
        values = dict(change.values)
        stmt = (
            update(DraftRow)
            .where(DraftRow.id == current.id, DraftRow.version == current.version, *guard)
            .values(**values, version=version, updated_at=now)
        )
        new_text = values.get("text", current.text)
        event = _event_row(
            current.id,
            version,
            change.event,
            change.actor,
            now,
            reasons=change.reasons,
            comment=change.comment,
        )
        if change.log_text:
            event.text = new_text
            event.diff = text_diff(current.text, new_text, current.version, version)
        elif change.log_facts:
            new_facts = values.get("facts", current.facts)
            event.text = new_facts
            event.diff = text_diff(current.facts, new_facts, current.version, version)
        if change.log_quality:
            event.quality = values.get("quality") or (
                current.quality.model_dump(mode="json") if current.quality else None
            )
        with self._session() as s:
            if _rows_changed(s.execute(stmt)) != 1:
                s.rollback()
                return False
            s.add(event)
            if change.trace is not None:
                s.add(
                    DraftTraceRow(
                        draft_id=current.id,
                        version=version,
                        job_attempt=change.job_attempt,
                        payload=change.trace,
                        created_at=now,
                    )
                )
            s.commit()
            return True

    @staticmethod
    def _filtered(query, where: DraftFilter):  # type: ignore[no-untyped-def]
        if where.status:
            query = query.where(DraftRow.status == where.status)
        if where.agency:
            query = query.where(DraftRow.agency == where.agency)
        if where.channel:
            query = query.where(DraftRow.channel == where.channel)
        if where.region:
            query = query.where(DraftRow.region == where.region)
        if where.due_before is not None:
            query = query.where(DraftRow.deadline < _utc(where.due_before))
        if where.overdue is not None:
            now = _utc(where.now) or utcnow()
            late = (DraftRow.deadline < now) & DraftRow.status.not_in(CLOSED_STATUSES)
            query = query.where(late if where.overdue else ~late)
        return query

    def _session(self) -> AbstractContextManager[Session]:
        return session_scope(self._sessions)


def _expired(now: datetime):  # type: ignore[no-untyped-def]
    # a row claimed before leases existed (0005) has none: its worker is long gone
    return DraftRow.lease_until.is_(None) | (DraftRow.lease_until < now)


def _claimable(now: datetime):  # type: ignore[no-untyped-def]
    return (DraftRow.status == "queued") | ((DraftRow.status == "drafting") & _expired(now))


def _held(job: Job) -> tuple[Any, ...]:
    """The claim ``job`` still holds: drafting, by this attempt, from this version."""
    return (
        DraftRow.id == job.draft_id,
        DraftRow.status == "drafting",
        DraftRow.attempts == job.attempt,
        DraftRow.version == job.version,
    )


def _event_row(
    draft_id: str,
    version: int,
    event: str,
    actor: Actor,
    at: datetime,
    *,
    reasons: list[str] | None = None,
    comment: str | None = None,
) -> DraftEventRow:
    return DraftEventRow(
        draft_id=draft_id,
        version=version,
        event=event,
        actor_role=actor.role,
        actor_agency=actor.agency,
        actor_token_id=actor.token_id,
        at=at,
        reasons=reasons,
        comment=comment,
    )


def external_key(agency: str | None, external_id: str) -> str:
    """What makes an appeal's ``external_id`` unique: the id within its agency."""
    return hashlib.sha256(json.dumps([agency, external_id]).encode("utf-8")).hexdigest()


def text_diff(old: str | None, new: str | None, old_version: int, new_version: int) -> str | None:
    """A unified diff of two texts, line by line; None when nothing changed."""
    if (old or "") == (new or ""):
        return None
    lines = difflib.unified_diff(
        (old or "").splitlines(),
        (new or "").splitlines(),
        fromfile=f"v{old_version}",
        tofile=f"v{new_version}",
        lineterm="",
    )
    return "\n".join(lines)


def _routing_of(result: DraftResult) -> dict[str, Any] | None:
    return result.routing.model_dump(mode="json") if result.routing is not None else None


# the result's fields kept in the JSON ``extra`` column (no columns of their own), under the
# keys drafts were stored with before they were typed
_EXTRA_FIELDS = {
    "mode",
    "understanding",
    "deadline",
    "support",
    "lost_facts",
    "off_topic_sources",
    "facts_gaps",
}


def _legacy_run(extra: dict[str, Any]) -> DraftingRun:
    """The run a draft stored before 0007 kept in ``extra`` (its deadline an ISO time)."""
    known = {k: extra[k] for k in ("mode", "understanding", "deadline") if extra.get(k)}
    try:
        return DraftingRun.model_validate(known)
    except ValidationError:
        log.warning("unreadable drafting facts in an old draft: %s", sorted(known))
        return DraftingRun()


def _no_nul(text: str) -> str:
    # PostgreSQL text cannot hold NUL; a model echoing one must not make the draft unstorable
    return text.replace("\x00", "")


def _rows_changed(result: Result[Any]) -> int:
    # an UPDATE's result is a CursorResult; Session.execute is typed to return the base class
    return cast("CursorResult[Any]", result).rowcount


def _utc(value: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes; everything is stored in UTC
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)


def to_draft(row: DraftRow, now: datetime | None = None) -> Draft:
    created = _utc(row.created_at)
    assert created is not None
    deadline = _utc(row.deadline)
    overdue = (
        deadline is not None
        and row.status not in CLOSED_STATUSES
        and (now or datetime.now(timezone.utc)) > deadline
    )
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
        version=row.version or 1,
        deadline=deadline,
        overdue=overdue,
        review=Review.model_validate(row.review) if row.review else None,
        routing=RouteResult.model_validate(row.routing) if row.routing else None,
        # kept in the JSON ``extra`` column by ``finish``; no column of their own
        reply_kind=(row.extra or {}).get("reply_kind"),
        support=_support(row.extra or {}),
        facts=row.facts,
        checklist=(
            [ChecklistItem.model_validate(c) for c in (row.extra or {})["checklist"]]
            if (row.extra or {}).get("checklist") is not None
            else None
        ),
        facts_gaps=(row.extra or {}).get("facts_gaps"),
    )


def _support(extra: dict[str, Any]) -> list[SupportRow] | None:
    rows = extra.get("support")
    return [SupportRow.model_validate(r) for r in rows] if rows is not None else None


def to_event(row: DraftEventRow) -> HistoryEvent:
    at = _utc(row.at)
    assert at is not None
    return HistoryEvent(
        version=row.version,
        event=row.event,  # type: ignore[arg-type]
        actor=Actor(role=row.actor_role, agency=row.actor_agency, token_id=row.actor_token_id),
        at=at,
        text=row.text,
        diff=row.diff,
        reasons=row.reasons,
        comment=row.comment,
        quality=Quality.model_validate(row.quality) if row.quality else None,
    )
