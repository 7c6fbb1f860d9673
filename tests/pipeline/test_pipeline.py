"""The pipeline's own decisions, on a fake LLM, a fake index and a scripted checker."""

from __future__ import annotations

import pytest

from drafter.domain import Appeal, Quality, Violation
from drafter.errors import EmptyAppeal
from drafter.llm.fake import FakeLLM
from drafter.pipeline import DraftingService
from drafter.settings import Settings
from knowledge.types import Chunk, Hit

ANSWER = Chunk(
    id="answer:1",
    doc_id="answer:1",
    kind="answer",
    text="Здравствуйте! Яму на ул. Садовой заделают до 14 мая.",
    search_text="Яма на ул. Садовой",
    title="Ответ: дороги",
    metadata={"agency": "Дороги"},
)
RULE = Chunk(
    id="reg:1#0001",
    doc_id="reg:1",
    kind="regulation",
    text="ГОСТ Р 50597-2017: яму устраняют в срок от 1 до 12 суток.",
    title="ГОСТ Р 50597-2017",
)


class FakeIndex:
    def __init__(self) -> None:
        self.calls: list[tuple[str, str | None, dict | None]] = []

    def search(self, query, k=5, kind=None, where=None):
        self.calls.append((query, kind, where))
        if where:  # nothing indexed for any agency filter: the pipeline must fall back
            return []
        chunk = ANSWER if kind == "answer" else RULE
        return [Hit(chunk=chunk, score=1.0)]


class ScriptedChecker:
    """Fails the first ``fail_times`` drafts with a blocker, then passes."""

    def __init__(self, fail_times: int) -> None:
        self.fail_times = fail_times
        self.seen: list[tuple[str, tuple[str, ...]]] = []

    def __call__(self, text, *, appeal=None, sources=(), generated=True, prompt=None, threshold=60):
        self.seen.append((text, tuple(sources)))
        if len(self.seen) <= self.fail_times:
            v = Violation(
                code="OTPISKA", severity="blocker", start=0, end=len(text), message="отписка"
            )
            return Quality(score=40, passed=False, violations=[v])
        return Quality(score=95, passed=True, violations=[])


def make(fail_times: int = 0, tries: int = 2):
    settings = Settings(llm={"backend": "fake"}, drafting={"max_repair_tries": tries})
    llm = FakeLLM(default="Яму осмотрят и заделают до 20 мая.")
    checker = ScriptedChecker(fail_times)
    return DraftingService(llm, FakeIndex(), settings, checker=checker), llm, checker


APPEAL = Appeal(text="<p>Яма на ул. Садовой 😡</p>", channel="vk", author_name="Сергей")


def test_draft_is_greeting_plus_completion_with_citations_and_timings():
    service, llm, checker = make()
    tokens: list[str] = []
    result = service.draft(APPEAL, on_token=tokens.append)
    assert result.text.startswith("Сергей, здравствуйте!")
    assert "заделают до 20 мая" in result.text
    assert "".join(tokens).startswith("Сергей, здравствуйте!")
    assert {c.source_id for c in result.citations} == {"answer:1", "reg:1#0001"}
    assert set(result.timings) >= {"retrieve", "prompt", "prefill", "decode", "checks", "total"}
    prompt = llm.history[0][0]
    assert "Яма на ул. Садовой" in prompt and "<p>" not in prompt  # normalised appeal
    assert ANSWER.text.split("! ")[1] in prompt  # the past answer is an example
    assert checker.seen[0][1] == (ANSWER.text, RULE.text)  # checked against what it cites
    assert result.status == "ready" and result.attempts == 1


def test_blocker_is_fed_back_and_the_draft_regenerated():
    service, llm, _ = make(fail_times=1)
    result = service.draft(APPEAL)
    assert result.attempts == 2 and result.quality.passed
    assert "отписка" not in llm.history[0][0]
    assert "отписка" in llm.history[1][0]


def test_a_draft_that_keeps_failing_is_marked_not_passed():
    service, llm, _ = make(fail_times=10, tries=2)
    result = service.draft(APPEAL)
    assert len(llm.history) == 3
    assert result.status == "needs_attention" and not result.quality.passed


def test_agency_filter_falls_back_to_all_agencies():
    service, _, _ = make()
    service.draft(APPEAL.model_copy(update={"agency": "Нет такого"}))
    wheres = [w for _, _, w in service.index.calls]
    assert {"agency": "Нет такого"} in wheres and None in wheres


def test_markup_only_appeal_is_refused():
    service, llm, _ = make()
    with pytest.raises(EmptyAppeal):
        service.draft(Appeal(text="<p>&nbsp;</p>", channel="vk"))
    assert llm.history == []


def test_understanding_names_the_citizen_and_routing_comes_back_with_the_draft():
    service, llm, _ = make()
    appeal = Appeal(
        text="На ул. Садовой, д. 12 яма у въезда во двор. Заделайте, пожалуйста. Ирина",
        channel="vk",
    )
    result = service.draft(appeal)
    assert result.text.startswith("Ирина, здравствуйте!")
    assert "Сведения: адрес: ул. Садовой, д. 12" in llm.history[0][0]  # this appeal's facts
    routing = result.extra["routing"]
    # no routing model fitted in this data dir: every target asks for a person
    assert routing["responsible_body"]["needs_manual"] is True
    assert result.extra["understanding"]["greeting_name"] == "Ирина"
