"""Eval fixtures: services on the FakeLLM and a small in-memory index, a dataset writer."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from drafter.llm.fake import FakeLLM
from drafter.services import Services, build_services
from knowledge.types import Chunk, Hit

GOOD = (
    "Здравствуйте! Мусор во дворе дома 5 на улице Ленина вывезет управляющая компания "
    "«Жилсервис» 25 мая. О результате сообщим вам в ответе на этой платформе."
)
CHUNKS = [
    Chunk(
        id="reg-1#0",
        doc_id="reg-1",
        kind="regulation",
        title="Правила благоустройства",
        # the schedule grounds the date: a past answer's date belongs to another case
        text=(
            "Вывоз мусора со дворов проводит управляющая компания «Жилсервис» не реже раза в "
            "неделю; ближайший вывоз по улице Ленина — 25 мая."
        ),
    ),
    Chunk(
        id="ans-1#0",
        doc_id="ans-1",
        kind="answer",
        title="Ответ о вывозе мусора",
        text="Здравствуйте! Мусор во дворе вывезут 25 мая, сообщим о результате.",
        search_text="Во дворе не вывозят мусор",
    ),
]


class TinyIndex:
    """Every search finds the chunks of its kind, in a fixed order."""

    def __init__(self, chunks: list[Chunk] = CHUNKS) -> None:
        self.chunks = chunks
        self.searches: list[str] = []

    def search(
        self, query: str, k: int = 3, kind: str | None = None, where: Any = None
    ) -> list[Hit]:
        self.searches.append(query)
        found = [c for c in self.chunks if kind is None or c.kind == kind]
        return [Hit(chunk=c, score=1.0 / (n + 1)) for n, c in enumerate(found[:k])]

    def documents(self) -> list[dict[str, Any]]:
        return [
            {"id": c.doc_id, "kind": c.kind, "chunks": 1, "title": c.title} for c in self.chunks
        ]


@pytest.fixture
def llm() -> FakeLLM:
    return FakeLLM(default=GOOD)


@pytest.fixture
def index() -> TinyIndex:
    return TinyIndex()


@pytest.fixture
def services(settings, llm, index) -> Iterator[Services]:
    svc = build_services(settings, llm=llm, index=index)
    try:
        yield svc
    finally:
        svc.close()


@pytest.fixture
def write_dataset(tmp_path: Path) -> Callable[..., Path]:
    def write(records: list[dict[str, Any]], name: str = "set.jsonl") -> Path:
        path = tmp_path / name
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
        return path

    return write


APPEALS = [
    ("a1", "Во дворе дома 5 на улице Ленина третью неделю не вывозят мусор.", "Благоустройство"),
    ("a2", "Мусорные баки у дома 5 на улице Ленина переполнены, вывоза нет.", "Благоустройство"),
    ("a3", "На улице Ленина у дома 5 не убирают контейнерную площадку.", "Санитарное состояние"),
]


@pytest.fixture
def records() -> list[dict[str, Any]]:
    return [
        {
            "id": i,
            "appeal": {"text": t, "channel": "pos", "category": c},
            "reference_reply": "Здравствуйте! Мусор во дворе дома 5 вывезут 25 мая.",
            "reference_contexts": ["Вывоз мусора со дворов проводит управляющая компания"],
            "facts": "мусор вывезет управляющая компания «Жилсервис» 25 мая",
        }
        for i, t, c in APPEALS
    ]


@pytest.fixture(autouse=True)
def _eval_command(eval_command) -> None:
    """Every test here may run ``drafter eval``."""
