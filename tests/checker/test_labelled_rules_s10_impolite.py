"""Session 10, issue 11: IMPOLITE recall by general marks of a put-down rather than by the words
of the insult — a stance word of doubt or irony in a sentence about the citizen, a question that
asks nothing, an evaluative opener over what the citizen did, the citizen's wish set aside with
«а не», the citizen's task called easy, the citizen's words held up in quotes, «Привет», and
«Вы должны были получить …» no longer read as blame. Each rule is held by labelled dev cases
(``labelled`` refuses the test split) and by other wordings it must flag or leave alone."""

from __future__ import annotations

import pytest

from drafter.quality import check

from .conftest import codes
from .test_labelled_rules import assert_as_labelled


def impolite(text: str, *, generated: bool = True) -> bool:
    return "IMPOLITE" in codes(check(text, generated=generated))


# --- a stance word of doubt or irony in a sentence about the citizen -------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s10imp-1-imp-diagonal-reading-receipt-kazan",  # «Вы, судя по всему, читали …»
        "probe-s10imp-1-imp-mildly-speaking-untrue-stavropol",  # «Ваша жалоба, мягко говоря, …»
        "probe-s10imp-1-imp-others-dont-complain-chita",  # «Остальные жильцы почему-то …»
        "probe-s10imp-1-imp-stopwatch-at-lamp-magnitogorsk",  # «Похоже, кто-то сидит …»
        "probe-s9imp-4-imp-no-time-to-read-notices-bryansk",  # «Видимо, … у Вас нет времени»
        "probe-s10imp-1-neg-seems-our-error-receipt-barnaul",  # «Видимо, … произошёл сбой»
        "probe-s10imp-1-neg-perhaps-you-mean-other-stop-stavropol",  # «Возможно, Вы имеете в виду»
        "probe-dev6-imp-neg-you-probably-know",  # «Как вы, наверное, знаете, …»
        "probe-dev6-imp-neg-clearly-you-right",  # «Очевидно, вы правы»
    ],
)
def test_ironic_stance(case_id):
    assert_as_labelled(case_id, "IMPOLITE")


@pytest.mark.parametrize(
    ("text", "rude"),
    [
        ("Здравствуйте. Ваше обращение, мягко говоря, не по адресу. Двор убрали 5 мая.", True),
        ("Здравствуйте. Вы, видимо, не заметили объявление на подъезде. Воду дали 5 мая.", True),
        (
            "Здравствуйте. Соседи почему-то справляются, а у Вас не получается. Счёт — 300 руб.",
            True,
        ),
        ("Здравствуйте. Похоже, кое-кто не читает квитанции. Долг — 300 рублей.", True),
        ("Здравствуйте. Видимо, при расчёте произошёл сбой: перерасчёт сделаем в мае.", False),
        ("Здравствуйте. Наверное, Вы имеете в виду дом 14: там лифт запустили 5 мая.", False),
        ("Здравствуйте. Видимо, письмо до Вас не дошло: лифт запустят 5 мая.", False),
        # the phrase «видимо вы» of the lexicon went (session 10): it read «Видимо, Вам» too
        ("Здравствуйте. Видимо, Вам не пришло СМС. Повторно направили уведомление 5 мая.", False),
        ("Здравствуйте. Вы, наверное, устали ждать — лифт запустят 5 мая.", False),
        ("Здравствуйте. Судя по всему, Ваш счётчик неисправен: мастер придёт 5 мая.", False),
        (
            "Здравствуйте. Видимо, Ваша заявка затерялась — приносим извинения, мастер придёт 5 мая.",
            False,
        ),
        (
            "Здравствуйте. Вас, видимо, никто не учил сортировать мусор. Контейнеры — у дома 5.",
            True,
        ),
        ("Здравствуйте. Если у Вас, видимо, старый номер в кабинете, обновите его.", False),
    ],
)
def test_ironic_stance_wordings(text, rude):
    assert impolite(text) == rude, text


# --- a question that asks nothing ----------------------------------------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s10imp-1-imp-how-in-your-opinion-find-car-tolyatti",  # «И как, по-Вашему, …?»
        "probe-dev12-imp-kindergarten-what",  # «Что за детский сад?»
        "probe-dev14-imp-easy-now",  # «Кому сейчас легко?»
        "probe-s8judge1-neg-how-to-helpful-question-nn",  # «Как быть в такой ситуации?»
        "probe-s9imp-1-neg-quoted-sign-ty-kursk",  # a «?» inside a quoted sign
    ],
)
def test_question_that_asks_nothing(case_id):
    assert_as_labelled(case_id, "IMPOLITE")


@pytest.mark.parametrize(
    ("text", "rude"),
    [
        ("Здравствуйте. А Вы сами пробовали чистить крышу зимой? Крышу почистят 5 мая.", True),
        ("Здравствуйте. Откуда у Вас такие сведения? Двор убирают ежедневно.", True),
        ("Здравствуйте. Кто же так делает? Кран заменили 5 мая.", True),
        ("Здравствуйте. Удобно ли Вам принять мастера 5 мая с 10 до 12?", False),
        ("Здравствуйте. Не могли бы Вы уточнить номер подъезда?", False),
        ("Здравствуйте. Что делать, если прорвало трубу? Перекройте воду и позвоните 112.", False),
        ("Здравствуйте. Что это значит? Счётчик нужно поверить до 5 мая.", False),
        ("Здравствуйте. Остались вопросы? Пишите нам в сообщения группы.", False),
    ],
)
def test_question_that_asks_nothing_wordings(text, rude):
    assert impolite(text) == rude, text


