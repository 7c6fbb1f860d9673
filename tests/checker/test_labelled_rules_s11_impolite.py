"""Session 11, issue 11: IMPOLITE by more general marks of a put-down (``_judges`` in
drafter/quality/checks/address.py): an exclamation at the citizen opened by a wh-word, futility
over what the citizen does, the citizen judged unable to understand, the citizen's own choice held
up as the cause, a guess about the citizen, the citizen's appeal judged instead of handled, the
citizen told off for drama; and, for precision, a plain yes/no question about a fact the citizen
did («Вы получили квитанцию за апрель?») is no rhetorical question. Each rule is held by labelled
dev cases (``labelled`` refuses the test split) and by other wordings it must flag or leave
alone."""

from __future__ import annotations

import pytest

from drafter.quality import check

from .conftest import codes
from .test_labelled_rules import assert_as_labelled


def impolite(text: str, *, generated: bool = True) -> bool:
    return "IMPOLITE" in codes(check(text, generated=generated))


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s11imp-1-imp-without-you-wouldnt-cope-ivanovo",  # «Что бы мы без Вас делали!»
        "probe-s11imp-1-imp-elementary-kostroma",  # «Тут и объяснять нечего»
        "probe-s10imp-3-imp-rushing-useless-podolsk",  # «Торопить нас бесполезно»
        "probe-s11imp-1-imp-still-didnt-understand-arkhangelsk",  # «Вы так и не поняли …»
        "probe-s11imp-1-imp-dont-like-move-out-vologda",  # «… Вы выбрали сами»
        "probe-s10imp-3-imp-writing-out-of-boredom-abakan",  # «Такое ощущение, что Вы …»
        "probe-s11imp-1-imp-stop-writing-same-ulyanovsk",  # «Ваши письма мы уже знаем наизусть»
        "probe-s11imp-1-imp-appeals-steal-time-yoshkar-ola",  # «Подобные обращения только …»
        "probe-dev14-imp-ridiculous-claim",  # «Ваша претензия смехотворна»
        "probe-s11imp-1-imp-dont-dramatise-veliky-novgorod",  # «Не надо устраивать трагедию»
        "probe-s11imp-1-neg-factual-question-received-receipt-tambov",  # «Вы получили …?»
        "probe-s11imp-1-neg-factual-question-readings-passed-lipetsk",  # «Вы передавали …?»
        "probe-s11imp-1-neg-attentive-noticed-double-kirov",  # «… действительно начислен дважды»
        "probe-s11imp-1-neg-not-worry-rodent-treatment-yoshkar-ola",  # «Не стоит беспокоиться»
        "probe-s11imp-1-neg-deserves-attention-plan-tver",  # «Ваше предложение заслуживает …»
        "probe-s11imp-1-neg-repeat-kindly-who-repairs-arkhangelsk",  # «Извините, что … неясно»
    ],
)
def test_general_marks_labelled(case_id):
    assert_as_labelled(case_id, "IMPOLITE")


@pytest.mark.parametrize(
    ("text", "rude"),
    [
        # an exclamation at the citizen opened by a wh-word
        ("Здравствуйте. Какой Вы наблюдательный! Лампу заменили 5 мая.", True),
        ("Здравствуйте. Как же Вы догадались! Двор убирают ежедневно.", True),
        ("Здравствуйте. Спасибо Вам за сигнал! Лампу заменили 5 мая.", False),
        ("Здравствуйте. Как хорошо, что лифт снова работает! Его запустили 5 мая.", False),
        # futility over what the citizen does
        ("Здравствуйте. Спорить с нами бессмысленно: тариф утверждён 5 мая.", True),
        ("Здравствуйте. Жаловаться тут незачем, всё по правилам. Вывоз — в 7:00.", True),
        ("Здравствуйте. Бояться нечего: вода безопасна, анализ от 5 мая.", False),
        ("Здравствуйте. Волноваться незачем — перерасчёт сделают автоматически.", False),
        # the citizen judged unable to understand
        ("Здравствуйте. Вы до сих пор не поняли, что ремонт плановый. Он будет 5 мая.", True),
        ("Здравствуйте. Вы путаете капремонт с текущим ремонтом. Подъезд покрасят 5 мая.", True),
        ("Здравствуйте. Возможно, Вы не знаете: показания принимают до 25 числа.", False),
        ("Здравствуйте. Если Вы не получили квитанцию, напишите нам, пришлём копию.", False),
        ("Здравствуйте. Мы не поняли, о каком доме речь: уточните, пожалуйста, адрес.", False),
        # the citizen's own choice held up as the cause
        ("Здравствуйте. Тариф Вы выбрали сами, при подписании договора 5 мая.", True),
        ("Здравствуйте. Вы можете сами передать показания в личном кабинете.", False),
        # a guess about the citizen
        ("Здравствуйте. Складывается впечатление, что Вам просто нравится писать жалобы.", True),
        ("Здравствуйте. Впечатление от ремонта у жильцов хорошее: двор сдан 5 мая.", False),
        # the appeal judged instead of handled
        ("Здравствуйте. Ваши жалобы нам порядком надоели. Лавочку покрасят 5 мая.", True),
        ("Здравствуйте. Такие письма читать неприятно. Снег убрали 5 мая.", True),
        ("Здравствуйте. Ваше обращение рассмотрено. Снег убрали 5 мая.", False),
        ("Здравствуйте. По Вашему обращению сообщаем: снег убрали 5 мая.", False),
        ("Здравствуйте. Ваше мнение очень важно для нас. Снег убрали 5 мая.", False),
        ("Здравствуйте. Ваше обращение не осталось без внимания: снег убрали 5 мая.", False),
        # the citizen told off for drama
        ("Здравствуйте. Хватит разводить панику: вода безопасна, анализ от 5 мая.", True),
        ("Здравствуйте. Поводов для паники нет: вода безопасна, анализ от 5 мая.", False),
        # a plain yes/no question about a fact the citizen did
        ("Здравствуйте. Вы оплатили счёт за апрель? Долг за март — 300 рублей.", False),
        ("Здравствуйте. Вы вообще оплачивали счёт за апрель? Долг — 300 рублей.", True),
        ("Здравствуйте. А Вы сами-то платили за апрель? Долг — 300 рублей.", True),
    ],
)
def test_general_marks_wordings(text, rude):
    assert impolite(text) == rude, text


