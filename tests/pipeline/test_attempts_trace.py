"""Every attempt is recorded: the prompt, the model's raw text, what each post-processing step
and grounding removed and why, the verdict; the run's facts come back as typed fields."""

from __future__ import annotations

from drafter.domain import Channel
from drafter.llm.fake import FakeLLM
from drafter.pipeline import DraftingService
from drafter.settings import Settings
from tests.pipeline.test_pipeline import APPEAL, FACTS, FakeIndex, GeneratedFails, ScriptedChecker

REPAIRED = "Яму осмотрят и заделают до 20 мая."


def test_each_attempt_keeps_its_prompt_completion_removals_and_verdict():
    settings = Settings(llm={"backend": "fake"}, drafting={"max_repair_tries": 1})
    # the first completion starts a new section and promises a date nobody gave
    first = "Яму осмотрят и заделают до 20 мая. Ремонт завершат 14 июня.\n" \
            "Приложение: фото ямы."  # fmt: skip
    llm = FakeLLM([first], default=REPAIRED)
    checker = ScriptedChecker(fail_times=1)
    result = DraftingService(llm, FakeIndex(), settings, checker=checker).draft(APPEAL, facts=FACTS)

    one, two = result.attempts_trace
    assert [(a.number, a.chosen, a.method) for a in result.attempts_trace] == [
        (1, False, "generated"),
        (2, True, "generated"),
    ]
    assert one.completion == first and two.completion == REPAIRED
    assert [m.role for m in one.messages or []] == ["system", "user"]
    assert one.prompt and "Яма на ул. Садовой" in one.prompt
    removed = [(r.stage, r.text) for r in one.removals]
    assert removed == [
        ("clean_draft", "Приложение: фото ямы."),
        ("grounding", "Ремонт завершат 14 июня."),
    ]
    assert one.removals[0].reason == "модель начала новый раздел или пример"
    assert "14 июня" in one.removals[1].reason
    # the text each attempt left is the one the checker judged, and its verdict is kept
    assert [a.text for a in result.attempts_trace] == [seen[0] for seen in checker.seen]
    assert one.quality and not one.quality.passed
    assert [v.code for v in one.quality.violations] == ["OTPISKA"]
    assert two.feedback == ["OTPISKA: отписка"] and two.quality and two.quality.passed
    assert two.removals == [] and two.text == result.text
    assert one.prompt_tokens and one.timings["generate"] >= one.timings["decode"]


def test_the_runs_facts_are_typed_fields():
    llm = FakeLLM(default=REPAIRED)
    settings = Settings(llm={"backend": "fake"})
    result = DraftingService(llm, FakeIndex(), settings, checker=ScriptedChecker(0)).draft(
        APPEAL, facts=FACTS
    )
    assert result.mode == "facts"
    assert result.understanding and result.understanding.greeting_name == "Сергей"
    assert result.deadline and result.deadline.line.startswith("Срок ответа: не позднее ")
    assert result.deadline.text in result.deadline.line
    assert result.routing is not None and result.routing.needs_manual
    assert result.support and result.support[0].sentence.startswith("Сергей, здравствуйте!")


def test_composed_attempts_are_recorded_after_the_generated_ones():
    settings = Settings(llm={"backend": "fake"}, drafting={"max_repair_tries": 1})
    llm = FakeLLM(default="бла бла бла.")
    result = DraftingService(llm, FakeIndex(), settings, checker=GeneratedFails("бла")).draft(
        APPEAL, facts=FACTS
    )
    methods = [(a.method, a.chosen) for a in result.attempts_trace]
    assert methods[:2] == [("generated", False), ("generated", False)]
    composed = [a for a in result.attempts_trace if a.method == "composed"]
    assert [a.text for a in composed if a.chosen] == [result.text]
    assert all(a.prompt is None and a.completion is None for a in composed)
    assert [a.number for a in result.attempts_trace] == list(range(1, len(methods) + 1))


def test_a_social_reply_cut_to_its_sentences_says_so():
    settings = Settings(llm={"backend": "fake"}, drafting={"social_max_sentences": 2})
    extra = "Спасибо за обращение."
    llm = FakeLLM(default=f"{REPAIRED} {extra}")
    result = DraftingService(llm, FakeIndex(), settings, checker=ScriptedChecker(0)).draft(
        APPEAL.model_copy(update={"channel": Channel.vk}), facts=FACTS
    )
    (attempt,) = result.attempts_trace
    limited = [r for r in attempt.removals if r.stage == "limit_sentences"]
    assert [r.text for r in limited] == [extra] and "2 предложений" in limited[0].reason
    assert extra not in result.text


def test_a_sentence_that_gave_way_to_the_executors_own_is_a_removal():
    # the reply says the facts' «заделают до 20 мая» less fully: the facts' sentence replaces it
    settings = Settings(llm={"backend": "fake"}, drafting={"restore_facts": True})
    llm = FakeLLM(default="Яму заделают.")
    facts = "Яму на ул. Садовой заделают до 20 мая, работы ведёт ООО «ДорСервис»"
    result = DraftingService(llm, FakeIndex(), settings, checker=ScriptedChecker(0)).draft(
        APPEAL, facts=facts
    )
    (attempt,) = result.attempts_trace
    assert attempt.restored_facts and all(s in result.text for s in attempt.restored_facts)
    gave_way = [r for r in attempt.removals if r.stage == "restore_facts"]
    assert [r.text for r in gave_way] == ["Яму заделают."]
    assert attempt.restored_facts[0] in gave_way[0].reason
