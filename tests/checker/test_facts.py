"""UNGROUNDED (with normalisation) and CONTRADICTION; fact extraction."""

import pytest

from drafter.domain import Appeal, Channel
from drafter.quality import Grounding, check, extract_facts

from .conftest import codes, real, spans

APPEAL = Appeal(
    text="Яма на проезжей части у дома 15 по улице Ленина, глубина сантиметров 20.",
    channel=Channel.pos,
    author_name="Ирина",
)
HELLO = "Ирина, здравствуйте! "


def _grounded_only_by(draft: str, source: str, invented: str) -> None:
    """``draft`` passes UNGROUNDED with ``source`` and fails it with ``invented``."""
    text = HELLO + draft
    assert "UNGROUNDED" not in codes(check(text, appeal=APPEAL, sources=[source])), draft
    assert "UNGROUNDED" in codes(check(text, appeal=APPEAL, sources=[invented])), draft


@pytest.mark.parametrize(
    ("draft", "source"),
    [
        ("Яму заделают до 15.12.2020.", "Срок ремонта — 15 декабря 2020 г."),
        ("Яму заделают до 15 декабря 2020 года.", "Срок ремонта 15.12.2020"),
        ("Яму заделают до двадцатого декабря.", "ремонт запланирован на 20.12"),
        ("Диспетчерская: +7 (812) 576-55-55.", "Телефон диспетчерской службы 576 55 55"),
        ("Так требует п. 3.2.1 правил.", "3.2.1. Покрытие не должно иметь выбоин"),
        (
            "Так требует ст. 161 ЖК РФ.",
            "Статья 161. Выбор способа управления многоквартирным домом",
        ),
        (
            "Так требуют правила (ПП РФ № 354).",
            "постановление Правительства РФ от 06.05.2011 № 354",
        ),
        (
            "Работы выполнит ООО «ЖКС № 1 Московского района».",
            "ООО «Жилкомсервис № 1 Московского района»",
        ),
        ("Яму устраняют за 5 суток.", "срок устранения — 5 суток"),
        ("Проверили дом: Лыжный пер., д. 4.", "Лыжный переулок, дом 4, корпус 3"),
    ],
)
def test_fact_in_source_written_differently_is_grounded(draft, source):
    text = HELLO + draft
    assert "UNGROUNDED" not in codes(check(text, appeal=APPEAL, sources=[source])), draft
    # and the same fact with nothing to back it is flagged
    assert "UNGROUNDED" in codes(check(text, appeal=APPEAL, sources=["Яма на дороге."])), draft


@pytest.mark.parametrize(
    ("draft", "fact"),
    [
        ("Яму заделают до 25.12.2020.", "25.12.2020"),
        ("Яму заделают до двадцатого декабря.", "двадцатого декабря"),
        ("Звоните по телефону 8 (812) 123-45-67.", "8 (812) 123-45-67"),
        ("Так требует п. 3.2.1 правил.", "п. 3.2.1"),
        ("Так требует ст. 161 ЖК РФ.", "ст. 161"),
        ("Так требуют ПП РФ № 354.", "ПП РФ № 354"),
        ("Яму устраняют за 5 суток.", "5 суток"),
        ("Работы выполнит ООО «Дорстрой».", "ООО «Дорстрой»"),
        ("Проверили дом 27 по улице Гагарина.", "улице Гагарина"),
        # the street's name before its kind: a real-model draft copied this from a past answer
        ("Светильники у дома по адресу: Лыжный пер., д.4, к.3 работают.", "Лыжный пер., д.4"),
        ("Проверили дом: Старо-Петергофский пр., д. 2.", "Старо-Петергофский пр., д. 2"),
    ],
)
def test_invented_fact_is_ungrounded_blocker(draft, fact):
    text = HELLO + draft
    q = check(text, appeal=APPEAL)
    found = spans(q, "UNGROUNDED", text)
    assert any(fact in s for s in found), (draft, found)
    assert not q.passed


def test_facts_from_the_appeal_are_grounded():
    text = (
        HELLO + "Яму у дома 15 по улице Ленина глубиной 20 сантиметров заделают в течение недели."
    )
    assert "UNGROUNDED" not in codes(check(text, appeal=APPEAL))


