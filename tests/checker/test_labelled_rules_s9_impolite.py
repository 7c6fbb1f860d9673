"""Session 9, issue 11: IMPOLITE recall on cold and subtle wordings — the explanation repeated
with impatience, the appeal judged, silence threatened, rules said with «!», the citizen's
character blamed, «Вы обязаны знать», «ты» in a greeting or an order, ironic hyperbole. Each rule
is held by the labelled dev cases of the fresh rounds ``probe-s9imp-N-*`` (written and labelled
before the checker ran on them; ``labelled`` refuses the test split) and by other wordings it
must flag or leave alone."""

from __future__ import annotations

import pytest

from drafter.quality import check

from .conftest import codes
from .test_labelled_rules import assert_as_labelled


def impolite(text: str, *, generated: bool = True) -> bool:
    return "IMPOLITE" in codes(check(text, generated=generated))


# --- the explanation repeated with impatience ----------------------------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s9imp-1-imp-repeatedly-explained-omsk",  # «как Вам уже неоднократно разъяснялось»
        "probe-s9imp-1-imp-explain-repeatedly-perm",  # «Повторно разъясняем:»
        "probe-s9imp-1-imp-once-again-stop-writing-chelyabinsk",  # «В очередной раз сообщаем»
        "probe-s9imp-1-neg-explain-neutral-omsk",  # «Разъясняем:» alone
        "probe-s9imp-1-neg-answered-before-kindly-perm",  # «повторим подробнее», with empathy
        "probe-s9imp-1-neg-explain-in-detail-kazan",  # «Поясним подробнее»
    ],
)
def test_repeated_explanation(case_id):
    assert_as_labelled(case_id, "IMPOLITE")


@pytest.mark.parametrize(
    ("text", "rude"),
    [
        ("Здравствуйте. Вновь сообщаем: вывоз мусора у дома 3 — по вторникам.", True),
        ("Здравствуйте. Разъясняем повторно: взнос платят все собственники с 2015 года.", True),
        ("Здравствуйте. Вам неоднократно сообщалось, что стояк заменят 5 мая.", True),
        ("Здравствуйте. Сообщаем, что двор повторно убрали 5 мая.", False),
        ("Здравствуйте. Ваше повторное обращение рассмотрено: стояк заменят 5 мая.", False),
        ("Здравствуйте. Как мы сообщали 3 марта, стояк заменят 5 мая.", False),
    ],
)
def test_repeated_explanation_wordings(text, rude):
    assert impolite(text) == rude, text


# --- the appeal judged, silence threatened, no more answers ---------------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s9imp-1-imp-claims-unfounded-samara",  # «Ваши претензии … необоснованны»
        "probe-s9imp-1-imp-further-unfounded-volgograd",  # «в случае дальнейших … обращений»
        "probe-s9imp-1-imp-no-other-answers-novosibirsk",  # «Других ответов … не будет»
        "probe-s9imp-1-neg-finding-neutral-samara",  # «нарушений не выявлено»
        "probe-s9imp-1-neg-third-appeal-empathy-chelyabinsk",
    ],
)
def test_appeal_judged_or_silenced(case_id):
    assert_as_labelled(case_id, "IMPOLITE")


@pytest.mark.parametrize(
    ("text", "rude"),
    [
        ("Здравствуйте. Ваши доводы о шуме голословны: замер 5 мая показал норму.", True),
        ("Здравствуйте. Повторные обращения по этому вопросу останутся без ответа.", True),
        ("Здравствуйте. Больше отвечать на ваши письма мы не будем.", True),
        ("Здравствуйте. Разъяснений по этому вопросу больше не будет.", True),
        ("Здравствуйте. Доводы обращения не подтвердились: замер 5 мая показал норму.", False),
        (
            "Здравствуйте. Повторные обращения по этому адресу мы рассматриваем в первую очередь.",
            False,
        ),
        ("Здравствуйте. Если вопросы останутся, других ответов ждать не нужно — звоните.", False),
    ],
)
def test_appeal_judged_wordings(text, rude):
    assert impolite(text) == rude, text


