"""A small past-appeals history for the browser tests of «Аналитика» and the search.

In the documented history form (drafter.analytics.history): six weeks before the current one,
agencies with a name long enough to test wrapping, one topic that jumps in the last full week
and one address where the same problem comes back. Dates are relative to today, so that the
page's default (the last weeks with data) shows this history next to the live drafts.
"""

from __future__ import annotations

import json
import random
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

REGION = "RU-SPE"
MSK = timezone(timedelta(hours=3))
AGENCIES = (
    "Жилищный комитет",
    "Комитет по благоустройству",
    "Администрация Невского района",
    "Санкт-Петербургское государственное казённое учреждение «Организатор перевозок»",
)
TOPICS = ("Мусор во дворе", "Яма на дороге", "Протечка кровли")
SPIKE_TOPIC = "Не горит уличное освещение"
REPEAT_ADDRESS = "ул. Ленина, д. 5"
REPEAT_TOPIC = "Мусор во дворе"
GOOD = (
    "Здравствуйте! По адресу {address} ({topic}) работы выполнены {done}, результат проверил "
    "мастер участка. Если проблема повторится, ответьте на это сообщение."
)
FORMAL = (
    "Уважаемый заявитель! Настоящим сообщаем, что Ваше обращение рассмотрено, вопрос находится "
    "на контроле."
)


def monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def weeks(today: date | None = None) -> list[date]:
    """The six Mondays before the current week, oldest first."""
    this = monday(today or date.today())
    return [this - timedelta(weeks=k) for k in range(6, 0, -1)]


def rows(today: date | None = None) -> list[dict]:
    rng = random.Random(7)
    history = weeks(today)
    out: list[dict] = []
    n = 0

    def add(
        week: date, day: int, agency: str, topic: str, address: str, text: str, **extra
    ) -> None:
        nonlocal n
        n += 1
        received = datetime.combine(week + timedelta(days=day), time(10, 0), MSK)
        first = received + timedelta(hours=rng.choice([2, 5, 24, 48, 72]))
        answered = rng.random() < 0.8
        out.append({
            "id": f"{900000 + n}",
            "appeal": text,
            "answer": (
                GOOD.format(address=address, topic=topic.lower(), done=f"{first:%d.%m}")
                if rng.random() < 0.6
                else FORMAL
            )
            if answered
            else "",
            "received_at": received.isoformat(),
            "first_reply_at": first.isoformat(),
            "final_reply_at": (first + timedelta(days=2)).isoformat() if answered else "",
            "agency": agency,
            "topic": topic,
            "place": rng.choice(["Невский район", "Центральный район"]),
            "address": address,
            "author": rng.choice(["Анна Иванова", "Пётр Сидоров", "Мария Кузнецова"]),
            "region": REGION,
            "pushback": rng.choice(["true", "false", "false"]) if answered else "",
            **extra,
        })  # fmt: skip

    for week in history:
        for a, agency in enumerate(AGENCIES):
            for k in range(5 + a + rng.randrange(3)):  # ≥ 5: ranked (drafter.analytics.rating)
                topic = TOPICS[(k + a) % len(TOPICS)]
                house = 10 + n
                add(
                    week,
                    k % 5,
                    agency,
                    topic,
                    f"ул. Мира, д. {house}",
                    f"{topic}: у дома {house} на улице Мира третью неделю ничего не меняется.",
                )
        add(
            week,
            1,
            AGENCIES[2],
            SPIKE_TOPIC,
            "пр. Обуховской Обороны, д. 100",
            "На проспекте Обуховской Обороны не горят фонари.",
        )
    spike = history[-1]
    for k in range(14):
        add(
            spike,
            k % 5,
            AGENCIES[2],
            SPIKE_TOPIC,
            f"пр. Обуховской Обороны, д. {120 + k}",
            f"Не горит уличное освещение у дома {120 + k}, вечером темно и опасно.",
        )
    for k, day in enumerate((0, 6, 13, 19)):
        week = history[-3] + timedelta(days=day)
        add(
            monday(week),
            week.weekday(),
            AGENCIES[0],
            REPEAT_TOPIC,
            REPEAT_ADDRESS,
            f"Снова не вывезли мусор у дома 5 на улице Ленина, это уже {k + 1}-й раз.",
        )
    return out


def write(path: Path, today: date | None = None) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for row in rows(today):
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path
