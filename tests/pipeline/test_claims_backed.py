"""A claim of work done in a reply written from the executor's facts stands only when the facts
say that work was done; the appeal asks for work, it does not report it. Cases from measure (A)
(session 8) and near misses, labelled by reading."""

from __future__ import annotations

import pytest

from drafter.claims import work_verbs
from drafter.grounding import Source
from drafter.pipeline_grounding import claim_backed

CASES = [
    (  # spb-3144878: the court ordered the removal; nobody said it was done
        "В результате мы удалили самовольно установленную конструкцию в квартирах 203, 204, 205.",
        (
            "Управляющей организацией подано исковое заявление в суд об обязании собственников "
            "кв. 203, 204, 205 демонтировать самовольно установленную конструкцию. Иск удовлетворен."
        ),
        "Самозахват общего имущества кв. 203, 204, 205, решение суда не предоставлено.",
        False,
    ),
    (  # spb-3149797: the appeal retold as the agency's finding, where the facts say «не установлен»
        (
            "Мы выяснили, что в дневное время женщина торговала с переносного столика возле "
            "перехода у метро."
        ),
        "Проведен осмотр территории. Факт несанкционированной торговли не установлен.",
        "В дневное время женщина торговала с переносного столика возле перехода у метро.",
        False,
    ),
    # (reply sentence, executor's facts, appeal, backed?)
    (  # spb-3167704: the net the citizen asked for was never said to be up
        "Мы уже провели качественную очистку и установили сетку-рабицу на опору.",
        (
            "По данному адресу нарушения устранены, рекламная конструкция находится в "
            "удовлетворительном состоянии."
        ),
        (
            "Требуется произвести работы по качественной очистке рекламной конструкции. Неужели на "
            "опору нельзя установить сетку-рабицу?"
        ),
        False,
    ),
    (  # spb-3121048: «диагностика» and a new section, from the appeal's «сломана секция»
        "Проведена диагностика и установлена нижняя секция водосточной трубы дома 9.",
        "Повреждения водосточной трубы дома 9 устранены.",
        "Между 1 и 2 парадной сломана нижняя секция водосточной трубы дома 9.",
        False,
    ),
    (  # the facts' work in the reader's words
        "Мы уже выполнили работы по очистке трубы водоотведения, гидрозатвор восстановлен.",
        "Выполнены работы по очистке трубы водоотведения, гидрозатвор восстановлен.",
        "Из слива в ванной пахнет канализацией.",
        True,
    ),
    (  # «установили, что … не установлен»: the finding is the facts'
        (
            "Мы провели осмотр территории и установили, что факт несанкционированной торговли не "
            "установлен."
        ),
        (
            "Сотрудником администрации проведен осмотр территории. Факт несанкционированной торговли "
            "не установлен."
        ),
        "Возле метро торгуют с переносного столика.",
        True,
    ),
    (  # a word of work only the appeal has, in a claim otherwise the facts'
        "Управляющая компания заменила и покрасила почтовые ящики в парадной 3.",
        "Управляющая компания заменила почтовые ящики в парадной 3.",
        "В парадной 3 сломаны почтовые ящики, их надо заменить и покрасить.",
        False,
    ),
]


@pytest.mark.parametrize(("sentence", "facts", "appeal", "backed"), CASES)
def test_the_work_reported_done_must_be_the_executors(sentence, facts, appeal, backed):
    known = [Source("facts", facts, "facts"), Source("appeal", appeal, "appeal")]
    assert claim_backed(sentence, known) is backed


def test_without_the_executors_facts_the_words_alone_decide():
    appeal = "Во дворе дома 5 не убран снег, прошу убрать снег во дворе дома 5."
    known = [Source("appeal", appeal, "appeal")]
    assert claim_backed("Снег во дворе дома 5 убран.", known)


def test_work_verbs_skip_what_is_negated_or_quoted():
    assert work_verbs("Трубу не заменили, «покрасили» стену.") == frozenset()
    assert work_verbs("Трубу заменили, стена покрашена.") == {"заменить", "покрасить"}
