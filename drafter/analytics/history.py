"""Appeal records from past appeals (the city portal, a CSV/JSONL history) and from live drafts.

The history form of a CSV/JSONL answers file (one appeal a row; ``appeal`` and ``received_at``
are required, the rest optional)::

    id, appeal, answer, received_at, first_reply_at, final_reply_at, agency, topic, category,
    place, address, author, channel, region, outcome, satisfied, pushback

Times are ISO 8601; a time without a zone is the region's local time. ``satisfied`` and
``pushback`` are true/false (or empty: unknown). A row with ``answer`` also joins the index as
a past answer (knowledge.answers); a row without ``received_at`` is an answer only.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from drafter.analytics.clock import WorkingClock
from drafter.analytics.types import AppealRecord
from drafter.deadlines import DeadlinePolicy, deadline_for
from drafter.deadlines.policy import canonical_region
from drafter.domain import Draft, HistoryEvent
from drafter.errors import InvalidInput

SPB_REGION = "RU-SPE"  # «Наш Санкт-Петербург» is the city's portal
SPB_CHANNEL = "pos"  # a web form answered in writing within days (README: the portal's channel)
FINAL = "Окончательный ответ"
SATISFIED = "удовлетворен"
CLOSED = "завершено"
HISTORY_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".json", ".csv", ".csv.gz")


@dataclass
class Timing:
    """Counts working time and deadlines for records, one clock per region."""

    policy: DeadlinePolicy
    default_region: str | None = None

    def __post_init__(self) -> None:
        self._clocks: dict[str | None, WorkingClock] = {}

    def clock(self, region: str | None) -> WorkingClock:
        if region not in self._clocks:
            self._clocks[region] = WorkingClock(self.policy.for_region(region))
        return self._clocks[region]

    def local(self, moment: datetime, region: str | None) -> datetime:
        return self.clock(region).policy.local(moment)

    def fill(self, rec: AppealRecord) -> AppealRecord:
        """Week, deadline and working hours from the record's times (all stored in UTC)."""
        clock = self.clock(rec.region)
        received = clock.policy.local(rec.received_at)
        rec.received_at = _utc(received)
        rec.week = clock.week_of(received)
        rec.deadline = _utc(deadline_for(rec.channel, received, self.policy, rec.region))
        if rec.first_reply_at is not None:
            first = clock.policy.local(rec.first_reply_at)
            rec.first_reply_at = _utc(first)
            rec.first_reply_hours = clock.hours_between(received, first)
            rec.within_deadline = rec.first_reply_at <= rec.deadline
        if rec.final_reply_at is not None:
            final = clock.policy.local(rec.final_reply_at)
            rec.final_reply_at = _utc(final)
            rec.final_reply_hours = clock.hours_between(received, final)
        return rec


def read_history(
    path: Path,
    timing: Timing,
    *,
    format: str | None = None,
    region: str | None = None,
) -> Iterator[AppealRecord]:
    """Appeal records of a city-portal file (``format="spb"`` or cards in a .jsonl) or of the
    history form above; rows that are neither (plain answers) give nothing."""
    path = Path(path)
    name = path.name.lower()
    if not name.endswith(HISTORY_SUFFIXES):
        return
    is_csv = format == "csv" or (format is None and name.removesuffix(".gz").endswith(".csv"))
    rows = _csv_rows(path) if is_csv else _jsonl_rows(path)
    for lineno, row in rows:
        if format == "spb" or ("petitions" in row and "answers" in row):
            rec = _spb_record(row, region or SPB_REGION, path, lineno)
        elif _str(row.get("received_at")) and _str(row.get("appeal") or row.get("text")):
            rec = _plain_record(row, region or timing.default_region, path, lineno)
        else:
            continue
        if rec is None:
            continue
        yield timing.fill(rec)


def _spb_record(row: dict[str, Any], region: str, path: Path, lineno: int) -> AppealRecord | None:
    if "id" not in row:
        raise InvalidInput(f"{path.name}:{lineno}: not a city-portal card (no id)")
    petitions = sorted(
        (p for p in row.get("petitions") or [] if _str(p.get("dt"))), key=lambda p: p["dt"]
    )
    if not petitions:
        return None
    answers = sorted(
        (a for a in row.get("answers") or [] if _str(a.get("dt"))), key=lambda a: a["dt"]
    )
    finals = [a for a in answers if a.get("kind") == FINAL]
    last = finals[-1] if finals else None
    status = _str(row.get("final_status"))
    pushback = None
    if last is not None:
        pushback = any(_str(p["dt"]) > _str(last["dt"]) for p in petitions)
    satisfied = True if SATISFIED in status.lower() else None
    if satisfied is None and status.lower().startswith(CLOSED):
        satisfied = False
    text = _str(petitions[0].get("text")) or _str(row.get("reason")) or "—"
    return AppealRecord(
        key=f"spb:{row['id']}",
        source="spb",
        external_id=str(row["id"]),
        region=canonical_region(region),
        agency=_str(row.get("responsible_org")) or (_str(last.get("org")) if last else None),
        category=_str(row.get("category")) or None,
        topic=_str(row.get("reason")) or None,
        place=_str(row.get("district")) or None,
        address=_str(row.get("address")) or None,
        channel=SPB_CHANNEL,
        text=text,
        reply_text=_str(last.get("text")) or None if last else None,
        received_at=_time(petitions[0]["dt"], path, lineno),
        week=datetime(2000, 1, 3).date(),  # Timing.fill sets it
        first_reply_at=_time(answers[0]["dt"], path, lineno) if answers else None,
        final_reply_at=_time(last["dt"], path, lineno) if last else None,
        outcome=status or None,
        satisfied=satisfied,
        pushback=pushback,
    )


