"""Session 15 (the eleventh pass, s15ri): REDIRECT and IMPOLITE. Each rule was fitted on the
labelled dev rounds ``probe-s15ri-1-*`` / ``-2-*`` (written by an annotator who saw no code,
committed before the checker ran on them) and is held here by labelled cases — the round's and
older dev rows the rule moved or must leave alone — and other wordings, in other towns, each
way. The third round is kept by the lead and is not named here."""

from __future__ import annotations

import pytest

from drafter.domain import Appeal, Channel
from drafter.quality import check

from .conftest import codes
from .test_labelled_rules import assert_as_labelled


def appeal(text: str) -> Appeal:
    return Appeal(text=text, channel=Channel.vk)


def got(reply: str, about: Appeal, *sources: str) -> set[str]:
    return codes(check(reply, appeal=about, sources=list(sources)))


YARD = appeal("Омск, ул. Мира, 5: во дворе третью неделю не вывозят мусор, крысы бегают.")
WATER = appeal("Ижевск, ул. Ленина, 20: из крана течёт ржавая вода. Куда смотрит администрация?")


# --- REDIRECT: the matter put on another party, whatever the wording ------------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s15ri-1-005-tomsk-voda-rzhavaya",  # «Вопрос не наш, а Томскводоканала»
        "probe-s15ri-1-013-kostroma-borshchevik-pustyr",  # «занимается его собственник»
        "probe-s15ri-1-017-cheboksary-fonar-dvor",  # «его обслуживает другая организация»
        "probe-s15ri-2-001-tambov-provoda-energetiki",  # «— сфера энергетиков»
        "probe-s15ri-2-021-saransk-kinoteatr-vladelec",  # «закрывать входы должен его владелец»
        "probe-s15ri-2-041-yakutsk-voda-dispetcherskaya",  # «за водоснабжение отвечает АО …»
        "probe-s14rul-3-006-red-not-ours-vodokanal",  # «Вопрос не наш, а Водоканала»
        # who handles it, said beside the agency's own dated step: clean
        "probe-s15ri-1-031-petrozavodsk-doroga-solomennoe",  # «её содержит ГКУ …; 7 мая запрос»
        "probe-s15ri-1-039-lipetsk-zabor-rosreestr",  # «Контроль … ведёт Управление Росреестра»
        "probe-s15ri-1-043-chelyabinsk-sneg-dvor-zapros",  # «Двор обслуживает ООО …, запросили»
        "probe-s11ung-3-pos-uk-name-other",  # «кто нас обслуживает?» — the answer is who
        "probe-s9imp-2-imp-owner-not-uk-exclaim-tomsk",  # the flat's owner: the citizen
        "probe-s14otpa-144-samara-roof-snow-car-otp",  # «Жалоба будет проработана»: kept
    ],
)
def test_matter_put_on_another_as_labelled(case_id):
    assert_as_labelled(case_id, "REDIRECT", "OTPISKA")


@pytest.mark.parametrize(
    "reply",
    [
        "Здравствуйте. Этим занимается собственник участка.",
        "Здравствуйте. Это частная территория, убирать её должен собственник.",
        "Добрый день. Ответственность за содержание двора несёт ООО «УК Восход».",
        "Здравствуйте. За уборку двора отвечает управляющая компания.",
        "Здравствуйте. Содержание этой территории — обязанность ТСЖ.",
        "Здравствуйте. Ремонтом лифтов у вас занимается ООО «Лифт-Сервис».",
        "Здравствуйте. Вывоз мусора с рынка — забота администрации рынка.",
        "Здравствуйте. Двор не муниципальный, а ТСЖ «Мирное».",
        "Добрый день. Площадка принадлежит магазину, убирать её должен его владелец.",
        "Добрый день. Этот двор содержит ТСЖ «Рассвет».",
        "Здравствуйте. Качество связи — вопрос к оператору связи.",
        "Здравствуйте. Со всем этим — к застройщику.",
        "Здравствуйте. Вопрос не наш, а Омскводоканала.",
        "Здравствуйте. Шумные соседи — забота участкового.",
    ],
)
def test_matter_put_on_another_wordings(reply):
    assert "REDIRECT" in got(reply, YARD), reply


