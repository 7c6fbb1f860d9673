"""Session 9, issue 11: OTPISKA recall, REDIRECT recall and NO_DEADLINE precision, each rule
fitted on fresh labelled dev rounds (``probe-s9sub-N-*``, committed before the checker ran on
them; ``labelled`` refuses the test split), plus other wordings the rule must flag or leave."""

from __future__ import annotations

import pytest

from drafter.domain import Appeal, Channel

from .test_labelled_rules import assert_as_labelled, draft


def appeal(text: str) -> Appeal:
    return Appeal(text=text, channel=Channel.vk)


YARD = appeal("Омск, ул. Ленина, 3: во дворе не вывозится мусор, контейнеры переполнены.")

# --- OTPISKA: the appeal told back is no answer ------------------------------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s9sub-1-otp-restate-passed",  # «Вы сообщили, что …» + passed to our specialists
        "probe-dev7-imp-neg-as-requested",  # «Как вы и просили, урну поставили 18 мая»
    ],
)
def test_retelling_as_labelled(case_id):
    assert_as_labelled(case_id, "OTPISKA")


def test_retelling_in_other_wordings():
    assert "OTPISKA" in draft(
        "Здравствуйте! В обращении Вы указываете на то, что мусор во дворе дома 3 не вывозят с "
        "понедельника. Информация передана ответственному сотруднику.",
        appeal=YARD,
    )
    assert "OTPISKA" in draft(
        "Здравствуйте! Вы пишете о переполненных контейнерах у дома 3 на ул. Ленина. "
        "Обращение рассмотрено.",
        appeal=YARD,
    )
    # the same opening, then what was done: an answer
    assert "OTPISKA" not in draft(
        "Здравствуйте! Вы сообщили о переполненных контейнерах у дома 3 — мусор вывезли "
        "сегодня утром, график вывоза изменён на ежедневный.",
        appeal=YARD,
    )
    assert "OTPISKA" not in draft(
        "Здравствуйте! Вы сообщили, что во дворе не вывозят мусор. Контейнеры у дома 3 на ул. "
        "Ленина очистили, региональный оператор добавил вывоз по субботам.",
        appeal=YARD,
    )


# --- OTPISKA: the law on appeals, cited to an appeal about something else --------------------


def test_appeals_law_as_labelled():
    assert_as_labelled("probe-s9sub-1-otp-law-about-appeals", "OTPISKA")
    # to a question about appeals the same law is the answer
    assert_as_labelled("probe-dev2-ung-neg-law-with-date", "OTPISKA")
    assert_as_labelled("probe-s7ung2-fz-wrong-number", "OTPISKA")
    # a rule with its norm about the problem itself is an answer
    assert_as_labelled("probe-s7ung1-norm-decree-number", "OTPISKA")


def test_appeals_law_in_other_wordings():
    law = "Федеральный закон от 02.05.2006 № 59-ФЗ «О порядке рассмотрения обращений граждан»."
    assert "OTPISKA" in draft(
        "Здравствуйте! Ваше обращение рассмотрено в соответствии с Федеральным законом № 59-ФЗ. "
        "Информация принята к сведению.",
        law,
        appeal=YARD,
    )
    rule = "ЖК РФ, ст. 161: управляющая организация обеспечивает вывоз ТКО."
    assert "OTPISKA" not in draft(
        "Здравствуйте! По ст. 161 ЖК РФ вывоз мусора с площадки у дома 3 обеспечивает "
        "управляющая организация, ей выдано требование вывезти мусор.",
        rule,
        appeal=YARD,
    )


# --- REDIRECT: «направлено на рассмотрение» names no one -------------------------------------


def test_sent_for_consideration_to_no_one():
    assert_as_labelled("probe-s9sub-1-otp-registered-will-inform", "REDIRECT")
    assert_as_labelled("probe-s9sub-1-otp-registered-will-inform", "OTPISKA")
    assert "REDIRECT" in draft(
        "Здравствуйте! Ваше обращение направлено на рассмотрение в управляющую компанию."
    )
    assert "REDIRECT" not in draft(
        "Здравствуйте! Ваше обращение направлено на рассмотрение. Ответ будет дан дополнительно."
    )


