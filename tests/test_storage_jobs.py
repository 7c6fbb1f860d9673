"""The job runner: worker threads over the drafts table."""

from __future__ import annotations

import threading
import time

import pytest

from drafter.domain import Appeal, DraftResult, Quality
from drafter.jobs import JobRunner
from drafter.storage import DraftFilter, Store


class CountingDrafter:
    def __init__(self, fail_on: str | None = None) -> None:
        self.fail_on = fail_on
        self.calls: list[str] = []
        self.warmed: list[str] = []
        self._lock = threading.Lock()

    def draft(self, appeal, facts=None, on_token=None):
        with self._lock:
            self.calls.append(appeal.text)
        if appeal.text == self.fail_on:
            raise RuntimeError("boom")
        if on_token:
            on_token("ok")
        if appeal.text.startswith("яма"):  # a problem report without facts: needs_facts
            return DraftResult(
                text="Здравствуйте! Ваше обращение передано.",
                quality=Quality(score=80, passed=True),
                reply_kind="interim",
                checklist=[],
            )
        return DraftResult(text=f"ответ на {appeal.text}", quality=Quality(score=80, passed=True))

    def warm_for_facts(self, appeal):
        if appeal.text == "яма, и чтение вперёд падает":
            raise RuntimeError("no model")
        self.warmed.append(appeal.text)


@pytest.fixture
def store(settings):
    settings.ensure_dirs()
    s = Store.open(settings.db_url)
    yield s
    s.close()


def _until_empty(store: Store, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        busy = store.drafts.count(DraftFilter(status="queued")) + store.drafts.count(
            DraftFilter(status="drafting")
        )
        if busy == 0:
            return
        time.sleep(0.02)
    raise AssertionError("the queue never emptied")


def test_workers_draft_every_queued_appeal_once(store):
    drafter = CountingDrafter()
    runner = JobRunner(store.drafts, lambda: drafter, workers=3, poll_s=0.05)
    texts = [f"обращение {i}" for i in range(25)]
    runner.start()
    try:
        for t in texts:
            store.drafts.create(Appeal(text=t))
            runner.notify()
        _until_empty(store)
    finally:
        runner.stop()
    assert sorted(drafter.calls) == sorted(texts)
    assert store.drafts.count(DraftFilter(status="ready")) == 25


def test_a_bug_fails_one_draft_and_the_worker_goes_on(store):
    drafter = CountingDrafter(fail_on="плохое")
    bad = store.drafts.create(Appeal(text="плохое"))
    good = store.drafts.create(Appeal(text="хорошее"))
    runner = JobRunner(store.drafts, lambda: drafter, workers=1)
    assert runner.drain() == 2
    failed, ready = store.drafts.get(bad.id), store.drafts.get(good.id)
    assert failed.status == "failed" and failed.error == "RuntimeError: boom"
    assert ready.status == "ready" and ready.text == "ответ на хорошее"


def test_the_drafter_is_built_only_when_a_job_comes(store):
    built = []

    def provider():
        built.append(1)
        return CountingDrafter()

    runner = JobRunner(store.drafts, provider, workers=1, poll_s=0.05)
    runner.start()
    time.sleep(0.2)  # idle workers poll an empty queue
    assert built == []
    store.drafts.create(Appeal(text="первое"))
    runner.notify()
    _until_empty(store)
    runner.stop()
    assert built and not runner.running


def test_a_draft_waiting_for_facts_has_its_appeal_read_ahead(store):
    drafter = CountingDrafter()
    waiting = store.drafts.create(Appeal(text="яма на дороге"))
    broken = store.drafts.create(Appeal(text="яма, и чтение вперёд падает"))
    store.drafts.create(Appeal(text="как записаться в школу"))
    runner = JobRunner(store.drafts, lambda: drafter, workers=1)
    assert runner.drain() == 3
    # only the draft that waits for the executor's facts; a failure to read ahead fails nothing
    assert drafter.warmed == ["яма на дороге"]
    assert store.drafts.get(waiting.id).status == "needs_facts"
    assert store.drafts.get(broken.id).status == "needs_facts"
