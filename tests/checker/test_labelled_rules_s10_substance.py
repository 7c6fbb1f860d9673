"""Session 10, issue 11: OTPISKA recall by sentence structure (a sentence whose every noun is a
formula's names nothing of the case), REDIRECT and NO_DEADLINE precision. Each rule was fitted on
the fresh labelled dev round ``probe-s10sub-1-*`` (committed before the checker ran on it) and
is held here by labelled cases and other wordings it must flag or leave."""

from __future__ import annotations

import pytest

from drafter.domain import Appeal, Channel
from tests.checker.test_labelled_rules import assert_as_labelled, draft


def appeal(text: str) -> Appeal:
    return Appeal(text=text, channel=Channel.vk)


ICICLES = appeal("Хабаровск, ул. Карла Маркса, 76: на крыше висят сосульки над входом в аптеку.")
FEE = appeal("Почему в квитанции выросла плата за капремонт? Положена ли мне компенсация?")

# --- OTPISKA: a sentence made only of the formula's nouns says nothing, whatever its verb ----


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s10sub-1-otp-work-will-continue",  # «Работа в данном направлении … продолжена»
        "probe-s10sub-1-otp-monitored-if-needed",  # «реагирование будет обеспечено»
        "probe-s10sub-1-otp-sort-out-order",  # «разберёмся и наведём порядок»
        "probe-s10sub-1-otp-arguments-used-in-work",  # «доводы … использованы в работе»
        "probe-s10sub-1-otp-final-answer-later",  # «ответ будет дан после получения сведений»
        "probe-s10sub-1-otp-recommendations-given",  # «даны необходимые рекомендации»
        "probe-s9sub-7-otp-we-share-will-try",  # «Постараемся сделать так, чтобы …»
        # the same frame with something of the case in it: an answer
        "probe-s10sub-1-neg-considered-lamp-replaced",  # «Рассмотрели. Светильник … заменён»
        "probe-s10sub-1-neg-info-accepted-crew",  # «Информация принята. Бригада выехала …»
        "probe-s10sub-1-neg-control-penalty",  # «Вопрос на контроле: … штраф 50 000 рублей»
    ],
)
def test_formula_sentences_as_labelled(case_id):
    assert_as_labelled(case_id, "OTPISKA")


def test_formula_sentences_in_other_wordings():
    for reply in (
        (
            "Здравствуйте! Ситуация находится в поле зрения администрации, меры будут "
            "обеспечены в рамках компетенции."
        ),
        "Добрый день! Ваши пожелания будут использованы при планировании дальнейших действий.",
        "Здравствуйте! Специалисты в курсе, реагирование будет организовано.",
    ):
        assert "OTPISKA" in draft(reply, appeal=ICICLES), reply
    for reply in (
        # a finding (negation), a decision, a thing of the case, a quoted name: not formula
        "Здравствуйте! Нарушений при осмотре кровли не выявлено.",
        "Здравствуйте! В удовлетворении обращения отказано: крыша дома 76 очищена 3 января.",
        "Здравствуйте! Сосульки над входом в аптеку сбиты, тротуар огорожен.",
        "Здравствуйте! Меры приняты: управляющей компании «Центр» выдано предписание.",
    ):
        assert "OTPISKA" not in draft(reply, appeal=ICICLES), reply


# --- OTPISKA: the topic named after a paper noun is the citizen's, not the reply's -----------


def test_topic_after_a_paper_noun_as_labelled():
    # «Ваш вопрос о компенсации за капремонт передан для подготовки ответа»
    assert_as_labelled("probe-dev10-sub-otp-passed-to-prepare-answer", "OTPISKA")
    # «Замечания приняты и переданы исполнителю»: a formula moved on is no work done
    assert_as_labelled("probe-s9sub-7-otp-noted-remarks-passed", "OTPISKA")


def test_topic_after_a_paper_noun_in_other_wordings():
    assert "OTPISKA" in draft(
        "Здравствуйте! Ваше обращение по вопросу компенсации взноса на капремонт передано для "
        "рассмотрения исполнителю.",
        appeal=FEE,
    )
    assert "OTPISKA" in draft(
        "Здравствуйте! Ваша жалоба о росте платы за капремонт принята в работу.", appeal=FEE
    )
    # after the topic, the answer: not a brush-off
    assert "OTPISKA" not in draft(
        "Здравствуйте! По вопросу о компенсации: собственникам старше 70 лет компенсируют 50 % "
        "взноса на капремонт, заявление принимает МФЦ.",
        appeal=FEE,
    )


# --- REDIRECT: «направлено для …» to no one is a purpose, not a hand-off ----------------------


def test_sent_for_a_purpose_as_labelled():
    assert_as_labelled("probe-s10sub-1-otp-retell-then-sent", "REDIRECT")


def test_sent_for_a_purpose_in_other_wordings():
    assert "REDIRECT" not in draft(
        "Здравствуйте! Обращение направлено для принятия мер.", appeal=ICICLES
    )
    assert "REDIRECT" not in draft(
        "Здравствуйте! Ваше сообщение передано для организации проверки.", appeal=ICICLES
    )
    # a body named after the purpose: still a hand-off
    assert "REDIRECT" in draft(
        "Здравствуйте! Обращение направлено для принятия мер в управляющую компанию «Центр».",
        appeal=ICICLES,
    )


# --- NO_DEADLINE: a day of the month in words; paying is no work -----------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s9sub-7-nd-by-first-of-month",  # «к первому числу следующего месяца»
        "probe-s9ung-5-sum-approx-wrong",  # «их оплатят из фонда капремонта»
        "probe-dev2-red-neg-explain-rule-documents",  # «компенсируют 50 % взноса»
    ],
)
def test_day_of_month_and_payment_as_labelled(case_id):
    assert_as_labelled(case_id, "NO_DEADLINE")


def test_day_of_month_and_payment_in_other_wordings():
    lamp = appeal("Омск, ул. Ленина, 3: во дворе не горит фонарь.")
    assert "NO_DEADLINE" not in draft(
        "Здравствуйте! Фонарь во дворе дома 3 заменят до десятого числа.", appeal=lamp
    )
    assert "NO_DEADLINE" not in draft(
        "Здравствуйте! Стоимость замены фонаря у дома 3 возместят из резервного фонда.",
        appeal=lamp,
    )
    # the same work with no day: still no deadline
    assert "NO_DEADLINE" in draft("Здравствуйте! Фонарь во дворе дома 3 заменят.", appeal=lamp)
