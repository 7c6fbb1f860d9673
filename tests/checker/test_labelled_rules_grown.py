"""The rules added for issue 11 item 5 on the grown dev split, each on the labelled cases that ask
for it (``probe-dev2-*``, ``probe-dev3-*``: DEV split only — ``labelled`` refuses the test
split), plus texts of other wordings and regions, and real portal replies the rules must leave
alone (or keep flagging)."""

from __future__ import annotations

import pytest

from drafter.quality import check

from .conftest import codes, real
from .test_labelled_rules import assert_as_labelled, draft

# --- OTPISKA: brush-off families, and a brush-off's own words are no substance -------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-dev2-otp-measures-taken",  # «приняты необходимые меры»
        "probe-dev2-otp-measures-will-be-taken",  # «меры будут приняты»: the other word order
        "probe-dev2-otp-special-control",  # «взята на особый контроль»
        "probe-dev2-otp-control-ensured",  # «контроль … будет обеспечен»
        "probe-dev2-otp-info-brought-to-services",  # «доведена до сведения ответственных служб»
        "probe-dev2-otp-info-brought-to-relevant",  # «доведена до соответствующих служб»
        "probe-dev2-otp-remarks-taken-into-account",  # «замечания учтены»
        "probe-dev2-otp-instructions-given",  # «даны соответствующие поручения»
        "probe-dev2-otp-under-consideration",  # «находится на рассмотрении»
        "probe-dev2-otp-place-named-measures",  # the restated place is part of the formula
        "probe-dev2-otp-place-named-control",
        "probe-dev2-otp-confirmed-measures",  # «проведена проверка, информация подтвердилась»
        "probe-dev2-otp-work-done-with-contractor",  # «проведена работа по недопущению»
        "probe-dev2-otp-on-control-district",  # verbless, but a formula: OTPISKA, not GARBAGE
        "probe-dev3-otp-appropriate-work-done",  # «проведена соответствующая работа»
        "probe-dev3-otp-necessary-instructions",  # «даны необходимые указания»
        "probe-dev3-otp-we-are-aware",  # «держим в поле зрения»
        "probe-dev3-otp-within-powers",  # «в рамках имеющихся полномочий»
        "probe-dev3-otp-response-measures-organised",  # «организованы мероприятия по реагированию»
        "probe-dev4-otp-noted-will-improve",  # «будем работать над улучшением»
        "probe-dev4-otp-checked-all-ok-vague",  # «ситуация отслеживается»
        "probe-dev4-otp-neg-noted-and-changed",
        # near misses: the formula and then something checkable
        "probe-dev2-otp-neg-measures-with-result",
        "probe-dev2-otp-neg-control-with-date",
        "probe-dev2-otp-neg-remarks-applied",
        "probe-dev3-otp-neg-control-and-finding",
        # undated work on the thing the appeal names is NO_DEADLINE, not also OTPISKA
        "probe-dev2-nd-as-funding-comes",
        "probe-dev2-nd-in-due-course-warranty",
    ],
)
def test_otpiska_as_labelled(case_id):
    assert_as_labelled(case_id, "OTPISKA", "GARBAGE")


def test_brush_off_families_in_other_wordings():
    assert "OTPISKA" in draft("Здравствуйте! Меры по вашему обращению предприняты.")
    assert "OTPISKA" in draft("Добрый день! Вопрос поставлен на контроль.")
    assert "OTPISKA" in draft("Здравствуйте! По яме у дома 7 по ул. Мира приняты меры.")
    assert "OTPISKA" not in draft(
        "Здравствуйте! Меры приняты: яму у дома 7 по ул. Мира заделали 3 мая.", "3 мая"
    )


def test_real_replies_the_brush_off_families_leave_alone():
    # «Работы по ремонту покрытия … доведены до конца»: finished, not «доведена до сведения»
    text, appeal = real(2986252)
    assert "OTPISKA" not in codes(check(text, appeal=appeal, generated=False))
    # «Заявитель вправе дать новое обращение с указанием адреса»: no «даны указания»
    text, appeal = real(3000006)
    assert "OTPISKA" not in codes(check(text, appeal=appeal, generated=False))


