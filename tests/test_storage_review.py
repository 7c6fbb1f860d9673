"""The store's side of the review workflow: compare-and-set writes, the append-only audit
trail, deadline filters in SQL. SQLite, or PostgreSQL with DRAFTER_TEST_DATABASE_URL."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

import pytest

from drafter.domain import Actor, Appeal, DraftResult, Quality, RouteResult
from drafter.errors import Conflict, NotFound, PreconditionFailed
from drafter.review import Expected
from drafter.storage import Change, DraftFilter, Store

EDITOR = Actor(role="executor", agency="ЖКХ", token_id="t1")


@pytest.fixture
def store(settings):
    settings.ensure_dirs()
    s = Store.open(settings.db_url)
    yield s
    s.close()


def _ready(store, text: str = "Здравствуйте! Мусор вывезен.", **appeal) -> str:
    draft = store.drafts.create(Appeal(text="Не вывозят мусор", **appeal))
    store.drafts.claim(draft.id, "w")
    store.drafts.finish(draft.id, DraftResult(text=text, quality=Quality(score=90, passed=True)))
    return draft.id


def _edit(text: str):
    return lambda _draft: Change("edited", EDITOR, {"text": text}, log_text=True)


def test_concurrent_writers_on_one_version_exactly_one_wins(store):
    draft_id = _ready(store)
    seen = store.drafts.get(draft_id).version
    n = 8
    start = threading.Barrier(n)
    wins: list[str] = []
    losses: list[Exception] = []
    lock = threading.Lock()

    def writer(i: int) -> None:
        start.wait()
        try:
            store.drafts.apply(draft_id, _edit(f"правка {i}"), expected=[Expected(seen)])
            with lock:
                wins.append(f"правка {i}")
        except Conflict as exc:
            with lock:
                losses.append(exc)

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(wins) == 1 and len(losses) == n - 1
    assert all(type(e) is Conflict and e.code == "conflict" for e in losses)
    final = store.drafts.get(draft_id)
    assert final.text == wins[0] and final.version == seen + 1
    edits = [e for e in store.drafts.history(draft_id) if e.event == "edited"]
    assert [e.text for e in edits] == wins


def test_writers_without_a_version_all_land_in_order(store):
    draft_id = _ready(store)
    before = store.drafts.get(draft_id).version
    n = 6
    start = threading.Barrier(n)

    def writer(i: int) -> None:
        start.wait()
        store.drafts.apply(draft_id, _edit(f"правка {i}"))

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    history = store.drafts.history(draft_id)
    edits = [e for e in history if e.event == "edited"]
    assert len(edits) == n
    assert [e.version for e in history] == list(range(1, before + n + 1))
    assert store.drafts.get(draft_id).text == edits[-1].text


def test_if_match_mismatch_is_412_and_version_mismatch_409(store):
    draft_id = _ready(store)
    v = store.drafts.get(draft_id).version
    with pytest.raises(PreconditionFailed):
        store.drafts.apply(draft_id, _edit("x"), expected=[Expected(v - 1, precondition=True)])
    with pytest.raises(Conflict) as caught:
        store.drafts.apply(draft_id, _edit("x"), expected=[Expected(v + 5)])
    assert caught.value.status == 409 and caught.value.details["version"] == v
    with pytest.raises(NotFound):
        store.drafts.apply("missing", _edit("x"))
    with pytest.raises(NotFound):  # hidden wins over a wrong version: nothing is leaked
        store.drafts.apply(draft_id, _edit("x"), visible=lambda d: False, expected=[Expected(0)])
    assert store.drafts.get(draft_id).version == v


def test_the_audit_trail_only_grows(store):
    draft_id = _ready(store, text="первая строка\nвторая строка")
    earlier = store.drafts.history(draft_id)
    store.drafts.apply(draft_id, _edit("первая строка\nновая вторая строка"))
    store.drafts.apply(draft_id, lambda d: Change("submitted", EDITOR, {"status": "in_review"}))
    later = store.drafts.history(draft_id)
    assert later[: len(earlier)] == earlier  # nothing before was changed
    assert [e.event for e in later] == ["created", "generated", "edited", "submitted"]
    edited = later[2]
    assert edited.diff.splitlines()[2:] == [
        "@@ -1,2 +1,2 @@",
        " первая строка",
        "-вторая строка",
        "+новая вторая строка",
    ]
    assert edited.actor == EDITOR
    assert later[3].text is None and later[3].diff is None


def test_overdue_and_due_before_are_sql_filters(store):
    now = datetime(2026, 11, 22, 12, 0, tzinfo=timezone.utc)
    late = store.drafts.create(Appeal(text="a"), deadline=now - timedelta(hours=1))
    soon = store.drafts.create(Appeal(text="b"), deadline=now + timedelta(hours=2))
    later = store.drafts.create(Appeal(text="c"), deadline=now + timedelta(days=3))
    closed = store.drafts.create(Appeal(text="d"), deadline=now - timedelta(days=1))
    store.drafts.apply(closed.id, lambda d: Change("approved", EDITOR, {"status": "approved"}))

    def ids(**kw) -> list[str]:
        return [d.id for d in store.drafts.find(DraftFilter(now=now, **kw))]

    assert ids() == [closed.id, late.id, soon.id, later.id]  # by deadline
    assert ids(overdue=True) == [late.id]
    assert ids(overdue=False) == [closed.id, soon.id, later.id]
    assert ids(due_before=now + timedelta(hours=3)) == [closed.id, late.id, soon.id]
    # a due_before in another zone is the same instant
    omsk = timezone(timedelta(hours=6))
    assert ids(due_before=(now + timedelta(hours=3)).astimezone(omsk)) == [
        closed.id,
        late.id,
        soon.id,
    ]
    assert store.drafts.count(DraftFilter(now=now, overdue=True)) == 1
    found = {d.id: d for d in store.drafts.find(DraftFilter(now=now))}
    assert found[late.id].overdue and not found[closed.id].overdue


def test_the_pipeline_routing_is_stored_with_the_draft(store):
    draft = store.drafts.create(Appeal(text="Не горит фонарь"))
    store.drafts.claim(draft.id, "w")
    routing = RouteResult.model_validate(
        {"responsible_body": {"label": "Комитет по благоустройству", "confidence": 0.8}}
    )
    result = DraftResult(
        text="Здравствуйте!", quality=Quality(score=90, passed=True), routing=routing
    )
    # typed on the way out as on the way in
    assert store.drafts.finish(draft.id, result).routing == routing
    assert store.drafts.get(draft.id).routing == routing


def test_audit_rows_cannot_be_changed_or_deleted_through_the_orm(store):
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from drafter.storage.models import DraftEventRow

    draft_id = _ready(store)
    with Session(store.engine) as s:
        row = s.scalars(select(DraftEventRow).where(DraftEventRow.draft_id == draft_id)).first()
        row.comment = "переписано"
        with pytest.raises(PermissionError):
            s.flush()
        s.rollback()
        row = s.scalars(select(DraftEventRow).where(DraftEventRow.draft_id == draft_id)).first()
        s.delete(row)
        with pytest.raises(PermissionError):
            s.flush()
    assert [e.comment for e in store.drafts.history(draft_id)] == [None, None]
