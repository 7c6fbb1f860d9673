"""Understanding an appeal: the author's name for the greeting, the place, the problem, the kind."""

from __future__ import annotations

import csv
import json
import threading
from pathlib import Path

import pytest

from drafter.domain import Appeal
from drafter.understanding import understand

DATA = Path(__file__).parents[1] / ".." / "shared" / "data"


def u(text: str, **kw):
    return understand(Appeal(text=text, **kw))


# ------------------------------------------------------------------ names


@pytest.mark.parametrize(
    ("text", "author", "greeting"),
    [
        ("Во дворе не вывозят мусор третью неделю. Заранее спасибо. Ирина", "Ирина", "Ирина"),
        ("Во дворе не вывозят мусор.\nС уважением, Петров И.И.", "Петров И.И.", None),
        (
            "Во дворе не вывозят мусор.\nС уважением,\nСидорова Анна Павловна\n8-999-123-45-67",
            "Сидорова Анна Павловна",
            "Анна Павловна",
        ),
        (
            "Добрый день, меня зовут Иван Петрович. Когда починят лифт?",
            "Иван Петрович",
            "Иван Петрович",
        ),
        (
            "Я, Козлова Мария Игоревна, проживаю в доме 5. Прошу починить крышу.",
            "Козлова Мария Игоревна",
            "Мария Игоревна",
        ),
    ],
)
def test_author_from_signature_or_introduction(text, author, greeting):
    res = u(text)
    assert res.author_name == author
    assert res.greeting_name == greeting
    s, e = res.spans["author_name"]
    assert res.text[s:e] == author


def test_no_name_gives_no_greeting():
    res = u("Во дворе дома 5 по улице Ленина не вывозят мусор. Примите меры.")
    assert res.author_name is None and res.greeting_name is None and res.name_source is None


@pytest.mark.parametrize(
    "text",
    [
        # an official named in the body, even at the very end of a sentence
        "Глава района Сидоров Пётр Иванович не отвечает на жалобы. Прошу разобраться с Сидоровым Петром Ивановичем",
        "Обращалась к мастеру участка Козловой Анне. Ничего не сделано, не вывозят мусор.",
        "Председатель управляющей компании Жихарев не реагирует",
        # the name of a street or a village at the end is not a signature
        "Прошу восстановить водоснабжение дома 9 по ул. Ломакина.",
        "Нет воды в с. Дичня.",
        # several signers: none of them is «the» author to greet
        "Прошу помочь.\nЖильцы барака Ефремова Н.Г., Гончарова В.Г., Кутепова Т.В.",
        # a VK tag names whom the post is addressed to
        "<p>Опять не убрали снег во дворе.</p><p>[id5|Сергей Иванов]</p>",
    ],
)
def test_third_persons_and_officials_are_not_the_author(text):
    assert u(text).author_name is None


def test_author_field_wins_and_gives_first_name_and_patronymic():
    res = u("Не горит фонарь. С уважением, Петрова Ольга", author_name="Иванов Иван Петрович")
    assert (res.first_name, res.patronymic, res.last_name) == ("Иван", "Петрович", "Иванов")
    assert res.greeting_name == "Иван Петрович" and res.name_source == "field"


def test_author_field_that_is_not_a_name():
    res = u("Не горит фонарь у подъезда", author_name="Пользователь")
    assert res.author_name == "Пользователь" and res.greeting_name is None


# ------------------------------------------------------------------ place, problem, kind


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("По фасаду дома по адресу ул. Урицкого 22 проходит газовая труба.", "ул. Урицкого 22"),
        (
            "Яма на Мебельной улице, дом 47, корпус 1 уже месяц.",
            "Мебельной улице, дом 47, корпус 1",
        ),
        (
            "Проживаю по адресу г. Курск, улица Карла Маркса 12, кв 4. Нет горячей воды.",
            "г. Курск, улица Карла Маркса 12",
        ),
    ],
)
def test_address(text, address):
    res = u(text)
    assert res.address == address
    s, e = res.spans["address"]
    assert res.text[s:e] == address


def test_address_field_is_taken_as_given():
    assert u("Яма у подъезда", address="Курск, ул. Ленина, 1").address == "Курск, ул. Ленина, 1"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Возле школы № 5 разбит тротуар, дети ходят по дороге.", "школа № 5"),
        ("У детского сада № 12 не убирают снег.", "детский сад № 12"),
        ("В парке «Боева дача» не горят фонари.", "парк «Боева дача»"),
    ],
)
def test_place(text, place):
    assert u(text).place == place