def test_person_reply_is_grounded_only_against_sources():
    text = HELLO + "Яму заделают до 25.12.2020."
    assert "UNGROUNDED" not in codes(check(text, appeal=APPEAL, generated=False))
    assert "UNGROUNDED" in codes(check(text, appeal=APPEAL, generated=False, sources=["Яма."]))


def test_real_reply_date_needs_a_source():
    # record 2947909: «При проверке … 22.10.2020 г. установлено …» — the date is not in the appeal
    text, appeal = real(2947909)
    assert any("22.10.2020" in s for s in spans(check(text, appeal=appeal), "UNGROUNDED", text))
    q = check(text, appeal=appeal, sources=["Акт проверки от 22 октября 2020 года, кв. 19"])
    assert not any("22.10.2020" in s for s in spans(q, "UNGROUNDED", text))


def test_extract_facts_normalises_dates():
    keys = {
        f.key
        for f in extract_facts("до 15.12.2020, до 15 декабря 2020 г., до пятнадцатого декабря")
    }
    assert keys == {("date", 15, 12, 2020), ("date", 15, 12, None)}


def test_norm_reference_is_not_a_date():
    facts = extract_facts("согласно п. 3.2.1 и п. 5.2")
    assert [f.kind for f in facts] == ["norm", "norm"]


def test_grounding_accepts_date_without_year():
    g = Grounding(["ремонт до 30 декабря"])
    (f,) = extract_facts("до 30.12.2025")
    assert g.has(f)


def test_solved_and_promised_is_contradiction():
    text = HELLO + "Проблема устранена. Работы по ремонту ямы будут выполнены до 20 декабря."
    q = check(text, appeal=APPEAL, generated=False)
    assert "CONTRADICTION" in codes(q)
    assert not q.passed


def test_not_confirmed_and_promised_is_contradiction():
    text = (
        HELLO + "Факты, указанные в обращении, не подтвердились. Яма будет заделана до 20 декабря."
    )
    assert "CONTRADICTION" in codes(check(text, appeal=APPEAL, generated=False))


def test_two_dates_for_one_promise_is_contradiction():
    text = HELLO + "Яму заделают до 20 декабря. Яму заделают до 25 декабря."
    assert "CONTRADICTION" in codes(check(text, appeal=APPEAL, generated=False))


def test_draft_against_sources_polarity():
    text = HELLO + "Факты, указанные в обращении, не подтвердились."
    src = ["Акт обследования: факт подтвердился, выявлено нарушение покрытия."]
    assert "CONTRADICTION" in codes(check(text, appeal=APPEAL, sources=src, generated=False))
    assert "CONTRADICTION" not in codes(
        check(text, appeal=APPEAL, sources=["Акт: нарушений не выявлено."], generated=False)
    )


def test_temporary_fix_then_replacement_is_not_contradiction():
    # record 2955078: «Течь радиатора временно устранена … Работы по замене радиатора будут
    # выполнены в срок до 03.11.2020 г.» — a temporary fix, then the full repair: consistent
    text, appeal = real(2955078)
    assert "CONTRADICTION" not in codes(check(text, appeal=appeal, generated=False))


def test_solved_plus_other_work_is_not_contradiction():
    text = HELLO + "Яма у дома 15 заделана. Также до 20 декабря будет заменён бордюр."
    assert "CONTRADICTION" not in codes(check(text, appeal=APPEAL, generated=False))


def test_numbers_are_normalised():
    keys = [f.key for f in extract_facts("штраф 5 000 рублей, в 14.50 часов, 2,5 м")]
    assert keys == [("number", "5000"), ("number", "14.5"), ("number", "2.5")]
    g = Grounding(["штраф 5000 руб., время 14,5 ч, ширина 2.50 метра"])
    assert all(g.has(f) for f in extract_facts("штраф 5 000 рублей, в 14.50 часов, 2,5 м"))


def test_every_fact_of_a_real_reply_is_grounded_by_the_reply_itself():
    # extraction and grounding must agree: a source identical to the draft grounds all of it
    import json

    from evals.spb import appeal_of, finals

    from .conftest import DATA

    path = DATA / "answers_dev_sample.jsonl"
    if not path.is_file():
        pytest.skip("../shared/data/spb_gorod is not available")
    checked = 0
    for line in path.open(encoding="utf-8"):
        rec = json.loads(line)
        if not finals(rec):
            continue
        text = finals(rec)[-1]["text"]
        q = check(text, appeal=appeal_of(rec), sources=[text])
        assert "UNGROUNDED" not in codes(q), rec["id"]
        checked += 1
        if checked == 300:
            break
    assert checked == 300


