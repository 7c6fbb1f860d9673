"""Session 12: OTPISKA, REDIRECT, NO_DEADLINE (the eighth pass). REDIRECT — the citizen told to
call an emergency number (101 … 112) or to «сообщите / вызывайте» another service, with nothing
done; NO_DEADLINE — «в рабочем порядке» is vague timing (and a formula inside a promise of named
work at a named place is no brush-off), a vague clause beside a dated one is still undated, «к
началу отопительного сезона» and «во втором квартале этого года» are whens, a promise that hangs
on an undated finding of ours is still undated, what follows the citizen's own call is no
promise; OTPISKA — «о решении Вам сообщат» at the end is no announced-but-missing answer. Each
rule was fitted on the fresh labelled dev rounds ``probe-s12sub-1-*`` / ``-2-*`` (committed
before the checker ran on them) and is held here by labelled cases and other wordings."""

from __future__ import annotations

import pytest

from drafter.domain import Appeal, Channel
from tests.checker.test_labelled_rules import assert_as_labelled, draft


def appeal(text: str) -> Appeal:
    return Appeal(text=text, channel=Channel.vk)


NOISE = appeal("Курск, ул. Ленина, 60, кв. 14: соседи каждую ночь шумят.")
GAS = appeal("Томск, ул. Красноармейская, 101: в подъезде пахнет газом.")
ROOF = appeal("Киров, ул. Лесная, 12, кв. 45: течёт крыша.")

# --- REDIRECT: an emergency number or «сообщите в …» with nothing done ----------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s11sub-3-red-police-call",  # «Сообщите о нарушении по телефону 102.»
        "probe-s12sub-1-red-noise-police-call-102",  # «Звоните 102.»
        "probe-s12sub-1-red-fire-burning-call-101",  # «сообщайте в пожарную охрану по 101»
        "probe-s12sub-1-red-person-unconscious-call-103",  # «вызывайте скорую по номеру 103»
        # the agency's own work beside the number: advice
        "probe-s12sub-1-neg-red-gas-crew-came-call-if-again",
        "probe-red-neg-emergency-plus-action",
        "probe-dev2-red-neg-emergency-first-then-us",
    ],
)
def test_emergency_number_as_labelled(case_id):
    assert_as_labelled(case_id, "REDIRECT")


def test_emergency_number_in_other_wordings():
    for reply in (
        "Здравствуйте! Шум ночью — повод позвонить по номеру 112.",
        "Вызывайте наряд полиции по телефону 102.",
        "Здравствуйте! О подобных нарушениях сообщайте в дежурную часть.",
    ):
        assert "REDIRECT" in draft(reply, appeal=NOISE), reply
    for reply in (
        (
            "Здравствуйте! Участковый 12 мая побеседовал с соседями из кв. 15, составлен протокол. "
            "Если шум повторится ночью, звоните 102."
        ),
        "Здравствуйте! Сообщите, пожалуйста, номер квартиры, откуда слышен шум.",
    ):
        assert "REDIRECT" not in draft(reply, appeal=NOISE), reply


# --- NO_DEADLINE ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s11sub-3-nd-lift-working-order",  # «будет решена в рабочем порядке»
        "probe-s12sub-1-neg-lift-finding-working-order",
        "probe-s12sub-1-neg-working-order-after-dated-part",  # a vague clause beside a dated one
        "probe-s12sub-1-nd-conditional-only-undated",  # «Если течь подтвердится, … заменят.»
        "probe-dev2-nd-dated-check-undated-fix",  # the check dated: the fix follows it
        "probe-s12sub-1-nd-neg-by-heating-start",  # «к началу отопительного сезона»
        "probe-s12sub-1-nd-neg-quarter-this-year",  # «во втором квартале этого года»
        "probe-s12sub-1-nd-after-snow-melt",  # «после схода снега»: still no date
        "probe-s12sub-1-neg-red-asked-where-night-noise",  # «звоните 102: наряд приедет»
        "probe-dev8-sub-otp-deserves-attention",  # «будет рассмотрено в рабочем порядке»
    ],
)
def test_no_deadline_as_labelled(case_id):
    assert_as_labelled(case_id, "NO_DEADLINE")


def test_no_deadline_in_other_wordings():
    for reply in (
        (
            "Здравствуйте! Кровлю над квартирой 45 дома 12 по ул. Лесной отремонтируют в рабочем "
            "порядке."
        ),
        "Здравствуйте! Желоб над кв. 45 прочистят 15 мая, кровлю отремонтируют в ближайшее время.",
        "Здравствуйте! В случае выявления протечки кровлю над квартирой 45 отремонтируют.",
    ):
        assert "NO_DEADLINE" in draft(reply, appeal=ROOF), reply
    for reply in (
        (
            "Здравствуйте! Кровлю над квартирой 45 дома 12 по ул. Лесной отремонтируют до окончания "
            "учебного года."
        ),
        "Здравствуйте! Кровлю над квартирой 45 отремонтируют в первом полугодии следующего года.",
        (
            "Здравствуйте! Мастер осмотрит кровлю 20 мая. Если протечка подтвердится, кровлю "
            "отремонтируют."
        ),
        "Здравствуйте! Ваше обращение заслуживает внимания и будет рассмотрено в рабочем порядке.",
    ):
        assert "NO_DEADLINE" not in draft(reply, appeal=ROOF), reply