# --- REDIRECT: verbs said to the citizen with where to, whose matter it is, hand-offs --------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-dev2-red-call-uk-dispatch",  # «звоните в диспетчерскую»
        "probe-dev2-red-uk-handles-go-there",  # «обращайтесь туда»
        "probe-dev2-red-contact-district-officer",  # «свяжитесь с участковым»
        "probe-dev2-red-gosuslugi-portal",  # «подайте заявку через портал»
        "probe-dev2-red-write-housing-inspection",  # «пишите в жилищную инспекцию»
        "probe-dev2-red-find-on-site-operator",  # «вы найдёте на сайте»
        "probe-dev2-red-find-out-by-phone",  # «узнать … можно по телефону»
        "probe-dev2-red-personal-account-site",  # «есть в личном кабинете»
        "probe-dev2-red-network-company-question",  # «это вопрос сетевой организации»
        "probe-dev2-red-ministry-jurisdiction",  # «находится в ведении министерства»
        "probe-dev2-red-address-to-fund",  # «адресуйте фонду»
        "probe-dev2-red-ask-carrier",  # «вопрос нужно задать перевозчику»
        "probe-dev2-red-info-sent-to-uk",  # «Информация о сосульках … направлена в адрес УК»
        "probe-dev2-red-we-forwarded-housing-dept",  # «мы переслали вашу жалобу»
        "probe-dev2-red-message-sent-district",  # «сообщение отправлено»
        "probe-dev3-red-we-sent-your-letter",  # «мы отправили ваше письмо»
        "probe-dev3-red-federal-not-municipal",  # «администрация города ею не занимается»
        "probe-dev3-red-outside-jurisdiction",  # «администрация не может принять меры»
        "probe-dev3-red-hotline-number-given",  # «его горячая линия — 8-800-…» and nothing else
        "probe-dev3-red-court-only",  # «взыскивают через суд»
        "probe-dev4-red-direct-to-dispatcher",  # «оставьте заявку там»
        "probe-dev4-red-mfc-will-help",  # «помогут в МФЦ» and nothing else
        "probe-dev4-red-request-redirected-resource",
        "probe-dev4-red-neg-we-asked-school",
        "probe-dev4-red-neg-where-to-hand-in",  # «где сдать?» — the answer is where
        # near misses
        "probe-dev2-red-neg-we-called-vodokanal",  # «мы сами позвонили в Водоканал»
        "probe-dev2-red-neg-advice-after-work",  # dated work, then «звоните в аварийную»
        "probe-dev2-red-neg-you-applied-before",  # «вы обращались в УК в марте»
        "probe-dev2-red-neg-also-track-site",  # the site next to dated work
        "probe-dev2-red-neg-explain-rule-documents",
        "probe-red-mfc-with-how",  # «Как переоформить …?»: where to go is part of the answer
        "probe-dev2-ung-invented-phone-samara",  # «куда звонить?» — the number is the answer
        "probe-dev3-red-neg-flood-how-to",  # «Что делать?» answered in steps
        "probe-dev3-red-neg-uk-fixed-and-number",  # «лифт запустили»; the number for next time
    ],
)
def test_redirect_as_labelled(case_id):
    assert_as_labelled(case_id, "REDIRECT", "OTPISKA")


def test_sent_elsewhere_in_other_wordings():
    assert "REDIRECT" in draft("Здравствуйте! По этому вопросу позвоните в Водоканал.")
    assert "REDIRECT" in draft("Здравствуйте! Пожалуйста, пишите в районную администрацию.")
    assert "REDIRECT" in draft("Здравствуйте! Расписание смотрите на сайте перевозчика.")
    # writing back to us is no redirect; nor a new appeal with the address
    assert "REDIRECT" not in draft("Здравствуйте! Уточните адрес — напишите нам в сообщения.")


def test_real_replies_redirect_keeps_and_leaves():
    # the domophone is not ours, «Вам следует обратиться в …»: a redirect, kept
    text, appeal = real(2953027)
    assert "REDIRECT" in codes(check(text, appeal=appeal, generated=False))
    # hot water restored 02.11.2020, then «Вы можете обратиться … за перерасчётом»: extra help
    text, appeal = real(2957003)
    assert "REDIRECT" not in codes(check(text, appeal=appeal, generated=False))
    # «Вы вправе направить первичное обращение с указанием точного адреса»: back to the portal
    text, appeal = real(2977810)
    assert "REDIRECT" not in codes(check(text, appeal=appeal, generated=False))
    # «управляющей компанией направлено письмо в ОАО … с просьбой установить баки»: its own letter
    text, appeal = real(3174466)
    assert "REDIRECT" not in codes(check(text, appeal=appeal, generated=False))


# --- NO_DEADLINE ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-dev2-nd-after-estimate-approval",  # «приступит к ремонту … после согласования»
        "probe-dev2-nd-cleaning-will-be-stepped-up",  # «уборку … усилят»
        "probe-dev2-nd-when-new-place-found",  # «перенесут, когда найдут»
        "probe-dev2-nd-as-weather-allows-named",  # «собьёт сосульки, как только …»
        "probe-dev2-otp-will-be-checked-result-later",  # an inspection is work (convention)
        "probe-dev2-nd-dated-check-undated-fix",  # «Если канал забит, его прочистят.»
        "probe-dev2-nd-neg-repeat-inspection-conditional",  # «Если шум повторится, …»
        "probe-dev3-nd-neg-if-confirmed-then",
    ],
)
def test_no_deadline_as_labelled(case_id):
    assert_as_labelled(case_id, "NO_DEADLINE")


