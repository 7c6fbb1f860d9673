"""Appeal records (table ``appeal_records``, migration 0006): written in batches, aggregated
for the agency rating and pain points, searched with Russian stemming.

Search: on SQLite the FTS5 table ``appeal_search`` (rowid = the record's id) holds Snowball
stems of the searchable text, and the query is stemmed the same way (FTS5 has no Russian
stemmer of its own); on PostgreSQL ``to_tsvector('russian', search_text)`` with a GIN index.
Percentiles are not SQL on SQLite, so ``hours`` hands the per-group values to Python.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any, cast, overload

from sqlalchemy import Float, Integer, bindparam, case, delete, false, func, select, text, tuple_
from sqlalchemy.orm import QueryableAttribute, Session, sessionmaker
from sqlalchemy.sql import ColumnElement

from drafter.domain import AppealRecord
from drafter.storage.db import session_scope
from drafter.storage.models import AppealRecordRow

_WORD = re.compile(r"[0-9a-zа-яё]+", re.IGNORECASE)
_BATCH = 1000
RANKED_HITS = 500  # PostgreSQL ranks this many hits by relevance; more, newest first


def search_words(value: str) -> list[str]:
    """Lower-cased words and numbers, ё as е: what both search backends index."""
    return [w.replace("ё", "е") for w in _WORD.findall(value.lower())]


def search_stems(value: str) -> str:
    from knowledge.text import stem

    return " ".join(stem(w) for w in search_words(value))


def searchable(rec: AppealRecord) -> str:
    return " ".join(part for part in (rec.text, rec.address, rec.author, rec.external_id) if part)


@dataclass(frozen=True)
class HistoryFilter:
    """Whole weeks ``week_from``..``week_to`` (Mondays), and the caller's scope."""

    week_from: date | None = None
    week_to: date | None = None
    region: str | None = None  # canonical code
    agency: str | None = None
    nothing: bool = False  # a scope that matches no record (another region than the caller's)


