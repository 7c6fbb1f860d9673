"""Session 9, issue 11: UNGROUNDED's false alarms on facts said in other words, each convention
(``drafter.quality.grounding``'s docstring) tested on the labelled dev cases of the fresh rounds
``probe-s9ung-N-*`` that ask for it (``labelled`` refuses the test split), plus other wordings
it must still flag or leave alone."""

from __future__ import annotations

import pytest

from drafter.quality.facts import period_days, stated_causes
from drafter.quality.grounding import Grounding, _same_stem

from .test_labelled_rules import assert_as_labelled, draft

# --- a period derived from the sources' dates and periods ----------------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s9ung-1-neg-period-two-weeks",  # «две недели» — «с 01.06 по 14.06»
        "probe-s9ung-1-neg-period-five-days",  # «за пять дней» — «с 10 по 14 августа»
        "probe-s9ung-1-neg-period-30-days-by-dates",  # «30 дней» — «от 02.03 … до 01.04»
        "probe-s9ung-1-neg-period-three-weeks",  # «трёх недель» — «21 календарный день»
        "probe-s9ung-1-neg-appeal-weeks-as-days",  # «14 дней» — the appeal's «две недели»
        "probe-s9ung-1-period-wrong-derived",  # «на три недели» — 1–14 June: flagged
        "probe-s9ung-1-period-month-wrong",  # «45 дней» — 02.03 to 01.04: flagged
        "probe-s9ung-1-period-invented",  # «7 рабочих дней»: flagged
    ],
)
def test_derived_periods_as_labelled(case_id):
    assert_as_labelled(case_id, "UNGROUNDED")


def test_period_days():
    assert period_days("две недели") == (14, 14)
    assert period_days("трёх недель") == (21, 21)
    assert period_days("30 дней") == (30, 30)
    assert period_days("месяца") is None  # no number: not a fact either
    assert period_days("2 месяца") == (56, 62)
    assert period_days("48 часов") == (2, 2)
    assert period_days("10 рабочих дней") is None  # the weekends decide
    assert period_days("2027 год") is None  # a year, not a period


def test_derived_periods_in_other_wordings():
    src = "Дорожники: ремонт у д. 7 ул. Мира с 03.08.2026 по 09.08.2026."
    assert "UNGROUNDED" not in draft(
        "Здравствуйте! Яму у дома 7 по ул. Мира заделают за неделю, с 3 по 9 августа.", src
    )
    assert "UNGROUNDED" in draft(
        "Здравствуйте! Яму у дома 7 по ул. Мира заделают за две недели, с 3 августа.", src
    )
    month = "УК: заявка от 10.03.2026, замена окна у д. 7 ул. Мира — до 10.04.2026."
    assert "UNGROUNDED" not in draft(
        "Здравствуйте! Окно у дома 7 по ул. Мира заменят в течение 1 месяца, до 10 апреля.", month
    )
    assert "UNGROUNDED" in draft(
        "Здравствуйте! Окно у дома 7 по ул. Мира заменят в течение 2 месяцев.", month
    )


def test_a_date_at_the_end_of_a_sources_period():
    src = "Подрядчик: ремонт кровли д. 7 по ул. Мира — 21 календарный день с 01.07.2026."
    for day in ("21 июля", "22 июля"):
        assert "UNGROUNDED" not in draft(
            f"Здравствуйте! Кровлю дома 7 по ул. Мира отремонтируют до {day}.", src
        ), day
    assert "UNGROUNDED" in draft(
        "Здравствуйте! Кровлю дома 7 по ул. Мира отремонтируют до 30 июля.", src
    )


# --- numbers in words; hedged numbers ------------------------------------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s9ung-1-neg-count-words-source",  # «25 лип» — «двадцать пять лип»
        "probe-s9ung-1-count-words-wrong",  # «30 лип» — «двадцать пять»: flagged
        "probe-s9ung-1-neg-sum-rounded",  # «около 12,5 тысяч» — 12 480,56 руб.
        "probe-s9ung-1-sum-rounded-wrong",  # «около 10 тысяч» — 8 120,40 руб.: flagged
    ],
)
def test_numbers_as_labelled(case_id):
    assert_as_labelled(case_id, "UNGROUNDED")


