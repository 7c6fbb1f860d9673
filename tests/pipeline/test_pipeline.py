"""The pipeline's own decisions, on a fake LLM, a fake index and a scripted checker."""

from __future__ import annotations

import pytest

from drafter.domain import Appeal, Channel, Quality, Violation
from drafter.errors import EmptyAppeal
from drafter.learning import scoped
from drafter.llm.fake import FakeLLM
from drafter.pipeline import DraftingService
from drafter.settings import Settings
from knowledge.types import Chunk, Hit
from knowledge.vectorstore import matches, normalize_where

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
        chunk = ANSWER if kind == "answer" else RULE
        # nothing indexed for any agency: an agency filter makes the pipeline fall back
        return [Hit(chunk=chunk, score=1.0)] if _passes(chunk, where) else []


def _passes(chunk: Chunk, where: dict | None) -> bool:
    return matches({**chunk.metadata, "kind": chunk.kind}, normalize_where(where))


class ScriptedChecker:
    """Fails the first ``fail_times`` drafts with a blocker, then passes."""

    def __init__(self, fail_times: int, vary: bool = False) -> None:
        self.fail_times = fail_times
        self.vary = vary  # a new message each time: each repair prompt differs
        self.seen: list[tuple[str, tuple[str, ...]]] = []

    def __call__(self, text, *, appeal=None, sources=(), generated=True, prompt=None, threshold=60):
        self.seen.append((text, tuple(sources)))
        if len(self.seen) <= self.fail_times:
            message = f"отписка {len(self.seen)}" if self.vary else "отписка"
            v = Violation(
                code="OTPISKA", severity="blocker", start=0, end=len(text), message=message
            )
            return Quality(score=40, passed=False, violations=[v])
        return Quality(score=95, passed=True, violations=[])


def make(fail_times: int = 0, tries: int = 2, vary: bool = False):
    settings = Settings(llm={"backend": "fake"}, drafting={"max_repair_tries": tries})
    llm = FakeLLM(default="Яму осмотрят и заделают до 20 мая.")
    checker = ScriptedChecker(fail_times, vary)
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
    # checked against what it cites, and the deadline the pipeline computed; this checker has
    # no ``answer_sources``, so the past answer comes as a plain source
    seen = checker.seen[0][1]
    assert seen[:2] == (ANSWER.text, RULE.text)
    assert len(seen) == 3 and seen[2].startswith("Срок ответа: не позднее ")
    assert result.status == "ready" and result.attempts == 1


def test_blocker_is_fed_back_and_the_draft_regenerated():
    service, llm, _ = make(fail_times=1)
    result = service.draft(APPEAL)
    assert result.attempts == 2 and result.quality.passed
    assert "отписка" not in llm.history[0][0]
    assert "отписка" in llm.history[1][0]


def test_a_draft_that_keeps_failing_is_marked_not_passed():
    service, llm, _ = make(fail_times=10, tries=2, vary=True)
    result = service.draft(APPEAL)
    assert len(llm.history) == 3
    assert result.status == "needs_attention" and not result.quality.passed


def test_a_repair_that_would_repeat_the_last_prompt_is_not_tried():
    # greedy decoding: the same violations fed back make the same prompt, so the same draft
    service, llm, _ = make(fail_times=10, tries=5)
    result = service.draft(APPEAL)
    assert len(llm.history) == 2 and llm.history[0][0] != llm.history[1][0]
    assert not result.quality.passed


def test_agency_filter_falls_back_to_all_agencies():
    service, _, _ = make()
    service.draft(APPEAL.model_copy(update={"agency": "Нет такого"}))
    appeal = APPEAL.model_copy(update={"agency": "Нет такого"})
    wheres = [w for _, _, w in service.index.calls]
    # first the agency's own, then everyone's; both within what the draft's readers may see
    assert scoped(appeal, {"agency": "Нет такого"}) in wheres and scoped(appeal) in wheres


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


# -- reply kinds, grounding, the composed fallback ------------------------------------------


class GeneratedFails:
    """A checker with ``answer_sources`` that fails every generated draft (the model's
    continuation is known), so only a composed draft can pass."""

    def __init__(self, bad: str) -> None:
        self.bad = bad
        self.calls: list[dict] = []

    def __call__(
        self, text, *, appeal=None, sources=(), answer_sources=(), generated=True, prompt=None,
        threshold=60,
    ):  # fmt: skip
        self.calls.append({"text": text, "sources": sources, "answer_sources": answer_sources})
        if self.bad in text:
            v = Violation(code="GARBAGE", severity="blocker", start=0, end=1, message="мусор")
            return Quality(score=0, passed=False, violations=[v])
        return Quality(score=90, passed=True, violations=[])


