"""The rules added or changed for issue 11 item 6, each on the labelled case that asks for it.

Cases by id come from the DEV split of evals/data/checker_labels/ (the test split is for
measuring only, never for tuning: ``labelled`` refuses it) and are checked exactly as
``python -m evals.checker_validity`` checks them; the label decides. Texts written here are
probes of the same patterns (another wording, another region) and the real portal replies the
rules must leave alone.
"""

from __future__ import annotations

from functools import cache

import pytest

from drafter.domain import Appeal, Channel
from drafter.quality import check, extract_facts
from evals.checker_validity import CODES, LabelledReply, load

from .conftest import codes


@cache
def _dev() -> dict[str, LabelledReply]:
    return {c.id: c for c in load(split="dev")}


def labelled(case_id: str) -> LabelledReply:
    case = _dev().get(case_id)
    assert case is not None, f"{case_id} is not in the dev split"
    return case


def verdict(case: LabelledReply) -> set[str]:
    return codes(case.checked(check))


def assert_as_labelled(case_id: str, *only: str) -> None:
    case = labelled(case_id)
    got = verdict(case)
    for code in only or CODES:
        assert (code in got) == case.labels[code].value, (
            f"{case_id} {code}: labelled {case.labels[code].value} ({case.labels[code].reason}),"
            f" checker {sorted(got)}"
        )


APPEAL = Appeal(text="Во дворе дома 7 по ул. Мира яма, машины бьют колёса.", channel=Channel.vk)


def draft(text: str, *sources: str, appeal: Appeal = APPEAL) -> set[str]:
    return codes(check(text, appeal=appeal, sources=list(sources)))


# --- OTPISKA ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "spb-2979672-f20201211",  # «Нарушение устранено.»: a bare result is NO_SPECIFICS
        "spb-2988851-f20201203",
        "spb-3004234-f20201113",
        "probe-garbage-translit",  # not Russian: GARBAGE only
        "probe-red-soft-forward",  # a hand-off: REDIRECT only
        "probe-otp-three-laws-unsourced",  # laws cited inside the brush-off explain nothing
        "probe-otp-generic-warm",  # «в курсе ситуации и делают всё возможное»
        "probe-otp-inspection-undated",  # «Специалисты проведут проверку.»
        "probe-otp-weather-permitting",  # undated work: no place, no one, no date
        "probe-garbage-parrot-appeal",  # the appeal copied back says nothing: OTPISKA too
        "probe-otp-neg-explain-rule",  # a rule explained with its norm is an answer
        "probe-nd-repair-crew-will-come",  # undated, but the place and who: NO_DEADLINE only
    ],
)
def test_otpiska_as_labelled(case_id):
    assert_as_labelled(case_id, "OTPISKA")


def test_undated_work_naming_who_or_where_is_not_otpiska():
    assert "OTPISKA" in draft("Здравствуйте! Ремонт будет выполнен.")
    assert "OTPISKA" not in draft("Здравствуйте! Яму у дома 7 по ул. Мира заделают.")
    assert "OTPISKA" not in draft("Здравствуйте! Ремонт выполнит ООО «Дорстрой».", "ООО «Дорстрой»")


# --- REDIRECT ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-red-forwarded-uk-no-when",  # «перенаправлено в управляющую компанию»
        "probe-red-soft-forward",  # «передано региональному оператору … для рассмотрения»
        "probe-nd-interim-without-date",  # «передан специалисту …, вернёмся с ответом позже»
        "probe-red-heat-company",  # «Вам нужно написать в АО «Теплосеть»»
        "probe-red-housing-fund",  # «можете уточнить в Региональном фонде»
        "probe-red-transport-company-asked",  # passed on, and the answer is dated
        "probe-otp-neg-interim-dated",  # «Передали … Вернёмся с ответом не позднее 14 марта»
        "probe-red-neg-emergency-plus-action",  # passed on, the crew left «в 14:20»
        "probe-otp-thanks-signal",  # «передадим информацию»: a promise, not a hand-off
    ],
)
def test_redirect_as_labelled(case_id):
    assert_as_labelled(case_id, "REDIRECT")


def test_passed_to_the_own_work_queue_is_no_hand_off():
    got = draft("Здравствуйте! Ваше обращение передано в работу.")
    assert "REDIRECT" not in got and "OTPISKA" in got


