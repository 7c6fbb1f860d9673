"""PII_LEAK: private phones, neighbours' flats, full names of other citizens."""

from drafter.domain import Appeal, Channel
from drafter.quality import check

from .conftest import codes, real, spans

APPEAL = Appeal(
    text="В подъезде 2 дома 9 по улице Мира течёт крыша, я живу в кв. 41. Мой телефон +7 921 111-22-33.",
    channel=Channel.vk,
    author_name="Анна",
)
HELLO = "Анна, здравствуйте! "


def test_private_mobile_not_in_appeal_is_pii():
    text = HELLO + "Крышу починят до 20 декабря, телефон соседа 8 (911) 234-56-78."
    q = check(text, appeal=APPEAL, generated=False)
    assert spans(q, "PII_LEAK", text) == ["8 (911) 234-56-78"]
    assert not q.passed


def test_citizens_own_phone_is_not_pii():
    text = HELLO + "Мастер позвонит вам по номеру 8 921 111 22 33 до 20 декабря."
    assert "PII_LEAK" not in codes(check(text, appeal=APPEAL, generated=False))


def test_organisation_phone_from_sources_is_not_pii():
    text = HELLO + "Крышу починят до 20 декабря. Диспетчерская: 8-921-555-44-33."
    src = ["Аварийно-диспетчерская служба ООО «ЖКС № 2»: тел. 8 921 555 44 33"]
    assert "PII_LEAK" not in codes(check(text, appeal=APPEAL, sources=src))


def test_neighbours_flat_is_pii():
    text = HELLO + "Протечка идёт из кв. 45 этажом выше, собственника предупредили."
    q = check(text, appeal=APPEAL, generated=False)
    assert spans(q, "PII_LEAK", text) == ["кв. 45"]
    assert "PII_LEAK" not in codes(
        check(HELLO + "В кв. 41 протечки больше нет.", appeal=APPEAL, generated=False)
    )


def test_real_reply_names_a_neighbours_flat():
    # record 3041543: «… по стояку в выше расположенной квартире № 23»
    text, appeal = real(3041543)
    assert spans(check(text, appeal=appeal, generated=False), "PII_LEAK", text) == ["квартире № 23"]


def test_full_name_of_another_citizen_is_pii():
    text = HELLO + "Протечка из квартиры соседа, Иванов Пётр Сергеевич обещал пустить мастера."
    q = check(text, appeal=APPEAL, generated=False)
    assert "Иванов Пётр Сергеевич" in spans(q, "PII_LEAK", text)


def test_official_with_position_is_not_pii():
    # record 2979744: «Сотрудником Администрации Калиниского района Груздевой Ю.А. … проведен осмотр»
    text, appeal = real(2979744)
    assert "Груздевой Ю.А." in text
    assert "PII_LEAK" not in codes(check(text, appeal=appeal, generated=False))


def test_street_named_after_a_person_is_not_pii():
    text = HELLO + "Крышу дома 9 на улице Николая Рубцова починят до 20 декабря."
    assert "PII_LEAK" not in codes(check(text, appeal=APPEAL, generated=False))


def test_author_name_is_not_pii():
    appeal = APPEAL.model_copy(update={"author_name": "Анна Сергеевна Петрова"})
    text = "Анна Сергеевна Петрова, здравствуйте! Крышу починят до 20 декабря."
    assert "PII_LEAK" not in codes(check(text, appeal=appeal, generated=False))
