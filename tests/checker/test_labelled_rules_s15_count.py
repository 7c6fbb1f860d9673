"""Session 15: «a house number is not a count» lives in ``Grounding`` (was a second grounding in
``checks/facts.py``). The labelled cases of the session-14 rule, and the same readings asked of
``Grounding`` itself — what the support map and the executor's facts use too."""

from __future__ import annotations

import pytest

from drafter.quality import Grounding, extract_facts
from drafter.quality.grounding import a_count

from .test_labelled_rules import assert_as_labelled


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s14rul-1-046-ung-pos-house-number-as-benches",  # «8 новых скамеек» at «ул. …, 8»
        "probe-s14rul-1-047-ung-pos-house-number-as-containers",
        "probe-s14rul-1-052-ung-pos-flat-number-as-radiators",  # a flat's number
        "probe-s13ung-3-pos-count-house-digits",
        "probe-dev8-imp-neg-not-alone",  # «трое соседей» by the house 3 alone
        "probe-s14rul-1-042-ung-neg-three-new-containers",
        "probe-s14rul-1-048-ung-neg-house-number-as-address",
        "probe-s14rul-1-050-ung-neg-source-adjective-reply-bare",
        "probe-s10ung-1-neg-approx-distance",  # an amount in units: compared by value
    ],
)
def test_house_number_is_no_count_as_labelled(case_id):
    assert_as_labelled(case_id, "UNGROUNDED")


def _held(reply: str, *texts: str) -> list[bool]:
    g = Grounding(list(texts))
    return [g.has(f) for f in extract_facts(reply) if f.kind == "number"]


def test_a_house_or_a_part_grounds_no_count():
    for source in (
        "Калуга, ул. Мира, 8: во дворе нет скамеек.",
        "Калуга, ул. Мира, д. 8, кв. 8: во дворе нет скамеек.",
        "Калуга, ул. Мира, 2, подъезд 8: у входа нет скамеек.",
        "Калуга, у дома 8 лавки сломаны.",
    ):
        assert _held("Установлено 8 новых скамеек.", source) == [False], source
        assert _held("Установлено 8 скамеек.", source) == [False], source
    # a count the texts give grounds it, with or without its adjectives
    assert _held("Установлено 8 новых скамеек.", "Управа: установлено 8 скамеек.") == [True]
    assert _held("Установлено 8 скамеек.", "Управа: установлено 8 новых скамеек.") == [True]
    # a date's day grounds no count either, with an adjective or without
    assert _held("Установлено 8 новых скамеек.", "Работы приняты 08.05.2026.") == [False]


def test_what_is_no_count_is_grounded_as_before():
    src = "Калуга, ул. Мира, 8, кв. 13: во дворе нет скамеек."
    # the reply's own house, flat or part: a number that names, not a count
    assert _held("У дома 8 скамейки поставили.", src) == [True]
    assert _held("В кв 13 батареи заменили.", src) == [True]
    assert _held("Лампа заменена на 8 этаже, 13 секции.", src) == [True, True]
    # an amount in units is compared by value (and by the numbers the texts write)
    assert _held("Около 300 метров трассы заменено.", "Ремонт трассы: 280 м.") == [True]


def test_a_count_sees_through_adjectives():
    assert a_count("8 новых скамеек")
    assert a_count("около 12 аварийных тополей")
    assert not a_count("13 секции")
    assert not a_count("1 пар")  # «(1 пар.)»: a парадная, not «пара»
    assert not a_count("на первом этаже")
    assert not a_count("11\r\nПроход")  # the next line: a house and a new sentence
    assert not a_count("2026 году")
