"""The Store: migrations, the drafts job queue, tokens. SQLite, or PostgreSQL when
DRAFTER_TEST_DATABASE_URL is set (see tests/conftest.py)."""

from __future__ import annotations

import threading
import time
from datetime import timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from drafter.domain import Actor, Appeal, Citation, DraftResult, Quality
from drafter.errors import StorageUnavailable
from drafter.storage import Change, DraftFilter, Store
from drafter.storage.models import Base, managed_by_models


@pytest.fixture
def store(settings):
    settings.ensure_dirs()
    s = Store.open(settings.db_url)
    yield s
    s.close()


def _result(passed: bool = True) -> DraftResult:
    return DraftResult(
        text="Здравствуйте! Мусор вывезен.",
        citations=[Citation(source_id="r#1", title="Правила", snippet="п. 1")],
        quality=Quality(score=90 if passed else 30, passed=passed),
        timings={"total": 1.5},
        prompt_version="draft_v1",
        model="gemma",
    )


def test_migrations_match_the_models_and_are_idempotent(store):
    store.migrate()  # a second upgrade is a no-op
    with store.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"include_name": managed_by_models})
        diff = compare_metadata(ctx, Base.metadata)
        tables = set(inspect(conn).get_table_names())
    assert diff == []
    assert {"drafts", "api_tokens", "alembic_version"} <= tables


def test_draft_lifecycle(store):
    created = store.drafts.create(Appeal(text="Не вывозят мусор", agency="ЖКХ", channel="email"))
    assert created.status == "queued"
    assert created.created_at.tzinfo is not None
    assert created.created_at.utcoffset() == timezone.utc.utcoffset(None)

    job = store.drafts.claim_next("w1")
    assert job is not None and job.draft_id == created.id and job.appeal == created.appeal
    assert store.drafts.get(created.id).status == "drafting"
    assert store.drafts.claim_next("w2") is None
    assert store.drafts.claim(created.id, "w2") is None

    done = store.drafts.finish(created.id, _result(passed=False))
    assert done.status == "needs_attention"
    assert done.text == "Здравствуйте! Мусор вывезен." and done.citations[0].source_id == "r#1"
    assert done.timings == {"total": 1.5} and done.model == "gemma"
    assert store.drafts.get(created.id) == done

    other = store.drafts.create(Appeal(text="Яма"))
    store.drafts.claim(other.id, "w1")
    failed = store.drafts.fail(other.id, "LLM unavailable")
    assert failed.status == "failed" and failed.error == "LLM unavailable"
    assert store.drafts.fail("missing", "x") is None