class HistoryStore:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    # -- writing -----------------------------------------------------------------------------

    def upsert(self, records: Iterable[AppealRecord]) -> int:
        """Write records, replacing those with the same key; returns how many were written."""
        written = 0
        batch: list[AppealRecord] = []
        for rec in records:
            batch.append(rec)
            if len(batch) >= _BATCH:
                written += self._write(batch)
                batch = []
        if batch:
            written += self._write(batch)
        return written

    def _write(self, batch: list[AppealRecord]) -> int:
        unique = {rec.key: rec for rec in batch}  # a key twice in one batch: the last wins
        with self._session() as s:
            sqlite = s.get_bind().dialect.name == "sqlite"
            old = list(s.scalars(select(AppealRecordRow.id).where(AppealRecordRow.key.in_(unique))))
            if old:
                if sqlite:
                    gone = text("DELETE FROM appeal_search WHERE rowid IN :ids")
                    s.execute(gone.bindparams(bindparam("ids", expanding=True)), {"ids": old})
                s.execute(delete(AppealRecordRow).where(AppealRecordRow.id.in_(old)))
            rows = [_row(rec) for rec in unique.values()]
            s.add_all(rows)
            s.flush()
            if sqlite:
                s.execute(
                    text("INSERT INTO appeal_search (rowid, stems) VALUES (:id, :stems)"),
                    [{"id": r.id, "stems": search_stems(r.search_text)} for r in rows],
                )
            s.commit()
        return len(unique)

    # -- reading -----------------------------------------------------------------------------

    def get(self, key: str) -> AppealRecord | None:
        with self._session() as s:
            row = s.scalar(select(AppealRecordRow).where(AppealRecordRow.key == key))
            return to_record(row) if row else None

    def count(self, where: HistoryFilter | None = None) -> int:
        query = _scoped(select(func.count()).select_from(AppealRecordRow), where)
        with self._session() as s:
            return int(s.scalar(query) or 0)

    def weeks(self, where: HistoryFilter) -> list[date]:
        query = _scoped(select(AppealRecordRow.week).distinct(), where)
        with self._session() as s:
            return sorted(_date(w) for w in s.scalars(query))

    def agency_weeks(self, where: HistoryFilter) -> list[dict[str, Any]]:
        """Per (agency, week): appeals, answered, within deadline (of known), quality of the
        replies checked, pushback and satisfaction where recorded."""
        r = AppealRecordRow
        query = (
            select(
                r.agency,
                r.week,
                func.count().label("appeals"),
                func.count(r.final_reply_at).label("answered"),
                _true(r.within_deadline).label("within"),
                func.count(r.within_deadline).label("within_known"),
                func.count(r.quality_score).label("checked"),
                _true(r.quality_passed).label("passed"),
                func.avg(r.quality_score).label("mean_score"),
                _true(r.pushback).label("pushback"),
                func.count(r.pushback).label("pushback_known"),
                _true(r.satisfied).label("satisfied"),
                func.count(r.satisfied).label("satisfied_known"),
            )
            .where(r.agency.is_not(None))
            .group_by(r.agency, r.week)
        )
        with self._session() as s:
            rows = s.execute(_scoped(query, where)).mappings().all()
        return [{**row, "week": _date(row["week"])} for row in rows]

    def hours(self, where: HistoryFilter) -> list[tuple[str, date, float | None, float | None]]:
        """(agency, week, first reply h, final reply h) of every answered appeal."""
        r = AppealRecordRow
        query = select(r.agency, r.week, r.first_reply_hours, r.final_reply_hours).where(
            r.agency.is_not(None), r.first_reply_hours.is_not(None)
        )
        with self._session() as s:
            return [(a, _date(w), f, n) for a, w, f, n in s.execute(_scoped(query, where))]

    def returns(self, where: HistoryFilter) -> list[tuple[str, date, list[str]]]:
        r = AppealRecordRow
        query = select(r.agency, r.week, r.returns).where(
            r.agency.is_not(None), r.source == "draft"
        )
        with self._session() as s:
            return [(a, _date(w), list(x or [])) for a, w, x in s.execute(_scoped(query, where))]

    def topic_place_weeks(self, where: HistoryFilter) -> list[tuple[str, str, date, int]]:
        r = AppealRecordRow
        place = func.coalesce(r.place, "—")
        query = (
            select(r.topic, place, r.week, func.count())
            .where(r.topic.is_not(None))
            .group_by(r.topic, place, r.week)
        )
        with self._session() as s:
            return [(t, p, _date(w), int(n)) for t, p, w, n in s.execute(_scoped(query, where))]

    def repeated(self, where: HistoryFilter, at_least: int) -> list[tuple[str, str, datetime, str]]:
        """(address, topic, received, key) of the appeals on an (address, topic) that has at
        least ``at_least`` of them in the range; the 30-day window is applied by the caller."""
        r = AppealRecordRow
        groups = _scoped(
            select(r.address, r.topic)
            .where(r.address.is_not(None), r.topic.is_not(None))
            .group_by(r.address, r.topic)
            .having(func.count() >= at_least),
            where,
        )
        query = _scoped(
            select(r.address, r.topic, r.received_at, r.key).where(
                tuple_(r.address, r.topic).in_(groups)
            ),
            where,
        ).order_by(r.address, r.topic, r.received_at)
        with self._session() as s:
            return [(a, t, _utc(at), k) for a, t, at, k in s.execute(query)]

    def examples_by_group(
        self, where: HistoryFilter, groups: Sequence[tuple[Any, ...]], *, by_place: bool,
        per_group: int = 3,
    ) -> dict[tuple[Any, ...], list[AppealRecord]]:  # fmt: skip
        """The latest ``per_group`` records of each (topic, place, week) or (topic, week) in
        ``groups``, in one query (a window function on both backends)."""
        if not groups:
            return {}
        r = AppealRecordRow
        columns = [r.topic, func.coalesce(r.place, "—"), r.week] if by_place else [r.topic, r.week]
        numbered = _scoped(
            select(
                r.id,
                func.row_number()
                .over(partition_by=columns, order_by=(r.received_at.desc(), r.id))
                .label("n"),
            ).where(tuple_(*columns).in_([tuple(g) for g in groups])),
            where,
        ).subquery()
        query = (
            select(r)
            .join(numbered, numbered.c.id == r.id)
            .where(numbered.c.n <= per_group)
            .order_by(r.received_at.desc(), r.id)
        )
        out: dict[tuple[Any, ...], list[AppealRecord]] = {tuple(g): [] for g in groups}
        with self._session() as s:
            for row in s.scalars(query):
                rec = to_record(row)
                key = (rec.topic, rec.place or "—", rec.week) if by_place else (rec.topic, rec.week)
                out.setdefault(key, []).append(rec)
        return out

    def labelled(self) -> list[tuple[str, str, str | None]]:
        """(text, agency, category) of the imported appeals that name their agency: what the
        router learns from."""
        r = AppealRecordRow
        query = (
            select(r.text, r.agency, func.coalesce(r.category, r.topic))
            .where(r.source != "draft", r.agency.is_not(None))
            .order_by(r.id)
        )
        with self._session() as s:
            # the query keeps the appeals that name their agency
            return [(t, cast(str, a), c) for t, a, c in s.execute(query)]

    def by_keys(self, where: HistoryFilter, keys: Sequence[str]) -> dict[str, AppealRecord]:
        if not keys:
            return {}
        query = _scoped(select(AppealRecordRow).where(AppealRecordRow.key.in_(list(keys))), where)
        with self._session() as s:
            return {row.key: to_record(row) for row in s.scalars(query)}

    def search(
        self, query_text: str, where: HistoryFilter, *, limit: int = 20, offset: int = 0
    ) -> tuple[list[AppealRecord], int]:
        """Records whose text, address, author or external id hold every word of the query
        (Russian stems; a word's prefix matches too), best first, and the total. (On
        PostgreSQL over RANKED_HITS hits come newest first: ranking them costs too much.)"""
        words = search_words(query_text)
        if not words:
            return [], 0
        r = AppealRecordRow
        with self._session() as s:
            if s.get_bind().dialect.name == "sqlite":
                match = " ".join(f'"{w}"*' for w in search_stems(" ".join(words)).split())
                hits = (
                    text(
                        "SELECT rowid AS id, rank AS score FROM appeal_search "
                        "WHERE appeal_search MATCH :q"
                    )
                    .columns(id=Integer, score=Float)
                    .bindparams(q=match)
                    .subquery()
                )
                found = select(r).join(hits, hits.c.id == r.id)
                counted = select(func.count()).select_from(r).join(hits, hits.c.id == r.id)
                # the id last: equal scores and times must page the same way every time
                order = [hits.c.score.asc(), r.received_at.desc(), r.id]
            else:
                vector = func.to_tsvector(text("'russian'"), r.search_text)
                tsq = func.to_tsquery(text("'russian'"), " & ".join(f"{w}:*" for w in words))
                matched = vector.op("@@")(tsq)
                found = select(r).where(matched)
                counted = select(func.count()).select_from(r).where(matched)
                order = [func.ts_rank(vector, tsq).desc(), r.received_at.desc(), r.id]
            total = int(s.scalar(_scoped(counted, where)) or 0)
            if s.get_bind().dialect.name != "sqlite" and total > RANKED_HITS:
                # ts_rank rebuilds every hit's tsvector (0.4 s for 4,000 hits): newest first
                order = [r.received_at.desc(), r.id]
            page = _scoped(found, where).order_by(*order).limit(limit).offset(offset)
            return [to_record(row) for row in s.scalars(page)], total

    def _session(self) -> AbstractContextManager[Session]:
        return session_scope(self._sessions)