@pytest.mark.parametrize(
    "reply",
    [
        # who handles it, beside who was asked and when
        (
            "Здравствуйте. Двор у дома 5 на ул. Мира обслуживает ООО «Жилсервис»: 12 мая мы "
            "передали им заявку, ответ сообщим Вам до 19 мая."
        ),
        # beside work done
        (
            "Здравствуйте. Мусор во дворе дома 5 вывезли 12 мая. Площадку обслуживает ООО "
            "«Жилсервис», вывоз — ежедневно."
        ),
        # a rule about owners, the citizen among them
        "Здравствуйте. Счётчики в квартире должен поверять собственник.",
        # the agency keeps the matter
        "Здравствуйте. Мы проверим двор и сообщим Вам о результатах. Двор обслуживает ООО «Жилсервис».",
        # the agency's own office, dated
        "Здравствуйте. Мусор во дворе дома 5 вывезет отдел благоустройства администрации до 20 мая.",
        # not a party: «наша задача»
        "Здравствуйте. Наша задача — чистый двор, поэтому 12 мая двор убрали.",
        "Здравствуйте. Ваш вопрос к администрации района рассмотрен, мусор вывезен 12 мая.",
    ],
)
def test_matter_kept_or_dated_wordings(reply):
    assert "REDIRECT" not in got(reply, YARD), reply


@pytest.mark.parametrize(
    ("reply", "redirect"),
    [
        ("Здравствуйте. Дорога региональная, и ремонт — дело областного агентства.", True),
        ("Здравствуйте. Двор частный, территорию убирает хозяин магазина.", True),
        ("Здравствуйте. Это частная территория.", True),
        ("Здравствуйте. Эта дорога находится на балансе области.", True),
        ("Здравствуйте. Гаражи принадлежат частным лицам.", True),
        ("Здравствуйте. Тут вам скорее в жилинспекцию.", True),
        ("Здравствуйте. Региональный оператор вывезет мусор у дома 5 до 14 мая.", False),
        (
            (
                "Здравствуйте. Дорога региональная, но мы договорились с ГКУ: яму засыплют щебнем "
                "на этой неделе."
            ),
            False,
        ),
        ("Здравствуйте. Участок принадлежит Вам, межевание Вы можете заказать сами.", False),
        (
            (
                "Здравствуйте. Площадку у дома 5 убрали 12 мая. Контейнеры принадлежат магазину, "
                "вывоз оплачивает он."
            ),
            False,
        ),
    ],
)
def test_someone_elses_property_wordings(reply, redirect):
    assert ("REDIRECT" in got(reply, YARD)) == redirect, reply


def test_a_party_described_is_no_hand_off_as_labelled():
    # «Перевозчик частный, работает как считает нужным»: a shrug (OTPISKA), nobody sent to
    assert_as_labelled("probe-s12tone-011-short-shrug", "REDIRECT", "OTPISKA")


def test_asked_who_is_answered_by_who():
    who = appeal("Омск, ул. Мира, 5. Кто содержит наш двор? УК не отвечает.")
    assert "REDIRECT" not in got("Здравствуйте. Двор дома 5 содержит ООО «Жилсервис».", who)


# --- REDIRECT: «Куда смотрит администрация?» asks no place -------------------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s15ri-1-041-izhevsk-sobaki-shkola",  # «Куда смотрит администрация?»
        "probe-s15ri-2-049-abakan-pensiya-sfr",  # «Куда смотрят власти?»
    ],
)
def test_reproach_is_no_where_question_as_labelled(case_id):
    assert_as_labelled(case_id, "REDIRECT")


def test_reproach_is_no_where_question_wordings():
    reply = "Здравствуйте. Обращайтесь в АО «Ижводоканал» по телефону 71-30-00."
    assert "REDIRECT" in got(reply, WATER)
    rude = appeal("Ржавая вода на ул. Ленина, 20. Куда вы смотрите?")
    assert "REDIRECT" in got(reply, rude)
    asked = appeal("Ржавая вода на ул. Ленина, 20. Куда звонить, если вода снова пойдёт ржавая?")
    assert "REDIRECT" not in got(
        "Здравствуйте. Звоните в диспетчерскую Водоканала: 71-30-00.", asked
    )


