"""Session 13: OTPISKA, REDIRECT, NO_DEADLINE (the ninth pass). Each rule was fitted on the fresh
labelled dev rounds ``probe-s13otp-1-*`` / ``-2-*`` (committed before the checker ran on them)
and is held here by labelled cases and other wordings each way."""

from __future__ import annotations

import pytest

from drafter.domain import Appeal, Channel
from tests.checker.test_labelled_rules import assert_as_labelled, draft


def appeal(text: str) -> Appeal:
    return Appeal(text=text, channel=Channel.vk)


BILL = appeal("Липецк, ул. Катукова, 36: мне начислили за воду в два раза больше.")
SIDEWALK = appeal("Липецк, ул. Мира, 18: тротуар разбит, после раскопок не восстановили.")

# --- OTPISKA: a formula that announces its finding after a colon or dash ------------------------


@pytest.mark.parametrize("case_id", ["probe-s13otp-1-neg-otp-checked-no-errors"])
def test_finding_after_the_formula_as_labelled(case_id):
    assert_as_labelled(case_id, "OTPISKA")


def test_finding_after_the_formula_in_other_wordings():
    for reply in (
        "Здравствуйте! Проверку провели: нарушений в расчёте нет.",
        "Здравствуйте! Провели проверку — начисление за март составило 1 240 рублей, это верно.",
    ):
        assert "OTPISKA" not in draft(reply, appeal=BILL), reply
    for reply in (
        "Здравствуйте! Провели проверку. Меры будут приняты.",
        "Здравствуйте! По Вашему обращению приняты меры: работа ведётся.",
    ):
        assert "OTPISKA" in draft(reply, appeal=BILL), reply


# --- NO_DEADLINE: a when that is the dated work itself ------------------------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s13otp-1-nd-neg-sidewalk-after-repair-debris",  # «После ремонта … уберёт мусор»
        "probe-s13otp-1-nd-neg-swings-fence-at-install",  # «при установке проверят и ограждение»
        "probe-s13otp-1-nd-neg-pipe-dated-water-off-then",  # «На это время воду отключат»
        "probe-s11imp-4-neg-formal-letter-valve-tula",  # «На это время стояк будет отключён»
        "probe-s12tone-116-playground-request-parents",  # «проверят при установке»
        "probe-s13otp-1-nd-light-after-cable-delivery",  # «после поставки кабеля»: still none
    ],
)
def test_during_the_dated_work_as_labelled(case_id):
    assert_as_labelled(case_id, "NO_DEADLINE")


def test_during_the_dated_work_in_other_wordings():
    dated = "Здравствуйте! Тротуар у дома 18 по ул. Мира переложат с 10 по 20 июля. "
    for then in (
        "По окончании работ подрядчик вывезет старый бордюр.",
        "Во время ремонта проезд к дому закроют.",
        "После ремонта тротуара проверят и водосток.",
    ):
        assert "NO_DEADLINE" not in draft(dated + then, appeal=SIDEWALK), then
    for then in (
        "После ремонта теплотрассы восстановят и газон.",  # another work, no date of its own
        "Газон восстановят после схода снега.",
    ):
        assert "NO_DEADLINE" in draft(dated + then, appeal=SIDEWALK), then
    # nothing dated in the reply: «после ремонта» dates nothing
    assert "NO_DEADLINE" in draft(
        "Здравствуйте! Тротуар у дома 18 переложат. После ремонта вывезут мусор.", appeal=SIDEWALK
    )


# --- REDIRECT: where to go with no verb, information posted elsewhere, pointers beside our work --


STREET = appeal("Волгоград, ул. Мира, 11: сосед затопил квартиру и не хочет платить.")
HEATING = appeal("Уфа: когда дадут отопление в Дёмском районе?")


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s13otp-2-red-with-this-to-court",  # «с этим в суд»
        "probe-s12sub-3-red-noise-duty-unit",  # «это к полиции»
        "probe-s13otp-2-red-site-official-all-info",  # «информация размещена на сайте»
        "probe-s8prec4-pos-red-site-outages",  # «сведения … размещены на сайте …»
        "probe-s9gar-4-ok-domain-plain",  # asked «где график?»: the site is the answer
        "probe-dev9-sub-otp-answer-on-portal",  # our own answer «будет размещён»: no hand-off
    ],
)
def test_elsewhere_without_a_verb_as_labelled(case_id):
    assert_as_labelled(case_id, "REDIRECT")


