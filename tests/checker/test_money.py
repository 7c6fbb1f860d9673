"""Sums of money are natasha's MoneyExtractor's (it found on the labelled set every sum the
former number-and-rouble regex found, and «40 тысяч рублей», «150 тысяч рублей» it did not)."""

from __future__ import annotations

from drafter.quality import Grounding, extract_facts


def money(text: str) -> list[tuple[str, tuple]]:
    return [(f.text, f.key) for f in extract_facts(text) if f.kind == "number"]


def test_a_sum_is_one_fact_with_its_value():
    assert money("штраф — 40 тысяч рублей") == [("40 тысяч рублей", ("number", "40000"))]
    assert money("оплачено 1 500 руб. 50 коп.") == [("1 500 руб. 50 коп.", ("number", "1500.5"))]
    assert money("стоимость 4000 руб") == [("4000 руб", ("number", "4000"))]


def test_a_sum_written_two_ways_is_grounded():
    (fact,) = [f for f in extract_facts("Штраф составит 40 тысяч рублей.") if f.kind == "number"]
    assert Grounding(["Штраф: 40 000 руб."]).has(fact)
    assert not Grounding(["Штраф: 40 руб."]).has(fact)
