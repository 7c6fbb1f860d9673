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