# --- an evaluative opener over what the citizen did -----------------------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s10imp-1-imp-pity-no-time-read-answer-kaliningrad",  # «Жаль, что Вы не нашли …»
        "probe-s9imp-4-imp-surprising-debt-unpaid-vladimir",  # «Удивляет, что Вы до сих пор …»
        "probe-dev14-imp-neg-sorry-faced",  # «Нам жаль, что вы столкнулись с этим»
    ],
)
def test_evaluative_opener(case_id):
    assert_as_labelled(case_id, "IMPOLITE")


@pytest.mark.parametrize(
    ("text", "rude"),
    [
        ("Здравствуйте. Странно, что Вы не знаете, где контейнеры. Они за домом 5.", True),
        ("Здравствуйте. Забавно, что взрослый человек не может найти кнопку. Она справа.", True),
        ("Здравствуйте. Жаль, что Вам пришлось ждать: лифт запустили 5 мая.", False),
        ("Здравствуйте. Нам очень жаль, что Вы остались без воды. Воду дали 5 мая.", False),
    ],
)
def test_evaluative_opener_wordings(text, rude):
    assert impolite(text) == rude, text


# --- the citizen's wish set aside with «а не» ------------------------------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s10imp-1-imp-not-by-your-wish-ulan-ude",  # «а не по Вашему желанию»
        "probe-s9imp-4-imp-for-your-information-driveway-samara",  # «а не Ваш личный проезд»
    ],
)
def test_wish_set_aside(case_id):
    assert_as_labelled(case_id, "IMPOLITE")


@pytest.mark.parametrize(
    ("text", "rude"),
    [
        ("Здравствуйте. Ремонт идёт по графику, а не по Вашей просьбе: 5 мая.", True),
        ("Здравствуйте. Убирают общий двор, а не Ваш огород. Уборка 5 мая.", True),
        (
            "Здравствуйте. Вода поступала в подвал, а не в Вашу квартиру. Течь устранили 5 мая.",
            False,
        ),
        ("Здравствуйте. Плату начисляет расчётный центр, а не УК: 300 рублей.", False),
    ],
)
def test_wish_set_aside_wordings(text, rude):
    assert impolite(text) == rude, text


# --- the citizen's task called easy -----------------------------------------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s10imp-1-imp-simple-if-think-irkutsk",  # «Всё просто, если немного подумать»
        "probe-s10imp-1-imp-own-payments-not-hard-petrozavodsk",  # «не так уж сложно»
        "probe-s9imp-4-neg-understand-receipt-hard-omsk",  # «Понимаем, что разобраться … непросто»
    ],
)
def test_task_called_easy(case_id):
    assert_as_labelled(case_id, "IMPOLITE")


@pytest.mark.parametrize(
    ("text", "rude"),
    [
        ("Здравствуйте. Догадаться несложно: счётчик не поверен с 1 мая.", True),
        ("Здравствуйте. С кабинетом легко справится даже школьник: кнопка справа.", True),
        ("Здравствуйте. Передать показания просто: кнопка в кабинете, с 15 по 25 число.", False),
        ("Здравствуйте. Понимаем, что разобраться сложно, поэтому объясним: 300 рублей.", False),
    ],
)
def test_task_called_easy_wordings(text, rude):
    assert impolite(text) == rude, text


# --- the citizen's words held up in quotes, «Привет», «не благотворительный фонд» ------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s10imp-1-imp-urgent-in-quotes-smolensk",  # «Ваши «срочные» заявки»
        "probe-s8judge1-imp-terrible-flood-quotes-astrakhan",  # «Ваш «ужасный потоп»»
        "probe-s10imp-1-neg-quoted-hack-work-checked-kaliningrad",  # «Вы называете … «халтурой»»
        "probe-s10imp-1-imp-hi-wait-ty-surgut",  # «Привет!»
        "probe-s10imp-1-imp-not-charity-fund-novgorod",  # «не благотворительный фонд»
    ],
)
def test_quotes_familiar_and_servant(case_id):
    assert_as_labelled(case_id, "IMPOLITE")


@pytest.mark.parametrize(
    ("text", "rude"),
    [
        ("Здравствуйте. Ваш «прорыв трубы» оказался каплей из крана. Кран заменили 5 мая.", True),
        ("Здравствуйте. Вашу «свалку» вывезли 5 мая.", True),
        ("Привет. Мусор вывезли 5 мая.", True),
        ("Здравствуйте. Мы не благотворительная организация, ремонт — за счёт собственника.", True),
        ("Здравствуйте. Ваше обращение «О ремонте крыльца» рассмотрено: ремонт 5 мая.", False),
        ("Здравствуйте. Благотворительный фонд «Добро» привезёт продукты 5 мая.", False),
    ],
)
def test_quotes_familiar_and_servant_wordings(text, rude):
    assert impolite(text) == rude, text


