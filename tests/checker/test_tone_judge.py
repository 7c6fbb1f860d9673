"""The learned tone judge (drafter.quality.tone) and its place in the IMPOLITE check."""

from __future__ import annotations

import pytest

from drafter.quality import check
from drafter.quality.tone import JUDGE_MARK, judge_from, tone_judge, without_salutation
from evals import fit_tone_judge


def _impolite(text: str) -> list[str]:
    return [v.message for v in check(text).violations if v.code == "IMPOLITE"]


def test_scores_are_scikit_learns():
    """The standard-library scorer reads the weights as scikit-learn's pipeline does."""
    rows = fit_tone_judge.training_rows()[::8]
    vecs, clf = fit_tone_judge.fit_models(rows)
    judge = judge_from(fit_tone_judge.weights_of(vecs, clf, rows, 0.9))
    texts = [r["reply"] for r in fit_tone_judge.training_rows()[1::40]]
    texts += ["", "Здравствуйте!", "  ", "Ok", "ГБУ «Жилищник»: 5 мая."]
    for text in texts:
        assert judge.score(text) == pytest.approx(
            fit_tone_judge.sklearn_score(vecs, clf, text), abs=1e-4
        ), text


def test_the_shipped_weights_are_what_a_refit_gives():
    assert fit_tone_judge.main([]) == 0


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
    assert not tone_judge().rude(text)
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
