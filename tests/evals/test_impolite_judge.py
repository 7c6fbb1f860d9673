"""evals.impolite_judge without the model: the probability, the metrics, the cache, the loop."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from pathlib import Path

import pytest

from evals import impolite_judge as ij
from evals.checker_validity import LabelledReply


def test_yes_probability_normalises_over_the_two_answers() -> None:
    p, mass = ij.yes_probability(
        {"да": math.log(0.3), "Да": math.log(0.1), "нет": math.log(0.4), "Ок": math.log(0.2)},
        yes=("да", "Да"),
        no=("нет",),
    )
    assert p == pytest.approx(0.5)
    assert mass == pytest.approx(0.8)


def test_yes_probability_without_either_answer_is_undecided() -> None:
    assert ij.yes_probability({}, ("да",), ("нет",)) == (0.5, 0)


def test_figures_counts_and_lists_the_errors() -> None:
    f = ij.figures([("a", True, True), ("b", False, True), ("c", True, False), ("d", False, False)])
    assert (f.tp, f.fp, f.fn, f.tn) == (1, 1, 1, 1)
    assert f.precision == 0.5 and f.recall == 0.5
    assert f.false_pos == ["b"] and f.false_neg == ["c"]
    assert not f.meets_goal
    empty = ij.figures([("x", False, False)])
    assert empty.precision is None and empty.recall is None


def test_combinations_at_a_threshold() -> None:
    rows = [
        ij.Row("hit-both", True, True, 0.9),
        ij.Row("rules-only", True, True, 0.1),
        ij.Row("judge-only", True, False, 0.8),
        ij.Row("rules-false-alarm", False, True, 0.2),
        ij.Row("judge-false-alarm", False, False, 0.7),
        ij.Row("clean", False, False, 0.05),
    ]
    table = dict(ij.combinations(rows, [0.5]))
    rules, judge = table["rules"], table["judge≥0.50"]
    either, veto = table["rules OR judge≥0.50"], table["rules AND judge≥0.50"]
    assert (rules.tp, rules.fp, rules.fn) == (2, 1, 1)
    assert (judge.tp, judge.fp, judge.fn) == (2, 1, 1)
    assert (either.tp, either.fp, either.fn) == (3, 2, 0)
    assert (veto.tp, veto.fp, veto.fn) == (1, 0, 2)
    assert "rules AND judge≥0.50" in ij.render(rows, [0.5])


def test_cache_round_trip_and_keys(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "cache.json"
    cache = ij.JudgementCache(path)
    key = cache.key("model", "ru1:abc", "Ответ.")
    assert cache.get(key) is None
    cache.put(key, ij.Judgement(p_yes=0.25, mass=0.9, seconds=1.5, prompt_tokens=40))
    cache.save()
    again = ij.JudgementCache(path)
    assert again.get(key) == ij.Judgement(p_yes=0.25, mass=0.9)
    assert len(again) == 1
    # another model, prompt or reply is another entry
    assert (
        len(
            {
                key,
                cache.key("other", "ru1:abc", "Ответ."),
                cache.key("model", "ru2:abc", "Ответ."),
                cache.key("model", "ru1:abc", "Ответ!"),
            }
        )
        == 4
    )


def test_a_broken_cache_file_starts_empty(tmp_path: Path) -> None:
    path = tmp_path / "cache.json"
    path.write_text("{not json", encoding="utf-8")
    assert len(ij.JudgementCache(path)) == 0


def test_prompt_key_changes_with_what_the_model_sees() -> None:
    p = ij.PROMPTS["ru1"]
    changed = ij.JudgePrompt(p.name, p.code, p.system + " ", p.user, p.yes, p.no)
    assert p.key() != changed.key()
    msgs = p.messages("Текст ответа.")
    assert [m["role"] for m in msgs] == ["system", "user"]
    assert "Текст ответа." in msgs[-1]["content"]


class FakeJudge:
    name = "fake"

    def __init__(self) -> None:
        self.calls = 0

    def judge(
        self, messages: Sequence[dict[str, str]], yes: Sequence[str], no: Sequence[str]
    ) -> ij.Judgement:
        self.calls += 1
        rude = "дурак" in messages[-1]["content"]
        return ij.Judgement(p_yes=0.9 if rude else 0.1, mass=0.95, seconds=0.01, prompt_tokens=30)


def _case(rid: str, reply: str, impolite: bool) -> LabelledReply:
    labels = {
        c: {"value": False, "reason": "-"}
        for c in ("OTPISKA", "REDIRECT", "NO_DEADLINE", "UNGROUNDED", "GARBAGE")
    }
    labels["IMPOLITE"] = {"value": impolite, "reason": "-"}
    row = {
        "id": rid,
        "source": "probe",
        "split": "dev",
        "generated": True,
        "appeal": "Яма.",
        "reply": reply,
        "labels": labels,
    }
    return LabelledReply.from_json(row)


def test_judge_all_uses_the_cache_on_a_rerun(tmp_path: Path) -> None:
    cases = [_case("p-1", "Сам дурак.", True), _case("p-2", "Яму заделают 5 мая.", False)]
    cache = ij.JudgementCache(tmp_path / "c.json")
    fake = FakeJudge()
    got, fresh = ij.judge_all(cases, ij.PROMPTS["ru1"], fake, cache, "m", progress=False)
    assert fake.calls == 2 and len(fresh) == 2
    assert got["p-1"].p_yes == 0.9 and got["p-2"].p_yes == 0.1
    again, fresh2 = ij.judge_all(
        cases, ij.PROMPTS["ru1"], None, ij.JudgementCache(tmp_path / "c.json"), "m", progress=False
    )
    assert fresh2 == [] and again["p-1"].p_yes == 0.9
    assert "nothing judged fresh" in ij.cost_line(fresh2)
    assert "s/reply" in ij.cost_line(fresh)


def test_select_reads_the_dev_split_only(tmp_path: Path) -> None:
    path = tmp_path / "labels.jsonl"
    rows = []
    for rid, split in (("probe-a-1", "dev"), ("probe-a-2", "test"), ("probe-b-1", "dev")):
        r = _case(rid, "Ответ.", False)
        rows.append(
            {
                "id": r.id,
                "source": "probe",
                "split": split,
                "generated": True,
                "appeal": "",
                "reply": "Ответ.",
                "labels": {c: {"value": l.value, "reason": l.reason} for c, l in r.labels.items()},
            }
        )
    path.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8"
    )
    assert [c.id for c in ij.select(["probe-a-"], path)] == ["probe-a-1"]
    assert [c.id for c in ij.select([], path)] == ["probe-a-1", "probe-b-1"]


def test_auc_ranks_positives_above_negatives() -> None:
    rows = [
        ij.Row("a", True, False, 0.9),
        ij.Row("b", False, False, 0.1),
        ij.Row("c", True, False, 0.1),
    ]
    assert ij.auc(rows) == pytest.approx(0.75)
    assert ij.auc([ij.Row("a", True, False, 0.9)]) is None


def test_sentences_drop_a_bare_greeting() -> None:
    reply = "Здравствуйте! Вы опять за своё. Яму у дома 5 по ул. Ленина заделают 5 мая."
    assert ij.sentences(reply) == [
        "Вы опять за своё.",
        "Яму у дома 5 по ул. Ленина заделают 5 мая.",
    ]
    assert ij.sentences("Здравствуйте!") == ["Здравствуйте!"]
    assert ij.sentences("Уважаемый Игорь Сергеевич! Ремонт — до 30 сентября.") == [
        "Ремонт — до 30 сентября."
    ]


def test_per_sentence_takes_the_rudest_sentence(tmp_path: Path) -> None:
    cases = [_case("p-1", "Здравствуйте! Яму заделают 5 мая. Сам дурак.", True)]
    fake = FakeJudge()
    got, _ = ij.judge_all(
        cases,
        ij.PROMPTS["en2"],
        fake,
        ij.JudgementCache(tmp_path / "c.json"),
        "m",
        progress=False,
        per_sentence=True,
    )
    assert fake.calls == 2
    assert got["p-1"].p_yes == 0.9 and got["p-1"].prompt_tokens == 60


def test_the_whole_reply_is_judged_without_its_greeting() -> None:
    assert ij.units_of("Здравствуйте! Яму заделают 5 мая.", False) == ["Яму заделают 5 мая."]
    assert ij.units_of("Яму заделают 5 мая.", False) == ["Яму заделают 5 мая."]


@pytest.mark.parametrize(
    "greeting", ["Здравствуйте, Анна Петровна!", "Ольга, здравствуйте!", "Добрый день!"]
)
def test_greetings_with_a_name_are_dropped(greeting: str) -> None:
    assert ij.sentences(f"{greeting} Воду дадут 5 мая.") == ["Воду дадут 5 мая."]