def test_conditional_work_still_needs_a_date_when_vague():
    assert "NO_DEADLINE" in draft(
        "Здравствуйте! Если погода позволит, яму у дома 7 по ул. Мира заделают в ближайшее время."
    )


# --- IMPOLITE -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-dev2-imp-pay-first-then-complain",  # «вам стоило бы сначала …»
        "probe-dev2-imp-if-you-paid-on-time",  # «если бы вы платили вовремя»
        "probe-dev2-imp-read-the-rules-at-least",  # «вы бы хоть …»
        "probe-dev2-imp-should-have-known",  # «вам бы следовало знать»
        "probe-dev2-imp-dont-teach-us",  # «не учите нас работать»
        "probe-dev2-imp-dont-tell-us-how",  # «не надо указывать нам»
        "probe-dev2-imp-not-a-reason-to-bother",  # «не повод беспокоить администрацию»
        "probe-dev3-imp-do-not-distract-staff",  # «не надо отвлекать специалистов»
        "probe-dev2-imp-not-an-info-desk",  # «мы вам не справочное бюро»
        "probe-dev2-imp-you-parked-under-tree",  # «вы сами поставили …»
        "probe-dev2-imp-you-imagined-it",  # «вам показалось»
        "probe-dev2-imp-cant-you-see-sign",  # «Вы что, табличку не видите?»
        "probe-dev2-imp-follow-every-janitor",  # «Мы что, должны …?»
        "probe-dev2-imp-nothing-better-to-do",  # «Вам заняться больше нечем?»
        "probe-dev2-imp-are-you-serious",  # «Вы серьёзно?»
        "probe-dev3-imp-who-told-you",  # «Кто вам такое сказал?»
        "probe-dev2-imp-for-those-who-didnt-get-it",  # phrase families
        "probe-dev2-imp-we-know-better",
        "probe-dev2-imp-far-fetched-claim",
        "probe-dev2-imp-so-be-it",
        "probe-dev2-imp-darling",
        "probe-dev3-imp-common-knowledge-you",
        "probe-dev3-imp-your-imagination",
        "probe-dev4-imp-stop-inventing-problems",  # «не стоит выдумывать»
        "probe-dev4-imp-is-it-so-hard",  # «Трудно донести пакет до бака?»
        "probe-dev4-imp-funny-question",
        "probe-dev4-imp-no-need-for-drama",
        "probe-dev4-imp-neg-explain-you-may-not-know",  # «Если вы не видели объявление: …»
        "probe-dev4-imp-neg-request-all-residents",
        # near misses
        "probe-dev2-imp-neg-dont-worry",
        "probe-dev3-imp-neg-dont-worry-reflexive",  # «Не беспокойтесь: …» reassures
        "probe-dev3-imp-neg-could-you-clarify",  # «Не могли бы вы уточнить …?»
        "probe-dev2-imp-neg-as-we-wrote",
        "probe-dev2-imp-neg-hope-answered",
        "probe-dev2-imp-neg-reminder-to-all",
    ],
)
def test_impolite_as_labelled(case_id):
    assert_as_labelled(case_id, "IMPOLITE")


@pytest.mark.parametrize(
    "text",
    [
        "Здравствуйте. Хватит жаловаться на дворника: двор у дома 7 по ул. Мира убирают каждый день.",
        "Здравствуйте. Вам следовало бы оплатить долг заранее, тогда свет бы не отключили.",
        "Здравствуйте. Вы сами оставили велосипед в подъезде, поэтому его и убрали.",
        "Вы что, объявление у подъезда не читали? Воду отключали 5 мая.",
    ],
)
def test_talking_down_in_other_wordings(text):
    assert "IMPOLITE" in draft(text)


@pytest.mark.parametrize(
    "text",
    [
        "Здравствуйте! Не беспокойтесь, мастер придёт 5 мая.",
        "Здравствуйте! Мы вам покажем план работ на встрече 5 мая.",
        "Здравствуйте! Если бы вы могли указать номер подъезда, мастер нашёл бы течь быстрее.",
        "Здравствуйте! Остались вопросы? Пишите, ответим.",
    ],
)
def test_not_talking_down(text):
    assert "IMPOLITE" not in draft(text)


# --- UNGROUNDED: «площадку у дома 9» is no street «Площадь У» ---------------------------------


@pytest.mark.parametrize(
    "case_id", ["probe-dev2-nd-next-season", "probe-dev2-garbage-cut-mid-word"]
)
def test_a_playground_is_no_square(case_id):
    assert_as_labelled(case_id, "UNGROUNDED")
