"""Per-sentence support: which source backs each fact, and what a past answer may not lend."""

from __future__ import annotations

from drafter.grounding import Source, drop_unsupported, support_map, unsupported_count

APPEAL = Source("appeal", "Яма у дома 12 на ул. Садовой, пробил колесо.", "appeal")
DEADLINE = Source("deadline", "Срок ответа: не позднее 28 января (28.01.2021).", "deadline")
RULE = Source("reg:1#1", "ГОСТ Р 50597-2017: яму устраняют в срок от 1 до 12 суток.", "regulation")
PAST = Source(
    "answer:spb:1",
    "Яму у дома 5 на ул. Мира заделали 14 мая. ГКУ «Дорожный комитет» проверил 3 подъезда и устранит яму за 5 суток.",
    "answer",
)
GREETING = "Сергей, здравствуйте!"


def test_each_fact_is_traced_to_its_source():
    text = f"{GREETING} Яму у дома 12 на ул. Садовой заделают до 28 января. По ГОСТ Р 50597-2017 это 12 суток."
    rows = support_map(text, [APPEAL, DEADLINE, RULE, PAST])
    assert [text[r.start : r.end] for r in rows] == [r.sentence for r in rows]
    second, third = rows[1], rows[2]
    assert {"appeal", "deadline"} <= set(second.sources) and not second.unsupported
    assert "reg:1#1" in third.sources and not third.unsupported
    assert unsupported_count(rows) == 0


def test_a_past_answer_does_not_ground_its_own_address_date_or_count():
    text = f"{GREETING} Яму у дома 5 на ул. Мира заделали 14 мая. Проверили 3 подъезда."
    rows = support_map(text, [APPEAL, DEADLINE, PAST])
    assert len(rows[1].unsupported) == 2  # the address and the date of the other case
    assert rows[2].unsupported  # counted in that case, not here


def test_a_past_answer_grounds_organisations_and_periods():
    text = f"{GREETING} ГКУ «Дорожный комитет» устранит яму за 5 суток."
    rows = support_map(text, [APPEAL, PAST])
    assert not rows[1].unsupported and "answer:spb:1" in rows[1].sources


def test_unsupported_sentence_is_dropped_when_the_rest_stands():
    text = f"{GREETING} Яму у дома 12 на ул. Садовой осмотрят. Заделают до 20 мая."
    rows = support_map(text, [APPEAL, DEADLINE])
    kept, dropped = drop_unsupported(text, rows, keep=len(GREETING))
    assert kept == f"{GREETING} Яму у дома 12 на ул. Садовой осмотрят."
    assert [d.sentence for d in dropped] == ["Заделают до 20 мая."]


def test_nothing_is_dropped_when_only_the_greeting_would_remain():
    text = f"{GREETING} Заделают до 20 мая."
    rows = support_map(text, [APPEAL])
    assert drop_unsupported(text, rows, keep=len(GREETING)) == (text, [])
    assert unsupported_count(rows) == 1  # left for the gate to fail


LAMP = Source("appeal", "Во дворе не горит фонарь, потому что разбит плафон. Починить!", "appeal")
HEAT = Source(
    "answer:spb:2",
    "Горячей воды не было из-за аварии на теплотрассе. Работы не проведены в связи с "
    "отсутствием финансирования.",
    "answer",
)


def _reasons(text: str, sources: list[Source]) -> dict[str, bool]:
    return {r.sentence: r.unsupported_reason for r in support_map(text, sources)[1:]}


def test_a_cause_nothing_states_is_flagged():
    text = (
        f"{GREETING} Выплату задержали, потому что не пришла справка. "
        "Работы не проведены в связи с отсутствием финансирования. "
        "Ремонт перенесён из-за погодных условий."
    )
    assert all(_reasons(text, [LAMP, DEADLINE, RULE]).values())


def test_a_cause_the_appeal_states_is_supported_and_traced():
    text = f"{GREETING} Фонарь во дворе не горит, так как разбит плафон."
    row = support_map(text, [LAMP, PAST])[1]
    assert not row.unsupported_reason and row.sources == ["appeal"]


def test_a_sentence_without_a_cause_or_pointing_back_is_not_judged():
    text = (
        f"{GREETING} Проблема с освещением аварийная и будет решена. "
        "В связи с Вашим обращением сообщаем: заявка передана."
    )
    assert not any(_reasons(text, [APPEAL]).values())


def test_another_citizens_cause_is_flagged_but_a_regulation_grounds_it():
    sentence = "Горячей воды нет из-за аварии на теплотрассе."
    assert _reasons(f"{GREETING} {sentence}", [APPEAL, HEAT]) == {sentence: True}
    rule = Source("reg:2#1", HEAT.text, "regulation")  # a general cause a rule states
    assert _reasons(f"{GREETING} {sentence}", [APPEAL, rule]) == {sentence: False}


def test_a_case_number_stands_on_the_appeal_or_the_executors_facts_never_on_a_past_answer():
    # measure (A), spb-3138187: the permit's number came from the facts and was dropped with
    # the sentence, losing its date
    facts = Source("facts", "Выдано разрешение на установку: № 37368 от 10.11.2016.", "facts")
    past = Source("answer:spb:2", "По сообщению № 31020115 вывеска демонтирована.", "answer")
    text = f"{GREETING} Выдано разрешение № 37368 от 10.11.2016."
    assert not support_map(text, [APPEAL, facts])[1].unsupported
    copied = f"{GREETING} По сообщению № 31020115 вывеска демонтирована."
    assert support_map(copied, [APPEAL, facts, past])[1].unsupported == ["номер «№ 31020115»"]


def test_one_cause_rule_for_the_support_map_and_the_checker():
    # the pipeline's support map and UNGROUNDED read causes with the same extractor and rule
    from drafter.quality import Grounding
    from drafter.quality.facts import stated_causes

    facts = Source("facts", "Выплату задержали, потому что не пришла выплата из ПФР.", "facts")
    said = f"{GREETING} Выплату задержали, потому что не пришла справка."
    # the verb is shared, the noun that says what the cause is is not
    assert _reasons(said, [APPEAL, facts]) == {said[len(GREETING) + 1 :]: True}
    (cause,) = stated_causes(said)
    assert not Grounding([facts.text]).has_cause(cause)
    # a verb turned noun still grounds: «ушёл воспитатель» ← «из-за ухода воспитателя»
    left = Source("facts", "Группу закрыли из-за ухода воспитателя.", "facts")
    text = f"{GREETING} Группу закрыли, так как ушёл воспитатель."
    assert _reasons(text, [APPEAL, left]) == {text[len(GREETING) + 1 :]: False}
