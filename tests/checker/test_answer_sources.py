"""UNGROUNDED with past answers to other cases (``answer_sources``): they ground norms,
organisations, their phones and generic periods, but not the other case's address, dates and
counts — what a base model copies from the nearest example."""

import pytest

from drafter.domain import Appeal, Channel
from drafter.quality import Grounding, check, extract_facts
from drafter.quality.cli import run_check

from .conftest import codes, spans

APPEAL = Appeal(
    text="На Садовой улице у дома 12 огромные ямы на проезжей части, невозможно проехать.",
    channel=Channel.vk,
    author_name="Ольга",
    address="Санкт-Петербург, Садовая ул., д. 12",
)
# an approved answer to another citizen about another street
PAST = (
    "Анна, здравствуйте! По адресу ул. Бабушкина, д. 84, кв. 15 выявлено 9 ям. 12 ноября "
    "ГБУ «Автодор» заделало выбоины, ремонт покрытия включён в план на 2026 год. По п. 5.2.4 "
    "ГОСТ Р 50597-2017 выбоины устраняют в течение 5 суток. Телефон диспетчерской ГБУ «Автодор»: "
    "8 (812) 576-55-55."
)
COMPUTED = "Срок ответа: 30.12.2025"
HELLO = "Ольга, здравствуйте! "


@pytest.mark.parametrize(
    ("draft", "fact"),
    [
        ("Яму у дома 12 на Садовой устраняют в течение 5 суток.", "5 суток"),
        ("Так требует п. 5.2.4 ГОСТ Р 50597-2017.", "п. 5.2.4"),
        ("Яму у дома 12 заделает ГБУ «Автодор».", "ГБУ «Автодор»"),
        ("Диспетчерская ГБУ «Автодор»: 8 (812) 576-55-55.", "576-55-55"),
    ],
)
def test_generic_facts_of_a_past_answer_ground_the_draft(draft, fact):
    text = HELLO + draft
    assert fact in text
    q = check(text, appeal=APPEAL, sources=[COMPUTED], answer_sources=[PAST])
    assert "UNGROUNDED" not in codes(q), q.violations
    # without the past answer the same fact is not grounded
    alone = check(text, appeal=APPEAL, sources=[COMPUTED])
    assert any(fact in s for s in spans(alone, "UNGROUNDED", text)), alone.violations


@pytest.mark.parametrize(
    ("draft", "fact", "word"),
    [
        ("Проверили адрес ул. Бабушкина, д. 84, яма есть.", "ул. Бабушкина, д. 84", "адрес"),
        ("Яму у дома 12 заделают 12 ноября.", "12 ноября", "дата"),
        ("У дома 12 на Садовой выявлено 9 ям.", "9 ям", "число"),
        ("Течь в кв. 15 устранена.", "кв. 15", "число"),
        ("Ремонт покрытия у дома 12 включён в план на 2026 год.", "2026 год", "число"),
    ],
)
def test_case_facts_copied_from_a_past_answer_are_ungrounded(draft, fact, word):
    text = HELLO + draft
    q = check(text, appeal=APPEAL, sources=[COMPUTED], answer_sources=[PAST])
    hits = [v for v in q.violations if v.code == "UNGROUNDED" and fact in text[v.start : v.end]]
    assert hits, q.violations
    assert hits[0].severity == "blocker" and not q.passed
    assert hits[0].message.startswith(f"Не подтверждено: {word}")
    assert "из ответа по другому обращению" in hits[0].message


def test_the_same_case_facts_in_sources_or_appeal_are_grounded():
    # the computed deadline is a source; the appeal's own address and house are grounded
    text = HELLO + "Яму у дома 12 на Садовой улице заделают до 30.12.2025."
    q = check(text, appeal=APPEAL, sources=[COMPUTED], answer_sources=[PAST])
    assert "UNGROUNDED" not in codes(q), q.violations
    # a date only in a past answer is flagged, a date in ``sources`` is not (same text)
    q2 = check(text, appeal=APPEAL, answer_sources=["Ответ заявителю: работы до 30.12.2025."])
    assert any("другому обращению" in v.message for v in q2.violations if v.code == "UNGROUNDED")


def test_invented_fact_message_is_unchanged_when_nothing_has_it():
    text = HELLO + "Яму у дома 12 заделают до 25.12.2025."
    q = check(text, appeal=APPEAL, sources=[COMPUTED], answer_sources=[PAST])
    (v,) = [v for v in q.violations if v.code == "UNGROUNDED"]
    assert "другому обращению" not in v.message and "нет в обращении и источниках" in v.message


def test_private_phone_from_a_past_answer_is_not_grounded():
    past = "Анна, здравствуйте! Мастер перезвонит вам, ваш номер 8 921 555-12-34 передан."
    text = HELLO + "Мастер перезвонит, номер 8 921 555-12-34."
    q = check(text, appeal=APPEAL, answer_sources=[past])
    assert any("другому обращению" in v.message for v in q.violations if v.code == "UNGROUNDED")


def test_person_reply_is_checked_against_answer_sources_too():
    text = HELLO + "Проверили ул. Бабушкина, д. 84."
    assert "UNGROUNDED" not in codes(check(text, appeal=APPEAL, generated=False))
    q = check(text, appeal=APPEAL, answer_sources=[PAST], generated=False)
    assert "UNGROUNDED" in codes(q)


def test_grounding_where():
    g = Grounding(["обращение: дом 12"], [PAST])
    facts = {f.text: f for f in extract_facts(PAST)}
    assert g.where(facts["12 ноября"]) == "other_case"
    assert g.where(facts["5 суток"]) == "source"
    assert g.where(next(f for f in facts.values() if f.kind == "norm")) == "source"
    assert Grounding(["обращение"]).where(facts["9 ям"]) is None


def test_extract_counts_and_unit_numbers():
    got = {(f.kind, f.text, f.case) for f in extract_facts("Выявлено 9 ям у подъезда 3, кв. 7.")}
    assert ("number", "9 ям", True) in got
    assert ("number", "подъезда 3", True) in got and ("number", "кв. 7", True) in got
    # an identifier after «№» and a period are not counts of things
    kinds = {(f.kind, f.case) for f in extract_facts("Обращение № 12 решат за 3 часа.")}
    assert kinds == {("number", False)}


def test_cli_answer_source(capsys, tmp_path):
    past = tmp_path / "past.txt"
    past.write_text(PAST, encoding="utf-8")
    reply = HELLO + "Проверили ул. Бабушкина, д. 84, яму заделают в течение 5 суток."
    args = ["--appeal", APPEAL.text, "--author", "Ольга", "--answer-source", str(past), reply]
    assert run_check(args) == 1
    out = capsys.readouterr().out
    assert "UNGROUNDED" in out and "из ответа по другому обращению" in out
    assert "5 суток" not in out.split("UNGROUNDED", 1)[1]