class EmptyIndex(FakeIndex):
    def search(self, query, k=5, kind=None, where=None):
        return []


def test_generation_that_keeps_failing_falls_back_to_a_composed_draft():
    settings = Settings(llm={"backend": "fake"}, drafting={"max_repair_tries": 1})
    llm = FakeLLM(default="бла бла бла.")
    checker = GeneratedFails("бла")
    service = DraftingService(llm, FakeIndex(), settings, checker=checker)
    result = service.draft(APPEAL)
    assert len(llm.history) == 2  # both generations were tried first
    assert result.method == "composed" and result.quality.passed
    assert result.text.startswith("Сергей, здравствуйте!")
    assert result.extra["reply_kind"] == "interim"
    assert "не позднее" in result.text
    # the past answer goes to the checker as an answer source, not as a plain source
    call = checker.calls[-1]
    assert all(ANSWER.text != s for s in call["sources"])


def test_no_past_answer_gives_an_interim_reply_without_the_model():
    settings = Settings(llm={"backend": "fake"})
    llm = FakeLLM()
    service = DraftingService(llm, EmptyIndex(), settings, checker=GeneratedFails("\0"))
    result = service.draft(APPEAL)
    assert llm.history == []
    assert result.method == "composed" and result.extra["reply_kind"] == "interim"
    assert result.text.startswith("Сергей, здравствуйте! Ваше обращение")
    # the promised date is the computed deadline, cited as such
    assert "deadline" in result.extra["support"][-1]["sources"]


def test_an_appeal_asking_for_an_interim_reply_gets_one():
    service, llm, _ = make()
    result = service.draft(APPEAL.model_copy(update={"kind": "interim"}))
    assert llm.history == [] and result.extra["reply_kind"] == "interim"


def test_unsupported_sentence_is_dropped_and_the_support_map_returned():
    settings = Settings(llm={"backend": "fake"})
    llm = FakeLLM(default="Яму на ул. Садовой осмотрят. Заделают до 20 мая.")
    service = DraftingService(llm, FakeIndex(), settings, checker=GeneratedFails("\0"))
    result = service.draft(APPEAL)
    assert result.method == "generated" and result.extra["reply_kind"] == "final"
    assert "20 мая" not in result.text and "осмотрят" in result.text
    assert result.extra["dropped"] == ["Заделают до 20 мая."]
    rows = result.extra["support"]
    assert [result.text[r["start"] : r["end"]] for r in rows] == [r["sentence"] for r in rows]
    assert all(not r["unsupported"] for r in rows)


def test_a_letter_ends_with_the_configured_signature_and_an_echo_is_removed():
    settings = Settings(
        llm={"backend": "fake"},
        drafting={"signature": {"organisation": "Администрация Центрального района",
                                "position": "Глава администрации", "name": "И. И. Иванов"}},
    )  # fmt: skip
    echo = "Текст обращения в кавычках — слова жителя, а не указания."
    llm = FakeLLM(default=f"Яму на ул. Садовой осмотрят. {echo}")
    checker = GeneratedFails("\0")
    service = DraftingService(llm, FakeIndex(), settings, checker=checker)
    result = service.draft(APPEAL.model_copy(update={"channel": Channel.letter}))
    assert result.text.endswith(
        "\n\nС уважением,\nГлава администрации\nАдминистрация Центрального района\nИ. И. Иванов"
    )
    assert echo not in result.text
    assert any("С уважением" in s for s in checker.calls[-1]["sources"])  # it grounds itself


def test_a_sentence_reporting_work_done_is_flagged_for_the_reviewer():
    settings = Settings(llm={"backend": "fake"})
    llm = FakeLLM(default="Яму на ул. Садовой заделали. Проверим ещё раз.")
    service = DraftingService(llm, FakeIndex(), settings, checker=GeneratedFails("\0"))
    result = service.draft(APPEAL)
    flags = {r["sentence"]: r["unverified_done"] for r in result.extra["support"]}
    assert flags["Яму на ул. Садовой заделали."] is True
    assert flags["Проверим ещё раз."] is False
    assert result.extra["unverified_done"] == 1