def test_a_hand_off_in_another_region_and_wording():
    got = draft("Здравствуйте! Вашу заявку переслали в департамент городского хозяйства Омска.")
    assert "REDIRECT" in got and "OTPISKA" not in got
    dated = (
        "Здравствуйте! Вашу заявку переслали в департамент городского хозяйства, ответ — до 12 мая."
    )
    assert "REDIRECT" not in draft(dated)


# --- NO_DEADLINE -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "spb-2981997-i20201213",  # «В случае неисполнения в срок … будет составлен протокол»
        "spb-3007530-i20201126",  # «При невыполнении работ в указанные сроки …»
        "spb-3070750-i20201217",  # «ранее срока», «только при наличии финансирования»
        "spb-3038231-i20201211",  # the same work, dated two sentences before
        "spb-3012665-i20201119",  # «будет выполнен перерасчёт» after the dated repair
        "probe-garbage-echo-placeholders",  # «до {deadline}»: a placeholder, GARBAGE's
        "probe-otp-thanks-signal",  # passing information on is not work
        "probe-red-mfc-with-how",  # «переоформят за 5 рабочих дней» is a period
        "probe-nd-soon",
        "probe-nd-repair-crew-will-come",
        "probe-nd-bureaucratic",
    ],
)
def test_no_deadline_as_labelled(case_id):
    assert_as_labelled(case_id, "NO_DEADLINE")


def test_a_second_undated_promise_of_other_work_is_still_no_deadline():
    text = "Здравствуйте! Яму у дома 7 по ул. Мира заделают до 10 мая. Разметку нанесут в плановом порядке."
    assert "NO_DEADLINE" in draft(text)


# --- UNGROUNDED --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-ung-invented-phone-nosource",  # «8 (4712) 51-33-33»
        "probe-ung-act-number",  # «Акт о протечке № 117»
        "probe-ung-days-period",  # «5 рабочих дней», the source says 10
    ],
)
def test_ungrounded_as_labelled(case_id):
    assert_as_labelled(case_id, "UNGROUNDED")


@pytest.mark.parametrize(
    "phone",
    ["8 (4712) 51-33-33", "8 (3812) 40-50-60", "+7 (3812) 405-060", "8 (84235) 2-13-45",
     "8-800-100-22-33", "88001002233", "8 (812) 576-55-55", "576-55-55"],
)  # fmt: skip
def test_phones_of_any_region_are_facts(phone):
    facts = extract_facts(f"Телефон диспетчерской: {phone}.")
    assert [f.kind for f in facts] == ["phone"] and facts[0].text == phone
    assert "UNGROUNDED" in draft(f"Здравствуйте! Звоните в диспетчерскую: {phone}.")
    source = f"Диспетчерская служба: {phone}, круглосуточно."
    assert "UNGROUNDED" not in draft(f"Здравствуйте! Звоните в диспетчерскую: {phone}.", source)


def test_the_law_keeps_its_own_date_and_number():
    source = "Закон № 59-ФЗ от 02.05.2006 «О порядке рассмотрения обращений граждан РФ»."
    text = "Здравствуйте! Срок ответа установлен Федеральным законом от 02.05.2006 № 59-ФЗ."
    assert "UNGROUNDED" not in draft(text, source)
    assert "UNGROUNDED" in draft(text)


def test_a_document_number_is_grounded_by_its_number():
    source = "Договор № 180-ПЗУ/13 от 23.08.2013 на уборку территории."
    text = "Здравствуйте! Территорию убирают по договору № 180-ПЗУ/13."
    assert "UNGROUNDED" not in draft(text, source)
    assert "UNGROUNDED" in draft("Здравствуйте! Территорию убирают по договору № 181.", source)


# --- IMPOLITE ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-impolite-teaching",  # «Научитесь сначала отличать…»
        "probe-impolite-rhetorical",  # «А вы как думаете, сколько раз…?»
        "probe-impolite-enough",  # «Хватит уже.»
        "probe-impolite-caps-partial",  # «И ПОЖАЛУЙСТА, не трогайте»
        "probe-impolite-stupid-question",  # «Странный вопрос — об этом написано везде»
        "probe-impolite-accusing-lie",  # «Никто вам ничего не обещал»
        "probe-impolite-neg-firm-refusal",  # a firm refusal, politely put
        "probe-garbage-echo-system",  # the prompt's «не выдумывай» speaks to the model
    ],
)
def test_impolite_as_labelled(case_id):
    assert_as_labelled(case_id, "IMPOLITE")


