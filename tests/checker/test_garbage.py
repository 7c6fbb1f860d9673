"""GARBAGE: empty, not Russian, loops, echoed prompt or instructions, markup debris."""

import pytest

from drafter.domain import Appeal, Channel
from drafter.quality import check

from .conftest import codes, real, spans

APPEAL = Appeal(
    text="Во дворе дома 3 по улице Мира не горит фонарь.", channel=Channel.vk, author_name="Олег"
)
OK = "Олег, здравствуйте! Фонарь во дворе дома 3 заменят до 20 декабря."


@pytest.mark.parametrize("text", ["", "   \n ", "...", "123 456"])
def test_empty_is_garbage(text):
    q = check(text, appeal=APPEAL)
    assert codes(q) == {"GARBAGE"}
    assert not q.passed


@pytest.mark.parametrize(
    "text",
    ["Олег, здравствуйте!", "Здравствуйте, Олег Иванович!", "Уважаемый Олег!", "Добрый день."],
)
def test_greeting_alone_is_garbage(text):
    q = check(text, appeal=APPEAL)
    assert codes(q) == {"GARBAGE"} and not q.passed


def test_greeting_with_substance_is_not_garbage():
    assert "GARBAGE" not in codes(check(OK, appeal=APPEAL))


def test_not_russian_is_garbage():
    assert "GARBAGE" in codes(
        check("Hello Oleg, the street light will be replaced soon.", appeal=APPEAL)
    )


def test_urls_do_not_make_a_reply_foreign():
    text = OK + " Подробнее: https://gov.spb.ru/gov/otrasl/blago/news/lighting-repair-schedule-2020"
    assert "GARBAGE" not in codes(check(text, appeal=APPEAL, generated=False))


def test_repetition_loop_is_garbage():
    text = OK + " Фонарь заменят до 20 декабря." * 6
    assert "GARBAGE" in codes(check(text, appeal=APPEAL, generated=False))


def test_word_loop_is_garbage():
    assert "GARBAGE" in codes(
        check(OK + " декабря декабря декабря декабря", appeal=APPEAL, generated=False)
    )


def test_real_copy_pasted_paragraph_is_garbage():
    # record 3129171: the same «Рассмотрев Ваше сообщение …» sentence pasted twice
    text, appeal = real(3129171)
    assert "GARBAGE" in codes(check(text, appeal=appeal, generated=False))


def test_real_long_letter_is_not_garbage():
    # record 3029610: a long letter repeating one long name a few times is not a loop
    text, appeal = real(3029610)
    assert "GARBAGE" not in codes(check(text, appeal=appeal, generated=False))


@pytest.mark.parametrize(
    "debris",
    [
        "Обращение: не горит фонарь",
        "### Ответ",
        "<end_of_turn>",
        "<start_of_turn>model",
        "**Ответ**",
        "Спасибо <",
    ],
)
def test_markup_and_instruction_lines_are_garbage(debris):
    q = check(OK + "\n" + debris, appeal=APPEAL, generated=False)
    assert "GARBAGE" in codes(q), debris


def test_echoed_prompt_is_garbage():
    prompt = (
        "Ты — специалист ЦУР. Напиши короткий вежливый ответ гражданину по стандарту.\n"
        "Обращение: Во дворе дома 3 по улице Мира не горит фонарь.\nОтвет:"
    )
    text = OK + " Ты — специалист ЦУР. Напиши короткий вежливый ответ гражданину по стандарту."
    q = check(text, appeal=APPEAL, prompt=prompt, generated=False)
    assert any("Напиши короткий" in s for s in spans(q, "GARBAGE", text))
    # quoting the appeal (also in the prompt) is not an echo
    quote = OK + " Во дворе дома 3 по улице Мира не горит фонарь — мы проверили."
    assert "GARBAGE" not in codes(check(quote, appeal=APPEAL, prompt=prompt, generated=False))


def test_clean_reply_is_not_garbage():
    assert "GARBAGE" not in codes(check(OK, appeal=APPEAL))


def test_a_reply_that_parrots_the_appeal_is_garbage():
    appeal = Appeal(
        text="Во дворе дома 5 на улице Ленина третью неделю не вывозят мусор. Примите меры.",
        channel=Channel.vk,
        author_name="Ирина",
    )
    # what the real default model once answered through `make run`
    parrot = "Ирина, здравствуйте! Во дворе дома 5 на улице Ленина третью неделю не вывозят мусор. Примите меры!"
    q = check(parrot, appeal=appeal)
    assert "GARBAGE" in codes(q) and not q.passed
    answer = "Ирина, здравствуйте! Мусор во дворе дома 5 на улице Ленина вывезут завтра до 12:00."
    assert "GARBAGE" not in codes(check(answer, appeal=appeal, sources=["Срок: завтра до 12:00"]))
    # a person quoting the appeal is not a looping model
    assert "GARBAGE" not in codes(check(parrot, appeal=appeal, generated=False))


def test_a_draft_without_a_single_predicate_is_garbage():
    # real-model drafts from the n=200 measure (appeals spb-3166645, spb-3122109, kursk-131)
    for text in (
        "Здравствуйте! 5 парадная»",
        "Здравствуйте! Описание вопроса: 2й этаж.",
        "Здравствуйте! Ремонт фасада.",
        # spb-3167733, session 4: a full participle describes, it does not state
        (
            "Здравствуйте! Нелегальная торговля с выносными столами в местах, не предназначенных "
            "для торговли."
        ),
    ):
        assert "GARBAGE" in codes(check(text)), text
    for text in ("Здравствуйте! Освещение исправно.", "Здравствуйте! Яму заделали.",
                 "Здравствуйте! Яма заделана."):  # fmt: skip
        assert "GARBAGE" not in codes(check(text)), text
    # a person's terse reply is not held to it (real, among the city portal's replies)
    assert "GARBAGE" not in codes(check("Колодец в нормативном состоянии.", generated=False))