def test_numbers_in_other_wordings():
    src = "Управа: у д. 7 по ул. Мира установлено сто двадцать метров ограждения."
    assert "UNGROUNDED" not in draft(
        "Здравствуйте! У дома 7 по ул. Мира установили 120 метров ограждения.", src
    )
    # two number words in a row that do not add up are two numbers
    assert "UNGROUNDED" in draft(
        "Здравствуйте! У дома 7 по ул. Мира установили 5 урн.",
        "Управа: у д. 7 по ул. Мира установлены урны, две три недели назад.",
    )
    debt = "Расчётный центр: задолженность по л/с № 77 — 40 130 руб."
    assert "UNGROUNDED" not in draft(
        "Здравствуйте! Долг по счёту № 77 — более 40 тысяч рублей.", debt
    )
    # not hedged: the number itself must be there
    assert "UNGROUNDED" in draft("Здравствуйте! Долг по счёту № 77 — 40 тысяч рублей.", debt)


# --- a cause in other words ----------------------------------------------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s9ung-1-neg-cause-downpours",  # «затяжных ливней» — «ливневых дождей»
        "probe-s9ung-1-neg-cause-pipe-burst",  # «прорыва трубы» — «порыва трубопровода»
        "probe-s9ung-1-neg-cause-truck-broke",  # «сломался мусоровоз» — «поломкой мусоровоза»
        "probe-s9ung-1-neg-cause-seal-broken",  # «герметичность» — «разгерметизация»
        "probe-s8prec6-ung-cause-noun-adj",  # «повреждённого кабеля на подстанции» — «на ТП»
        "probe-s8prec6-red-right-after-refusal",  # «долг за коммунальные услуги» — «по ЖКУ»
        "probe-dev11-sub-neg-subsidy-reason",  # «превысил порог … на 3 200 рублей»
        "probe-s9ung-1-cause-near-miss",  # «прорыва стояка» — «засор стояка»: flagged
        "probe-s9ung-1-cause-substation",  # «на подстанции» — «на теплотрассе»: flagged
        "probe-s8prec5-pos-ung-cause-bridge",  # «ремонта моста» — «ремонта дороги»: flagged
        "probe-s9ung-1-cause-invented",
    ],
)
def test_causes_as_labelled(case_id):
    assert_as_labelled(case_id, "UNGROUNDED")


def test_roots():
    assert _same_stem("порыв", "прорыв")
    assert _same_stem("поломка", "сломать")
    assert _same_stem("превысить", "превышение")  # с / ш
    assert _same_stem("повредить", "повреждение")  # д / жд
    assert _same_stem("ливень", "ливневый")  # a fleeting vowel
    assert _same_stem("труба", "трубопровод")  # a compound's first part
    assert _same_stem("вода", "водоснабжение")
    assert _same_stem("разгерметизация", "герметичность")
    assert not _same_stem("открыть", "крыса")
    assert not _same_stem("газ", "газон")
    assert not _same_stem("засор", "прорыв")
    assert not _same_stem("теплотрасса", "теплосеть")


def _grounded(cause: str, *sources: str) -> bool:
    (c,) = stated_causes(cause)
    return Grounding(list(sources)).has_cause(c)


def test_cause_families_and_places():
    assert _grounded("Газ отключили из-за долга.", "Подача газа прекращена: задолженность.")
    # a general word holds a specific one, not the other way round
    assert _grounded("Воды нет из-за аварии.", "Водоканал: порыв водовода.")
    assert not _grounded("Воды нет из-за порыва.", "Водоканал: авария на водоводе.")
    # a place the source does not give is left aside; a place it gives must be the same
    assert _grounded("Тепла нет из-за аварии на теплотрассе.", "Теплосеть: авария, подача к 20:00.")
    assert not _grounded(
        "Тепла нет из-за аварии на подстанции.", "Теплосеть: авария на теплотрассе."
    )
    # a place with an adjective is a place (a bug found on round 4)
    assert not _grounded(
        "Света нет из-за аварии на подстанции.", "Россети: авария на кабельной линии."
    )
    # what follows the phrase is the consequence, not the cause
    assert _grounded(
        "Из-за ремонта дороги остановку перенесли.", "Дорожники: ремонт дороги до 30.09."
    )


# --- round 2: cause families by root, a date in a cause, a period after its start date, -----
# --- a house letter, the weekday of a date -------------------------------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s9ung-2-neg-cause-frost",  # «низких температур» — «морозами»
        "probe-s9ung-2-neg-cause-no-money",  # «нехватки средств» — «недостаточным финансированием»
        "probe-s9ung-2-neg-cause-wind",  # «из-за сильного ветра 2 марта» — «штормового ветра»
        "probe-s8judge1-imp-age-receipt-bryansk",  # «с 1 ноября»: the month is the source's
        "probe-s9ung-2-cause-frost-invented",  # «из-за морозов» — a new contractor: flagged
        "probe-s9ung-2-cause-place-wrong",  # «на внутридомовой сети» — «на водоводе»: flagged
    ],
)
def test_round2_causes_as_labelled(case_id):
    assert_as_labelled(case_id, "UNGROUNDED")


