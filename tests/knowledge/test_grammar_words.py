"""The shared vocabulary of the date and address grammars (knowledge.text): MONTH_WORD,
STREET_KIND, BUILDING_PART. The street cases are from the labelled set and the dev appeals,
where one of the former lists missed them."""

from __future__ import annotations

import re

import pytest

from drafter.quality import extract_facts
from drafter.understanding.places import find_address
from knowledge.text import BUILDING_PART, MONTH_WORD, STREET_KIND


@pytest.mark.parametrize(
    ("word", "month"),
    [("января", True), ("в марте", True), ("май", True), ("маяк", False), ("мартовский", False)],
)
def test_month_word(word, month):
    assert bool(re.search(rf"(?<![а-яё]){MONTH_WORD}", word, re.IGNORECASE)) is month


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Дизельный пр, д. 11", "пр"),  # no dot, before a comma
        ("ул Якорная д.3", "ул"),
        ("ул.Бабушкина", "ул."),
        ("мкр. Солнечный", "мкр."),
        ("Сибирский тракт", "тракт"),
        ("2-я линия В.О.", "линия"),  # Петербург's, from knowledge/regions/spb.toml
        ("контейнерную площадку", None),  # not «площадь»
        ("проездной билет", None),
    ],
)
def test_street_kind(text, kind):
    m = re.search(rf"(?<![а-яё]){STREET_KIND}", text, re.IGNORECASE)
    assert (m.group() if m else None) == kind


def test_building_parts_include_the_regions():
    assert re.fullmatch(BUILDING_PART, "парадной", re.IGNORECASE)  # spb.toml
    assert re.fullmatch(BUILDING_PART, "подъезда", re.IGNORECASE)


def test_both_address_grammars_read_the_same_kinds():
    (fact,) = [f for f in extract_facts("по адресу: Дизельный пр, д. 11") if f.kind == "address"]
    assert fact.key == ("house", "11")
    assert find_address("Яма у дома по адресу пр. Ударников. Дом 21/2") is not None