# session 7 (probe-s7ung*): forms the extraction missed, and what a draft cannot know
@pytest.mark.parametrize(
    ("draft", "source", "invented"),
    [
        ("Яму заделают до 12-го мая.", "ремонт до 12.05", "ремонт до 22.05"),
        ("Приём с 8:30 до 17:00.", "приём с 8:30 до 17:00", "приём с 9:00 до 18:00"),
        ("Приём с 9:00 до 18:00.", "приём с 9 до 18 часов", "приём с 10 до 19 часов"),
        (
            "Лампы заменит ГБУ Жилищник района Марьино до 3 декабря.",
            "ГБУ «Жилищник района Марьино», срок 03.12",
            "срок 03.12",
        ),
        (
            "Жалобу проверит Государственная жилищная инспекция области до 20 октября.",
            "ГЖИ области: проверка до 20.10",
            "администрация: проверка до 20.10",
        ),
        (
            "Воды нет в результате прорыва трубы, подачу вернут до 14 февраля.",
            "Прорыв трубы на магистрали, восстановление до 14.02.",
            "Ремонт сети, восстановление до 14.02.",
        ),
        (
            "Ремонт перенесли на 2028 год по причине отсутствия финансирования.",
            "Ремонт в 2028 году: финансирование отсутствует.",
            "Ремонт включён в план на 2028 год.",
        ),
    ],
)
def test_new_forms_grounded_by_the_source_and_flagged_without_it(draft, source, invented):
    _grounded_only_by(draft, source, invented)


def test_an_org_name_without_quotes_stops_before_the_sentence_goes_on():
    facts = extract_facts("Лампы заменит ГБУ Жилищник района Марьино до 3 декабря.")
    assert [f.text for f in facts if f.kind == "org"] == ["ГБУ Жилищник района Марьино"]
    assert [f.text for f in facts if f.kind == "date"] == ["3 декабря"]
    # a body named by its kind alone is the agency itself, not a name
    assert not [
        f for f in extract_facts("Обращение рассмотрено, Инспекцией запрещено.") if f.kind == "org"
    ]


def test_work_reported_done_while_the_sources_only_plan_it():
    draft = HELLO + "Аварийная бригада устранила течь кровли над вашей квартирой."
    planned = ["УК: заявка передана в аварийную службу, осмотр 03.04.2027."]
    done = ["УК: течь кровли устранена 03.04.2027."]
    rule = ["Правила № 170: протечки кровли устраняются в течение суток."]
    assert "UNGROUNDED" in codes(check(draft, appeal=APPEAL, sources=planned))
    assert "UNGROUNDED" not in codes(check(draft, appeal=APPEAL, sources=done))
    # a rule says nothing of this case either
    assert "UNGROUNDED" in codes(check(draft, appeal=APPEAL, sources=rule))
    # the brush-off formula is OTPISKA's, not a fact
    formula = HELLO + "Информация подтвердилась, приняты меры."
    assert "UNGROUNDED" not in codes(check(formula, appeal=APPEAL, sources=rule))


def test_a_cause_from_the_appeal_or_pointing_back_is_not_flagged():
    appeal = Appeal(text="Из-за ремонта дороги автобус ходит в объезд.", channel=Channel.pos)
    draft = "Здравствуйте! Из-за ремонта дороги остановку перенесли до 30 сентября. В связи с этим приносим извинения."
    q = check(draft, appeal=appeal, sources=["Перенос остановки до 30.09."])
    assert "UNGROUNDED" not in codes(q)