# --- REDIRECT: the citizen sent on to a body in the dative, or to go there in person ----------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s15ri-1-029-krasnoyarsk-tc-iyun-musor",  # «напишите администрации ТЦ «Июнь»»
        "probe-s15ri-2-025-tolyatti-gaz-dolg-abonotdel",  # «лично явиться в абонентский отдел ООО»
        "probe-s15ri-2-029-magnitogorsk-urny-skver-podryadchik",  # «пожелание подрядчику — ООО»
    ],
)
def test_sent_on_as_labelled(case_id):
    assert_as_labelled(case_id, "REDIRECT")


@pytest.mark.parametrize(
    ("reply", "redirect"),
    [
        ("Здравствуйте! Лучше сразу пишите управляющей компании «Рассвет».", True),
        (
            "Здравствуйте. Подойдите, пожалуйста, в абонентский отдел ООО «Газпром межрегионгаз».",
            True,
        ),
        (
            "Здравствуйте. Вам необходимо лично прийти в отделение Социального фонда с паспортом.",
            True,
        ),
        ("Здравствуйте. Просим адресовать эту претензию перевозчику — ООО «Автоколонна».", True),
        ("Здравствуйте. Мы переслали ваше письмо коллегам из Росреестра.", True),
        ("Здравствуйте. Приходите на субботник 20 апреля, будем рады!", False),
        ("Здравствуйте. Подойдите к нашему мастеру 5 мая с 9 до 12, он всё покажет.", False),
        ("Здравствуйте. Мусор вывезли 12 мая. Пишите нам, если снова накопится.", False),
    ],
)
def test_sent_on_wordings(reply, redirect):
    assert ("REDIRECT" in got(reply, YARD)) == redirect, reply


# --- REDIRECT: older dev misses the same mechanisms reach ---------------------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s11sub-3-red-beyond-scope",  # «за рамками нашей компетенции», alone
        "probe-s13otp-5-red-site-news-section",  # «Графики … размещены в разделе … на сайте»
        "probe-s12tone-033-redirect-plain-polite",  # «Сочувствуем, …» is no explanation
        # «за рамками …» beside a forward with a date or an answer: clean
        "probe-s12sub-1-neg-competence-not-ours-forwarded-answer-date",
        "probe-s12sub-2-neg-beyond-competence-tariff-answered",
        "probe-s12sub-3-neg-outside-competence-bailiffs-explained",
    ],
)
def test_older_misses_as_labelled(case_id):
    assert_as_labelled(case_id, "REDIRECT")


def test_older_misses_wordings():
    flood = appeal("Пермь, ул. Мира, 5: соседи сверху снова залили кухню. Что делать?")
    for reply in (
        "Здравствуйте. Вопрос находится за рамками полномочий администрации.",
        "Здравствуйте! Понимаем, как это неприятно. Рекомендуем обратиться в управляющую компанию.",
    ):
        assert "REDIRECT" in got(reply, flood), reply
    # sympathy beside an explanation: the pointer is part of the answer
    reply = (
        "Здравствуйте! Сочувствуем. Акт о заливе составляет управляющая компания после заявки; "
        "по акту ущерб возмещает тот, из чьей квартиры текло. Заявку на акт можно "
        "подать в диспетчерскую УК."
    )
    assert "REDIRECT" not in got(reply, flood)


# --- IMPOLITE: a pointer elsewhere is no evaluation of the citizen ------------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s15ri-2-041-yakutsk-voda-dispetcherskaya",  # «узнавайте в их диспетчерской»
        "probe-s12sub-3-red-housing-inspection-complain",  # «жалуйтесь в жилищную инспекцию»
        "probe-s13otp-5-red-address-to-carrier",  # «адресуйте претензию ему»
        "probe-s14rul-2-002-red-here-you-to-rospotreb",  # «Тут Вам в Роспотребнадзор»
        "probe-s9sub-2-red-ask-fund",  # «уточняйте у регионального оператора»
        "probe-s9sub-3-red-gas-will-tell",  # «Вам предоставят в АО …»
    ],
)
def test_pointer_is_no_put_down_as_labelled(case_id):
    assert_as_labelled(case_id, "IMPOLITE", "REDIRECT")