# --- REDIRECT: where to ask, said as a body ----------------------------------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s9sub-1-red-check-terms-in-uk",  # «уточнить сроки Вы можете в УК»
        "probe-s9sub-1-red-info-from-rso",  # «информацию можно получить у сетевой организации»
        "probe-s8prec5-pos-red-ask-uk-dates",
        "probe-s9sub-1-neg-red-where-asked-erc",  # asked where: the body is the answer
    ],
)
def test_lookup_at_a_body_as_labelled(case_id):
    assert_as_labelled(case_id, "REDIRECT")


def test_lookup_at_a_body_in_other_wordings():
    assert "REDIRECT" in draft("Здравствуйте! О сроках ремонта узнайте в администрации района.")
    assert "REDIRECT" in draft(
        "Добрый день! Сведения о графике вывоза можно получить у регионального оператора."
    )
    assert "REDIRECT" in draft("Здравствуйте! Подробности уточняйте у участкового.")
    # not a body: a place of the case, or the agency's own future step
    assert "REDIRECT" not in draft(
        "Здравствуйте! Яму у дома 7 по ул. Мира заделают 12 мая. Уточнить время работ можно у "
        "мастера участка."
    )
    assert "REDIRECT" not in draft(
        "Здравствуйте! Специалисты уточнят в управляющей компании график и сообщат Вам до 20 мая."
    )


# --- REDIRECT: whose duty it is ------------------------------------------------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s9sub-1-red-ministry-takes-complaints",
        "probe-s8prec5-pos-red-taxi-ministry",
        "probe-s7ung1-period-workdays",  # «заявление рассматривают 10 дней»: no body named
        "probe-s7ung3-neg-past-answer-hotline",  # «куда жаловаться?» — «жалобы принимает ГЖИ»
        "probe-s8prec4-red-asked-where-noise",
    ],
)
def test_duty_of_another_body_as_labelled(case_id):
    assert_as_labelled(case_id, "REDIRECT")


def test_duty_of_another_body_in_other_wordings():
    assert "REDIRECT" in draft(
        "Здравствуйте! Заявления о перерасчёте рассматривает управляющая компания."
    )
    assert "REDIRECT" in draft(
        "Здравствуйте! Этот вопрос относится к компетенции жилищной инспекции."
    )
    # the citizen's own complaint being handled is process, not someone else's duty
    assert "REDIRECT" not in draft(
        "Здравствуйте! Ваша жалоба рассматривается управлением, ответ направим до 20 мая."
    )


# --- NO_DEADLINE: the check of an order follows the order's date -----------------------------


def test_check_of_the_order_takes_its_date():
    assert_as_labelled("probe-s9sub-1-neg-measures-order", "NO_DEADLINE")
    src = "ГЖИ: предписание № 12 УК «Дом»: заменить доводчик в д. 7 по ул. Мира до 15.05.2026."
    assert "NO_DEADLINE" not in draft(
        "Здравствуйте! Управляющей компании «Дом» выдано предписание № 12 заменить доводчик до 15 "
        "мая 2026 года. Выполнение предписания проконтролирует жилищная инспекция.",
        src,
    )
    # no date anywhere: the check itself is undated work
    assert "NO_DEADLINE" in draft(
        "Здравствуйте! Управляющая компания заменит доводчик в доме 7 по ул. Мира. Выполнение "
        "работ проверит жилищная инспекция."
    )


# --- round 2: formulas of knowing, warning, doing «всё» ---------------------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s9sub-2-otp-solution-will-be-found",  # «Проблема нам известна, решение …»
        "probe-s9sub-2-otp-officials-warned",  # «Ответственные лица предупреждены.»
        "probe-s9sub-2-otp-uk-aware-working",  # «… известна УК. Ведётся работа с …»
        "probe-s9sub-2-otp-we-hear-you",  # «Сделаем всё, чтобы двор стал чистым.»
        "probe-s9sub-2-otp-retold-in-work",  # «В Вашем обращении указано, что …»
        "probe-s9sub-2-neg-in-work-stoyak",  # «Обращение в работе: 12 марта заменило …»
        "probe-s9sub-2-neg-warned-official-dated",  # «предупреждены: предостережение № 12»
        "probe-s9sub-2-neg-problem-known-dated",
    ],
)
def test_formulas_as_labelled(case_id):
    assert_as_labelled(case_id, "OTPISKA")