def test_elsewhere_without_a_verb_in_other_wordings():
    for reply in (
        "Здравствуйте! Это спор между соседями, с таким вопросом — к мировому судье в суд.",
        "Здравствуйте! С этим в полицию.",
    ):
        assert "REDIRECT" in draft(reply, appeal=STREET), reply
    for reply in (
        "Здравствуйте! Подробный график подключения размещён на официальном сайте города.",
        "Здравствуйте! Вся информация опубликована на портале администрации.",
    ):
        assert "REDIRECT" in draft(reply, appeal=HEATING), reply
    for reply in (
        "Здравствуйте! С этим мы поможем: мастер УК придёт 12 мая и составит акт.",
        (
            "Здравствуйте! Отопление в Дёмском районе дадут 5 октября. График по домам "
            "размещён на официальном сайте города."
        ),
    ):
        assert "REDIRECT" not in draft(reply, appeal=HEATING), reply


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s11imp-3-neg-cabinet-help-offer-orel",  # «поможем» beside the pointer
        "probe-s12tone-195-neutral-question-received",  # «проверим» beside the pointer
        "probe-s10ung-2-neg-hotline-format",  # «По какому телефону узнать …?»
        "probe-s9imp-3-neg-attention-weekend-requests-tula",  # «Можно ли подать заявку …?»
        "probe-s11imp-3-neg-you-can-refuse-service-chelyabinsk",  # «Можно ли отказаться …?»
        "probe-s13otp-1-red-only-personal-account",  # the pointer alone is still a hand-off
    ],
)
def test_pointer_that_answers_as_labelled(case_id):
    assert_as_labelled(case_id, "REDIRECT")


def test_pointer_that_answers_in_other_wordings():
    receipt = appeal("Иркутск: не пришла квитанция за октябрь.")
    assert "REDIRECT" not in draft(
        "Здравствуйте! Проверим, куда ушла квитанция, и перешлём её. Пока её можно скачать в "
        "личном кабинете.",
        appeal=receipt,
    )
    assert "REDIRECT" in draft(
        "Здравствуйте! Квитанцию можно скачать в личном кабинете.", appeal=receipt
    )
    which = appeal("На каком сайте посмотреть график вывоза мусора?")
    assert "REDIRECT" not in draft(
        "Здравствуйте! График вывоза смотрите на сайте регионального оператора в разделе "
        "«Графики».",
        appeal=which,
    )


# --- OTPISKA: a denied ground or a formula's position; a term moved; the public ----------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s13otp-2-otp-answered-before-exhaustive",  # «Оснований для пересмотра нет»
        "probe-s9sub-7-otp-reply-sent-earlier",  # «Позиция администрации не изменилась»
        "probe-s13otp-2-otp-moved-to-next-stage",  # «перенесена на следующий этап»
        "probe-s13otp-2-otp-every-opinion-matters",  # «мнение каждого жителя»
        "probe-s13otp-1-neg-otp-checked-no-errors",  # «ошибок … нет»: a finding
    ],
)
def test_formula_denied_as_labelled(case_id):
    assert_as_labelled(case_id, "OTPISKA")


def test_formula_denied_in_other_wordings():
    garages = appeal("Казань, ул. Чистопольская, 20: прошу убрать гаражи с детской площадки.")
    for reply in (
        "Здравствуйте! Повода для беспокойства нет. Ситуация под контролем.",
        "Здравствуйте! Позиция района по данному вопросу не изменилась.",
        "Здравствуйте! Рассмотрение вопроса перенесено на более поздний срок.",
    ):
        assert "OTPISKA" in draft(reply, appeal=garages), reply
    for reply in (
        "Здравствуйте! Гаражи стоят законно: договор аренды до 2027 года, оснований для сноса нет.",
        "Здравствуйте! Нарушений не выявлено: гаражи за оградой площадки.",
        "Здравствуйте! Жители дома 20 предупреждены: гаражи уберут 15 мая.",
    ):
        assert "OTPISKA" not in draft(reply, appeal=garages), reply