@pytest.mark.parametrize(
    "text",
    [
        "Здравствуйте! Не переживай, яму у твоего дома заделают до 10 мая.",  # «ты»
        "Здравствуйте! Неужели так сложно объехать яму? Её заделают до 10 мая.",
        "Здравствуйте! Прежде чем жаловаться, посмотрите график: яму заделают до 10 мая.",
        "Здравствуйте! Вы сами виноваты: надо было сообщить раньше. Яму заделают до 10 мая.",
        "Здравствуйте! Вы опять про эту яму? Её заделают до 10 мая.",
        "Здравствуйте! Без вас бы не догадались, что там яма. Её заделают до 10 мая.",
        "Здравствуйте! Если вам не нравится, пишите куда хотите. Яму заделают до 10 мая.",
    ],
)
def test_impolite_probes_of_other_kinds(text):
    assert "IMPOLITE" in draft(text)


@pytest.mark.parametrize(
    "text",
    [
        # real portal replies: one word stressed in a letter is not shouting
        "Отметки крышек колодца и ковера ДОЛЖНЫ быть выше уровня земли.",
        "Оборудование находится на частной территории ВНУТРИ нежилого здания.",
        "Размещение ограждений на проезжей части, НЕ ДОПУСКАЕТСЯ.",
        # a question that offers help
        "Здравствуйте! Яму заделают до 10 мая. Остались вопросы? Звоните в ЦУР.",
        # real portal replies pymorphy reads with singular orders in them («пень», «Жени»)
        "Уважаемый пользователь! Ваше обращение рассмотрено, пень удален.",
        "По адресу: улица Жени Егоровой, дом 5, замечания устранены.",
    ],
)
def test_not_impolite(text):
    assert "IMPOLITE" not in codes(check(text, appeal=APPEAL, generated=False))


# --- GARBAGE -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-garbage-sources-dump",  # «Источник 1 (Жилищный кодекс, ст. 44):»
        "probe-garbage-truncated",  # «…и приняли реш»
        "probe-garbage-echo-system",  # «Ты — специалист … Напиши … поздоровайся …»
        "probe-ung-copied-other-case",  # restates the place, then the answer: not parroting
        "probe-ung-past-answer-date",
        "probe-garbage-parrot-appeal",
    ],
)
def test_garbage_as_labelled(case_id):
    assert_as_labelled(case_id, "GARBAGE")


@pytest.mark.parametrize(
    "text",
    [
        "Здравствуйте, [Ваше имя]! Яму у дома 7 заделают до 10 мая.",
        "Здравствуйте! Яму заделают до 10 мая.\\nС уважением, ЦУР.",
        '{"reply": "Здравствуйте! Яму заделают до 10 мая."}',
        "Здравствуйте! Яму заделают до 10 мая.\n* * *",
        "Добрий день! Яму біля будинку 7 засиплють до 10 травня, дякуємо за інформацію.",  # Ukrainian
        "Здравствуйте! Яму заделают до 10 мая. Let me know if you need anything else.",
        "Вот вариант ответа: Здравствуйте! Яму заделают до 10 мая.",
    ],
)
def test_garbage_probes_of_other_kinds(text):
    assert "GARBAGE" in draft(text)


@pytest.mark.parametrize(
    "text",
    [
        "Здравствуйте! Ближайший пункт приёма — у ТЦ «Планета», в 300 метрах от дома.",
        "Здравствуйте! Расписание — на сайте transport.orgp.spb.ru, раздел «Маршруты».",
        (
            "Здравствуйте! Вывеска «CHAMPAGNE & OYSTERS BAR NOIR» на доме 7 по ул. Мира "
            "согласована комитетом по градостроительству в мае."
        ),
        "Здравствуйте! Яму у дома 7 заделают до 10 мая, проверим сами",  # no final stop
    ],
)
def test_not_garbage(text):
    assert "GARBAGE" not in draft(text)
