"""The learned judges (drafter.quality.learned) and their places in the IMPOLITE and OTPISKA
checks."""

from __future__ import annotations

import pytest

from drafter.quality import check
from drafter.quality.learned import JUDGE_MARK, MARKS, judge, judge_from, without_salutation
from evals import fit_judges


def _impolite(text: str) -> list[str]:
    return [v.message for v in check(text).violations if v.code == "IMPOLITE"]


@pytest.mark.parametrize("code", ["IMPOLITE", "OTPISKA"])
def test_scores_are_scikit_learns(code):
    """The standard-library scorer reads the weights as scikit-learn's pipeline does."""
    rows = fit_judges.training_rows()[::8]
    vecs, clf = fit_judges.fit_models(rows, code)
    fitted = judge_from(fit_judges.weights_of(vecs, clf, rows, code, 0.9))
    texts = [r["reply"] for r in fit_judges.training_rows()[1::40]]
    texts += ["", "Здравствуйте!", "  ", "Ok", "ГБУ «Жилищник»: 5 мая."]
    for text in texts:
        assert fitted.score(text) == pytest.approx(
            fit_judges.sklearn_score(vecs, clf, text), abs=1e-4
        ), text


def test_the_shipped_weights_are_what_a_refit_gives():
    assert fit_judges.main([]) == 0


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Здравствуйте! Мусор вывезли 3 июня.", "Мусор вывезли 3 июня."),
        ("Уважаемая Анна Петровна! Мусор вывезли.", "Мусор вывезли."),
        ("Анна Петровна, здравствуйте! Яму засыпали.", "Яму засыпали."),
        (
            "Уважаемый пользователь!  Транспортное средство не обнаружено.",
            "Транспортное средство не обнаружено.",
        ),
        ("Мусор вывезли. Здравствуйте!", "Мусор вывезли. Здравствуйте!"),  # not an opening
        ("Спасибо, что уважаете наш труд.", "Спасибо, что уважаете наш труд."),
    ],
)
def test_the_salutation_is_set_aside(text, body):
    assert without_salutation(text) == body


@pytest.mark.parametrize(
    "text",
    [
        # plain facts with no greeting: a judge fitted with the salutation in scored the first
        # two 0.94 and 0.88 — the labelled rude replies mostly lack one
        "Доводчик на двери подъезда дома 40 по ул. Лермонтова заменят 19 января.",
        "Яму на ул. Ленина засыпали 5 мая.",
        "Мусор вывезли 3 июня.",
        "Проблема решена. Освещение работает в штатном режиме.",
        "Ремонт крыши дома 5 по ул. Мира выполнят до 1 июля 2026 года.",
    ],
)
def test_plain_facts_without_a_greeting_are_not_rude(text):
    assert not judge("IMPOLITE").flags(text)
    assert not _impolite(text)


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        # probe-s12fresh-001 and -002 (scored ≥ 0.98): the held-out round, which no rule or judge was fitted on
        (
            (
                "Не надо паниковать и писать везде подряд. Горячую воду в доме 17 по ул. "
                "Волочаевской дадут 14 мая, ремонт на сетях идёт по графику."
            ),
            "Не надо паниковать и писать везде подряд.",
        ),
        (
            (
                "Для тех, кто не в курсе: зимой за отопление платят больше, чем летом, так было "
                "всегда. В ноябре начисление выросло, потому что отопительный сезон начался "
                "15 октября и ноябрь — первый полный месяц."
            ),
            (
                "Для тех, кто не в курсе: зимой за отопление платят больше, чем летом, так было "
                "всегда."
            ),
        ),
    ],
)
def test_the_judge_flags_what_no_rule_names_and_points_at_the_sentence(text, sentence):
    messages = _impolite(text)
    assert len(messages) == 1 and messages[0].startswith(JUDGE_MARK)
    (v,) = [v for v in check(text).violations if v.code == "IMPOLITE"]
    assert text[v.start : v.end] == sentence
    assert v.severity == "blocker"


def test_the_judge_says_nothing_where_a_rule_already_spoke():
    messages = _impolite("Вы что, читать не умеете? Мусор вывезли 3 июня.")
    assert messages and not any(m.startswith(JUDGE_MARK) for m in messages)


def _otpiska(text: str, sources: tuple[str, ...] = ()) -> list[str]:
    return [v.message for v in check(text, sources=sources).violations if v.code == "OTPISKA"]


@pytest.mark.parametrize(
    "text",
    [
        # wordings of no rule's list (written for this test, not from a labelled round); the
        # judge scores each ≥ 0.95 and the reply states nothing checkable
        (
            "Добрый день! Тема благоустройства дворов для нас в приоритете, мы стараемся "
            "сделать город удобнее для каждого жителя."
        ),
        (
            "Здравствуйте! Мы понимаем Ваше беспокойство и разделяем его. Все службы работают "
            "в усиленном режиме."
        ),
    ],
)
def test_the_brush_off_judge_reads_what_no_rule_lists(text):
    messages = _otpiska(text)
    assert len(messages) == 1 and messages[0].startswith(MARKS["OTPISKA"]), messages


@pytest.mark.parametrize(
    "text",
    [
        # a thin report of work done, in the portal's formal style: the judge alone scores it
        # ≥ 0.9 (real replies like it were most of the 1–2 % it flagged), but the reply states
        # something checkable, so the check does not ask it
        (
            "ГКУ «Дирекция по организации дорожного движения» в ответ на Ваше обращение о "
            "неработающем светофоре сообщает, что все необходимые работы по приведению "
            "светофорного объекта в нормативное состояние выполнены. Фотоматериалы прилагаются."
        ),
    ],
)
def test_the_brush_off_judge_is_not_asked_where_the_reply_states_something(text):
    assert judge("OTPISKA").flags(text)  # the judge alone would flag it
    assert not _otpiska(text)


def test_the_brush_off_judge_says_nothing_where_a_rule_already_spoke():
    messages = _otpiska("Здравствуйте! Ваше обращение рассмотрено.")
    assert messages and not any(m.startswith(MARKS["OTPISKA"]) for m in messages)
