"""A small synthetic region: three bodies, three categories, templated appeals with noise."""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

import pytest

from drafter.settings import Settings

# body, category, topic, phrases that name the problem
KINDS = [
    (
        "Комитет дорожного хозяйства",
        "дороги",
        "Ямы на дорогах",
        [
            "яма на дороге",
            "разбит асфальт на проезжей части",
            "провал дорожного покрытия",
            "выбоины на дороге",
        ],
    ),
    (
        "Управляющая компания",
        "ЖКХ",
        "Вывоз мусора",
        [
            "не вывозят мусор из контейнеров",
            "переполнены мусорные баки",
            "свалка мусора у подъезда",
        ],
    ),
    (
        "Горсвет",
        "освещение",
        "Уличное освещение",
        ["не горит фонарь", "нет уличного освещения", "темно, не работают фонари"],
    ),
]
FILLER = [
    "во дворе",
    "возле дома",
    "на улице Ленина",
    "уже неделю",
    "дети ходят",
    "просим помочь",
    "давно",
    "жители жалуются",
    "вечером",
    "опасно",
]


def make_rows(n_per_kind: int = 40, seed: int = 0) -> list[dict[str, str]]:
    rnd = random.Random(seed)
    rows = []
    for body, cat, topic, phrases in KINDS:
        for _ in range(n_per_kind):
            words = [rnd.choice(phrases)] + rnd.sample(FILLER, 3)
            rnd.shuffle(words)
            rows.append(
                {
                    "text": " ".join(words).capitalize() + ".",
                    "body": body,
                    "cat": cat,
                    "topic": topic,
                }
            )
    rnd.shuffle(rows)
    return rows


@pytest.fixture
def rows() -> list[dict[str, str]]:
    return make_rows()


@pytest.fixture
def synthetic():
    """The generator itself, for tests that need other sizes or seeds."""
    return make_rows


@pytest.fixture
def csv_file(tmp_path: Path, rows) -> Path:
    path = tmp_path / "history.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["text", "body", "cat", "topic"])
        w.writeheader()
        w.writerows(rows)
    return path


@pytest.fixture
def jsonl_file(tmp_path: Path, rows) -> Path:
    """Nested like the city portal's cards: the text is petitions[0].text."""
    path = tmp_path / "history.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for r in rows:
            card = {"petitions": [{"text": r["text"]}], "org": r["body"], "category": r["cat"]}
            fh.write(json.dumps(card, ensure_ascii=False) + "\n")
    return path


@pytest.fixture
def taxonomy_file(tmp_path: Path) -> Path:
    path = tmp_path / "topics.json"
    path.write_text(
        json.dumps(
            {
                "★ Ямы во дворах": "Благоустройство",
                "Ямы и выбоины на дороге": "Дороги",
                "Неисправные фонари уличного освещения": "ЖКХ",
                "Вывоз мусора и переполненные контейнеры": "ЖКХ",
                "Единое пособие на детей": "Соцзащита",
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    return path


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data")