# --- a rule said with «!» --------------------------------------------------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s9imp-1-imp-exclaim-parking-krasnodar",  # «Парковаться на тротуаре запрещено!»
        "probe-s9imp-1-imp-exclaim-readings-yaroslavl",  # «Показания надо передавать …!»
        "probe-s9imp-1-imp-exclaim-bins-smolensk",
        "probe-s9imp-1-neg-careful-icicles-murmansk",  # «Пожалуйста, будьте осторожны …!»
        "probe-s9imp-1-neg-exclaim-wishes-tula",  # «Спасибо, что сообщили! Хороших выходных!»
        "probe-s9imp-1-neg-parking-rule-krasnodar",  # the rule said calmly
    ],
)
def test_rule_with_exclamation(case_id):
    assert_as_labelled(case_id, "IMPOLITE")


@pytest.mark.parametrize(
    ("text", "rude"),
    [
        ("Здравствуйте. Штраф выписан 3 мая. Выгуливать собак на площадке нельзя!", True),
        ("Здравствуйте. Долг 5 000 рублей. Оплачивать квитанции необходимо вовремя!", True),
        ("Здравствуйте! Просим не оставлять машины у стены дома 14 января!", False),
        ("Здравствуйте! Мы обязательно проверим двор 5 мая!", False),
        ("Здравствуйте! Стояк заменят 5 мая. Хорошего дня!", False),
    ],
)
def test_rule_with_exclamation_wordings(text, rude):
    assert impolite(text) == rude, text


# --- the citizen's character blamed, «вы сами», «не нянька» ----------------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s9imp-1-imp-negligence-flood-voronezh",  # «вследствие Вашей халатности»
        "probe-s9imp-1-imp-bad-faith-debt-orenburg",  # «по причине Вашей недобросовестности»
        "probe-s9imp-1-imp-you-yourself-readings-ufa",  # «Вы сами не передаёте»
        "probe-s9imp-1-imp-not-a-nanny-irkutsk",  # «Управляющая компания не нянька»
        "probe-dev7-imp-not-nanny",
        "probe-s9imp-1-neg-flood-cause-neutral-voronezh",  # the cause as a fact
        "probe-s9imp-1-neg-debt-explained-orenburg",
        "probe-s9imp-1-neg-cannot-watch-children-irkutsk",  # «УК не может следить за детьми»
        "probe-dev5-imp-lazy-to-walk",  # «Лень пройтись …?» opens the sentence: not a name
    ],
)
def test_character_blamed(case_id):
    assert_as_labelled(case_id, "IMPOLITE")


@pytest.mark.parametrize(
    ("text", "rude"),
    [
        ("Здравствуйте. Авария случилась из-за вашей небрежности при ремонте.", True),
        ("Здравствуйте. Залив произошёл не по вашей небрежности, а из-за стояка.", False),
        ("Здравствуйте. Мы не волшебники, снег за час не уберём.", True),
        ("Здравствуйте! Вы сами можете выбрать время визита мастера: 5 или 6 мая.", False),
        ("Здравствуйте! Если вы сами не успеваете передать показания, звоните по 004.", False),
        ("Здравствуйте. Ремонт на ул. Лёни Голикова выполнен 5 мая.", False),  # a name
    ],
)
def test_character_blamed_wordings(text, rude):
    assert impolite(text) == rude, text


# --- «Вы обязаны знать», «это знает каждый», «теперь Вы поняли» ------------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s9imp-1-imp-obliged-to-know-pskov",
        "probe-s9imp-1-imp-should-be-aware-kaluga",  # «Вам должно быть известно»
        "probe-s9imp-1-imp-everyone-knows-code-ivanovo",  # «это знает каждый, кто …»
        "probe-s9imp-1-imp-now-you-understood-kemerovo",
        "probe-s9imp-1-neg-owner-pays-pskov",
        "probe-s9imp-1-neg-agency-should-have-tver",  # «Вас должны были предупредить»
    ],
)
def test_lecturing(case_id):
    assert_as_labelled(case_id, "IMPOLITE")