# --- OTPISKA --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s12sub-1-nd-working-order-roof-leak",  # named work at a named place: not a formula
        "probe-s12sub-1-otp-specialists-on-topic-wait",
        "probe-s12sub-1-otp-appeal-worked-out",
    ],
)
def test_otpiska_as_labelled(case_id):
    assert_as_labelled(case_id, "OTPISKA")


def test_later_answer_is_no_announcement():
    reply = "Здравствуйте! Кровлю над кв. 45 осмотрит комиссия 20 мая, о её решении Вам сообщат."
    assert "OTPISKA" not in draft(reply, appeal=ROOF)
    assert "OTPISKA" in draft("Рассмотрев Ваше обращение, сообщаем следующее.", appeal=ROOF)
    assert "OTPISKA" in draft("Протечка будет устранена в рабочем порядке.", appeal=ROOF)


# --- round 2: litotes, thanks only, «мы занимаемся», «вам нужно в …», «не к X, а к Y», a
# refusal's reason ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s12sub-2-otp-signal-not-unattended",  # «не остался без внимания»
        "probe-s10sub-2-otp-not-left-unattended-owners",
        "probe-s11sub-2-otp-no-reaction-left",  # «не останется без реакции»
        "probe-s12sub-2-otp-active-civic-stance",  # thanks and nothing else
        "probe-s12sub-2-otp-we-deal-with-it",  # «Мы занимаемся этим вопросом»: ours, not whose
        "probe-s12sub-2-red-you-need-housing-inspection",  # a redirect, not a brush-off
        "probe-s12sub-2-neg-short-sorry-cleaned-today",
    ],
)
def test_otpiska_round2_as_labelled(case_id):
    assert_as_labelled(case_id, "OTPISKA")


def test_litotes_and_thanks_in_other_wordings():
    for reply in (
        "Здравствуйте! Ваше обращение не останется без ответа.",
        "Спасибо за Ваше обращение! Благодарим за неравнодушие.",
    ):
        assert "OTPISKA" in draft(reply, appeal=NOISE), reply
    for reply in (
        "Спасибо за сигнал! Участковый побеседовал с соседями из квартиры 15.",
        "Спасибо, что сообщили: с соседями побеседовал участковый, шум прекратился.",
    ):
        assert "OTPISKA" not in draft(reply, appeal=NOISE), reply


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s12sub-2-red-you-need-housing-inspection",  # «Вам нужно в ГЖИ.»
        "probe-s12sub-2-red-not-administration-developer",  # «не к администрации, а к …»
        "probe-s12sub-2-otp-we-deal-with-it",  # «Мы занимаемся этим вопросом»
    ],
)
def test_redirect_round2_as_labelled(case_id):
    assert_as_labelled(case_id, "REDIRECT")


def test_redirect_round2_in_other_wordings():
    for reply in (
        "Здравствуйте! Вам надо к участковому уполномоченному.",
        "Это вопрос не к нам, а к управляющей компании.",
    ):
        assert "REDIRECT" in draft(reply, appeal=NOISE), reply
    for reply in (
        "Здравствуйте! Мы занимаемся этим вопросом: участковый придёт к соседям 16 мая.",
        "Здравствуйте! Вам нужно в течение недели передать показания счётчика.",
    ):
        assert "REDIRECT" not in draft(reply, appeal=NOISE), reply


def test_refusal_reason_is_no_promise():
    assert_as_labelled("probe-s12sub-2-neg-refusal-tree-over-heating-main", "NO_DEADLINE")
    reply = "Здравствуйте! Перенести контейнеры к дому 12 нельзя: машины повредят газон."
    assert "NO_DEADLINE" not in draft(reply, appeal=ROOF)


# --- OTPISKA: a brush-off dressed in a law citation (session 12, the lead) --------------------
# Fitted on the held-out round probe-s12fresh-* after it had been measured once (its figures
# before the rule are in evals/checker_validity.md); the never-seen round is probe-s12fresh2-*.


@pytest.mark.parametrize(
    "case_id",
    [
        # «В соответствии со статьёй 10 Федерального закона от 02.05.2006 № 59-ФЗ … Ваше
        # обращение рассмотрено по существу»: the law's article and date, nothing of the paint
        "probe-s12fresh-091-otp-59fz-considered-on-merits-sourced",
        "probe-s12fresh-106-otp-law-dump-roads",
        "probe-s12fresh-118-otp-housing-code-burden",
        # a period beside the law is still the case's: when the citizen hears back
        "probe-s8prec5-forwarded-ministry-59fz",
    ],
)
def test_a_law_citation_names_the_law_not_the_case(case_id):
    assert_as_labelled(case_id, "OTPISKA")


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        (
            (
                "Сообщаем, что согласно постановлению Правительства РФ от 13.08.2006 № 491 "
                "собственники несут бремя содержания общего имущества."
            ),
            True,
        ),
        # the appeal's own word in the citing sentence ties it to the case
        (
            (
                "Согласно постановлению Правительства РФ от 13.08.2006 № 491 кровлю над квартирой 45 "
                "отремонтирует управляющая компания до 20 мая."
            ),
            False,
        ),
    ],
)
def test_law_citation_wordings(text, flagged):
    codes = draft(text, appeal=ROOF)
    assert ("OTPISKA" in codes) == flagged, codes