@pytest.mark.parametrize(
    ("reply", "rude"),
    [
        ("Здравствуйте. О сроках ремонта узнавайте у управляющей компании.", False),
        ("Здравствуйте. Насчёт отопления — вам к тепловикам.", False),
        ("Здравствуйте. Тут вам скорее в жилинспекцию.", False),
        ("Здравствуйте. Этим у вас занимается ООО «Лифт-Сервис».", False),
        ("Здравствуйте. Жалуйтесь сколько угодно.", True),
        ("Здравствуйте. Сидите дома, раз скользко.", True),
    ],
)
def test_pointer_is_no_put_down_wordings(reply, rude):
    assert ("IMPOLITE" in got(reply, YARD)) == rude, reply


# --- IMPOLITE: «Привет» to a citizen who wrote in a chat's register -----------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s15ri-1-028-ulan-ude-ostanovka-chat",  # «ребят, а когда …» — «Привет!»
        "probe-s15ri-1-029-krasnoyarsk-tc-iyun-musor",  # «Привет, ЦУР!» — «Привет! … Лучше напишите»
        "probe-s10imp-1-imp-hi-wait-ty-surgut",  # a formal appeal, and «жди»
        "probe-s13tone-163-vk-friendly-ty-privet",  # «приходи»
        "probe-s9imp-3-imp-ty-leave-request-samara",  # «Оставь заявку»
    ],
)
def test_hello_in_the_citizens_register_as_labelled(case_id):
    assert_as_labelled(case_id, "IMPOLITE")


def test_hello_in_the_citizens_register_wordings():
    reply = "Привет! Мусор у дома 5 вывезли 12 мая."
    for informal in (
        "Привет, ЦУР! У дома 5 на Мира опять гора мусора",
        "ребята, когда вывезут мусор у дома 5 на мира?",
    ):
        assert "IMPOLITE" not in got(reply, appeal(informal)), informal
    assert "IMPOLITE" in got(reply, YARD)  # a formal appeal: «Привет» is familiar
    assert "IMPOLITE" in got("Привет! Мусор вывезли, жди до пятницы.", appeal("Привет! Где вывоз?"))


def test_better_write_there_is_no_lecture():
    assert "IMPOLITE" not in got("Здравствуйте. Лучше напишите в ООО «Жилсервис».", YARD)
    assert "IMPOLITE" in got("Здравствуйте. Следите лучше за своими детьми.", YARD)


# --- IMPOLITE: blame put on the residents, the citizen told to reflect, irony of importance -----


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s15ri-2-026-shakhty-livnevka-vinovaty-zhiteli",  # «сметают сами жители»
        "probe-s15ri-1-030-vladimir-parkovka-moral",  # «стоит задуматься о пеших прогулках»
        "probe-s15ri-1-042-kemerovo-tko-sama-vinovata",  # «следить … надо самой»
        "probe-s15ri-1-046-astrakhan-fontan-passivnaya-agressiya",  # «конечно, … важнее всех остальных»
        "probe-s13tone-090-stairwell-clean-yourself",
        "probe-s13tone-102-snow-balcony-owner-duty",  # «убирают сами собственники»: a duty
        "probe-s15ri-2-044-nizhny-tagil-tramvaj-2-interval",  # «так не задумано»
        "probe-s15ri-1-012-nizhny-novgorod-otoplenie-popravka",
        "probe-s9imp-3-neg-understand-indignation-ulyanovsk",  # «Конечно, понимаем Ваше возмущение»
    ],
)
def test_blame_reflect_irony_as_labelled(case_id):
    assert_as_labelled(case_id, "IMPOLITE")