def test_formulas_in_other_wordings():
    assert "OTPISKA" in draft(
        "Здравствуйте! Ситуация с ямой во дворе дома 7 по ул. Мира хорошо известна "
        "администрации. Ведётся работа с подрядчиком."
    )
    assert "OTPISKA" in draft("Здравствуйте! Жильцы предупреждены. Мы делаем всё возможное.")
    assert "OTPISKA" in draft(
        "Здравствуйте! Благодарим за сигнал. Сделаем всё, чтобы яма больше не мешала."
    )
    # «всё» with a noun is named work; «чтобы» after work done is its aim
    assert "OTPISKA" not in draft("Здравствуйте! Заделаем все ямы во дворе дома 7 до 20 мая.")
    assert "OTPISKA" not in draft(
        "Здравствуйте! Яму во дворе дома 7 засыпали щебнем, чтобы машины не били колёса."
    )
    assert "OTPISKA" not in draft(
        "Здравствуйте! Ведётся работа по ремонту двора: яму у дома 7 заделают 12 мая."
    )


# --- REDIRECT: the paper between the verb and where to; booking; a right after a sum ---------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s9sub-2-red-right-alone",  # «подать жалобу на УК в Службу …»
        "probe-s9sub-2-red-signup-gosuslugi",  # «запишитесь на приём к главному врачу»
        "probe-s8prec3-pos-red-book-head-doctor",
        "probe-s9sub-2-neg-red-how-signup",  # «Как записаться?» — «Записаться можно через …»
        "probe-s8prec2-otp-explain-booking",  # «терапевт может записать Вас в лист ожидания»
        "probe-s8prec1-health-booking",  # the answer first, then where to book
        "probe-s9sub-2-neg-red-right-after-recalc",  # a sum counted, then «вправе обратиться»
    ],
)
def test_redirects_round_2_as_labelled(case_id):
    assert_as_labelled(case_id, "REDIRECT")


def test_redirects_round_2_in_other_wordings():
    assert "REDIRECT" in draft(
        "Здравствуйте! Вы можете направить заявление о нарушении в прокуратуру района."
    )
    assert "REDIRECT" in draft("Здравствуйте! Запишитесь на приём к заместителю главы района.")
    # the paper and a comma: where to is another clause
    assert "REDIRECT" not in draft(
        "Здравствуйте! Подайте заявку на ремонт, и яму у дома 7 заделают 12 мая."
    )
    asked = appeal("Как подать показания счётчика воды в Перми?")
    assert "REDIRECT" not in draft(
        "Здравствуйте! Подать показания можно через личный кабинет или по телефону.",
        appeal=asked,
    )


# --- NO_DEADLINE: whens everyone can name ---------------------------------------------------


def test_named_days_as_labelled():
    assert_as_labelled("probe-s9sub-2-nd-this-weekend", "NO_DEADLINE")
    assert_as_labelled("probe-s9sub-2-nd-before-new-year", "NO_DEADLINE")


def test_named_days_in_other_wordings():
    for when in ("к выходным", "на следующих выходных", "к Новому году", "в ближайшие выходные"):
        assert "NO_DEADLINE" not in draft(
            f"Здравствуйте! Яму у дома 7 по ул. Мира заделают {when}."
        )
    assert "NO_DEADLINE" in draft(
        "Здравствуйте! Яму у дома 7 по ул. Мира заделают после праздников."
    )


# --- round 3 --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s9sub-3-otp-execution-extended",  # «Срок исполнения продлён.» — to when?
        "probe-s9sub-3-otp-colleagues-will-sort",  # «передали информацию коллегам»
        "probe-s9sub-3-neg-red-batteries-where",  # «куда сдать?» — places by name: an answer
        "probe-s9sub-3-neg-extended-with-date",  # «срок продлён до 25 марта»
    ],
)
def test_round_3_otpiska_as_labelled(case_id):
    assert_as_labelled(case_id, "OTPISKA")


