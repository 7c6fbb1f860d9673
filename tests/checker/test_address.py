"""NO_GREETING, IMPOLITE — and the good example of the standard."""

from drafter.domain import Appeal, Channel
from drafter.quality import check

from .conftest import codes, real, spans

GOOD = (
    "Надежда, здравствуйте. Вопрос будет передан специалисту управления администрации города, "
    "вернёмся с ответом не позднее 30 декабря."
)
NADEZHDA = Appeal(
    text="Здравствуйте! Второй месяц во дворе дома 7 на улице Мира не убирают снег, не пройти.",
    channel=Channel.vk,
    author_name="Надежда",
)


def test_good_example_of_the_standard_passes_for_vk_appeal_by_nadezhda():
    # a real ЦУР reply written by a person (generated=False): every check but grounding applies
    q = check(GOOD, appeal=NADEZHDA, generated=False)
    assert q.violations == []
    assert q.passed and q.score == 100


def test_good_example_as_a_draft_passes_when_the_deadline_is_a_source():
    # a generated draft may only state a date it was given: the pipeline passes the deadline
    q = check(GOOD, appeal=NADEZHDA, sources=["Срок ответа по обращению: 30.12.2025."])
    assert q.passed, q.violations
    # without it the date is invented
    assert "UNGROUNDED" in codes(check(GOOD, appeal=NADEZHDA))


def test_impersonal_address_when_name_known_is_no_greeting():
    # record 2947909 is the standard's «Уважаемый пользователь! Настоящим сообщаем …» example
    text, appeal = real(2947909)
    named = appeal.model_copy(update={"author_name": "Надежда"})
    q = check(text, appeal=named, generated=False)
    assert spans(q, "NO_GREETING", text) == ["Уважаемый пользователь"]
    assert "FORMALISM" in codes(q)
    # the portal does not know names: then «Уважаемый пользователь!» is a greeting
    assert "NO_GREETING" not in codes(check(text, appeal=appeal, generated=False))


def test_social_reply_must_start_with_greeting():
    text = "Снег во дворе дома 7 уберут до 20 декабря. Надежда, здравствуйте!"
    q = check(text, appeal=NADEZHDA, generated=False)
    assert "NO_GREETING" in codes(q)


def test_reply_without_any_greeting():
    # record 3080132: «Проблема устранена.»
    text, appeal = real(3080132)
    assert "NO_GREETING" in codes(check(text, appeal=appeal, generated=False))


def test_greeting_by_name_in_other_case_counts():
    text = "Уважаемая Надежда Петровна! Снег во дворе дома 7 уберут до 20 декабря."
    appeal = NADEZHDA.model_copy(
        update={"author_name": "Надежда Петровна Иванова", "channel": Channel.pos}
    )
    assert "NO_GREETING" not in codes(check(text, appeal=appeal, generated=False))


def test_impolite_markers():
    for phrase in ("Вы не правы", "Читайте внимательнее", "Как вам уже сообщалось"):
        text = f"Надежда, здравствуйте! {phrase}: снег уберут до 20 декабря."
        q = check(text, appeal=NADEZHDA, generated=False)
        assert "IMPOLITE" in codes(q), phrase
        assert not q.passed


def test_insults_and_dismissals_are_impolite_in_any_form():
    for phrase, span in (
        ("Жалобы писать могут только бездельники", "бездельники"),
        ("Это бредовая претензия", "бредовая"),
        ("Отстаньте от управляющей компании", "Отстаньте"),
        ("Больше не пишите нам", "Больше не пишите"),
    ):
        text = f"Надежда, здравствуйте! {phrase}, снег уберут до 20 декабря."
        q = check(text, appeal=NADEZHDA, generated=False)
        assert spans(q, "IMPOLITE", text) == [span], phrase
        assert not q.passed


def test_words_near_insults_are_not_impolite():
    # «тупик» is not «тупой»; «писать» alone is not «не пишите больше»
    text = (
        "Надежда, здравствуйте! Снег в тупике у дома 3 уберут до 20 декабря. "
        "Если снег останется, пишите нам снова."
    )
    assert "IMPOLITE" not in codes(check(text, appeal=NADEZHDA, generated=False))


def test_caps_is_impolite():
    text = "Надежда, здравствуйте! СНЕГ УБЕРУТ ЗАВТРА УТРОМ, НЕ ПИШИТЕ БОЛЬШЕ."
    assert "IMPOLITE" in codes(check(text, appeal=NADEZHDA, generated=False))


def test_real_exclamations_are_impolite():
    # record 3104961 ends with «Просим снять с исполнения!!!!»
    text, appeal = real(3104961)
    assert spans(check(text, appeal=appeal, generated=False), "IMPOLITE", text) == ["!!!!"]


def test_act_title_in_capitals_is_not_shouting():
    # record 3120865: «ГОСТ Р 52168-2012 НАЦИОНАЛЬНЫЙ СТАНДАРТ РОССИЙСКОЙ ФЕДЕРАЦИИ …»
    text, appeal = real(3120865)
    assert "НАЦИОНАЛЬНЫЙ СТАНДАРТ" in text
    assert "IMPOLITE" not in codes(check(text, appeal=appeal, generated=False))


def test_abbreviations_are_not_shouting():
    text = "Надежда, здравствуйте! ООО ЖКС ГЖИ ГАТИ проверили двор 12 декабря, снег убран."
    assert "IMPOLITE" not in codes(check(text, appeal=NADEZHDA, generated=False))
