"""Reading past answers: plain JSONL/CSV and the spb city-portal cards."""

from __future__ import annotations

import gzip
import itertools
import json
from pathlib import Path

import pytest

from knowledge.answers import read_answers
from knowledge.errors import InvalidInput

SPB = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "spb_gorod"

ROWS = [
    {
        "appeal": "Не убран снег во дворе",
        "answer": "Снег убран.",
        "category": "Благоустройство",
        "agency": "ЖА",
        "date": "2021-01-05",
        "quality": "good",
    },
    {"appeal": "Нет света в парадной", "answer": "", "category": "МКД"},
    {"appeal": "Течёт крыша", "answer": "Кровля отремонтирована.", "id": "42", "outcome": "ok"},
]


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "wt", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path


def test_jsonl_pairs_skip_empty_answers_and_keep_metadata(tmp_path):
    docs = list(read_answers(write_jsonl(tmp_path / "a.jsonl", ROWS)))
    assert len(docs) == 2
    first, second = docs
    assert first.kind == "answer" and len(first.chunks) == 1
    chunk = first.chunks[0]
    assert chunk.text == "Снег убран." and chunk.search_text == "Не убран снег во дворе"
    assert chunk.metadata["appeal"] == "Не убран снег во дворе"
    assert first.metadata == {
        "category": "Благоустройство",
        "agency": "ЖА",
        "date": "2021-01-05",
        "quality": "good",
    }
    assert second.id == "answer:id:42" and second.metadata["outcome"] == "ok"
    assert second.metadata["external_id"] == "42"


def test_ids_are_stable_and_content_based_without_an_id(tmp_path):
    a = [d.id for d in read_answers(write_jsonl(tmp_path / "a.jsonl", ROWS))]
    b = [d.id for d in read_answers(write_jsonl(tmp_path / "b.jsonl.gz", ROWS))]
    assert a == b and a[0].startswith("answer:h:")
    other = dict(ROWS[0], answer="Другой ответ")
    c = next(read_answers(write_jsonl(tmp_path / "c.jsonl", [other])))
    assert c.id != a[0]


def test_csv(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(
        "appeal,answer,category\nНе убран снег,Убран,Двор\nПусто,,X\n", encoding="utf-8"
    )
    docs = list(read_answers(path))
    assert [d.chunks[0].text for d in docs] == ["Убран"]
    assert docs[0].metadata["category"] == "Двор"


def test_clear_errors(tmp_path):
    with pytest.raises(InvalidInput, match="does not exist"):
        read_answers(tmp_path / "missing.jsonl")
    bad_csv = tmp_path / "b.csv"
    bad_csv.write_text("question,reply\nа,б\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="appeal"):
        list(read_answers(bad_csv))
    bad_json = tmp_path / "b.jsonl"
    bad_json.write_text('{"appeal": "a", "answer": "b"}\n{oops\n', encoding="utf-8")
    with pytest.raises(InvalidInput, match=":2"):
        list(read_answers(bad_json))
    missing = write_jsonl(tmp_path / "m.jsonl", [{"appeal": "a"}])
    with pytest.raises(InvalidInput, match="answer"):
        list(read_answers(missing))
    with pytest.raises(InvalidInput, match="format"):
        read_answers(write_jsonl(tmp_path / "x.txt", ROWS))
    with pytest.raises(InvalidInput, match="card"):
        list(read_answers(write_jsonl(tmp_path / "s.jsonl", ROWS), format="spb"))


def card(**over) -> dict:
    base = {
        "id": 7,
        "category": "Благоустройство",
        "reason": "Снег",
        "responsible_org": "ЖА",
        "final_status": "Завершено: Пользователь удовлетворен решением проблемы",
        "petitions": [
            {"dt": "2020-12-01T10:00:00", "text": "Первое обращение"},
            {"dt": "2020-12-03T10:00:00", "text": "Уточнение"},
        ],
        "answers": [
            {"dt": "2020-12-02T10:00:00", "kind": "Промежуточный ответ", "text": "Промежуточно"},
            {"dt": "2020-12-04T10:00:00", "kind": "Окончательный ответ", "text": "Первый итог"},
            {"dt": "2020-12-05T10:00:00", "kind": "Окончательный ответ", "text": "Последний итог"},
        ],
    }
    return {**base, **over}


def test_spb_card_first_petition_and_last_final_answer(tmp_path):
    path = write_jsonl(tmp_path / "cards.jsonl", [card(), card(id=8, answers=[])])
    docs = list(read_answers(path, format="spb"))
    assert len(docs) == 1
    doc = docs[0]
    assert doc.id == "answer:spb:7"
    chunk = doc.chunks[0]
    assert chunk.search_text == "Первое обращение" and chunk.text == "Последний итог"
    meta = chunk.metadata
    assert meta["reason"] == "Снег" and meta["agency"] == "ЖА" and meta["date"] == "2020-12-01"
    assert meta["quality"] == "good" and meta["external_id"] == "7"
    # a plain .jsonl of cards is recognised without format=
    assert [d.id for d in read_answers(path)] == ["answer:spb:7"]


def test_spb_pushed_back_is_disputed(tmp_path):
    late = [
        {"dt": "2020-12-01T10:00:00", "text": "Первое"},
        {"dt": "2020-12-09", "text": "Не сделано"},
    ]
    path = write_jsonl(tmp_path / "c.jsonl", [card(final_status="Завершено", petitions=late)])
    assert next(read_answers(path, "spb")).metadata["quality"] == "disputed"


@pytest.mark.skipif(not SPB.exists(), reason="../shared/data absent")
def test_real_spb_slice():
    docs = list(itertools.islice(read_answers(SPB / "appeals_dev.jsonl.gz", "spb"), 200))
    assert len(docs) == 200
    assert len({d.id for d in docs}) == 200
    for d in docs:
        c = d.chunks[0]
        assert c.text.strip() and c.search_text.strip()
        assert d.id == f"answer:spb:{d.metadata['external_id']}"
        assert d.metadata["reason"] and d.metadata["category"] and d.metadata["agency"]
        assert "appeal" not in d.metadata and c.metadata["appeal"] == c.search_text
    sample = list(itertools.islice(read_answers(SPB / "answers_dev_sample.jsonl"), 50))
    assert len(sample) == 50 and all(d.id.startswith("answer:spb:") for d in sample)
