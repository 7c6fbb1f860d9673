"""FORMALISM, TEMPLATE, LEGAL_DUMP, HARD_TO_READ."""

from drafter.domain import Appeal, Channel
from drafter.quality import check

from .conftest import codes, real, spans

APPEAL = Appeal(
    text="На Садовой улице у дома 12 третий день не горит фонарь.",
    channel=Channel.vk,
    author_name="Олег",
)
HELLO = "Олег, здравствуйте! "


def test_nastoyashchim_soobshchaem_in_real_reply_is_formalism():
    # record 2966461: «Уважаемый Пользователь! Настоящим сообщаем, что Исполнителем проведены …»
    text, appeal = real(2966461)
    q = check(text, appeal=appeal, generated=False)
    assert "Настоящим сообщаем" in spans(q, "FORMALISM", text)
    assert all(v.severity == "major" for v in q.violations if v.code == "FORMALISM")


def test_formalism_marker_in_any_grammatical_form():
    for form in ("Настоящим сообщаем", "Настоящим сообщаю", "Настоящим сообщается"):
        text = HELLO + f"{form}, что фонарь у дома 12 на Садовой улице заменили 3 декабря."
        assert "FORMALISM" in codes(check(text, appeal=APPEAL, generated=False)), form


def test_formalism_other_markers():
    text = HELLO + "Доводим до Вашего сведения, что в рамках компетенции фонарь заменён."
    q = check(text, appeal=APPEAL, generated=False)
    assert {s.lower() for s in spans(q, "FORMALISM", text)} == {
        "доводим до вашего сведения",
        "в рамках компетенции",
    }


def test_verbal_noun_chain_is_formalism():
    text = HELLO + "Запланировано осуществление проведения обследования опоры до 20 декабря."
    q = check(text, appeal=APPEAL, generated=False)
    assert "осуществление проведения обследования" in spans(q, "FORMALISM", text)


def test_plain_reply_has_no_formalism():
    text = HELLO + "Фонарь у дома 12 на Садовой улице заменили 3 декабря, теперь он горит."
    assert "FORMALISM" not in codes(check(text, appeal=APPEAL, generated=False))


def test_real_stock_apology_is_template():
    # record 2960487: «Приносим извинения за доставленные неудобства!»
    text, appeal = real(2960487)
    q = check(text, appeal=appeal, generated=False)
    assert "Приносим извинения за доставленные неудобства" in spans(q, "TEMPLATE", text)
    assert {v.severity for v in q.violations if v.code == "TEMPLATE"} == {"minor"}


def test_template_civic_position():
    text = HELLO + "Благодарим за активную гражданскую позицию! Фонарь заменим до 20 декабря."
    assert "TEMPLATE" in codes(check(text, appeal=APPEAL, generated=False))
    assert "TEMPLATE" not in codes(
        check(HELLO + "Фонарь заменим до 20 декабря.", appeal=APPEAL, generated=False)
    )


def test_full_title_of_a_standard_is_legal_dump():
    # record 3162240: ГОСТ Р 50597-17 «Дороги автомобильные и улицы. Требования к …» quoted in full
    text, appeal = real(3162240)
    q = check(text, appeal=appeal, generated=False)
    assert any(s.startswith("ГОСТ Р 50597-17 «Дороги") for s in spans(q, "LEGAL_DUMP", text))


def test_act_with_date_number_and_short_title_is_legal_dump():
    # record 2973415: «Закона Санкт-Петербурга от 31.05.2010 № 273-70 «Об административных
    # правонарушениях в Санкт-Петербурге»» — four words of title, but the full requisites
    text, appeal = real(2973415)
    q = check(text, appeal=appeal, generated=False)
    (span,) = spans(q, "LEGAL_DUMP", text)
    assert span.startswith("Закона Санкт-Петербурга от 31.05.2010")
    assert span.endswith("в Санкт-Петербурге»")


def test_act_with_number_but_no_title_is_not_legal_dump():
    text = HELLO + (
        "По закону Санкт-Петербурга от 31.05.2010 № 273-70 за брошенную машину штрафуют, "
        "машину у дома 3 осмотрят до 20 декабря."
    )
    assert "LEGAL_DUMP" not in codes(check(text, appeal=APPEAL, generated=False))


def test_act_named_in_full_with_a_defined_abbreviation_is_legal_dump():
    # record 3129559: «Кодекса об административных правонарушениях Российской Федерации
    # (далее - КоАП РФ)»
    text, appeal = real(3129559)
    q = check(text, appeal=appeal, generated=False)
    (span,) = spans(q, "LEGAL_DUMP", text)
    assert span.endswith("(далее - КоАП РФ)")


def test_a_pile_of_articles_is_legal_dump():
    # record 3136610: «в соответствии со статьями 44, 45, 46 Жилищного кодекса …», then more
    text, appeal = real(3136610)
    assert "LEGAL_DUMP" in codes(check(text, appeal=appeal, generated=False))
    one = HELLO + "По статье 161 ЖК РФ двор убирает управляющая компания, уберут до 20 декабря."
    assert "LEGAL_DUMP" not in codes(check(one, appeal=APPEAL, generated=False))


def test_many_acts_is_legal_dump():
    text = HELLO + (
        "Согласно ПП РФ № 354, ПП РФ № 491, ФЗ-59 и постановлению Госстроя № 170 фонарь заменят."
    )
    assert "LEGAL_DUMP" in codes(check(text, appeal=APPEAL, generated=False))


def test_norm_named_briefly_is_not_legal_dump():
    text = HELLO + "По правилам содержания дорог (п. 5.2.4) такой дефект устраняют за 5 суток."
    assert "LEGAL_DUMP" not in codes(check(text, appeal=APPEAL, generated=False))


def test_long_sentence_is_hard_to_read():
    long = (
        "Сообщаем, что в связи с поступившим обращением, рассмотренным специалистами отдела, "
        "ответственного за содержание сетей наружного освещения, расположенных на территории района, "
        "была проведена проверка работоспособности светильников, установленных вдоль Садовой улицы у "
        "дома 12, по результатам которой принято решение о замене."
    )
    q = check(HELLO + long, appeal=APPEAL, generated=False)
    assert "HARD_TO_READ" in codes(q)
    assert {v.severity for v in q.violations if v.code == "HARD_TO_READ"} == {"minor"}


def test_real_legal_reply_has_long_sentences():
    # record 2971811: quotes of КоАП РФ, sentences of 40+ words
    text, appeal = real(2971811)
    assert len(spans(check(text, appeal=appeal, generated=False), "HARD_TO_READ", text)) >= 3


def test_social_reply_over_the_channel_limit_is_hard_to_read():
    sentence = "Фонарь у дома 12 заменят до 20 декабря. "
    text = HELLO + sentence * 8
    q = check(text, appeal=APPEAL, generated=False)
    assert any("Слишком длинно" in v.message for v in q.violations if v.code == "HARD_TO_READ")
    # the same text is fine for a written letter
    letter = APPEAL.model_copy(update={"channel": Channel.letter})
    q2 = check(text, appeal=letter, generated=False)
    assert not any("Слишком длинно" in v.message for v in q2.violations)


def test_short_plain_reply_is_not_hard_to_read():
    text = HELLO + "Фонарь у дома 12 заменят до 20 декабря."
    assert "HARD_TO_READ" not in codes(check(text, appeal=APPEAL, generated=False))