@pytest.mark.parametrize(
    ("text", "rude"),
    [
        ("Здравствуйте! Как собственник, вы обязаны передавать показания до 25 числа.", False),
        ("Здравствуйте. Вы должны помнить, что счётчики поверяют раз в 6 лет.", True),
        ("Здравствуйте! Вы не обязаны знать номер договора: достаточно адреса.", False),
        ("Здравствуйте. Это понимает любой, кто платит за свет: тариф вырос 1 июля.", True),
        ("Здравствуйте! Листовки раздали 5 мая, чтобы каждый житель знал, куда звонить.", False),
        ("Здравствуйте! Теперь вы можете передавать показания в личном кабинете.", False),
    ],
)
def test_lecturing_wordings(text, rude):
    assert impolite(text) == rude, text


# --- «ты» in a greeting or an order ------------------------------------------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s9imp-1-imp-ty-write-kursk",  # «напиши нам»
        "probe-s9imp-1-imp-ty-greeting-tula",  # «Здравствуй, Михаил!»
        "probe-s9imp-1-neg-quoted-sign-ty-kursk",  # «Напиши нам!» in a quoted sticker
        "probe-s8prec3-formal-within-norms",  # «5 см»
    ],
)
def test_singular_address(case_id):
    assert_as_labelled(case_id, "IMPOLITE")


@pytest.mark.parametrize(
    ("text", "rude"),
    [
        ("Здравствуйте! Люк закрыли 5 апреля. Если снова откроют, сразу звони по 112.", True),
        ("Здравствуйте! Проблема устранена (см. приложение).", False),
        # typos of real replies read as orders: «прави», «Дорожи»
        ("Собственники вправе защищать в суде своих нарушенных прави законных интересов.", False),
        ("Дорожи указанные в Вашем обращении вытоптаны жителями.", False),
    ],
)
def test_singular_address_wordings(text, rude):
    assert impolite(text, generated=False) == rude, text


# --- ironic hyperbole ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s9imp-1-imp-sarcasm-budget-tomsk",  # «Разумеется, ради одной скамейки …»
        "probe-s9imp-1-imp-sarcasm-vigilance-barnaul",  # «мы бы, конечно, ни за что не заметили»
        "probe-s9imp-1-neg-sincere-thanks-barnaul",
    ],
)
def test_ironic_hyperbole(case_id):
    assert_as_labelled(case_id, "IMPOLITE")


@pytest.mark.parametrize(
    ("text", "rude"),
    [
        ("Здравствуйте. Конечно, мы сейчас бросим все дела и займёмся вашей урной.", True),
        ("Здравствуйте! Конечно, мы проверим все подъезды дома 5 мая.", False),
    ],
)
def test_ironic_hyperbole_wordings(text, rude):
    assert impolite(text) == rude, text


# --- round 2: counts, «следовало», «удосужились», «прежде чем требовать», free time, ironic
# praise, «Учитесь», «Вопрос не к нам», «без комментариев», «нарушение допущено Вами» -------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s9imp-2-imp-answered-thrice-vologda",  # «мы уже отвечали Вам … трижды»
        "probe-s9imp-2-imp-fifth-appeal-counted-tambov",  # «это уже пятое Ваше обращение»
        "probe-s9imp-1-neg-third-appeal-empathy-chelyabinsk",  # the same count, with empathy
        "probe-s9imp-2-neg-repeatedly-reported-apology-ivanovo",  # «Вы неоднократно сообщали»
        "probe-s9imp-2-neg-wrote-again-thanks-bryansk",
        "probe-s9imp-2-neg-visited-repeatedly-voronezh",  # «неоднократно выезжали»
        "probe-s9imp-2-neg-requested-again-water-kursk",  # «повторно направили запрос»
        "probe-s9imp-2-neg-formal-re-examined-spb",  # «повторно рассмотрела»
    ],
)
def test_counted_appeals(case_id):
    assert_as_labelled(case_id, "IMPOLITE")


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s9imp-2-imp-should-have-checked-hours-perm",  # «Вам следовало заранее уточнить»
        "probe-s9imp-2-imp-you-should-have-passed-readings-kirov",  # «Вы должны были передать»
        "probe-s9imp-2-imp-could-find-yourself-chita",  # «можно было найти самостоятельно»
        "probe-s9imp-2-neg-we-should-have-warned-ufa",  # «мы должны были предупредить»
        "probe-s9imp-1-neg-agency-should-have-tver",  # «Вы правы: … Вас должны были …»
        "probe-s9imp-2-neg-if-missed-readings-tyumen",
    ],
)
def test_should_have(case_id):
    assert_as_labelled(case_id, "IMPOLITE")


