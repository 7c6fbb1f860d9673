"""Session 11: OTPISKA, REDIRECT, NO_DEADLINE (the seventh pass). OTPISKA by structure — no
sentence of the reply names anything of the case (a word of the appeal, a thing, a number, a
name, a finding) or reports something done to a thing; REDIRECT precision — «обратите внимание»
is no «обратитесь», the agency's own dispatcher and advice for next time after its own check
are no hand-off, a request to no body and the answer sent by post are no forwarding; «за
пределами полномочий» is «не в компетенции»; NO_DEADLINE — a process promise («будет
организовано реагирование») is no work, a weekday is a when. Each rule was fitted on the fresh
labelled dev rounds ``probe-s11sub-1-*`` / ``-2-*`` (committed before the checker ran on them) and
is held here by labelled cases and other wordings it must flag or leave."""

from __future__ import annotations

import pytest

from drafter.domain import Appeal, Channel
from tests.checker.test_labelled_rules import assert_as_labelled, draft


def appeal(text: str) -> Appeal:
    return Appeal(text=text, channel=Channel.vk)


CANTEEN = appeal("Элиста, ул. Ленина, 249: в школьной столовой детей кормят холодной едой.")
ADS = appeal("Реклама на опоре освещения у дома 5, уберите.")
COLD = appeal("Челябинск, ул. Мира, 4: в квартире холодно, батареи еле тёплые.")

# --- OTPISKA: nothing of the case in any sentence ------------------------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s11sub-1-otp-proper-conclusions",  # «сделало надлежащие выводы из ситуации»
        "probe-s11sub-1-otp-requests-to-services",  # no longer taken for a hand-off
        "probe-s10sub-2-otp-answer-by-post",  # «Ответ … будет направлен почтой»
        "probe-s10sub-2-otp-request-sent-will-be-solved",  # «Направлен запрос, …»
        # something of the case named or done: an answer
        "probe-s11sub-1-neg-portal-bins-emptied",  # «Мусор … вывезен.»
        "probe-s11sub-2-neg-portal-graffiti-painted",  # «Надписи на фасаде закрашены.»
        "probe-s11sub-2-neg-portal-wire-tied",  # «Провод подвязан, опасности нет.»
        "probe-s11sub-2-neg-ask-entrance-number",  # asks what is missing
    ],
)
def test_nothing_of_the_case_as_labelled(case_id):
    assert_as_labelled(case_id, "OTPISKA")


def test_nothing_of_the_case_in_other_wordings():
    for reply in (
        "Здравствуйте! Руководство учреждения сделало надлежащие выводы из произошедшего.",
        "Добрый день! Обозначенная Вами проблематика находится в зоне пристального внимания.",
        "Здравствуйте! Разбираемся. Отпишемся по итогам.",
    ):
        assert "OTPISKA" in draft(reply, appeal=CANTEEN), reply
    for reply in (
        # a thing of the appeal, a thing done, a number, a request for details: not nothing
        "Здравствуйте! Повару сделано замечание, еду в столовой теперь подают горячей.",
        "Здравствуйте! Мармит в столовой заменили, блюда подают при 65 градусах.",
        "Здравствуйте! Уточните, пожалуйста, номер школы, чтобы мы проверили столовую.",
    ):
        assert "OTPISKA" not in draft(reply, appeal=CANTEEN), reply
    for reply in (
        # real portal results in verbs no list holds: something was done to a thing
        "Уважаемый пользователь! Объявление удалено.",
        "Объявления сняты.",
        (
            "Уважаемый Пользователь!Настоящим сообщаем, что проведены мероприятия по "
            "освобождению опоры от незаконной рекламы."
        ),
    ):
        assert "OTPISKA" not in draft(reply, appeal=ADS), reply