def test_round_3_otpiska_in_other_wordings():
    assert "OTPISKA" in draft("Здравствуйте! Срок рассмотрения Вашего обращения перенесён.")
    assert "OTPISKA" not in draft(
        "Здравствуйте! Срок ремонта перенесён на 20 мая: подрядчик ждёт асфальт."
    )
    where = appeal("Томск: куда сдать старую технику на утилизацию?")
    assert "OTPISKA" not in draft(
        "Здравствуйте! Технику принимает пункт «ЭкоСбор» на ул. Мира, 12.", appeal=where
    )


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s9sub-3-otp-colleagues-will-sort",  # colleagues are the agency's own people
        "probe-s9sub-3-red-dealt-by-district-phone",  # «Вашим вопросом занимается …»
        "probe-s9sub-3-red-gas-will-tell",  # «информацию Вам предоставят в АО …»
        "probe-s9sub-3-neg-passed-police-acted",
    ],
)
def test_round_3_redirect_as_labelled(case_id):
    assert_as_labelled(case_id, "REDIRECT")


def test_round_3_redirect_in_other_wordings():
    assert "REDIRECT" in draft("Здравствуйте! Этим занимается управляющая компания «Дом».")
    assert "REDIRECT" in draft(
        "Здравствуйте! Разъяснения по начислениям Вам дадут в расчётном центре."
    )
    # the agency's own people handling it, or the answer given here
    assert "REDIRECT" not in draft("Здравствуйте! Вашим вопросом занимается специалист отдела.")
    assert "REDIRECT" not in draft(
        "Здравствуйте! Яму у дома 7 по ул. Мира заделают 12 мая, подробности Вам даст мастер."
    )


def test_telling_is_no_work():
    assert_as_labelled("probe-s9sub-3-red-gas-will-tell", "NO_DEADLINE")
    assert "NO_DEADLINE" in draft("Здравствуйте! Яму у дома 7 по ул. Мира заделают.")


# --- round 4 --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s9sub-4-red-brought-to-uk-obliged",  # «доведена до управляющей компании»
        "probe-dev11-sub-otp-clinic-noted",  # «доведено до сведения главного врача»
        "probe-s9sub-1-otp-measures-will-be",  # «доведена до ответственных служб»
        "probe-s9sub-4-red-tsj-decides",  # «такие вопросы решает ТСЖ»
        "probe-s9sub-4-red-mfc-issues",  # «справки выдаёт МФЦ»
        "probe-s9sub-4-neg-red-where-certificate",  # «где получить справку?» — the answer
    ],
)
def test_round_4_redirect_as_labelled(case_id):
    assert_as_labelled(case_id, "REDIRECT")
    assert_as_labelled(case_id, "OTPISKA")


def test_round_4_in_other_wordings():
    assert "REDIRECT" in draft(
        "Здравствуйте! Информация о яме доведена до администрации района, она примет меры."
    )
    assert "REDIRECT" in draft("Здравствуйте! Такие вопросы решает управляющая компания.")
    assert "REDIRECT" not in draft("Здравствуйте! Ваш вопрос решается администрацией.")
    assert "OTPISKA" in draft("Здравствуйте! По Вашему вопросу идёт работа.")
    assert "OTPISKA" not in draft(
        "Здравствуйте! Идут работы по ремонту двора: яму у дома 7 заделают 12 мая."
    )


def test_the_agencys_own_lawsuit_is_no_order():
    # a real reply's wording (Невский район, 2020): the infinitive is the agency's own step
    assert "REDIRECT" not in draft(
        "Здравствуйте! Проверки ГЖИ запрещены, в связи с этим администрация района была "
        "вынуждена обратиться с исковым заявлением об обязании УК в судебном порядке устранить "
        "выявленные проблемы."
    )
    assert "REDIRECT" in draft(
        "Здравствуйте! Вы вправе обратиться с исковым заявлением об обязании УК в суд."
    )


# --- round 5 --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s9sub-5-red-call-officer",  # «звоните участковому»: a dative body
        "probe-s9sub-5-otp-value-opinion-dept",  # «в профильное управление администрации»
        "probe-s9sub-5-neg-red-meters-owner",  # «кто должен менять счётчик» — the rule answers
        "probe-s9sub-5-neg-red-who-is-responsible",
    ],
)
def test_round_5_redirect_as_labelled(case_id):
    assert_as_labelled(case_id, "REDIRECT")
    assert_as_labelled(case_id, "OTPISKA")