def _scoped(query, where: HistoryFilter | None):  # type: ignore[no-untyped-def]
    if where is None:
        return query
    r = AppealRecordRow
    if where.nothing:
        query = query.where(false())
    if where.week_from is not None:
        query = query.where(r.week >= where.week_from)
    if where.week_to is not None:
        query = query.where(r.week <= where.week_to)
    if where.region is not None:
        query = query.where(r.region == where.region)
    if where.agency is not None:
        query = query.where(r.agency == where.agency)
    return query


def _true(column: QueryableAttribute[bool | None]) -> ColumnElement[int]:
    return func.sum(case((column.is_(True), 1), else_=0))


def _date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        return date.fromisoformat(value[:10])
    as_stored: date = value
    return as_stored


@overload
def _utc(value: datetime) -> datetime: ...
@overload
def _utc(value: datetime | None) -> datetime | None: ...
def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value


def _row(rec: AppealRecord) -> AppealRecordRow:
    data = rec.model_dump()
    data["returns"] = rec.returns or None
    return AppealRecordRow(**data, search_text=searchable(rec))


def to_record(row: AppealRecordRow) -> AppealRecord:
    data = {c: getattr(row, c) for c in AppealRecord.model_fields}
    for name, value in data.items():
        if isinstance(value, datetime):
            data[name] = _utc(value)
    data["returns"] = row.returns or []
    data["week"] = _date(row.week)
    return AppealRecord.model_validate(data)
