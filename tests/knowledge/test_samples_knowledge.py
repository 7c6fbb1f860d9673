"""The bundled sample knowledge: every file ingests, and the example answers meet the standard.

The sample answers are what the base model imitates, so they are held to the checkable parts
of the ЦУР quality standard (docs: quality-standard.md) here.
"""

from __future__ import annotations

import json
import re

import pytest
from razdel import sentenize

from drafter.domain import Channel
from knowledge.ingest import iter_documents, samples_dir
from knowledge.legal_chunking import DEFAULT_MAX_TOKENS
from knowledge.tokens import count_tokens

ANSWERS = samples_dir() / "answers.jsonl"
FIELDS = {"appeal", "answer", "category", "agency", "date", "quality", "channel"}
CATEGORIES = {
    "дороги", "дворы и благоустройство", "ЖКХ", "отопление", "водоснабжение", "отходы",
    "освещение", "транспорт", "безнадзорные животные", "школы", "поликлиники", "соцподдержка",
    "озеленение",
}  # fmt: skip
# Markers of OTPISKA, REDIRECT, NO_DEADLINE, FORMALISM and TEMPLATE from the standard.
BANNED = [
    "обратитесь", "рассмотрено", "принята к сведению", "на контроле", "перезвоним",
    "в установленном порядке", "в ближайшее время", "в кратчайшие сроки", "в плановом порядке",
    "настоящим сообщаем", "доводим до", "в рамках компетенции", "не относится к компетенции",
    "благодарим за", "приносим извинения", "уважаемый пользователь", "осуществлен",
]  # fmt: skip
SIGNATURE = re.compile(r"[.!?]\s+([А-ЯЁ][а-яё]+(?: [А-ЯЁ][а-яё]+)?)$")
STREET = re.compile(r"(?:ул\.|пр\.)\s*([А-ЯЁ][а-яё]+)")


def records() -> list[dict]:
    return [json.loads(line) for line in ANSWERS.read_text(encoding="utf-8").splitlines()]


def sentences(text: str) -> list[str]:
    return [s.text for s in sentenize(text)]


@pytest.fixture(scope="module")
def docs():
    return list(iter_documents([samples_dir()]))


def test_every_sample_ingests_within_budget(docs) -> None:
    regs = [d for d in docs if d.kind == "regulation"]
    assert 5 <= len(regs) <= 8
    for d in regs:
        assert d.title and d.chunks, d.source_path
        assert all(count_tokens(c.text) <= DEFAULT_MAX_TOKENS for c in d.chunks)
    numbers = {d.metadata.get("number") for d in regs}
    assert {"59-ФЗ", "1802", "354", "170", "498-ФЗ"} <= numbers
    art12 = next(c for d in regs for c in d.chunks if c.metadata.get("locator") == "статья 12")
    assert "30 дней" in art12.text and art12.metadata["number"] == "59-ФЗ"
    assert len([d for d in docs if d.kind == "answer"]) == len(records())


def test_answer_records_have_the_fields_and_cover_the_categories() -> None:
    recs = records()
    assert 28 <= len(recs) <= 40
    for r in recs:
        assert FIELDS <= set(r), r.get("id")
        assert r["quality"] == "approved"
        assert Channel(r["channel"])
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["date"])
    assert {r["category"] for r in recs} == CATEGORIES
    channels = {r["channel"] for r in recs}
    assert "pos" in channels and channels & {"vk", "telegram", "ok"}
    assert len({r["id"] for r in recs}) == len(recs)


def test_answers_greet_by_name_when_the_appeal_is_signed() -> None:
    named = 0
    for r in records():
        first = sentences(r["answer"])[0]
        if m := SIGNATURE.search(r["appeal"]):
            named += 1
            assert m[1] in first, (m[1], first)
        else:
            assert first.startswith("Здравствуйте"), first
    assert 10 <= named <= len(records()) - 10  # both kinds are represented


def test_answers_are_concrete_plain_and_free_of_stock_phrases() -> None:
    for r in records():
        answer = r["answer"]
        low = answer.lower()
        assert not [b for b in BANNED if b in low], (r["id"], answer)
        assert re.search(r"\d", answer), f"{r['id']}: no date, time or period"
        assert all(len(s.split()) <= 25 for s in sentences(answer)), r["id"]
        streets = STREET.findall(r["appeal"])
        if streets:  # the place is restated
            assert any(s[:5] in answer for s in streets), (r["id"], streets)
        if Channel(r["channel"]).is_social:
            assert len(sentences(answer)) <= 6, r["id"]


def test_sample_answers_read_as_answer_documents() -> None:
    from knowledge.answers import read_answers

    docs = list(read_answers(ANSWERS))
    assert len(docs) == len(records())
    assert all(d.kind == "answer" and d.chunks[0].search_text for d in docs)
    assert len({d.id for d in docs}) == len(docs)
