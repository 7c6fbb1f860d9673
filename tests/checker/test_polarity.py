"""A reply sentence that restates a source sentence the other way round (drafter.quality.polarity):
each case labelled by reading — the pair says the opposite, or the same in other words."""

import pytest

from drafter.domain import Appeal, Channel
from drafter.quality import check
from drafter.quality.polarity import reversals

TURNED = [
    # measure (A), spb-3129559: the facts say the owner broke the rules
    (
        (
            "В связи с тем, что собственником инженерного и технического оборудования допущены "
            "нарушения Правил благоустройства территории Санкт-Петербурга, он был привлечен к "
            "административной ответственности."
        ),
        (
            "Оборудование собственника на фасаде было установлено согласно Правил благоустройства "
            "территории Санкт-Петербурга."
        ),
    ),
    (
        (
            "В результате обследования установлено, что горячая вода поставляется надлежащего "
            "качества, без запаха и примесей."
        ),
        (
            "В результате обследования установлено, что горячая вода поставляется с запахом и "
            "примесями."
        ),
    ),
    (
        "Протечка кровли над квартирой 12 не устранена, работы запланированы на май 2021 года.",
        "Протечка кровли над квартирой 12 устранена, работы запланированы на май 2021 года.",
    ),
    (
        "Информация, указанная в Вашем сообщении, подтвердилась при выезде на место.",
        "Информация, указанная в Вашем сообщении, не подтвердилась при выезде на место.",
    ),
    (
        "Освещение во дворе дома 7 отсутствует из-за обрыва кабеля.",
        "Освещение во дворе дома 7 восстановлено после обрыва кабеля.",
    ),
    (
        "Контейнерная площадка у дома 3 убрана, мусор вывезен без задержек.",
        "Контейнерная площадка у дома 3 не убрана, мусор вывезен без задержек.",
    ),
]

SAME = [
    ("Нарушений не выявлено при осмотре подъезда.", "При осмотре подъезда нарушений нет."),
    (
        "Нарушение устранено силами управляющей компании.",
        "Проблема устранена силами управляющей компании.",
    ),
    (
        "Горячая вода поставляется без запаха и примесей, надлежащего качества.",
        "Горячая вода надлежащего качества не имеет запаха и примесей.",
    ),
    (
        (
            "В связи с тем, что собственником оборудования допущены нарушения Правил "
            "благоустройства, он был привлечен к административной ответственности."
        ),
        (
            "Собственник оборудования был привлечен к административной ответственности за "
            "нарушение Правил благоустройства."
        ),
    ),
    (
        (
            "Работы по ремонту кровли не выполнены из-за погодных условий и будут выполнены до "
            "30 апреля."
        ),
        "Ремонт кровли будет выполнен до 30 апреля, работы не выполнены из-за погоды.",
    ),
    (
        "Подрядная организация заменила светильник у подъезда 2, освещение работает.",
        "Светильник у подъезда 2 заменён подрядной организацией, освещение работает.",
    ),
    # measure (A), spb-3174344: the same negations, a word less between them
    (
        (
            "В указанном Вами месте отсутствуют бордюрные камни, а иная категория, подходящая "
            "для размещения указанной проблемы, на портале отсутствует."
        ),
        (
            "В указанном месте отсутствуют бордюрные камни, а иная категория, подходящая для "
            "размещения указанной проблемы, на портале отсутствует."
        ),
    ),
    # not a restatement: too few words in common, nothing is compared
    ("Яму на дороге не засыпали.", "Спасибо за обращение, мы ценим вашу помощь."),
]


@pytest.mark.parametrize(("source", "reply"), TURNED)
def test_a_sentence_said_the_other_way_round_is_found(source: str, reply: str) -> None:
    found = reversals(reply, [source])
    assert len(found) == 1, reply
    assert found[0].source_sentence.startswith(source.split()[0])


@pytest.mark.parametrize(("source", "reply"), SAME)
def test_the_same_said_in_other_words_is_not(source: str, reply: str) -> None:
    assert reversals(reply, [source]) == []


def test_the_greeting_is_not_read() -> None:
    greeting = "Информация, указанная в Вашем сообщении, не подтвердилась. "
    source = "Информация, указанная в Вашем сообщении, подтвердилась."
    assert reversals(greeting + "Спасибо.", [source], keep=len(greeting)) == []


def test_the_checker_blocks_a_draft_that_turns_its_source_around() -> None:
    source, reply = TURNED[0]
    appeal = Appeal(text="Уберите кондиционеры с фасада дома 32.", channel=Channel.pos)
    q = check(f"Здравствуйте! {reply}", appeal=appeal, sources=[source], generated=True)
    assert "CONTRADICTION" in {v.code for v in q.violations}
    assert not q.passed
    same = check(f"Здравствуйте! {SAME[3][1]}", appeal=appeal, sources=[SAME[3][0]])
    assert "CONTRADICTION" not in {v.code for v in same.violations}


def test_a_source_sentence_without_content_words_is_skipped() -> None:
    # measure (A), session 8: «№ 12.» among the facts' sentences divided by zero
    source, reply = TURNED[2]
    assert len(reversals(reply, ["Акт № 12.", source])) == 1