def test_claims_are_exclusive_across_threads(store):
    ids = {store.drafts.create(Appeal(text=f"обращение {i}")).id for i in range(40)}
    claimed: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(6)

    def worker(name: str) -> None:
        start.wait()
        while (job := store.drafts.claim_next(name)) is not None:
            with lock:
                claimed.append(job.draft_id)

    threads = [threading.Thread(target=worker, args=(f"w{i}",)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(claimed) == sorted(ids)  # every draft once, none twice
    assert store.drafts.count(DraftFilter(status="drafting")) == 40


def test_queue_order_is_oldest_first(store):
    first = store.drafts.create(Appeal(text="первое"))
    second = store.drafts.create(Appeal(text="второе"))
    assert [store.drafts.claim_next("w").draft_id for _ in range(2)] == [first.id, second.id]


def test_only_an_expired_lease_is_requeued(store):
    a = store.drafts.create(Appeal(text="a"))
    b = store.drafts.create(Appeal(text="b"))
    c = store.drafts.create(Appeal(text="c"))
    store.drafts.claim(a.id, "dead:1", lease_s=0.001)  # its worker died: the lease runs out
    live = store.drafts.claim(b.id, "alive:2", lease_s=60)
    store.drafts.claim(c.id, "alive:2")
    store.drafts.finish(c.id, _result())
    time.sleep(0.01)

    assert store.drafts.requeue_expired() == 1  # a; b's worker is alive, c is finished
    assert [store.drafts.get(x.id).status for x in (a, b, c)] == ["queued", "drafting", "ready"]
    assert store.drafts.heartbeat(live, lease_s=60)


def test_a_drafting_job_with_an_expired_lease_is_claimed_again(store):
    draft = store.drafts.create(Appeal(text="Яма у дома 5"))
    stale = store.drafts.claim(draft.id, "dead:1", lease_s=0.001)
    # expired but not taken over yet: still its holder's (a paused worker may go on)
    assert store.drafts.heartbeat(stale, lease_s=0.001)
    time.sleep(0.01)
    fresh = store.drafts.claim_next("alive:2")
    assert fresh is not None and fresh.draft_id == draft.id and fresh.attempt == stale.attempt + 1
    assert store.drafts.claim_next("alive:3") is None  # the new lease holds
    assert not store.drafts.heartbeat(stale)  # the old claim is gone for good

    assert store.drafts.finish(stale, _result()) is None  # the dead worker's late result
    done = store.drafts.finish(fresh, _result())
    assert done is not None and done.status == "ready" and done.version == 2
    generated = [e for e in store.drafts.history(draft.id) if e.event == "generated"]
    assert len(generated) == 1
    assert len(store.drafts.discarded(draft.id)) == 1


def test_a_result_for_a_draft_that_moved_on_is_discarded_not_written(store):
    """The defect: a second process wrote `failed` v5 over `approved` v4."""
    draft = store.drafts.create(Appeal(text="Не горит фонарь"))
    first = store.drafts.claim(draft.id, "w1", lease_s=0.001)
    time.sleep(0.01)
    second = store.drafts.claim(draft.id, "w2")  # w1 looked dead
    store.drafts.finish(second, _result())
    approved = store.drafts.apply(
        draft.id, lambda _d: Change("approved", Actor(role="reviewer"), {"status": "approved"})
    )
    assert approved.status == "approved"

    assert store.drafts.fail(first, "Chroma query failed") is None
    assert store.drafts.finish(first, _result()) is None
    after = store.drafts.get(draft.id)
    assert (after.status, after.version, after.error) == ("approved", approved.version, None)
    notes = store.drafts.discarded(draft.id)
    assert len(notes) == 2 and all("approved" in n for n in notes)
    # the audit shows both late results as discarded, after the approval they did not overwrite
    assert [e.event for e in store.drafts.history(draft.id)] == [
        "created",
        "generated",
        "approved",
        "discarded",
        "discarded",
    ]


def test_find_filters_and_count(store):
    store.drafts.create(Appeal(text="1", agency="A", channel="vk"))
    store.drafts.create(Appeal(text="2", agency="A", channel="email"))
    store.drafts.create(Appeal(text="3", agency="B", channel="vk"))
    assert store.drafts.count() == 3
    only = DraftFilter(agency="A", channel="vk")
    assert [d.appeal.text for d in store.drafts.find(only)] == ["1"]
    assert store.drafts.count(DraftFilter(channel="vk")) == 2
    assert len(store.drafts.find(DraftFilter(), limit=2, offset=2)) == 1


def test_tokens(store):
    secret, info = store.tokens.create("executor", "A")
    assert store.tokens.lookup(secret) == info
    assert store.tokens.lookup(secret + "x") is None
    assert store.tokens.exists("executor") and not store.tokens.exists("admin")


def test_unreachable_database_is_storage_unavailable():
    with pytest.raises(StorageUnavailable):
        Store.open("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2")


def test_nul_characters_do_not_make_a_draft_unstorable(store):
    draft = store.drafts.create(Appeal(text="обращение\x00с нулём"))
    store.drafts.claim(draft.id, "w")
    result = _result()
    result.text = "ответ\x00с нулём"
    assert store.drafts.finish(draft.id, result).text == "ответс нулём"
    other = store.drafts.create(Appeal(text="обращение"))
    store.drafts.claim(other.id, "w")
    assert store.drafts.fail(other.id, "ошибка\x00").error == "ошибка"
    assert store.drafts.get(draft.id).appeal.text == "обращение\x00с нулём"