def test_round_5_in_other_wordings():
    assert "REDIRECT" in draft("Здравствуйте! По этому вопросу напишите председателю ТСЖ.")
    assert "REDIRECT" not in draft("Здравствуйте! По этому вопросу напишите нам ещё раз.")
    assert "REDIRECT" not in draft(
        "Здравствуйте! Ваше обращение направлено в структурное подразделение администрации."
    )
    assert "REDIRECT" in draft(
        "Здравствуйте! Ваше обращение направлено в жилищную инспекцию области."
    )


def test_round_5_deadlines():
    assert_as_labelled("probe-s9sub-5-nd-first-half-april", "NO_DEADLINE")
    assert_as_labelled("probe-s9sub-5-nd-pos-uk-undertook", "NO_DEADLINE")
    assert "NO_DEADLINE" not in draft(
        "Здравствуйте! Яму у дома 7 по ул. Мира заделают во второй половине мая."
    )
    assert "NO_DEADLINE" in draft("Здравствуйте! Подрядчик обязался заделать яму у дома 7.")
    # someone else obliged, in a report or a rule (real replies, 2020): no promise of ours
    assert "NO_DEADLINE" not in draft(
        "Здравствуйте! В настоящее время суд обязал застройщика установить доводчики."
    )
    assert "NO_DEADLINE" not in draft(
        "Здравствуйте! ГКУ не имеет полномочий принудительно обязать собственников убрать навес."
    )


# --- round 6 --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s9sub-6-otp-received-specialists-review",  # «Специалисты ознакомятся …»
        "probe-s9sub-6-otp-all-efforts",  # «Прилагаем все усилия …»
        "probe-s9sub-6-otp-company-reminded",  # «напомнили о её обязанностях»
        "probe-dev11-sub-otp-responsibles-reminded",
        "probe-s8judge2-otp-opinion-taken-into-account-penza",  # «ознакомились с письмом»
        "probe-s9sub-6-neg-reminded-with-order",  # reminded, then a dated cleaning
    ],
)
def test_round_6_otpiska_as_labelled(case_id):
    assert_as_labelled(case_id, "OTPISKA")


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s9sub-6-red-write-rospotreb-online",  # «Жалобу … оставьте в … приёмной»
        "probe-s9sub-6-red-owner-decides",  # «к нему и следует обращаться»
        "probe-s9sub-6-neg-red-done-court-right",  # a dated act, then «вправе обратиться»
    ],
)
def test_round_6_redirect_as_labelled(case_id):
    assert_as_labelled(case_id, "REDIRECT")


def test_round_6_in_other_wordings():
    assert "REDIRECT" in draft(
        "Здравствуйте! Заявку оставьте в диспетчерской управляющей компании."
    )
    assert "REDIRECT" not in draft(
        "Здравствуйте! Яму у дома 7 по ул. Мира заделают 12 мая. Оставьте машину в другом месте."
    )
    assert "REDIRECT" in draft("Здравствуйте! Двор не наш, к ним и обращайтесь.")


def test_a_vague_time_for_reading_is_no_promise():
    assert_as_labelled("probe-s9sub-6-otp-received-specialists-review", "NO_DEADLINE")
    # the earlier rounds' convention: «будет решён / исполнено в …» is promised work
    assert_as_labelled("probe-dev7-sub-otp-issue-solved-soon", "NO_DEADLINE")
    assert_as_labelled("probe-dev8-sub-otp-queue-executed", "NO_DEADLINE")
    assert "NO_DEADLINE" not in draft("Здравствуйте! Мы ответим Вам в ближайшее время.")
    assert "NO_DEADLINE" in draft(
        "Здравствуйте! Яму у дома 7 по ул. Мира заделают в ближайшее время."
    )


def test_a_papers_date_is_no_step_taken():
    # real replies (2019–2020): a rule explained, a permit's date, then «вправе обратиться в суд»
    # — nothing checked or done by the agency, so the pointer to court stays a hand-off
    assert "REDIRECT" in draft(
        "Здравствуйте! Согласование вывески в компетенцию администрации не входит. На вывеску "
        "выдано разрешение № 95921 от 03.08.2019. Вы вправе обратиться в суд."
    )
