"""The judge: our seams wrapped for ragas, and the plain style for base models."""

from __future__ import annotations

import json

import pytest

from drafter.llm.fake import FakeLLM
from drafter.settings import JudgeSettings
from evals.judge import PlainFaithfulness, PlainRelevancy, Sample, make_judge, seam_llm, statements
from knowledge.embedders.fake import HashingEmbedder

CONTEXT = "Мусор во дворе дома 5 вывозит компания «Жилсервис» по вторникам."
REPLY = (
    "Здравствуйте! Мусор во дворе дома 5 вывозит компания «Жилсервис». Дорогу отремонтируют в мае."
)


def nli(prompt: str) -> str:
    """A judge that says «да» when the statement's words are all in the context."""
    block = prompt.rsplit("Текст:", 1)[1]
    context, statement = block.split("Утверждение:")
    statement = statement.split("\n")[0]
    words = [w.strip(".,«»!").lower() for w in statement.split()]
    return " да" if all(w in context.lower() for w in words) else " нет"


def test_statements_are_the_sentences_worth_judging():
    assert statements(REPLY) == [
        "Мусор во дворе дома 5 вывозит компания «Жилсервис».",
        "Дорогу отремонтируют в мае.",
    ]


def test_plain_faithfulness_is_the_share_of_supported_statements():
    llm = FakeLLM(default=nli)
    m = PlainFaithfulness(llm)
    assert m.score(Sample("appeal", REPLY, [CONTEXT])) == pytest.approx(0.5)
    assert m.score(Sample("appeal", REPLY, [])) is None  # nothing to be faithful to
    params = llm.history[0][1]
    assert params.temperature == 0.0 and "\n" in params.stop


def test_plain_relevancy_compares_the_judges_question_with_the_appeal():
    embedder = HashingEmbedder()
    appeal = "Почему во дворе дома 5 не вывозят мусор?"
    on_topic = PlainRelevancy(
        FakeLLM(default=" Почему во дворе дома 5 не вывозят мусор?\nлишнее"), embedder
    )
    off_topic = PlainRelevancy(
        FakeLLM(default=" Когда откроют новую библиотеку на окраине?"), embedder
    )
    high = on_topic.score(Sample(appeal, REPLY))
    low = off_topic.score(Sample(appeal, REPLY))
    assert high == pytest.approx(1.0, abs=1e-5)
    assert low < 0.5


def test_seam_llm_is_a_langchain_llm_that_completes_through_our_seam():
    llm = FakeLLM(default="ответ судьи")
    lc = seam_llm(llm, max_tokens=17)
    assert lc.invoke("вопрос", stop=["\n"]) == "ответ судьи"
    prompt, params = llm.history[-1]
    assert prompt == "вопрос" and params.max_tokens == 17 and params.stop == ("\n",)
    assert params.temperature == 0.0


def ragas_judge(prompt: str) -> str:
    """Answers ragas' own JSON prompts the way an instruction-following judge would."""
    if "Break down each sentence" in prompt:
        return json.dumps(
            {"statements": ["Мусор вывозит «Жилсервис».", "Дорогу отремонтируют в мае."]}
        )
    if "judge the faithfulness" in prompt:
        verdicts = [{"statement": "a", "reason": "в тексте", "verdict": 1},
                    {"statement": "b", "reason": "нет в тексте", "verdict": 0}]  # fmt: skip
        return json.dumps({"statements": verdicts})
    return json.dumps({"question": "Кто вывозит мусор во дворе дома 5?", "noncommittal": 0})


def test_ragas_style_runs_ragas_metrics_on_our_seams(settings):
    settings = settings.model_copy(update={"judge": JudgeSettings(style="ragas")})
    llm = FakeLLM(default=ragas_judge)
    judge = make_judge(settings, llm=llm, embedder=HashingEmbedder())
    scores = judge.score(Sample("Кто вывозит мусор во дворе дома 5?", REPLY, [CONTEXT]))
    assert scores["faithfulness"] == pytest.approx(0.5)
    assert scores["response_relevancy"] == pytest.approx(1.0, abs=1e-5)
    assert judge.describe() == {
        "backend": "default", "model": "fake", "style": "ragas",
        "metrics": ["faithfulness", "response_relevancy"], "errors": {},
    }  # fmt: skip


def test_ragas_style_with_a_judge_that_cannot_write_json_scores_none_and_counts_it(settings):
    settings = settings.model_copy(update={"judge": JudgeSettings(style="ragas")})
    judge = make_judge(
        settings, llm=FakeLLM(default="мусор мусор мусор"), embedder=HashingEmbedder()
    )
    scores = judge.score(Sample("appeal", REPLY, [CONTEXT]))
    assert scores == {"faithfulness": None, "response_relevancy": None}
    assert sum(judge.describe()["errors"].values()) == 2


def test_auto_style_is_plain_for_the_default_base_model(settings):
    judge = make_judge(settings, llm=FakeLLM(), embedder=HashingEmbedder())
    assert judge.style == "plain"


def test_eval_with_ragas_records_the_judge(services, records, write_dataset, tmp_path):
    from drafter import cli

    out = tmp_path / "run"
    for r in records:
        r["reply"] = REPLY
    code = cli.main(["eval", "--dataset", str(write_dataset(records)), "--replies-only", "--ragas",
                     "--out", str(out)], services=services)  # fmt: skip
    assert code == 0
    summary = json.loads((out / "report.json").read_text(encoding="utf-8"))["summary"]
    assert summary["judge"]["model"] == "fake" and summary["judge"]["style"] == "plain"
    assert set(summary["ragas"]) == {"faithfulness", "response_relevancy"}
    assert summary["ragas"]["response_relevancy"] is not None


def test_an_openai_judge_comes_from_settings_and_speaks_ragas(settings):
    from drafter.errors import ConfigError
    from drafter.llm.openai_compat import OpenAICompatLLM

    cfg = JudgeSettings(backend="openai", base_url="http://127.0.0.1:9/v1", model="judge-7b")
    judge = make_judge(settings.model_copy(update={"judge": cfg}), embedder=HashingEmbedder())
    assert isinstance(judge.llm, OpenAICompatLLM) and judge.llm.name == "judge-7b"
    assert judge.style == "ragas" and judge.describe()["backend"] == "openai"
    judge.llm.close()
    with pytest.raises(ConfigError):
        make_judge(settings.model_copy(update={"judge": JudgeSettings(backend="openai")}))
