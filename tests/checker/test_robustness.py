"""check() never fails and its spans stay inside the text, on odd input and on real replies."""

import random

import pytest

from drafter.domain import Appeal, Channel
from drafter.quality import check

from .conftest import DATA, codes

ODD = [
    "",
    " ",
    "\n\n\n",
    "!!!",
    "ё",
    "Здравствуйте",
    "№",
    "<",
    "д. 5",
    "31.02.2020 32.13.2020 00.00.0000",
    "кв.",
    "+7",
    "ул. , д.",
    "ООО «",
    "Иванов И.И.",
    "а" * 5000,
    "Слово " * 3000,
    "🙂🙂🙂 Здравствуйте! 🙂",
    "Здравствуйте!\x00\x01 Работы выполнены.",
]


@pytest.mark.parametrize("text", ODD)
def test_odd_input_gives_a_valid_quality(text):
    appeal = Appeal(text="Яма у дома 5", channel=Channel.vk, author_name="Ия")
    q = check(text, appeal=appeal, sources=["", "ул. Ленина, д. 5"], prompt="Инструкция\n\nОтвет:")
    assert 0 <= q.score <= 100
    for v in q.violations:
        assert 0 <= v.start <= v.end <= len(text)


def test_random_character_soup():
    rng = random.Random(7)
    alphabet = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВ .,!?-«»№0123456789\n"
    for _ in range(200):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 300)))
        q = check(text)
        assert all(0 <= v.start <= v.end <= len(text) for v in q.violations)


def test_real_replies_give_valid_spans():
    path = DATA / "answers_dev_sample.jsonl"
    if not path.is_file():
        pytest.skip("../shared/data/spb_gorod is not available")
    import json

    from evals.spb import appeal_of, finals

    seen = 0
    for line in path.open(encoding="utf-8"):
        rec = json.loads(line)
        fs = finals(rec)
        if not fs:
            continue
        text = fs[-1]["text"]
        q = check(text, appeal=appeal_of(rec), generated=False)
        assert all(0 <= v.start < v.end <= len(text) for v in q.violations), rec["id"]
        # a person's reply without sources is never judged on grounding
        assert "UNGROUNDED" not in codes(q)
        seen += 1
        if seen == 300:
            break
    assert seen == 300
