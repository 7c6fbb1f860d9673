"""The one sentence splitter (knowledge.text.split_sentences): razdel plus the line rule and the
capital letters with a dot razdel takes for initials. The texts are from real replies of the
«Наш Санкт-Петербург» dev data (ids given) where the checker's former rules or bare razdel
went wrong."""

from __future__ import annotations

import pytest

from knowledge.text import sentence_spans, split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize(
    "text",
    [
        # 2953459: «пос.» before a capitalised settlement (the former rules cut here)
        "расположенного по адресу: пос. Шушары, ул. Школьная, д. 17, выполнены.",
        # 2959117: an initial before a surname in a street's name
        "сообщает, что по адресу; ул. Л. Голикова дом 8, лестничная клетка убрана.",
        # 2955601: «СПб.» before the town
        "сообщает, что по адресу: СПб. г.Пушкин, ул.Ленинградская, д. 5, выполнено.",
        # 2958961: numbered points
        "согласно п.п. 3.1. и 3.2. пункта 3 Порядка работы с сообщениями.",
        # 2960609: «ст .» with a stray space
        "(п. 3 ч. 2 ст . 131 ГПК РФ, п. 3 ч. 2 ст . 126 ГПК РФ), протокол не был составлен.",
    ],
)
def test_abbreviations_and_initials_do_not_end_a_sentence(text):
    assert texts(text) == [text]


@pytest.mark.parametrize(
    ("text", "first"),
    [
        # razdel alone takes a building's letter for an initial
        ("Дом 31, литера А. Замечание устранено.", "Дом 31, литера А."),
        ("Ленинский пр. д. 137 лит. Б. Работы выполнены.", "Ленинский пр. д. 137 лит. Б."),
        # initials after a surname close the name
        ("Исп. Груздева Ю.А. Тел. 576-55-55.", "Исп. Груздева Ю.А."),
    ],
)
def test_a_capital_letter_with_a_dot_ends_a_sentence_after_a_building_or_a_surname(text, first):
    assert texts(text)[0] == first
    assert len(texts(text)) == 2


def test_a_list_of_people_by_initials_is_one_sentence():
    assert len(texts("Комиссия: Иванов И.И. Петрова С.С. и другие.")) == 1


def test_lines():
    # the ДОДД template: hard-wrapped mid-sentence with \r\n
    wrapped = "учреждение\r\n«Дирекция» в ответ\r\nна Ваше обращение сообщает. Фото прилагаются."
    assert len(texts(wrapped)) == 2
    # a heading or a list item without a full stop is a sentence of its own
    assert texts("Приложение:\n1. Фотофиксация.\n2. Письмо УК.") == [
        "Приложение:",
        "1. Фотофиксация.",
        "2. Письмо УК.",
    ]
    assert len(texts("Уважаемый пользователь\n\nработы выполнены")) == 2
    assert len(texts("Работы выполнены\nЗамечание устранено")) == 2
    # a line stopping on a preposition or a conjunction goes on, blank line or capital or not
    # (2962272, 2962529: post-processing dropped such a line as a sentence broken off)
    assert len(texts("факты, указанные в\n\nобращении № 2962272, подтверждены.")) == 1
    assert len(texts("в квартирах № 22 и\n№ 18, расположенных по стояку.")) == 1


def test_spans_point_at_the_words():
    text = "  Уважаемый Пользователь.   \r\n  Выполнено. "
    for s in split_sentences(text):
        assert text[s.start : s.stop] == s.text == s.text.strip()
    assert sentence_spans(text) == [(s.start, s.stop) for s in split_sentences(text)]