@pytest.mark.parametrize(
    ("text", "rude"),
    [
        ("Здравствуйте. Вам стоило прочитать объявление на двери подъезда.", True),
        ("Здравствуйте. Вам нужно было прийти в МФЦ до 1 мая.", True),
        ("Здравствуйте. Вы, как собственник, должны были сообщить о протечке.", True),
        ("Здравствуйте! Записаться можно было до 1 мая, а теперь запись закрыта.", False),
        ("Здравствуйте! Нам следовало предупредить вас заранее, извините.", False),
        ("Здравствуйте! Вы уже дважды сообщали о протечке, приносим извинения.", False),
    ],
)
def test_should_have_wordings(text, rude):
    assert impolite(text) == rude, text


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s9imp-2-imp-mere-speculation-lipetsk",  # «не более чем домыслы»
        "probe-s9imp-2-imp-no-comments-speculation-tver",  # «оставляем без комментариев»
        "probe-s9imp-2-imp-that-is-you-cold-novgorod",  # «Нарушение допущено …, то есть Вами»
        "probe-s9imp-2-imp-did-not-bother-read-kaliningrad",  # «не удосужились прочитать»
        "probe-s9imp-2-imp-tidy-your-balcony-first-kostroma",  # «Прежде чем требовать …»
        "probe-s9imp-2-imp-glad-you-have-time-belgorod",  # «у Вас есть время следить»
        "probe-s8judge1-imp-pensioners-time-barnaul",
        "probe-s9imp-2-imp-so-valuable-remark-cold-syktyvkar",  # «столь ценное замечание»
        "probe-s8judge1-imp-valuable-observation-chita",  # «ценнейшее наблюдение»
        "probe-s9imp-2-imp-learn-to-use-cabinet-omsk",  # «Учитесь пользоваться …»
        "probe-s9imp-2-imp-not-to-us-curt-kurgan",  # «Вопрос не к нам.»
        "probe-s9imp-2-imp-remind-forbidden-exclaim-sochi",  # «Напоминаем: … запрещено!»
        "probe-s9imp-2-neg-plea-lawn-exclaim-krasnodar",  # «Пожалуйста, не паркуйтесь …!»
        "probe-s9imp-2-neg-readings-reminder-no-exclaim-izhevsk",  # «Напоминаем, …» calmly
        "probe-s9imp-2-neg-partly-confirmed-penza",  # «Доводы … подтвердились частично»
        "probe-s9imp-2-neg-appeal-founded-recalc-ryazan",
        "probe-s9imp-2-neg-of-course-all-wells-orenburg",
        "probe-s9imp-2-neg-now-you-can-gosuslugi-kazan",
        "probe-s9imp-2-neg-you-choose-how-cheboksary",  # «Вы сами выбираете»
    ],
)
def test_round_two_wordings_as_labelled(case_id):
    assert_as_labelled(case_id, "IMPOLITE")


@pytest.mark.parametrize(
    ("text", "rude"),
    [
        ("Здравствуйте. Ваши измышления о подрядчике не подтвердились.", True),
        ("Здравствуйте. Потрудитесь прочитать договор: там всё сказано.", True),
        ("Здравствуйте. Прежде чем обвинять дворника, посмотрите на свой балкон.", True),
        ("Здравствуйте. У Вас, видно, много времени, чтобы считать автобусы.", True),
        ("Здравствуйте! Если у Вас есть время, приходите на собрание 5 мая.", False),
        ("Здравствуйте! Спасибо за ценное замечание: табличку повесили 5 мая.", False),
        ("Здравствуйте. Это не к нам.", True),
        ("Здравствуйте! Нарушений, допущенных Вами, не выявлено.", False),
    ],
)
def test_round_two_other_wordings(text, rude):
    assert impolite(text) == rude, text