# --- round 2: irony with «бы», «даже Вам», a retort, time wasted, «жалуйтесь хоть …», a short
# «X — не Y»; precision: praise in an exclamation or about the appeal, an appointment chosen


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s11imp-2-imp-who-would-doubt-omsk",  # «Кто бы сомневался, что …»
        "probe-s11imp-2-imp-hope-even-you-clear-kursk",  # «теперь даже Вам всё ясно»
        "probe-s11imp-2-imp-we-also-read-laws-khabarovsk",  # «Мы тоже умеем читать законы»
        "probe-s11imp-2-imp-waste-time-on-obvious-astrakhan",  # «Вынуждены тратить время …»
        "probe-s11imp-2-imp-complain-even-un-kazan",  # «Можете жаловаться хоть в ООН»
        "probe-s11imp-2-imp-flat-not-centre-universe-ufa",  # «Ваша улица — не центр вселенной»
        "probe-s11imp-2-imp-janitor-not-robot-tomsk",  # «Дворник — не робот для …»
        "probe-dev7-imp-neg-not-formality",  # «Акт — не пустая формальность: по нему …»
        "probe-dev12-imp-neg-value-time",  # «Мы ценим, что вы потратили время …»
        "probe-s11imp-2-neg-how-good-you-called-belgorod",  # «Как хорошо, что Вы …!»
        "probe-s11imp-2-neg-your-letter-helped-voronezh",  # «Ваше письмо помогло нам …»
        "probe-s11imp-2-neg-you-chose-date-confirm-kursk",  # «Вы сами выбрали дату визита»
        "probe-s11imp-2-neg-useless-wait-old-stop-astrakhan",  # «ждать … бесполезно: перенесли»
    ],
)
def test_general_marks_round2_labelled(case_id):
    assert_as_labelled(case_id, "IMPOLITE")


@pytest.mark.parametrize(
    ("text", "rude"),
    [
        ("Здравствуйте. Кто бы мог подумать, что снег зимой выпадет. Двор убрали 5 мая.", True),
        ("Здравствуйте. Кто бы ни обратился, мы отвечаем в течение 10 дней.", False),
        ("Здравствуйте. Такое объяснение понятно даже Вам. Двор убрали 5 мая.", True),
        ("Здравствуйте. Даже если Вы не успели передать показания, перерасчёт сделаем.", False),
        ("Здравствуйте. Мы и сами знаем законы. Перерасчёт сделан 5 мая.", True),
        ("Здравствуйте. Мы тоже заинтересованы в ремонте: он начнётся 5 мая.", False),
        ("Здравствуйте. Приходится терять время на такие письма. Лампу заменили 5 мая.", True),
        ("Здравствуйте. Чтобы не тратить Ваше время, ответ пришлём по почте 5 мая.", False),
        ("Здравствуйте. Пишите хоть губернатору: тариф утверждён 5 мая.", True),
        ("Здравствуйте. Подъезд — не свалка. Мусор вывезли 5 мая.", True),
        (
            "Здравствуйте. Территория у гаражей — не придомовая, поэтому её убирает кооператив.",
            False,
        ),
    ],
)
def test_general_marks_round2_wordings(text, rude):
    assert impolite(text) == rude, text


# --- after round 3 (its untouched figure measured first): precision only — an apology or a
# finding in a sentence about the appeal, agreement with «мы тоже заметили», «Как Вы и …»


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s11imp-3-neg-ashamed-lost-request-kurgan",  # «… мы потеряли — приносим извинения»
        "probe-s11imp-3-neg-we-also-noticed-lamp-yekaterinburg",  # «Мы тоже заметили, что …»
        "probe-s11imp-3-neg-as-you-supposed-vent-stavropol",  # «Как Вы и предполагали, …»
        "probe-s11imp-3-neg-applied-for-recalc-question-yaroslavl",  # «Вы уже подавали …?»
        "probe-s11imp-3-neg-received-notice-question-nizhny-novgorod",  # «Вы получали …?»
    ],
)
def test_precision_after_round3_labelled(case_id):
    assert_as_labelled(case_id, "IMPOLITE")


@pytest.mark.parametrize(
    ("text", "rude"),
    [
        # a finding of a check, said of the appeal, as real portal replies say it
        ("Ваше обращение не соответствует действительности. Двор убран 5 мая.", False),
        ("Здравствуйте. Ваше письмо мы, к сожалению, потеряли. Мастер придёт 5 мая.", False),
        ("Здравствуйте. Мы и сами прекрасно знаем правила. Двор убран 5 мая.", True),
        ("Здравствуйте. Как Вы и советовали, урну перенесли к подъезду 5 мая.", False),
    ],
)
def test_precision_after_round3_wordings(text, rude):
    assert impolite(text) == rude, text
