"""IMPOLITE by word classes and constructions (issue 11 item 5, session 7): the labelled rounds
``probe-dev5-imp-*`` … ``probe-dev12-imp-*`` (DEV split; each round was written and labelled
before the checker saw it) as a regression floor, and texts of other wordings for each class,
with the near misses it must leave alone."""

from __future__ import annotations

from functools import cache

import pytest

from drafter.quality import check
from evals.checker_validity import load

from .conftest import codes

ROUNDS = tuple(f"probe-dev{n}-imp-" for n in range(5, 13))


@cache
def _rounds() -> list:
    return [c for c in load(split="dev") if c.id.startswith(ROUNDS)]


def impolite(text: str) -> bool:
    return "IMPOLITE" in codes(check(text, generated=True))


def test_labelled_rounds_no_false_positive_and_recall_floor():
    cases = _rounds()
    assert len(cases) >= 500
    flagged = {c.id for c in cases if "IMPOLITE" in codes(c.checked(check))}
    false_pos = [c.id for c in cases if c.id in flagged and not c.labels["IMPOLITE"].value]
    rude = [c for c in cases if c.labels["IMPOLITE"].value]
    found = sum(c.id in flagged for c in rude)
    assert not false_pos, false_pos
    assert found / len(rude) >= 0.90, f"{found}/{len(rude)}"


@pytest.mark.parametrize(
    "text",
    [
        # names for the citizen or the appeal, in any form
        "Только дураки пишут про одну лампочку. Лампу заменят 3 мая.",
        "Опять ваши бредни про крыс. Подвал обработают 5 мая.",
        # the appeal scorned
        "Какая-то нелепая жалоба. Урну поставят 1 июня.",
        # indifference and go-away
        "Мне плевать на ваш двор. Двор уберут 2 мая.",
        "Нам всё равно, где вы паркуетесь. Разметку нанесут 4 мая.",
        "Отвяжитесь от нас со своим забором. Забор покрасят 6 мая.",
        # condescension
        "Вы, наверное, не в курсе, как работает отопление. Систему промоют 7 мая.",
        "Даже первоклассник знает, где висит расписание. Автобус ходит каждые 15 минут.",
        # blame
        "Это по вашей вине сломался домофон. Мастер придёт 8 мая.",
        # mockery
        "Ну конечно, у вас всегда всё плохо. Яму заделают 9 мая.",
        "Какая трагедия: перегорела лампочка. Её заменят 10 мая.",
        # threats for writing
        "Будете писать дальше — передадим дело в суд. Двор уберут 11 мая.",
        # the residue: said to the citizen, no fact, no word of service or courtesy
        "Вы в своём уме вообще. Двор уберут 12 мая.",
        "Голову включите. Свет дадут 13 мая.",
        # «вы ошибаетесь» is «вы не правы» in other words
        "Вы ошибаетесь: двор убирают каждый день. Следующая уборка 14 мая.",
    ],
)
def test_rude_wordings_are_impolite(text):
    assert impolite(text), text


@pytest.mark.parametrize(
    "text",
    [
        # the citizen's words quoted or retold
        "Вы назвали дворника «лентяем» — его работу проверили 5 мая, двор убран.",
        "Вы пишете, что дворник — бездельник. Его работу проверили 5 мая.",
        # negated, reassuring
        "Вы ни в чём не виноваты: платёж задержал банк. Пени сняли 10 апреля.",
        "Нам не всё равно, что дети дышат дымом. Таблички повесят 12 мая.",
        # official statements about offenders
        "Нарушителей привлекут к административной ответственности. Протокол составлен 6 мая.",
        # warm and instructive sentences without a fact
        "Спасибо за бдительность. Люк закрыли 3 мая.",
        "Люк закрыли 3 мая. Ждём вас на празднике двора!",
        "Тротуар восстановят до 10 июня. Для вашей безопасности не заходите за ограждение.",
        "Если вам неудобно днём, мастер придёт вечером 14 мая.",
        "Возможно, вы не знаете, что с 1 мая изменился график вывоза: теперь по вторникам.",
        "Не торопитесь с оплатой: квитанцию пересчитают до 10 марта.",
        "Вы не ошиблись: счёт завышен. Перерасчёт сделают в квитанции за июнь.",
        "Таблички поставят 20 марта. Не выходите на лёд, пока он тонкий.",
        "Не стесняйтесь писать нам снова, если ветки останутся. Их вывезли 12 апреля.",
        # an organisation's name in capitals is not a shout
        "Работы выполнило ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ «СТРОЙ» 5 мая.",
    ],
)
def test_near_misses_are_not_impolite(text):
    assert not impolite(text), text


def test_a_shout_with_one_organisation_word_is_still_a_shout():
    assert impolite("ЭТО НЕ НАША ЗОНА ОТВЕТСТВЕННОСТИ. Заявку передали 4 мая.")