def _plain_record(
    row: dict[str, Any], region: str | None, path: Path, lineno: int
) -> AppealRecord | None:
    ext = _str(row.get("id")) or None
    text = _str(row.get("appeal") or row.get("text"))
    received = _time(_str(row["received_at"]), path, lineno)
    key = f"hist:{ext}" if ext else f"hist:{path.name}:{lineno}"
    region = _str(row.get("region")) or region
    return AppealRecord(
        key=key,
        source="history",
        external_id=ext,
        region=canonical_region(region) if region else None,
        agency=_str(row.get("agency")) or None,
        category=_str(row.get("category")) or None,
        topic=_str(row.get("topic")) or _str(row.get("reason")) or None,
        place=_str(row.get("place")) or _str(row.get("district")) or None,
        address=_str(row.get("address")) or None,
        author=_str(row.get("author")) or None,
        channel=_str(row.get("channel")) or "pos",
        text=text,
        reply_text=_str(row.get("answer")) or None,
        received_at=received,
        week=received.date(),
        first_reply_at=_opt_time(row.get("first_reply_at"), path, lineno),
        final_reply_at=_opt_time(row.get("final_reply_at"), path, lineno),
        outcome=_str(row.get("outcome")) or None,
        satisfied=_bool(row.get("satisfied")),
        pushback=_bool(row.get("pushback")),
    )


def record_of_draft(draft: Draft, events: Sequence[HistoryEvent], timing: Timing) -> AppealRecord:
    """A live draft's record: received (the appeal's time, else when it was created), first
    drafted, last approved, sent; the reviewers' return reasons; the quality of the reply
    sent."""
    appeal = draft.appeal
    drafted = next((e.at for e in events if e.event == "generated"), None)
    approved = [e.at for e in events if e.event == "approved"]
    sent = next((e.at for e in events if e.event == "sent"), None)
    returns = [code for e in events if e.event == "returned" for code in (e.reasons or [])]
    region = canonical_region(appeal.region) if appeal.region else timing.default_region
    quality = draft.quality if sent is not None else None
    rec = AppealRecord(
        key=f"draft:{draft.id}",
        source="draft",
        external_id=appeal.external_id,
        draft_id=draft.id,
        region=region,
        agency=appeal.agency,
        category=appeal.category,
        topic=appeal.category or _routed_topic(draft),
        address=appeal.address,
        author=appeal.author_name,
        channel=appeal.channel.value,
        text=appeal.text,
        reply_text=draft.text if sent is not None else None,
        received_at=appeal.received_at or draft.created_at,
        week=draft.created_at.date(),
        drafted_at=drafted,
        approved_at=approved[-1] if approved else None,
        sent_at=sent,
        first_reply_at=sent,
        final_reply_at=sent if sent is not None and draft.reply_kind != "interim" else None,
        quality_score=quality.score if quality else None,
        quality_passed=quality.passed if quality else None,
        returns=returns,
    )
    return timing.fill(rec)


def _routed_topic(draft: Draft) -> str | None:
    return (draft.routing.category.label or None) if draft.routing else None


# -- reading ---------------------------------------------------------------------------------


def _open_text(path: Path) -> io.TextIOBase:
    raw = gzip.open(path, "rb") if path.name.lower().endswith(".gz") else open(path, "rb")  # noqa: SIM115
    return io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")


def _jsonl_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        with _open_text(path) as fh:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InvalidInput(f"{path.name}:{lineno}: not JSON ({exc.msg})") from exc
                if isinstance(row, dict):
                    yield lineno, row
    except (OSError, UnicodeDecodeError, EOFError) as exc:
        raise InvalidInput(f"cannot read {path.name}: {exc}") from exc


def _csv_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        with _open_text(path) as fh:
            yield from enumerate(csv.DictReader(fh), 2)
    except (OSError, UnicodeDecodeError, EOFError, csv.Error) as exc:
        raise InvalidInput(f"cannot read {path.name}: {exc}") from exc


def _str(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _bool(value: Any) -> bool | None:
    text = _str(value).lower()
    if text in ("1", "true", "yes", "да"):
        return True
    if text in ("0", "false", "no", "нет"):
        return False
    return None


def _time(value: str, path: Path, lineno: int) -> datetime:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise InvalidInput(f"{path.name}:{lineno}: {value!r} is not an ISO 8601 time") from exc


def _opt_time(value: Any, path: Path, lineno: int) -> datetime | None:
    text = _str(value)
    return _time(text, path, lineno) if text else None


def _utc(value: datetime) -> datetime:
    return value.astimezone(timezone.utc)
