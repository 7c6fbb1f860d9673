"""Drafting runs are kept with the result they led to (draft_traces, 0007); a draft stored
before gives its last run from the row's JSON, without attempts."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from sqlalchemy import update

from drafter.domain import (
    AnswerDeadline,
    Appeal,
    Attempt,
    DraftResult,
    Quality,
    Removal,
    SupportRow,
)
from drafter.storage import Store
from drafter.storage.models import DraftRow

DUE = datetime(2026, 12, 7, 15, 0, tzinfo=timezone.utc)


@pytest.fixture
def store(settings):
    settings.ensure_dirs()
    s = Store.open(settings.db_url)
    yield s
    s.close()


def _result(text: str, completion: str) -> DraftResult:
    removed = Removal(stage="grounding", reason="не подтверждено: дата «20 мая»", text="До 20 мая.")
    attempt = Attempt(
        number=1, prompt="Обращение: яма", completion=completion, removals=[removed], text=text,
        quality=Quality(score=90, passed=True), chosen=True,
    )  # fmt: skip
    return DraftResult(
        text=text,
        quality=Quality(score=90, passed=True),
        mode="facts",
        deadline=AnswerDeadline(due=DUE, text="7 декабря, 18:00", line="Срок ответа: …"),
        support=[SupportRow(sentence=text, start=0, end=len(text), sources=["appeal"])],
        attempts_trace=[attempt],
    )


def test_each_stored_result_keeps_its_run_and_attempts(store):
    draft = store.drafts.create(Appeal(text="Яма во дворе"))
    versions = []
    for completion in ("Яму заделают. До 20 мая.", "Яму заделают скоро."):
        store.drafts.claim(draft.id, "w")
        versions.append(store.drafts.finish(draft.id, _result("Яму заделают.", completion)).version)
        store.drafts.apply(draft.id, lambda d: _requeue())  # drafted again

    runs = store.drafts.traces(draft.id)
    assert [r.attempts[0].completion for r in runs] == ["Яму заделают. До 20 мая.",
                                                        "Яму заделают скоро."]  # fmt: skip
    assert [r.version for r in runs] == versions == [2, 4]
    first = runs[0]
    assert first.mode == "facts" and first.deadline and first.deadline.due == DUE
    assert first.attempts[0].removals[0].reason == "не подтверждено: дата «20 мая»"
    assert first.at is not None and first.at.tzinfo is not None
    assert store.drafts.get(draft.id).support == [
        SupportRow(sentence="Яму заделают.", start=0, end=13, sources=["appeal"])
    ]


def _requeue():
    from drafter.storage import Change
    from drafter.storage.drafts import SYSTEM_ACTOR

    return Change("redrafted", SYSTEM_ACTOR, {"status": "queued"})


def test_a_result_that_was_discarded_leaves_no_run(store):
    draft = store.drafts.create(Appeal(text="Яма во дворе"))
    job = store.drafts.claim(draft.id, "w")
    assert store.drafts.finish(job, _result("Яму заделают.", "Яму заделают.")) is not None
    # the same claim again: the draft has moved on to «ready», the result is discarded
    assert store.drafts.finish(job, _result("Другое.", "Другое.")) is None
    assert len(store.drafts.traces(draft.id)) == 1


def test_a_draft_stored_before_traces_gives_its_last_run_from_the_old_json(store):
    draft = store.drafts.create(Appeal(text="Яма во дворе"))
    old = {  # what the pipeline's ``extra`` held before its fields were typed
        "mode": "facts",
        "understanding": {"greeting_name": "Ирина", "kind": "problem", "problem": "яма"},
        "deadline": "2026-12-07T18:00:00+03:00",
        "support": [{"sentence": "Яму заделают.", "start": 0, "end": 13, "sources": ["appeal"],
                     "unsupported": [], "unverified_done": False, "unsupported_reason": False}],
        "dropped": ["До 20 мая."],
        "unsupported": 0,
        "reply_kind": "final",
        "checklist": None,
    }  # fmt: skip
    with store.engine.begin() as conn:
        conn.execute(
            update(DraftRow)
            .where(DraftRow.id == draft.id)
            .values(status="ready", text="Яму заделают.", extra=old)
        )

    (run,) = store.drafts.traces(draft.id)
    assert run.mode == "facts" and run.attempts == [] and run.version is None
    assert run.understanding and run.understanding.greeting_name == "Ирина"
    assert run.deadline and run.deadline.due == DUE
    stored = store.drafts.get(draft.id)
    assert stored.support and stored.support[0].sources == ["appeal"]
    assert stored.reply_kind == "final"


def test_a_draft_never_drafted_has_no_runs(store):
    draft = store.drafts.create(Appeal(text="Яма во дворе"))
    assert store.drafts.traces(draft.id) == []