@pytest.mark.parametrize(
    ("draft", "source", "invented"),
    [
        ("Ответят не позднее 3-х рабочих дней.", "ответ в течение трёх рабочих дней", "10 дней"),
        ("Свет восстановят в течение двух недель.", "в течение 2 недель", "в течение 10 дней"),
        (
            "Урну на пр. Ленина, 12 заменят до 30 мая.",
            "пр. Ленина, 12 — до 30.05",
            "пр. Ленина, 21 — до 30.05",
        ),
        (
            "По п. 5.2 СП 82.13330 ширина — 1,5 м.",
            "СП 82.13330.2016, пункт 5.2: 1,5 м",
            "ширина 1,5 м",
        ),
        ("Крышу починит Фонд капитального ремонта.", "НО «ФКР»: ремонт крыши", "УК: ремонт крыши"),
        (
            "Проверку проведёт Управление Роспотребнадзора.",
            "Роспотребнадзор: проверка",
            "Администрация: проверка",
        ),
        (
            "Проверка проведена, утечки газа не выявлено.",
            "Газовая служба: проверка 12.07 проведена, утечек нет.",
            "Газовая служба: проверка назначена на 12.07.",
        ),
        (
            "Яму во дворе заделали асфальтом.",
            "УК: яма во дворе заделана 12.05.",
            "Правила благоустройства: повреждения покрытия устраняются в течение 10 суток.",
        ),
    ],
)
def test_second_round_forms(draft, source, invented):
    _grounded_only_by(draft, source, invented)


def test_an_organisations_office_address_is_not_one_cases():
    (address,) = [
        f
        for f in extract_facts("Градусники принимает ООО «Экоцентр» на ул. Промышленной, 12.")
        if f.kind == "address"
    ]
    assert not address.case
    (house,) = [
        f for f in extract_facts("Яма у дома 12 по ул. Промышленной.") if f.kind == "address"
    ]
    assert house.case


@pytest.mark.parametrize(
    ("draft", "source", "invented"),
    [
        ("Мастер придёт в 14:30.", "визит мастера в 14.30", "визит мастера в 10.00"),
        (
            "Жалобу рассмотрит Министерство здравоохранения области.",
            "Минздрав области: рассмотрение жалобы",
            "Минстрой области: рассмотрение жалобы",
        ),
        (
            "Жалобу проверит Государственная жилищная инспекция.",
            "Госжилинспекция: проверка жалобы",
            "Администрация: проверка жалобы",
        ),
    ],
)
def test_third_round_forms(draft, source, invented):
    _grounded_only_by(draft, source, invented)


def test_a_rule_told_in_the_passive_is_not_work_done():
    rule = ["ПП РФ № 491: козырьки над подъездами входят в общее имущество."]
    told = HELLO + "Обязанность чинить козырёк установлена Правилами № 491."
    assert "UNGROUNDED" not in codes(check(told, appeal=APPEAL, sources=rule))


def test_an_office_named_by_its_acronym_has_an_address_of_no_case():
    (address,) = [
        f for f in extract_facts("Справку выдаёт МФЦ на ул. Ленина, 2.") if f.kind == "address"
    ]
    assert not address.case


@pytest.mark.parametrize(
    ("draft", "source", "invented"),
    [
        ("Мусор вывозят 2 раза в неделю.", "вывоз дважды в неделю", "вывоз трижды в неделю"),
        (
            "Парковку на 12 машино-мест обустроят в 2028 году.",
            "12 машино-мест, 2028 год",
            "8 машино-мест, 2028 год",
        ),
        (
            "Работы ведёт ГУП «ТЭК СПб».",
            "ГУП «Топливно-энергетический комплекс Санкт-Петербурга»: работы",
            "ГУП «Водоканал Санкт-Петербурга»: работы",
        ),
        (
            "Урну поставит ООО «УК Ленинского района».",
            "Управляющая компания Ленинского района (ООО): урна",
            "ООО «УК Октябрьского района»: урна",
        ),
        (
            "Задержка связана с нехваткой техники.",
            "Не хватает техники: нехватка техники у подрядчика.",
            "Уборка двора до 20.01.",
        ),
        (
            "Причина подтопления подвала дома 15 по ул. Ленина — засор канализационного выпуска.",
            "Засор канализационного выпуска д. 15.",
            "Откачка воды из подвала д. 15.",
        ),
    ],
)
def test_fourth_round_forms(draft, source, invented):
    _grounded_only_by(draft, source, invented)


def test_an_attributive_participle_states_no_cause():
    from drafter.quality.facts import stated_causes

    assert not stated_causes("Вопросы, связанные с благоустройством, решает администрация.")