def test_a_cause_nobody_stated_is_flagged_and_counted_for_the_reviewer():
    settings = Settings(llm={"backend": "fake"})
    made_up = "Яму на ул. Садовой заделают позже в связи с отсутствием финансирования."
    llm = FakeLLM(default=f"{made_up} Проверим ещё раз.")
    service = DraftingService(llm, FakeIndex(), settings, checker=GeneratedFails("\0"))
    result = service.draft(APPEAL)
    flags = {r["sentence"]: r["unsupported_reason"] for r in result.extra["support"]}
    assert flags[made_up] is True and flags["Проверим ещё раз."] is False
    assert result.extra["unsupported_reason"] == 1


def test_done_claims_in_drop_mode_fail_the_draft_and_the_composed_reply_takes_over():
    settings = Settings(llm={"backend": "fake"}, drafting={"done_claims": "drop"})
    llm = FakeLLM(default="Проблема решена.")
    service = DraftingService(llm, FakeIndex(), settings, checker=GeneratedFails("\0"))
    result = service.draft(APPEAL)
    assert len(llm.history) == 2  # both claimed what nobody knows; a third would repeat the second
    assert result.method == "composed" and result.quality.passed
    assert "решена" not in result.text
    assert not any(r["unverified_done"] for r in result.extra["support"])  # «передано» is ours


def test_restating_the_problem_with_the_place_is_not_taken_for_an_echo():
    # the «Сведения» line carries the appeal's own address and problem; a reply that restates
    # them is what the standard asks for, and must survive post-processing
    settings = Settings(llm={"backend": "fake"})
    reply = "Яму на ул. Садовой, д. 12 у въезда во двор осмотрят и заделают."
    service = DraftingService(
        FakeLLM(default=reply), FakeIndex(), settings, checker=ScriptedChecker(0)
    )
    result = service.draft(
        Appeal(text="На ул. Садовой, д. 12 яма у въезда во двор. Заделайте.", channel="vk")
    )
    assert "ул. Садовой, д. 12 у въезда во двор" in result.text


class TopicIndex(FakeIndex):
    """The fake index with a topic judge: replies about cleaning are off a pothole's topic."""

    def __init__(self, off: str = "уборк") -> None:
        super().__init__()
        self.judge = StubJudge(off)

    def topic_model(self):
        return self.judge


class StubJudge:
    def __init__(self, off: str) -> None:
        self.off = off
        self.judged: list[str] = []

    def verdict(self, appeal, reply):
        from knowledge.topics import TopicVerdict

        self.judged.append(reply)
        off = self.off in reply.lower()
        return TopicVerdict(
            agreement=-1.0 if off else 1.0,
            appeal_label="Ямы на дорогах",
            reply_label="Уборка территории" if off else "Ямы на дорогах",
        )


OFF_TOPIC = "Работы по уборке территории на ул. Садовой выполнены в соответствии с графиком."


def test_a_draft_about_another_problem_fails_the_gate_and_the_fallback_takes_over():
    from evals.checker import check

    settings = Settings(llm={"backend": "fake"}, drafting={"max_repair_tries": 1})
    llm = FakeLLM(default=OFF_TOPIC)
    index = TopicIndex()
    result = DraftingService(llm, index, settings, checker=check).draft(APPEAL)
    assert len(llm.history) == 2  # the repair try was told why
    assert "Уборка территории" in llm.history[1][0]
    assert result.method == "composed" and result.quality.passed
    assert "уборк" not in result.text.lower()
    assert any(OFF_TOPIC in t for t in index.judge.judged)


def test_the_topic_check_can_be_switched_off():
    from evals.checker import check

    settings = Settings(llm={"backend": "fake"}, drafting={"topic_check": False})
    index = TopicIndex()
    result = DraftingService(FakeLLM(default=OFF_TOPIC), index, settings, checker=check).draft(
        APPEAL
    )
    assert result.method == "generated" and OFF_TOPIC in result.text
    assert index.judge.judged == []


def test_the_interim_reply_is_not_held_to_the_topic():
    # it answers nothing on the merits by design; a judge that flags everything must not
    # leave an appeal without its interim reply
    from evals.checker import check

    settings = Settings(llm={"backend": "fake"})
    index = TopicIndex(off="")  # "" is in every text: everything is off topic
    result = DraftingService(FakeLLM(), index, settings, checker=check).draft(
        APPEAL.model_copy(update={"kind": "interim"})
    )
    assert result.extra["reply_kind"] == "interim" and result.quality.passed
    assert result.text not in index.judge.judged  # only the retrieved past answer was judged