# --- round 3 (its before-fit figure was taken first): «не имеют оснований», «в третий раз»,
# a repeat with its reason, «очевиден», «кроме эмоций», «ненадлежащего … Вами», appeals that
# «отвлекают», «впредь внимательнее», «видимо, путаете», «для особо …», «жаловаться дальше»,
# «Менять ничего не будем» ------------------------------------------------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s9imp-3-imp-no-grounds-neighbours-kursk",
        "probe-s9imp-3-imp-third-time-informing-ekb",
        "probe-s9imp-3-imp-henceforth-more-careful-tver",
        "probe-s9imp-3-imp-answer-obvious-orenburg",
        "probe-s9imp-3-imp-only-emotions-opinion-novosibirsk",
        "probe-s9imp-3-imp-improper-by-you-cold-voronezh",
        "probe-s9imp-3-imp-read-nothing-will-change-kirov",
        "probe-s9imp-3-imp-for-the-especially-attentive-tomsk",
        "probe-s9imp-3-imp-distract-specialists-irkutsk",
        "probe-s9imp-3-imp-your-right-complain-further-lipetsk",
        "probe-s9imp-3-imp-you-confuse-uk-emergency-barnaul",
        "probe-s9imp-3-neg-repeat-letter-returned-kursk",  # «Сообщаем повторно, так как …»
        "probe-s9imp-3-neg-not-confirmed-noise-kursk",
        "probe-s9imp-3-neg-please-watch-kids-kazan",
        "probe-s9imp-3-neg-hope-clear-now-izhevsk",
        "probe-s9imp-3-neg-staff-reminded-residents-tambov",
        "probe-s9imp-3-neg-visited-twice-please-time-kaluga",
        "probe-dev6-imp-neg-clearly-you-right",  # «Очевидно, вы правы»
    ],
)
def test_round_three_as_labelled(case_id):
    assert_as_labelled(case_id, "IMPOLITE")


@pytest.mark.parametrize(
    ("text", "rude"),
    [
        ("Здравствуйте. Ваши претензии к дворнику не имеют никаких оснований.", True),
        ("Здравствуйте! Оснований для перерасчёта не имеется: замер 5 мая показал норму.", False),
        ("Здравствуйте. Сообщаем Вам во второй раз: стояк заменят 5 мая.", True),
        (
            "Здравствуйте! Повторно сообщаем, поскольку первое письмо не дошло: стояк — 5 мая.",
            False,
        ),
        ("Здравствуйте. Ваше письмо — одни эмоции, фактов в нём нет.", True),
        ("Здравствуйте! Понимаем Ваши эмоции: три дня без воды — это тяжело.", False),
        ("Здравствуйте. Такие жалобы мешают нам работать.", True),
        ("Здравствуйте! Просим водителей быть внимательнее у школы № 3.", False),
        ("Здравствуйте. Будьте аккуратнее с мусором, его видно с камеры.", True),
        ("Здравствуйте! Возможно, вы перепутали подъезд: мастер был в подъезде № 3.", False),
        ("Здравствуйте. Делать ничего не будем.", True),
    ],
)
def test_round_three_other_wordings(text, rude):
    assert impolite(text) == rude, text


@pytest.mark.parametrize(
    "text",
    [
        # measure (A), spb-3158690: the facts' own sentence, restored, blocked three drafts
        (
            "По указанному адресу проведена проверка качества горячего водоснабжения, в ходе "
            "которой установлено, что качество соответствует установленным нормам РФ, о чем Вы "
            "подтверждаете лично."
        ),
        "Мастер заменил кран, что Вы и подтвердили при осмотре.",
    ],
)
def test_a_sentence_that_reports_work_done_is_no_bare_evaluation_of_the_citizen(text):
    assert "IMPOLITE" not in codes(check(text))


@pytest.mark.parametrize(
    "text",
    [
        # dev labels (probe-dev11-imp-*): the work is the citizen's, or the sentence orders them
        "Разуйте глаза: площадку давно убрали. Площадку у дома 4 по ул. Малахова убрали 2 мая.",
        (
            "Интересно, а вы сами хоть раз убирали за собой? Подъезд дома 2 по ул. Ленина уберут "
            "6 марта."
        ),
    ],
)
def test_work_the_citizen_did_or_an_order_to_them_is_still_a_bare_evaluation(text):
    assert "IMPOLITE" in codes(check(text))