@pytest.mark.parametrize(
    ("reply", "rude"),
    [
        ("Здравствуйте. Площадку убрали 12 мая. Бутылки там бросают сами жильцы.", True),
        ("Здравствуйте. Лавочки ломают сами горожане. Новые поставят до 1 июня.", True),
        ("Здравствуйте. Снег с козырьков убирают сами собственники, УК уведомила их 5 мая.", False),
        ("Здравствуйте. Двор убрали 12 мая. Есть над чем задуматься, правда?", True),
        ("Здравствуйте. Задумайтесь о соседях. Двор убрали 12 мая.", True),
        ("Здравствуйте. Подумайте, какое время Вам удобно, и напишите нам.", False),
        ("Здравствуйте. Мы подумаем над Вашим предложением и ответим до 20 мая.", False),
        ("Здравствуйте. Срок поверки истёк, стоит подумать о замене счётчика.", False),
        ("Здравствуйте. Разбираться с долгом надо самому. Сверку провели 5 мая.", True),
        ("Здравствуйте. Вы можете сами передать показания в личном кабинете.", False),
        (
            (
                "Здравствуйте. Мы, конечно, понимаем, что Ваша лавочка важнее всех остальных "
                "дел города. Её заменят до 1 июня."
            ),
            True,
        ),
        ("Здравствуйте. Конечно, лучше всего позвонить в диспетчерскую: 05.", False),
        ("Здравствуйте. Безопасность детей для нас важнее всего остального.", False),
    ],
)
def test_blame_reflect_irony_wordings(reply, rude):
    assert ("IMPOLITE" in got(reply, YARD)) == rude, reply


# --- IMPOLITE: mock praise for noticing, «для невнимательных», «теперь понятно», «не стоило» ----


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s11imp-4-imp-great-discovery-vladimir",  # «Поздравляем с великим открытием.»
        "probe-s15ri-2-038-sterlitamak-otoplenie-poproshche",  # «Надеемся, теперь понятно.»
        "probe-s9imp-3-neg-hope-clear-now-izhevsk",  # «теперь порядок понятен; если …»: polite
    ],
)
def test_mock_praise_and_talking_down_as_labelled(case_id):
    assert_as_labelled(case_id, "IMPOLITE")


@pytest.mark.parametrize(
    ("reply", "rude"),
    [
        ("Поздравляем, Вы обнаружили мусор во дворе! Его вывезли 12 мая.", True),
        ("Восхищаемся Вашей наблюдательностью. Мусор вывезли 12 мая.", True),
        ("Спасибо, что открыли нам глаза на мусор во дворе. Его вывезли 12 мая.", True),
        ("Повторяем для невнимательных: вывоз по вторникам.", True),
        ("Надеемся, теперь понятно. Мусор вывезли 12 мая.", True),
        (
            (
                "Здравствуйте. 12 мая ООО «ЭкоСервис» вывезло мусор у дома 5. Не стоило так "
                "волноваться из-за пары пакетов."
            ),
            True,
        ),
        ("Здравствуйте. Благодарим за внимательность: 12 мая мусор вывезли.", False),
        ("Здравствуйте. Поздравляем с Днём города! Мусор у дома 5 вывезли 12 мая.", False),
        (
            "Здравствуйте. Напоминаем: для маломобильных жителей вывоз крупногабарита бесплатный.",
            False,
        ),
        ("Здравствуйте. Надеемся, что больше такого не повторится: мусор вывезли 12 мая.", False),
        ("Здравствуйте. Не стоит беспокоиться: мастер придёт 14 мая.", False),
    ],
)
def test_mock_praise_and_talking_down_wordings(reply, rude):
    assert ("IMPOLITE" in got(reply, YARD)) == rude, reply


# --- GARBAGE (side effect): a day by its number, people by what they are -----------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s15ri-2-036-tobolsk-katok-kreml",  # «кататься можно будет с 20-го»
        "probe-s15ri-2-022-taganrog-skamejki-trogatelno",  # «забота о пожилых»
    ],
)
def test_whole_sentences_as_labelled(case_id):
    assert_as_labelled(case_id, "GARBAGE")


@pytest.mark.parametrize(
    ("reply", "garbage"),
    [
        ("Здравствуйте. Каток зальют к 10 декабря, а открыть его планируем к 15-му.", False),
        ("Здравствуйте. Мы продолжим помогать малоимущим.", False),
        ("Здравствуйте. Мусор вывезут до 20 мая. Работы выполнят в течение.", True),
        ("Здравствуйте. Указанный дом включен в Региональную. Ремонт в 2026 году.", True),
    ],
)
def test_whole_sentences_wordings(reply, garbage):
    assert ("GARBAGE" in got(reply, YARD)) == garbage, reply