# --- «Вы должны были получить …»: the sender's duty, not the citizen's fault ------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s10imp-1-neg-should-have-received-notice-khabarovsk",
        "probe-s9imp-1-neg-agency-should-have-tver",  # «Вас должны были предупредить»
    ],
)
def test_should_have_received(case_id):
    assert_as_labelled(case_id, "IMPOLITE")


@pytest.mark.parametrize(
    ("text", "rude"),
    [
        ("Здравствуйте. Квитанцию Вы должны были получить 3 мая в почтовом ящике.", False),
        ("Здравствуйте. СМС Вы должны были получить 28 февраля; проверьте номер.", False),
        ("Здравствуйте. Вы должны были передать показания до 25 числа.", True),
    ],
)
def test_should_have_received_wordings(text, rude):
    assert impolite(text) == rude, text


# --- fitted on round 2: threats for the next appeal, «разумный человек … бы», «прочтите ещё
# раз», «Вопрос исчерпан.», two shouted words, «откровенно говоря» / «согласитесь» over the
# appeal or the act of writing, «даже пенсионеры … справитесь и Вы», «Вашей-то», «на пальцах»


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s10imp-2-imp-next-letter-via-officer-tula",  # «Ещё одно подобное письмо — и …»
        "probe-dev13-imp-talk-differently",  # «Ещё одна такая жалоба — и …»
        "probe-s10imp-2-imp-reasonable-person-would-call-pyatigorsk",  # «Разумный человек … бы»
        "probe-s10imp-2-imp-read-by-syllables-penza",  # «Прочтите … ещё раз, по слогам»
        "probe-dev12-imp-pull-together",  # «Соберитесь и прочитайте ответ ещё раз»
        "probe-s10imp-2-imp-question-closed-orel",  # «Вопрос исчерпан.»
        "probe-s10imp-2-neg-question-solved-orel",  # «Вопрос решён; …»
        "probe-s10imp-2-imp-caps-four-days-astrakhan",  # «ЧЕТЫРЕ ДНЯ»
        "probe-s10imp-2-imp-frankly-strange-appeal-volgograd",  # «Ваше обращение, откровенно …»
        "probe-s10imp-2-imp-one-tile-overkill-bryansk",  # «Писать … — это, согласитесь, перебор»
        "probe-s10imp-2-imp-even-pensioners-manage-tyumen",  # «даже пенсионеры, справитесь и Вы»
        "probe-s10imp-2-imp-with-your-punctuality-saratov",  # «С Вашей-то пунктуальностью»
        "probe-s10imp-2-imp-explain-on-fingers-omsk",  # «Объясняем на пальцах»
        "probe-s8judge1-imp-on-fingers-saratov",
        "probe-s10imp-2-neg-draw-attention-readings-tomsk",  # «Обращаем Ваше внимание»
        "probe-s10imp-2-neg-lets-sort-out-step-by-step-izhevsk",  # «Давайте разберёмся»
    ],
)
def test_round_two_marks(case_id):
    assert_as_labelled(case_id, "IMPOLITE")


@pytest.mark.parametrize(
    ("text", "rude"),
    [
        ("Здравствуйте. Ещё одна подобная жалоба — и передадим дело участковому.", True),
        ("Здравствуйте. Ещё одно обращение — и вопрос будем решать иначе.", True),
        ("Здравствуйте. Ещё одно обращение по этому дому поступило 5 мая: двор убрали.", False),
        ("Здравствуйте. Нормальный человек сначала прочитал бы объявление.", True),
        (
            "Здравствуйте. Посмотрите ещё раз на квитанцию: строка «ОДН» — это свет в подъезде.",
            True,
        ),
        ("Здравствуйте. Проверьте, пожалуйста, ещё раз номер в кабинете.", False),
        ("Здравствуйте. Вопрос закрыт.", True),
        ("Здравствуйте. Вопрос о ремонте крыльца закрыт: крыльцо починили 5 мая.", False),
        ("Здравствуйте. Объявление о вывозе висит ЦЕЛЫЙ МЕСЯЦ.", True),
        ("Здравствуйте. Работы ведёт ООО «Вектор», договор от 5 мая.", False),
        ("Здравствуйте. Ваша претензия, откровенно говоря, не по адресу. Двор убрали 5 мая.", True),
        (
            "Здравствуйте. Откровенно говоря, мы сами недовольны подрядчиком: штраф — 5 000 рублей.",
            False,
        ),
        ("Здравствуйте. С показаниями справляются даже школьники, справитесь и Вы.", True),
        (
            "Здравствуйте. Даже если Вы не успели передать показания, перерасчёт сделаем в мае.",
            False,
        ),
        ("Здравствуйте. С Вашим-то опытом можно было догадаться.", True),
        ("Здравствуйте. Объясняем на пальцах: 300 рублей — это вывоз мусора.", True),
    ],
)
def test_round_two_marks_wordings(text, rude):
    assert impolite(text) == rude, text