def test_families_meet_by_root():
    assert _grounded(
        "Ремонт отложили из-за недостатка денег.",
        "Работы перенесены из-за недостаточного финансирования.",
    )
    assert not _grounded("Ремонт отложили из-за жары.", "Работы перенесены в связи с морозами.")
    assert _grounded("Покраску отложили из-за низкой температуры.", "Перенос в связи с морозами.")


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s9ung-2-neg-period-48-hours",  # «до 7 марта» — «от 05.03 … в течение 2 суток»
        "probe-s9ung-2-neg-period-ten-days-range",
        "probe-s9ung-2-date-derived-wrong",  # «20 июня» — the range ends 24 June: flagged
        "probe-s9ung-2-address-letter-invented",  # «дом 14а» — the sources' 14: flagged
        "probe-s9ung-2-weekday-wrong",  # «в пятницу, 12 марта» — 12.03.2026 is a Thursday
    ],
)
def test_round2_dates_and_houses_as_labelled(case_id):
    assert_as_labelled(case_id, "UNGROUNDED")


def test_house_letters_and_weekdays_in_other_wordings():
    src = "УК: вывоз с площадки у д. 14А по ул. Мира выполнен 04.03.2026."
    assert "UNGROUNDED" not in draft(
        "Здравствуйте! Мусор у дома 14а по ул. Мира вывезли 4 марта.", src
    )
    assert "UNGROUNDED" in draft("Здравствуйте! Мусор у дома 14б по ул. Мира вывезли 4 марта.", src)
    due = "УК: вывоз КГМ у д. 7 по ул. Мира — 12.03.2026."
    assert "UNGROUNDED" not in draft(
        "Здравствуйте! Мебель у дома 7 по ул. Мира вывезут в четверг, 12 марта.", due
    )
    assert "UNGROUNDED" not in draft(
        "Здравствуйте! Мебель у дома 7 по ул. Мира вывезут 12 марта (в четверг).", due
    )
    assert "UNGROUNDED" in draft(
        "Здравствуйте! Мебель у дома 7 по ул. Мира вывезут 12 марта, в среду.", due
    )
    # day and month in the right order (a bug found on round 4: 12.03 and 3.12.2026 are both
    # Thursdays, so the cases above passed with them swapped)
    may = "УК: вывоз КГМ у д. 7 по ул. Мира — 07.05.2026."  # a Thursday; 5 July a Sunday
    assert "UNGROUNDED" not in draft(
        "Здравствуйте! Мебель у дома 7 по ул. Мира вывезут в четверг, 7 мая.", may
    )
    assert "UNGROUNDED" in draft(
        "Здравствуйте! Мебель у дома 7 по ул. Мира вывезут в воскресенье, 7 мая.", may
    )
    # no year anywhere: the weekday cannot be checked and is left alone
    assert "UNGROUNDED" not in draft(
        "Здравствуйте! Мебель у дома 7 по ул. Мира вывезут в среду, 12 марта.",
        "УК: вывоз КГМ у д. 7 по ул. Мира — 12 марта.",
    )


# --- round 3: a date a period before a source's date; short roots and compounds in a cause; --
# --- a number after «№»; a body named in one word that acts -----------------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s9ung-3-neg-period-day-before",  # «16 марта» — «17.03 … объявления за 1 сутки»
        "probe-s9ung-3-date-day-before-wrong",  # «10 марта»: flagged
        "probe-s9ung-3-neg-cause-repair-network",  # «меняют … теплосети» — «заменой … тепловой сети»
        "probe-s9ung-3-cause-sewer-wrong",  # «обрушения коллектора» — «засор коллектора»: flagged
        "probe-s9ung-3-org-uk-name-wrong",  # «Жилкомсервис № 3» — «ЖКС № 1»: flagged
        "probe-s8prec5-pos-ung-request-number",  # «Заявка № 5534» — 5543: flagged
        "probe-s9ung-3-org-invented-inspection",  # «Росприроднадзор провёл»: flagged
        "probe-s7ung4-rospotreb-bare",  # «проведёт Роспотребнадзор»: flagged
        "probe-s8prec5-pos-red-not-us",  # «пишите в Роспотребнадзор»: where to go, no fact
        "probe-dev2-red-rosreestr-domain",  # «к ведению Росреестра»
    ],
)
def test_round3_as_labelled(case_id):
    assert_as_labelled(case_id, "UNGROUNDED")