# --- REDIRECT: a note, our own dispatcher, advice for next time, a request asked ------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s11sub-1-neg-note-readings-recalc",  # «Обратите внимание: в ноябре …»
        "probe-s10imp-3-neg-attention-two-lines-syzran",  # «Обратите внимание: в квитанции …»
        "probe-s8judge1-neg-measured-normal-chelyabinsk",  # «Если станет холоднее, позвоните»
        "probe-s9imp-3-neg-refusal-recalc-rule-omsk",
        "probe-s11sub-2-neg-uk-how-call-plumber",  # «позвоните в нашу диспетчерскую»
        "probe-s11sub-1-otp-requests-to-services",  # «направлены запросы в … службы»
        "probe-s10sub-2-otp-answer-by-post",
        "probe-s11sub-1-red-beyond-powers",  # «за пределами полномочий»: a hand-off
        "probe-dev3-red-not-our-competence",  # «не входит в нашу компетенцию» still is
        "probe-dev2-red-call-uk-dispatch",  # «звоните в диспетчерскую службу вашей УК»
    ],
)
def test_redirect_as_labelled(case_id):
    assert_as_labelled(case_id, "REDIRECT")


def test_redirect_in_other_wordings():
    for reply in (
        "Здравствуйте! Обратите внимание: отопление в доме 4 включили 1 октября.",
        "Здравствуйте! Обращаем Ваше внимание, что батареи в доме промыли 3 сентября.",
        (
            "Здравствуйте! 5 ноября мастер замерил в квартире +21 градус, это норма. Если "
            "батареи снова остынут, позвоните в диспетчерскую."
        ),
        "Здравствуйте! Для вызова мастера позвоните в нашу диспетчерскую, он придёт в тот же день.",
    ):
        assert "REDIRECT" not in draft(reply, appeal=COLD), reply
    for reply in (
        "Здравствуйте! Обратитесь в управляющую компанию.",
        "Здравствуйте! Если батареи холодные, звоните в управляющую компанию.",
        # a condition on the citizen, not the problem coming back: still sent on
        (
            "Здравствуйте! 5 ноября мастер замерил в квартире +21 градус. В случае, если Вы не "
            "согласны, Вы можете обратиться в жилищную инспекцию."
        ),
        "Здравствуйте! Вопрос находится вне компетенции администрации района.",
        # a right on a condition after a rule explained is ``_a_right``'s, not advice
        (
            "Здравствуйте! Дом 4 не является многоквартирным. В случае если заинтересованное "
            "лицо полагает, что его права нарушены, такое лицо вправе обратиться в суд."
        ),
    ):
        assert "REDIRECT" in draft(reply, appeal=COLD), reply


# --- NO_DEADLINE: a process promise is no work; a weekday is a when --------------------------


@pytest.mark.parametrize(
    "case_id",
    [
        "probe-s11sub-1-otp-reaction-will-be-organised",  # «организовано … реагирование»
        "probe-s9sub-6-otp-appropriate-response",
        "probe-s11sub-1-neg-nd-by-friday",  # «к пятнице»
        "probe-dev2-otp-will-be-checked-result-later",  # an inspection is work: flagged
        # the older convention, labels fixed this session: the problem promised fixed, no date
        "probe-s9sub-1-otp-aware-will-fix",
        "probe-s9sub-2-otp-queue",
        "probe-s10sub-2-otp-in-order-of-priority",
    ],
)
def test_no_deadline_as_labelled(case_id):
    assert_as_labelled(case_id, "NO_DEADLINE")


def test_no_deadline_in_other_wordings():
    for reply in (
        "Здравствуйте! Будет обеспечено надлежащее взаимодействие служб.",
        "Здравствуйте! Батареи в доме 4 промоют в четверг.",
        "Здравствуйте! Батареи в доме 4 промоют до среды.",
    ):
        assert "NO_DEADLINE" not in draft(reply, appeal=COLD), reply
    for reply in (
        "Здравствуйте! Батареи в доме 4 промоют.",
        "Здравствуйте! Будет организована проверка температуры в квартире.",
        "Здравствуйте! Ситуация будет исправлена.",
    ):
        assert "NO_DEADLINE" in draft(reply, appeal=COLD), reply