# --- NO_DEADLINE: «выполним», read by the tagger as a short adjective -------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s13otp-2-nd-priority-order-entrance",  # «выполним в приоритетном порядке»
        "probe-s11sub-2-nd-windows-current-repair",  # «выполним в рамках текущего ремонта»
        "probe-s9imp-4-neg-understand-receipt-hard-omsk",  # «поэтому объясним»: telling
    ],
)
def test_we_will_short_as_labelled(case_id):
    assert_as_labelled(case_id, "NO_DEADLINE")


def test_we_will_short_in_other_wordings():
    entrance = appeal("Омск, ул. Масленникова, 70: подъезд не ремонтировали 15 лет.")
    assert "NO_DEADLINE" in draft(
        "Здравствуйте! Ремонт подъезда в доме 70 выполним по мере возможности.", appeal=entrance
    )
    assert "NO_DEADLINE" not in draft(
        "Здравствуйте! Ремонт подъезда в доме 70 выполним до 1 июля.", appeal=entrance
    )


# --- fitted on rounds 3 and 4: whose duty with the body after the verb; our people put to it ----


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s13otp-3-red-energosbyt-question",  # «… решает энергосбытовая компания»
        "probe-s13otp-4-red-duty-ministry-taxi",  # «Жалобы … рассматривает министерство»
        "probe-s13otp-3-neg-nd-during-repair-water",  # «Во время ремонта воду перекроют»
    ],
)
def test_duty_and_during_as_labelled(case_id):
    assert_as_labelled(case_id, "REDIRECT", "NO_DEADLINE")


def test_duty_after_the_verb_in_other_wordings():
    bill = appeal("Иваново: почему в квитанции за газ долг, если я всё оплатил?")
    for reply in (
        "Здравствуйте! Вопросы начислений за газ решает газоснабжающая организация.",
        "Здравствуйте! Такие жалобы рассматривает жилищная инспекция.",
    ):
        assert "REDIRECT" in draft(reply, appeal=bill), reply
    for reply in (
        "Здравствуйте! Такие вопросы решает соответствующая служба.",  # no body that says which
        "Здравствуйте! Вопросы начислений мы решаем сами: долг снят, квитанцию пересчитали.",
    ):
        assert "REDIRECT" not in draft(reply, appeal=bill), reply


@pytest.mark.parametrize("case_id", ["probe-s13otp-4-otp-responsible-persons-involved"])
def test_our_people_put_to_it_as_labelled(case_id):
    assert_as_labelled(case_id, "OTPISKA")


def test_our_people_put_to_it_in_other_wordings():
    well = appeal("Рязань, ул. Есенина, 30: на тротуаре открытый колодец.")
    assert "OTPISKA" in draft("Здравствуйте! К работе привлечены специалисты.", appeal=well)
    for reply in (
        "Здравствуйте! Колодец у дома 30 закрыт крышкой.",
        "Здравствуйте! Привлечён подрядчик ООО «Водстрой», колодец закроют до 20 мая.",
    ):
        assert "OTPISKA" not in draft(reply, appeal=well), reply


def test_restated_topic_after_a_colon_is_no_finding():
    # a portal reply's restated topic («по вопросу: …, по адресу: …, д. 3») is the citizen's
    # matter, not a finding announced by the formula
    lift = appeal("Прошу починить лифт в третьей парадной.")
    assert "OTPISKA" in draft(
        "Уважаемый пользователь! Рассмотрев Ваше обращение по вопросу: Неисправный лифт по "
        "адресу: ул. Дмитрия Устинова д.3, сообщаем. Обращение рассмотрено.",
        appeal=lift,
    )
    # nor is a link's «https:» a colon that announces one
    assert "OTPISKA" in draft(
        "Здравствуйте! Обращение рассмотрено, информация на странице https://gorod.ru/info/5.",
        appeal=lift,
    )