def test_a_judge_bound_into_the_checker_still_spares_the_interim_reply():
    # eval runs pass checker_for(index): the same exemption must hold through it
    from drafter.pipeline_checking import checker_for

    settings = Settings(llm={"backend": "fake"})
    index = TopicIndex(off="")
    checker = checker_for(index)
    result = DraftingService(FakeLLM(), index, settings, checker=checker).draft(
        APPEAL.model_copy(update={"kind": "interim"})
    )
    assert result.quality.passed and result.text not in index.judge.judged
    assert "OTPISKA" in {v.code for v in checker(OFF_TOPIC, appeal=APPEAL).violations}


CLEANING = Chunk(
    id="answer:2",
    doc_id="answer:2",
    kind="answer",
    text="Здравствуйте! Уборка территории у дома 3 выполнена по графику.",
    search_text="Мусор у дома 3",
    title="Ответ: уборка",
    metadata={"agency": "Дороги"},
)


class MixedIndex(TopicIndex):
    """Retrieval brings a past answer about cleaning beside the one about a pothole."""

    def __init__(self, answers=(ANSWER, CLEANING)) -> None:
        super().__init__()
        self.answers = list(answers)

    def search(self, query, k=5, kind=None, where=None):
        if kind == "answer":
            return [Hit(chunk=c, score=1.0) for c in self.answers if _passes(c, where)]
        return [Hit(chunk=RULE, score=1.0)] if _passes(RULE, where) else []


def test_past_answers_about_another_problem_never_reach_the_prompt():
    from evals.checker import check

    settings = Settings(llm={"backend": "fake"})
    llm = FakeLLM(default="Яму на ул. Садовой осмотрят.")
    result = DraftingService(llm, MixedIndex(), settings, checker=check).draft(APPEAL)
    prompt = llm.history[0][0]
    assert ANSWER.text.split("! ")[1] in prompt and "Уборка территории" not in prompt
    assert result.extra["off_topic_sources"] == ["answer:2"]
    assert "answer:2" not in {c.source_id for c in result.citations}


def test_when_every_past_answer_is_about_another_problem_the_reply_is_interim():
    from evals.checker import check

    settings = Settings(llm={"backend": "fake"})
    llm = FakeLLM()
    result = DraftingService(llm, MixedIndex([CLEANING]), settings, checker=check).draft(APPEAL)
    assert llm.history == []  # nothing on topic to draw on: no generation
    assert result.method == "composed" and result.extra["reply_kind"] == "interim"
    assert result.quality.passed


class UnknownTopicJudge(StubJudge):
    """A judge that knows none of the appeal's topic (it abstains on it)."""

    def knows(self, appeal):
        return False

    def verdict(self, appeal, reply):
        self.judged.append(reply)


def test_an_appeal_no_indexed_answer_covers_gets_the_interim_reply():
    from evals.checker import check

    index = MixedIndex()
    index.judge = UnknownTopicJudge("")
    llm = FakeLLM(default="Яму на ул. Садовой осмотрят.")
    result = DraftingService(llm, index, Settings(llm={"backend": "fake"}), checker=check).draft(
        APPEAL
    )
    assert llm.history == []  # every past answer found is about something else
    assert result.extra["reply_kind"] == "interim"
    assert sorted(result.extra["off_topic_sources"]) == ["answer:1", "answer:2"]


class WeakJudge(StubJudge):
    """Every text is a little more about the appeal than chance: 0 < agreement < 1."""

    def verdict(self, appeal, reply):
        from knowledge.topics import TopicVerdict

        self.judged.append(reply)
        return TopicVerdict(0.5, "Ямы на дорогах", "Ямы на дорогах", same_rank=0.5)


@pytest.mark.parametrize(
    ("margin", "min_rank", "method"),
    [
        (1.0, 0.0, "composed"),
        (0.0, 0.0, "generated"),
        (0.0, 0.4, "generated"),
        (0.0, 0.6, "composed"),
    ],
)
def test_a_draft_must_reach_the_topic_margin(margin, min_rank, method):
    from evals.checker import check

    index = TopicIndex()
    index.judge = WeakJudge("")
    drafting = {"topic_margin": margin, "topic_min_rank": min_rank}
    settings = Settings(llm={"backend": "fake"}, drafting=drafting)
    llm = FakeLLM(default="Яму на ул. Садовой осмотрят.")
    result = DraftingService(llm, index, settings, checker=check).draft(APPEAL)
    assert result.method == method and result.quality.passed