def test_html_and_vk_masks_are_cleaned():
    res = u("<p>[club1|Администрация], здравствуйте!&nbsp;Во дворе дома 3 по ул. Гагарина яма.</p>")
    assert "<" not in res.text and "[club" not in res.text and "&nbsp;" not in res.text
    assert res.address == "ул. Гагарина"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Подскажите, пожалуйста, как получить выплату на ребёнка? Какие документы нужны?",
            "question",
        ),
        ("Имею ли я право на льготу по оплате ЖКУ как ветеран труда?", "question"),
        ("Во дворе огромная яма, машины ломаются. Прошу отремонтировать дорогу.", "problem"),
        ("Третий день нет воды в доме 5. Когда это закончится?! Примите меры!", "problem"),
        # rhetorical questions are complaints
        ("Сколько можно терпеть этот шум по ночам???", "problem"),
        ("Скажите, пожалуйста, сколько это будет продолжаться? Снова сидим без воды.", "problem"),
    ],
)
def test_kind(text, kind):
    res = u(text)
    assert res.kind == kind
    assert 0.5 <= res.kind_confidence <= 1.0


def test_problem_is_a_short_phrase_without_the_greeting():
    res = u(
        "Здравствуйте! Во дворе дома 5 уже неделю не вывозят мусор из контейнеров, "
        "вокруг грязь, крысы, запах, дети играют рядом, жильцы жалуются постоянно. Ирина"
    )
    assert res.problem.startswith("Во дворе дома 5")
    assert len(res.problem.split()) <= 15 and res.problem.endswith("…")


def test_problem_phrase_skips_a_bare_request():
    res = u("Прошу разобраться. Во дворе дома 7 третью неделю стоит сломанная машина.")
    assert res.problem.startswith("Во дворе дома 7")


def test_concurrent_calls_agree_with_sequential_ones():
    texts = [f"Во дворе дома {i} по ул. Ленина яма. Заранее спасибо. Ирина" for i in range(8)]
    expected = [u(t).model_dump() for t in texts]
    got: dict[int, dict] = {}

    def work(i: int) -> None:
        got[i] = u(texts[i]).model_dump()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(texts))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [got[i] for i in range(len(texts))] == expected


# ------------------------------------------------------------------ real appeals


shared = pytest.mark.shared


@pytest.fixture(scope="module")
def kursk() -> dict[str, str]:
    path = DATA / "kursk_pos" / "train.csv"
    if not path.exists():
        pytest.skip("shared data absent")
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return {r["id"]: r["Текст Сообщения"] for r in csv.DictReader(fh)}


@pytest.mark.parametrize(
    ("record", "author", "greeting"),
    [
        # «Заранее спасибо!\nС уважением, Агафонова Ирина Рахмановна.»
        ("1917", "Агафонова Ирина Рахмановна", "Ирина Рахмановна"),
        ("1453", "Половинкин В.С.", None),  # surname and initials: no first name to greet
        ("1806", "Оксана", "Оксана"),  # «Меня зовут Оксана и я …»
        ("1827", "Рыбакина Наталия Виталиевна", "Наталия Виталиевна"),  # name line, then a phone
        ("2089", "Кондрашова Юлия Михайловна", "Юлия Михайловна"),  # «ФИО. Получаю пособие …»
        ("2981", None, None),  # «председатель управляющей компании Жихарев … не реагирует»
        ("7", None, None),  # «Роман Владимирович, у нас сплошной ГОЛОЛЕД» addresses an official
        ("1783", None, None),  # ends with «… по ул. Ломакина.»
    ],
)
@shared
def test_real_kursk_names(kursk, record, author, greeting):
    res = u(kursk[record])
    assert (res.author_name, res.greeting_name) == (author, greeting)


@shared
def test_real_kursk_address(kursk):
    assert u(kursk["380"]).address == "ул. Урицкого 22"


@shared
def test_real_spb_introduction():
    path = DATA / "spb_gorod" / "answers_dev_sample.jsonl"
    if not path.exists():
        pytest.skip("shared data absent")
    recs = {r["id"]: r for r in map(json.loads, path.open(encoding="utf-8"))}
    # «Здравствуйте, меня зовут Екатерина. Мой сын …»
    res = u(recs[3039299]["petitions"][0]["text"])
    assert res.greeting_name == "Екатерина" and res.name_source == "intro"
    assert res.kind == "problem"


def test_normalize_keeps_number_and_degree_signs():
    # «№» and «°» are Unicode symbols (So) like emoji, but addresses and norms need them
    from drafter.normalize import normalize_appeal_text

    assert (
        normalize_appeal_text("Школа № 5, в подъезде +12 °С 🥶") == "Школа № 5, в подъезде +12 °С"
    )