def test_short_roots_and_compounds():
    assert _same_stem("менять", "замена")
    assert _grounded(
        "Воды нет, потому что меняют участок теплосети.",
        "Отключение в связи с заменой участка тепловой сети.",
    )
    assert not _grounded(
        "Воды нет из-за замены участка водопровода.",
        "Отключение в связи с заменой участка тепловой сети.",
    )


def test_numbered_and_named_bodies_in_other_wordings():
    src = "СОШ № 18: питание проверено 04.03.2026, Управление Роспотребнадзора выдало предписание."
    assert "UNGROUNDED" not in draft(
        "Здравствуйте! Питание в школе № 18 проверили 4 марта, Роспотребнадзор выдал предписание.",
        src,
    )
    assert "UNGROUNDED" in draft("Здравствуйте! Питание в школе № 81 проверили 4 марта.", src)
    gzhi = "Государственная жилищная инспекция области: предписание УК выдано 04.03.2026."
    assert "UNGROUNDED" not in draft(
        "Здравствуйте! Госжилинспекция выдала управляющей компании предписание 4 марта.", gzhi
    )
    assert "UNGROUNDED" in draft(
        "Здравствуйте! Ростехнадзор выдал управляющей компании предписание 4 марта.", gzhi
    )


# --- round 4 (fitted after its honest figure): one dependent word of a longer cause phrase; ---
# --- one unit without a number («в течение суток»); снегопад / метель --------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s9ung-4-neg-cause-low-pressure",  # «насоса подкачки» — «повысительного насоса»
        "probe-s8prec6-school-meal-price",  # «роста цен на продукты» — «рост … удорожания продуктов»
        "probe-s9ung-4-neg-period-hours-day",  # «24 часов» — «в течение суток»
        "probe-s9ung-4-cause-wrong-event",  # «замены задвижки» — «порыв»: the event, flagged
        "probe-s9ung-4-cause-place-wrong",  # «на подстанции» — «на кабельной линии»: flagged
    ],
)
def test_round4_as_labelled(case_id):
    assert_as_labelled(case_id, "UNGROUNDED")


def test_one_dependent_word_and_one_unit():
    # the event held, one of what hangs on it said otherwise: grounded
    assert _grounded(
        "Напора нет из-за поломки насоса подкачки воды.", "Причина — поломка повысительного насоса."
    )
    # two nouns: both must be held («ремонт моста» is not «ремонт дороги»)
    assert not _grounded("Автобус опаздывает из-за ремонта моста.", "Объезд: ремонт дороги.")
    assert _grounded("Снег не вывезли из-за метели.", "Вывоз перенесён в связи со снегопадом.")
    day = "Сети: восстановление в течение суток, до 12:00 06.03.2026."
    assert "UNGROUNDED" not in draft("Здравствуйте! Свет дадут в течение 24 часов.", day)
    assert "UNGROUNDED" in draft("Здравствуйте! Свет дадут в течение 48 часов.", day)


def test_the_appeals_own_number_is_no_identifier_to_ground():
    # «Рассмотрев Ваше сообщение № 2947918»: the card's number (the letter's apparatus)
    assert "UNGROUNDED" not in draft(
        "Здравствуйте! Рассмотрев Ваше сообщение № 2947918, сообщаем: яму у дома 7 по ул. Мира "
        "заделают до 20 мая.",
        "Дорожники: яма у д. 7 по ул. Мира — до 20.05.2026.",
    )
    assert "UNGROUNDED" not in draft(
        "Здравствуйте! Рассмотрев Ваше сообщение от 18.10.2020 № 2949193, сообщаем: яму у дома 7 "
        "по ул. Мира заделают до 20 мая.",
        "Дорожники (обращение от 18.10.2020): яма у д. 7 по ул. Мира — до 20.05.2026.",
    )
    assert "UNGROUNDED" in draft(
        "Здравствуйте! По заявке № 4521 яму у дома 7 по ул. Мира заделают до 20 мая.",
        "Дорожники: заявка № 4512, яма у д. 7 по ул. Мира — до 20.05.2026.",
    )
