"""Putting back what a generated reply lost of the executor's facts (restore_lost_facts)."""

from __future__ import annotations

import pytest

from drafter.executor_facts import (
    drop_own_sentences,
    drop_restated,
    fact_sentences,
    is_letter_apparatus,
    lost_facts,
    mend_copied_words,
    plain_reply,
    put_back_reversed,
    put_back_undone,
    restore_lost_facts,
)
from drafter.removals import replaced_by_facts

HELLO = "Здравствуйте!"
# a pasted official letter, as the city portal's replies read (spb-3121048's shape)
LETTER = (
    "Рассмотрев Ваше сообщение от 28.01.2021 № 3171179, сообщаем следующее: повреждения "
    "водосточной трубы по адресу ул. Восстания, д. 37 устранены 2 февраля 2021 г. силами "
    "ООО «ЖКС №2». Сообщаем, что покраска фасада запланирована на май 2021 года."
)


def test_a_reply_that_says_it_less_fully_gives_way_to_the_facts_sentence():
    reply = f"{HELLO} Повреждения водосточной трубы устранены. Спасибо, что сообщили."
    text, restored = restore_lost_facts(reply, LETTER, keep=len(HELLO))
    assert text == (
        f"{HELLO} Повреждения водосточной трубы по адресу ул. Восстания, д. 37 устранены "
        "2 февраля 2021 г. силами ООО «ЖКС №2». Покраска фасада запланирована на май 2021 года. "
        "Спасибо, что сообщили."
    )
    assert [r.replaced for r in restored] == ["Повреждения водосточной трубы устранены.", None]
    assert lost_facts(LETTER, text) == []


def test_a_reply_that_lost_nothing_is_left_as_it_is():
    # in its own words, but with the fix's own verb («устранены»); a plan may become a promise
    reply = (
        f"{HELLO} Повреждения трубы на ул. Восстания, д. 37 устранили 2 февраля 2021 г., работы "
        "вела ООО «ЖКС №2». Фасад покрасят в мае 2021 года."
    )
    assert lost_facts(LETTER, reply) == []
    assert restore_lost_facts(reply, LETTER, keep=len(HELLO)) == (reply, [])
    # another verb for the fix is not taken on trust: «починили» is not what the facts say
    other = reply.replace("устранили", "починили")
    assert lost_facts(LETTER, other) != []


def test_terse_notes_come_back_as_sentences_and_the_greeting_stays_first():
    facts = "яму засыпали 3 декабря; асфальт положат в мае, подрядчик ООО «ДорСервис»"
    reply = f"{HELLO} Яму на вашей улице засыпали."
    text, restored = restore_lost_facts(reply, facts, keep=len(HELLO))
    assert text == (
        f"{HELLO} Яму засыпали 3 декабря. Асфальт положат в мае, подрядчик ООО «ДорСервис»."
    )
    assert len(restored) == 2


def test_a_private_mobile_phone_is_not_put_back():
    facts = "Мастер перезвонит с номера +7 921 555-12-34. Течь устранят до 12 марта."
    reply = f"{HELLO} Течь устранят до 12 марта."
    assert restore_lost_facts(reply, facts, keep=len(HELLO)) == (reply, [])


def test_the_letters_formal_lead_in_does_not_come_back_with_its_fact():
    facts = "Информируем Вас о том, что ремонт кровли включён в план на 2025 год."
    text, _ = restore_lost_facts(f"{HELLO} Кровлю отремонтируем.", facts, keep=len(HELLO))
    assert text == f"{HELLO} Ремонт кровли включён в план на 2025 год."


def test_fact_sentences_drop_the_letters_apparatus_and_keep_what_follows_its_colon():
    assert fact_sentences(LETTER) == [
        (
            "Повреждения водосточной трубы по адресу ул. Восстания, д. 37 устранены 2 февраля "
            "2021 г. силами ООО «ЖКС №2»."
        ),
        "Покраска фасада запланирована на май 2021 года.",
    ]


def test_what_was_done_must_reach_the_reply_as_the_dates_must():
    # spb-3147254 (measure (A)): the letter's one fact is that the work was done
    facts = (
        "Сообщаем, что все необходимые работы на светофоре выполнены. Фотоматериалы прилагаются."
    )
    assert lost_facts(facts, f"{HELLO} Фотоматериалы прилагаются.") == [
        "что сделано «Все необходимые работы на светофоре выполнены»"
    ]
    # said in other words, the work done is carried
    assert lost_facts(facts, f"{HELLO} Все работы на светофоре выполнены.") == []
    text, restored = restore_lost_facts(f"{HELLO} Спасибо, что написали.", facts, keep=len(HELLO))
    assert "Все необходимые работы на светофоре выполнены." in text and len(restored) == 1
    assert text.endswith("Спасибо, что написали.")


def test_a_plan_is_not_work_done_and_is_not_asked_for_as_such():
    facts = "Ремонт кровли включён в план на 2025 год."
    assert lost_facts(facts, f"{HELLO} Кровлю отремонтируют в 2025 году.") == []


def test_the_letters_frame_the_model_copied_goes_and_its_courtesy_stays():
    reply = (
        f"{HELLO} Г.Санкт-Петербург, улица Курчатова, дом 6, литера Б, сообщаем следующее. "
        "Протечка локализована 12.02.2021. Фотоматериалы прилагаются. "
        "Одновременно сообщаем, что вы можете обратиться в УК за перерасчётом. "
        "Приносим извинения за доставленные неудобства!"
    )
    text, dropped = plain_reply(reply, keep=len(HELLO))
    assert text == (
        f"{HELLO} Протечка локализована 12.02.2021. Вы можете обратиться в УК за перерасчётом. "
        "Приносим извинения за доставленные неудобства!"
    )
    assert dropped == [
        "Г.Санкт-Петербург, улица Курчатова, дом 6, литера Б, сообщаем следующее.",
        "Фотоматериалы прилагаются.",
    ]


def test_a_lead_in_that_names_who_did_the_work_stays():
    reply = f"{HELLO} ООО «Эксплуатация ГС-СПб» сообщает, что бордюрный камень восстановлен."
    assert plain_reply(reply, keep=len(HELLO)) == (reply, [])
    # measure (A), spb-3129690: the letter's reference goes, who answers stays
    referenced = (
        f"{HELLO} В ответ на Ваше обращение № 3129690 по вопросу «Неубранный снег» ООО "
        "«Эксплуатация ГС-СПб» сообщает, что замечания устранены."
    )
    assert plain_reply(referenced, keep=len(HELLO))[0] == (
        f"{HELLO} ООО «Эксплуатация ГС-СПб» сообщает, что замечания устранены."
    )
    # lower case after it is not a subject: the sentence stays whole
    odd = f"{HELLO} В ответ на ваше обращение проведена проверка."
    assert plain_reply(odd, keep=len(HELLO)) == (odd, [])


def test_a_lead_in_with_an_address_after_its_colon_is_the_letters_all_the_same():
    # measure (A), spb-3128847: the colon is the address's, the sentence is the letter's frame
    facts = (
        "Рассмотрев Ваше сообщение о размещении оборудования на фасаде дома, расположенного по "
        "адресу:г.Санкт-Петербург, улица Курчатова, дом 6, литера Б, сообщаем следующее.\n"
        "Собственник оборудования привлечен к административной ответственности."
    )
    assert fact_sentences(facts) == [
        "Собственник оборудования привлечен к административной ответственности."
    ]
    assert lost_facts(facts, f"{HELLO} Собственник оборудования привлечен к ответственности.") == []
    reply = f"{HELLO}  Г.Санкт-Петербург, улица Курчатова, дом 6, литера Б, сообщаем следующее."
    assert plain_reply(reply, keep=len(HELLO))[0] == HELLO
    # after a second colon the case goes on
    both = (
        "Рассмотрев обращение по адресу: ул. Мира, д. 3, сообщаем следующее: трубу заменили 3 мая."
    )
    assert fact_sentences(both) == ["Трубу заменили 3 мая."]


def test_a_letters_reference_to_the_appeal_and_its_defined_terms_go():
    # measure (A), spb-3147254 and spb-3128847: who answers and what was done stay
    reply = (
        f"{HELLO} ГКУ «Дирекция по организации дорожного движения» в ответ на Ваше обращение о "
        "недостатках в содержании (в работе) светофорного объекта сообщает, что все работы "
        "выполнены. Постановление вступает в силу по истечении срока обжалования в соответствии "
        "с Кодексом об административных правонарушениях Российской Федерации (далее - КоАП РФ)."
    )
    assert plain_reply(reply, keep=len(HELLO))[0] == (
        f"{HELLO} ГКУ «Дирекция по организации дорожного движения» сообщает, что все работы "
        "выполнены. Постановление вступает в силу по истечении срока обжалования в соответствии "
        "с Кодексом об административных правонарушениях Российской Федерации."
    )
    # without «сообщает» after it, the reference is the sentence's own subject matter: it stays
    kept = f"{HELLO} Проверка в ответ на Ваше обращение проведена 3 мая."
    assert plain_reply(kept, keep=len(HELLO)) == (kept, [])


def test_the_reference_goes_even_with_a_period_inside_it_or_leading_the_sentence():
    # measure (A) n=40, session 7: spb-3147254 «(в том числе его доп. оборудования)» kept the
    # reference alive; spb-3160701 led with «На Ваше обращение № …, поступившее на портал …»
    dotted = (
        f"{HELLO} ГКУ «Дирекция» в ответ на Ваше обращение о светофоре (в том числе его доп. "
        "оборудования) сообщает, что все работы выполнены."
    )
    assert plain_reply(dotted, keep=len(HELLO))[0] == (
        f"{HELLO} ГКУ «Дирекция» сообщает, что все работы выполнены."
    )
    leading = (
        f"{HELLO} На Ваше обращение № 3160701, поступившее на портал «Наш Санкт-Петербург», "
        "ООО «Жилкомсервис №2» сообщает, что в парадной выполнена дезинфекция."
    )
    assert plain_reply(leading, keep=len(HELLO))[0] == (
        f"{HELLO} ООО «Жилкомсервис №2» сообщает, что в парадной выполнена дезинфекция."
    )
    # the appeal as the sentence's own subject, nobody «сообщает»: it stays
    kept = f"{HELLO} На Ваше обращение ответили 3 мая."
    assert plain_reply(kept, keep=len(HELLO)) == (kept, [])


def test_a_letters_pointer_back_reads_as_this():
    # measure (A) n=40, session 7, spb-3127179: «собственника вышеуказанной квартиры»
    reply = (
        f"{HELLO} Радиатор заменил собственник вышеуказанной квартиры. Вышеуказанные работы "
        "выполнены. В вышеизложенном случае нарушений нет."
    )
    assert plain_reply(reply, keep=len(HELLO))[0] == (
        f"{HELLO} Радиатор заменил собственник этой квартиры. Эти работы выполнены. В этом "
        "случае нарушений нет."
    )


def test_a_restored_sentence_comes_back_in_the_readers_words_when_every_fact_survives():
    facts = (
        "На Ваше обращение, поступившее на портал, ООО «ЖКС №2» сообщает, что в доме 102 по "
        "Московскому пр. 5 мая выполнена дезинфекция вышеуказанной парадной."
    )
    text, restored = restore_lost_facts(f"{HELLO} Дезинфекция выполнена.", facts, keep=len(HELLO))
    assert text == (
        f"{HELLO} ООО «ЖКС №2» сообщает, что в доме 102 по Московскому пр. 5 мая выполнена "
        "дезинфекция этой парадной."
    )
    assert lost_facts(facts, text) == []
    assert len(restored) == 1


def test_the_models_copy_of_the_frame_goes_and_what_it_leads_to_stays():
    # measure (A) n=200: spb-3129101, spb-3167462, spb-3144344
    reply = (
        f"{HELLO} Мы уже рассмотрели Ваше сообщение от 11.01.2021 №3129101 по вопросу "
        "«Неудовлетворительное состояние парадной». Мы рассмотрели Ваше сообщение и убедились, "
        "что информация не подтвердилась. Мы уже рассмотрели Ваше обращение и сообщаем, что "
        "лестничная клетка убрана."
    )
    text, dropped = plain_reply(reply, keep=len(HELLO))
    assert text == f"{HELLO} Информация не подтвердилась. Лестничная клетка убрана."
    assert len(dropped) == 1


def test_the_word_that_says_it_was_done_must_reach_the_reply():
    # measure (A) n=200, spb-3121048: the place and the pipe repeated, «устранены» not — the
    # reply said the pipe «сломана», the opposite of the facts
    facts = "Повреждения водосточной трубы дома по адресу: Колпинское ш., д. 9 устранены."
    reply = f"{HELLO} В доме по адресу: Колпинское ш., д. 9 водосточной трубы секция сломана."
    assert lost_facts(facts, reply) == [
        "что сделано «Повреждения водосточной трубы дома по адресу: Колпинское ш., …»"
    ]
    assert (
        lost_facts(facts, f"{HELLO} Трубу на Колпинском ш., д. 9 починили, повреждения устранены.")
        == []
    )


def test_a_letter_wrapped_mid_sentence_is_one_sentence():
    # measure (A) n=200, spb-3153719: «…факты указанные в» went back as a sentence of its own
    facts = (
        "В результате проверки, проведённой ООО «ЖСС», факты указанные в\n"
        "обращении подтверждены.\nДезинсекция выполнена.\nуборка лестниц 5 мая"
    )
    assert fact_sentences(facts) == [
        "В результате проверки, проведённой ООО «ЖСС», факты указанные в обращении подтверждены.",
        "Дезинсекция выполнена.",
        "Уборка лестниц 5 мая.",
    ]


def test_a_leading_reference_runs_to_who_answers_or_to_what_we_say():
    # measure (A) n=200, session 7: 13 of the 22 FORMALISM replies led with such a reference
    for letter, plain in (
        (
            (
                "На Ваше обращение № 3157029 ,поступившее на портал «Наш Санкт-Петербург» ООО «ЖКС "
                "№2» сообщает, что замечание устранено."
            ),
            "ООО «ЖКС №2» сообщает, что замечание устранено.",
        ),
        (
            (
                "На Ваше обращение №3159668 по вопросу Неудовлетворительное состояние окраски фасада "
                "дома ООО УК Сестрорецк сообщает, что замечания устранены."
            ),
            "ООО УК Сестрорецк сообщает, что замечания устранены.",
        ),
        (
            (
                "На Ваше сообщение № 3154983 в категории «Неубранный снег» сообщаем Вам, что "
                "проблема устранена."
            ),
            "Проблема устранена.",
        ),
    ):
        assert plain_reply(f"{HELLO} {letter}", keep=len(HELLO))[0] == f"{HELLO} {plain}"


# spb-3129559 (measure (A)): the facts say the owner broke the rules; the model wrote «согласно»
BREACH = (
    "Информация, указанная в Вашем сообщении, подтвердилась. В связи с тем, что собственником "
    "оборудования допущены нарушения Правил благоустройства территории Санкт-Петербурга, он был "
    "привлечен к административной ответственности."
)


def test_a_sentence_that_says_the_facts_the_other_way_round_gives_way_to_them():
    turned = "Оборудование собственника установлено согласно Правил благоустройства территории."
    reply = f"{HELLO} {turned} Спасибо, что сообщили."
    text, restored = put_back_reversed(reply, BREACH, keep=len(HELLO))
    assert text == (
        f"{HELLO} В связи с тем, что собственником оборудования допущены нарушения Правил "
        "благоустройства территории Санкт-Петербурга, он был привлечен к административной "
        "ответственности. Спасибо, что сообщили."
    )
    assert [r.replaced for r in restored] == [turned]


def test_a_turned_sentence_goes_when_the_reply_already_says_the_facts():
    said = fact_sentences(BREACH)[1]
    reply = f"{HELLO} {said} Оборудование собственника установлено согласно Правил благоустройства."
    text, restored = put_back_reversed(reply, BREACH, keep=len(HELLO))
    assert text == f"{HELLO} {said}"
    assert len(restored) == 1


def test_a_faithful_reply_is_left_as_it_is():
    reply = f"{HELLO} Собственник оборудования привлечен к ответственности за нарушение Правил."
    assert put_back_reversed(reply, BREACH, keep=len(HELLO)) == (reply, [])


@pytest.mark.parametrize(
    ("sentence", "plain"),
    [
        (
            "ООО «ЖКС №2» сообщает следующее: работы по ремонту кровли выполнены 3 февраля.",
            "ООО «ЖКС №2» сообщает: работы по ремонту кровли выполнены 3 февраля.",
        ),
        ("Администрация района сообщает следующее. Работы выполнены.", "Работы выполнены."),
        # measure (A) n=80, spb-3118916 and spb-3150121: the frame ends in «сообщаем.»
        (
            (
                "В ответ на Ваше обращение от 05.01.2021 года № 3118916 по вопросу засора "
                "канализации по адресу: г.Павловск, Песчаный пер., д. 3/5 сообщаем. Течи нет."
            ),
            "Течи нет.",
        ),
        (
            (
                "На Ваше сообщение от 20.01.2021 года в категории «Неубранный снег» сообщаем. "
                "Проблема устранена."
            ),
            "Проблема устранена.",
        ),
        # the appeal's own date and number go with the reference to it
        (
            "На Ваше обращение от 28.01.2021 № 3171179 сообщаем, что протечка устранена.",
            "Протечка устранена.",
        ),
        (
            (
                "На Ваше обращение № 3160701, поступившее на портал 28.01.2021, ООО «ЖКС №2» "
                "сообщает, что протечка устранена."
            ),
            "ООО «ЖКС №2» сообщает, что протечка устранена.",
        ),
        ("По вопросу протечки кровли сообщаем, что протечка устранена.", "Протечка устранена."),
        ("В рамках компетенции сообщаем, что протечка устранена.", "Протечка устранена."),
    ],
)
def test_the_letters_frame_goes_and_no_fact_with_it(sentence, plain):
    text, _ = plain_reply(f"{HELLO} {sentence}", keep=len(HELLO))
    assert text == f"{HELLO} {plain}"
    assert lost_facts(sentence, text) == []


def test_a_date_of_the_case_is_not_the_appeals_own():
    facts = "На Ваше обращение от 28.01.2021 сообщаем, что трубу заменили 2 февраля 2021 г."
    assert lost_facts(facts, "Трубу заменили.")[0] == "дата «2 февраля 2021»"
    assert lost_facts(facts, "Трубу заменили 2 февраля 2021 года.") == []


def test_the_thanks_is_not_taken_for_a_fact():
    facts = "В результате проверки факты, указанные в обращении, подтверждены 3 февраля."
    text, _ = restore_lost_facts(f"{HELLO} Спасибо за обращение.", facts, keep=len(HELLO))
    assert text.startswith(f"{HELLO} В результате проверки факты")
    assert text.endswith("Спасибо за обращение.")


def test_a_sentence_another_says_in_full_goes():
    full = (
        "Собственник оборудования привлечен к административной ответственности по части 1 "
        "статьи 16 Закона Санкт-Петербурга от 31.05.2010 № 273-70 за нарушение Правил."
    )
    again = "Собственник привлечен к административной ответственности по части 1 статьи 16."
    text, gone = drop_restated(f"{HELLO} {full} {again} Спасибо.", keep=len(HELLO))
    assert (text, gone) == (f"{HELLO} {full} Спасибо.", [again])


def test_a_sentence_with_a_fact_of_its_own_stays():
    one = "Осмотр территории проведен, факт торговли на 15.00 26.01.2021 не установлен."
    two = "Сотрудник администрации провел осмотр территории 26.01.2021."
    reply = f"{HELLO} {one} {two}"
    assert drop_restated(reply, keep=len(HELLO)) == (reply, [])


def test_the_same_sentence_twice_stands_once():
    s = "Трубу во дворе дома 5 заменили 3 февраля силами ООО «Водсервис»."
    assert drop_restated(f"{HELLO} {s} {s}", keep=len(HELLO))[0] == f"{HELLO} {s}"


def test_the_trace_says_why_a_sentence_gave_way():
    turned = "Оборудование собственника установлено согласно Правил благоустройства территории."
    _, restored = put_back_reversed(f"{HELLO} {turned}", BREACH, keep=len(HELLO))
    [removal] = replaced_by_facts(restored)
    assert removal.text == turned
    assert removal.reason.startswith("говорило обратное фактам исполнителя")


def test_a_lost_finding_goes_where_the_facts_have_it_not_after_the_closing_advice():
    # spb-3160390's shape: the model left out the finding and spoke of it after («Данные
    # продухи …»); put back last, the finding read after the advice it explains
    facts = (
        "В ходе обследования установлено, что продухи в подвале дома 7 по ул. Садовой открыты. "
        "Продухи будут закрыты утеплёнными щитами до 15 ноября 2021 года. "
        "По вопросу перерасчёта Вы можете обратиться в управляющую компанию."
    )
    reply = (
        f"{HELLO} Продухи будут закрыты утеплёнными щитами до 15 ноября 2021 года. "
        "По вопросу перерасчёта вы можете обратиться в управляющую компанию."
    )
    text, restored = restore_lost_facts(reply, facts, keep=len(HELLO))
    assert text == (
        f"{HELLO} В ходе обследования установлено, что продухи в подвале дома 7 по ул. Садовой "
        "открыты. Продухи будут закрыты утеплёнными щитами до 15 ноября 2021 года. "
        "По вопросу перерасчёта вы можете обратиться в управляющую компанию."
    )
    assert [r.replaced for r in restored] == [None]


def test_a_lost_sentence_follows_the_reply_sentence_of_the_facts_before_it():
    facts = (
        "Яму на ул. Лесной засыпали 3 декабря. Асфальт положат в мае 2025 года. "
        "Работы ведёт ООО «ДорСервис»."
    )
    reply = (
        f"{HELLO} Яму на ул. Лесной засыпали 3 декабря. Работы ведёт ООО «ДорСервис». "
        "Спасибо, что сообщили."
    )
    text, _ = restore_lost_facts(reply, facts, keep=len(HELLO))
    assert text == (
        f"{HELLO} Яму на ул. Лесной засыпали 3 декабря. Асфальт положат в мае 2025 года. "
        "Работы ведёт ООО «ДорСервис». Спасибо, что сообщили."
    )


@pytest.mark.parametrize(
    ("sentence", "frame"),
    [
        ("В ходе проверки установлено следующее.", True),
        ("По результатам выезда выявлено следующее:", True),
        # the inspection's date is a fact: the sentence stays
        ("Обследованием 12.01.2021 установлено следующее:", False),
        ("Установлено, что продухи открыты.", False),
    ],
)
def test_a_sentence_that_only_announces_what_follows_is_the_letters_frame(sentence, frame):
    assert is_letter_apparatus(sentence) is frame


def test_what_follows_sообщаем_следующее_что_is_the_case_and_the_attachments_are_not():
    # spb-3120333: «…, сообщаем следующее, что водоотведение восстановлено …» was all frame, so
    # the model never saw the main fact; spb-3129672: «Приложение: письмо УК, акт, …» came back
    # as a sentence of the reply
    letter = (
        "Уважаемый пользователь! Рассмотрев Ваше сообщение № 3120333 от 06.01.2021 по вопросу "
        "засора канализации, сообщаем следующее, что водоотведение Вашего дома восстановлено, "
        "засор прочищен. Течь устранена. Приложение: письмо УК, акт, фотофиксация, расписка"
    )
    assert fact_sentences(letter) == [
        "Водоотведение Вашего дома восстановлено, засор прочищен.",
        "Течь устранена.",
    ]


@pytest.mark.parametrize(
    ("sentence", "apparatus"),
    [
        ("Письмо УК, акт, фотофиксация, расписка.", True),
        ("Письмо, акт и фотофиксация.", True),
        ("Фотоотчёт и справка.", True),
        ("Справка, акт выполненных работ.", True),  # spb-3151027
        ("Акт осмотра составлен 12.01.2021.", False),
        ("Акт и справка направлены в прокуратуру.", False),
        ("Письмо в ГЖИ.", False),
        ("Управляющая компания сообщает, что трубу заменили.", False),
    ],
)
def test_a_bare_list_of_attachments_is_the_letters_not_the_reply(sentence, apparatus):
    assert is_letter_apparatus(sentence) is apparatus


def test_a_finding_that_something_is_not_so_must_reach_the_reply():
    # spb-3134980: the facts' answer is a negative finding; the reply kept every date and
    # turned it into a plan to check
    facts = (
        "Сотрудником АР 15.01.2021, 18.01.2021 проведен осмотр территории, указанной в "
        "сообщении. Факт несанкционированной торговли по состоянию на 13.20 15.01.2021, на "
        "15.00 18.01.2021 не установлен"
    )
    reply = (
        f"{HELLO} Мы проведём осмотр территории, указанной в сообщении, и проверим факт "
        "несанкционированной торговли по состоянию на 13:20 15.01.2021, на 15:00 18.01.2021."
    )
    assert lost_facts(facts, reply) == [
        "что установлено «Факт несанкционированной торговли по состоянию на 13.20 15.01.2021, …»"
    ]
    text, _ = restore_lost_facts(reply, facts, keep=len(HELLO))
    assert "не установлен" in text and "проверим" not in text
    assert lost_facts(facts, text) == []
    # said in other words with its negation, the finding is carried
    told = (
        f"{HELLO} 15.01.2021 и 18.01.2021 сотрудник АР провел осмотр территории. Несанкционированной "
        "торговли на 13.20 15.01.2021 и 15.00 18.01.2021 не выявлено, факт не подтвердился."
    )
    assert lost_facts(facts, told) == []
    # a finding that something is so is not asked for this way
    found = lost_facts("Факт торговли установлен 15.01.2021.", f"{HELLO} 15.01.2021 торговля.")
    assert not any(x.startswith("что установлено") for x in found)


def test_a_first_sentence_opening_with_a_pronoun_that_points_at_nothing_gives_way():
    from drafter.executor_facts import put_back_dangling

    facts = "Конструкция демонтирована владельцем в добровольном порядке. Фото прилагается."
    reply = f"{HELLO} Она демонтирована владельцем в добровольном порядке."
    text, restored = put_back_dangling(reply, facts, keep=len(HELLO))
    assert text == f"{HELLO} Конструкция демонтирована владельцем в добровольном порядке."
    assert [r.replaced for r in restored] == [
        "Она демонтирована владельцем в добровольном порядке."
    ]
    # after a sentence it can point at, or with nothing in the facts to take its place, it stays
    told = f"{HELLO} Спасибо, что сообщили о конструкции. Она демонтирована владельцем."
    assert put_back_dangling(told, facts, keep=len(HELLO)) == (told, [])
    other = f"{HELLO} Они приедут завтра."
    assert put_back_dangling(other, facts, keep=len(HELLO)) == (other, [])


def test_a_blank_line_before_a_lower_case_word_does_not_cut_a_sentence():
    # spb-3170046: the head «…, ООО «ЖКС №1» сообщает,» went as frame and took who answers
    letter = (
        "Уважаемый пользователь!\r\n\r\nВ ответ на Ваше обращение № 3170046 от 28.01.2021г. по "
        "вопросу уборки, ООО «ЖКС №1 Фрунзенского района» сообщает,\r\n\r\nпо адресу: "
        "Будапештская улица, дом 4, произведена влажная уборка.\r\n\r\nГрафик размещен на стенде."
    )
    sentences = fact_sentences(letter)
    assert any("ЖКС №1 Фрунзенского района" in s and "влажная уборка" in s for s in sentences)
    assert lost_facts(letter, "Здравствуйте! " + " ".join(sentences)) == []


def test_the_citizens_complaint_told_back_in_the_agencys_voice_goes():
    from drafter.executor_facts import drop_retold

    # spb-3158690: the complaint as a statement, before the finding that denies it
    appeal = "Вода имеет неприятный запах, желтый цвет, на ванной образуется ржавый налёт"
    facts = "Проведена проверка, качество горячего водоснабжения соответствует нормам."
    reply = (
        f"{HELLO} Вода имеет желтый цвет и образуется ржавый налёт на ванной. Проведена "
        "проверка, качество горячего водоснабжения соответствует нормам."
    )
    text, dropped = drop_retold(reply, appeal, facts, keep=len(HELLO))
    assert (
        text == f"{HELLO} Проведена проверка, качество горячего водоснабжения соответствует нормам."
    )
    assert dropped == ["Вода имеет желтый цвет и образуется ржавый налёт на ванной."]
    # spb-3160064: «Просьба разобраться» came back as the agency's «Просим вас разобраться с ней»
    asked = f"{HELLO} Просим вас разобраться с ней. Повреждений кровли не обнаружено."
    text, _ = drop_retold(
        asked,
        "Появилось пятно. Просьба разобраться.",
        "Повреждений кровли не обнаружено.",
        keep=len(HELLO),
    )
    assert text == f"{HELLO} Повреждений кровли не обнаружено."
    # thanks that name the problem stay, and so does a sentence with a word of the facts
    kept = (
        f"{HELLO} Спасибо, что сообщили о ржавом налёте. Ржавый налёт в воде проверен: "
        "качество соответствует нормам."
    )
    assert drop_retold(kept, appeal, facts, keep=len(HELLO)) == (kept, [])


def test_what_the_agency_already_knows_is_no_frame_of_the_reply():
    # measure (A) n=200, session 10: spb-3118799, spb-3144344 — «Мы уже знаем, что …» before
    # the fact; the fact stays, said plainly; «Мы знаем, как …» (sympathy) is not that frame
    reply = f"{HELLO} Мы уже знаем, что окно в подвал по адресу 1-я линия В.О., дом 36, закрыто."
    assert plain_reply(reply, keep=len(HELLO))[0] == (
        f"{HELLO} Окно в подвал по адресу 1-я линия В.О., дом 36, закрыто."
    )
    known = f"{HELLO} Нам известно, что график уборки размещен на информационном стенде."
    assert plain_reply(known, keep=len(HELLO))[0] == (
        f"{HELLO} График уборки размещен на информационном стенде."
    )
    sympathy = f"{HELLO} Мы знаем, как это неприятно. Течь устранена 5 мая."
    assert plain_reply(sympathy, keep=len(HELLO)) == (sympathy, [])


def test_a_promise_of_what_the_facts_report_done_gives_way_to_the_facts():
    # measure (A) n=200, session 10, spb-3149797: «проведен осмотр» told as «Мы проведём осмотр»
    facts = (
        "Сотрудником администрации района 26.01.2021 проведен осмотр территории, указанной в "
        "сообщении. Факт несанкционированной торговли не установлен."
    )
    reply = (
        f"{HELLO} Мы проведём осмотр территории, указанной в сообщении. "
        "Факт несанкционированной торговли не установлен."
    )
    text, restored = put_back_undone(reply, facts, keep=len(HELLO))
    assert text == f"{HELLO} {facts}"
    assert [r.replaced for r in restored] == [
        "Мы проведём осмотр территории, указанной в сообщении."
    ]
    # the same work told as done, or a plan the facts give as a plan, stays
    done = f"{HELLO} Осмотр территории проведён 26.01.2021. Торговли не обнаружено."
    assert put_back_undone(done, facts, keep=len(HELLO)) == (done, [])
    planned = "Ремонт кровли выполнят до 10 мая."
    promise = f"{HELLO} Кровлю отремонтируют до 10 мая."
    assert put_back_undone(promise, planned, keep=len(HELLO)) == (promise, [])


def test_a_second_that_of_the_lead_in_goes_with_it():
    # measure (A) n=200, session 10, spb-3131058: «Сообщаем, что работают по этому вопросу и что
    # график …» lost its lead-in and kept «… и что график …»
    reply = f"{HELLO} Сообщаем, что работы по ремонту ведутся и что график вывоза восстановлен."
    assert plain_reply(reply, keep=len(HELLO))[0] == (
        f"{HELLO} Работы по ремонту ведутся и график вывоза восстановлен."
    )
    commas = f"{HELLO} Информируем Вас, что заявка принята, и что мастер придёт 5 мая."
    assert plain_reply(commas, keep=len(HELLO))[0] == (
        f"{HELLO} Заявка принята и мастер придёт 5 мая."
    )
    # a clause of the rest's own that «и что» joins: the words stay as they are
    own = f"{HELLO} Сообщаем, что мастер выяснил, где течь и что нужно заменить."
    assert plain_reply(own, keep=len(HELLO))[0] == (
        f"{HELLO} Мастер выяснил, где течь и что нужно заменить."
    )
    # no lead-in: nothing changes
    plain = f"{HELLO} Мастер проверил, что кран исправен и что течи нет."
    assert plain_reply(plain, keep=len(HELLO)) == (plain, [])


# session 11's n=200 measure (A): sentences the model wrote beside the facts (drop_own_sentences)
KOZYREK_FACTS = (
    'Уважаемый пользователь! ООО "УК КОТ" произведена установка стеклянного козырька во '
    "дворе дома у нежилого помещения, где расположен магазин «Пятерочка» по адресу: "
    "Комендантский проспект, дом 64, строение 1. Приложение: письмо УК."
)
INSECTS_FACTS = (
    "В результате проверки, проведённой Исполнителем, факты, указанные в обращении, не "
    "подтверждены. Актом осмотра лестничной клетки № 1 установлено, что необходимость "
    "выполнения дезинсекции отсутствует."
)


def test_what_the_model_wrote_beside_the_facts_goes():
    # spb-3120505: the complaint told back in the citizen's own voice, before the facts
    reply = (
        f"{HELLO} УК уже больше года не может установить этот элемент, и это вызывает "
        "беспокойство для жителя. Пожалуйста, помогите разобраться с этой проблемой и решить её. "
        'ООО "УК КОТ" произведена установка стеклянного козырька во дворе дома у нежилого '
        "помещения, где расположен магазин «Пятерочка»."
    )
    text, dropped = drop_own_sentences(reply, KOZYREK_FACTS, keep=len(HELLO))
    assert len(dropped) == 2 and "помогите" in dropped[1]
    assert text.startswith(f"{HELLO} ООО") and "козырька" in text
    # spb-3158889: advice nobody gave, after facts that found nothing to do
    advice = (
        f"{HELLO} Актом осмотра лестничной клетки № 1 установлено, что необходимость выполнения "
        "дезинсекции отсутствует. Мы рекомендуем обратиться к специалистам для дальнейшей "
        "работы по устранению данной проблемы."
    )
    text, dropped = drop_own_sentences(advice, INSECTS_FACTS, keep=len(HELLO))
    assert dropped == [
        (
            "Мы рекомендуем обратиться к специалистам для дальнейшей работы по устранению "
            "данной проблемы."
        )
    ]
    assert text.endswith("дезинсекции отсутствует.")


ROOF_FACTS = (
    "Повреждения кровли дома, расположенного по адресу: пл. Коммуны, д. 7, устранены "
    "(выполнена герметизация прохода через кровлю антенной мачты и промазка фальцев). Течь "
    "отсутствует."
)


def test_the_citizens_request_turned_on_the_citizen_goes():
    # spb-3160064 (session 14's n=100 measure): «Просьба разобраться» came back as a request to
    # the citizen, with the facts' verb «устранить» in it
    reply = (
        f"{HELLO} Просим вас разобраться и устранить проблему. Повреждения кровли на пл. "
        "Коммуны, д. 7 устранены: выполнена герметизация прохода антенной мачты."
    )
    text, dropped = drop_own_sentences(reply, ROOF_FACTS, keep=len(HELLO))
    assert dropped == ["Просим вас разобраться и устранить проблему."]
    assert text.startswith(f"{HELLO} Повреждения кровли")
    # the same verb told as the facts' work stays; so does a request the facts make
    done = f"{HELLO} Проблему с протечкой устранили, течь отсутствует."
    assert drop_own_sentences(done, ROOF_FACTS, keep=len(HELLO)) == (done, [])
    access = f"{HELLO} Просим обеспечить доступ на чердак для осмотра кровли."
    facts = ROOF_FACTS + " Для осмотра кровли жильцам нужно обеспечить доступ на чердак."
    assert drop_own_sentences(access, facts, keep=len(HELLO)) == (access, [])


def test_the_facts_in_other_words_thanks_and_closing_stay():
    kept = (
        f"{HELLO} Спасибо, что сообщили о навесе у магазина. Стеклянный козырёк во дворе дома "
        "у магазина «Пятерочка» установлен. Если у вас останутся вопросы, напишите нам."
    )
    assert drop_own_sentences(kept, KOZYREK_FACTS, keep=len(HELLO)) == (kept, [])
    # few words of the facts, but their address: the facts said otherwise, not the model's own
    other_words = f"{HELLO} Навес над разгрузкой по адресу Комендантский проспект, дом 64 на месте."
    assert drop_own_sentences(other_words, KOZYREK_FACTS, keep=len(HELLO)) == (other_words, [])
    # a date nobody gave is grounding's to remove (its reason names it), not this step's
    invented = f"{HELLO} Ремонт завершат 14 июня."
    assert drop_own_sentences(invented, KOZYREK_FACTS, keep=len(HELLO)) == (invented, [])
    # the appeal's own figure told back is the model's own sentence all the same
    frost = f"{HELLO} На улице был мороз -20, окно не закрывается."
    appeal = "В парадной нет окна, на улице мороз -20"
    assert drop_own_sentences(frost, KOZYREK_FACTS, appeal, keep=len(HELLO))[0] == HELLO
    # the greeting is never a sentence to drop
    assert drop_own_sentences(f"{HELLO}", KOZYREK_FACTS, keep=len(HELLO)) == (HELLO, [])


# --- mend_copied_words: a word of the facts miscopied into the reply goes back as written ---

_CLEANING = (
    "ООО «ЖКС №1» сообщает, по адресу: Будапештская улица, дом 4, парадная № 1, произведена "
    "сухая и влажная уборка на всех этажах лестничной клетки с применением моющих и "
    "дезинфицирующих средств."
)


@pytest.mark.parametrize(
    ("reply", "mended"),
    [
        # spb-3170046 of the n=200 measure: a real word for a facts word it looks like
        (
            (
                "Здравствуйте! ООО «ЖКС №1» сообщает, по адресу: Будапештская улица, дом 4, парадная "
                "№ 1, произведена сухая и влажная уборка на всех этажах лестничной клетки с "
                "применением моих и дезинфицирующих средств."
            ),
            "моющих и дезинфицирующих",
        ),
        # spb-3145276: a word no dictionary has
        (
            "Нарушений фасадной части балкоонов не выявлено, аварийность отсутствует.",
            "фасадной части балконов",
        ),
    ],
)
def test_a_miscopied_word_of_the_facts_goes_back(reply, mended):
    facts = _CLEANING + " Нарушений фасадной части балконов не выявлено, аварийность отсутствует."
    out = mend_copied_words(reply, facts, "Нет уборки в парадной", keep=0)
    assert mended in out
    assert len(out.split()) == len(reply.split())


@pytest.mark.parametrize(
    "reply",
    [
        # the facts' word inflected to the reply's own grammar: the same lemma stays
        (
            "Уборка произведена с применением моющего и дезинфицирующего средства на всех этажах "
            "лестничной клетки, парадная № 1, дом 4, Будапештская улица."
        ),
        # a word with no look-alike in the facts is grounding's business, not a slip
        (
            "ООО «ЖКС №1» сообщает, что по адресу: Будапештская улица, дом 4, парадная № 1, "
            "произведена тщательная уборка на всех этажах лестничной клетки с применением моющих и "
            "дезинфицирующих средств."
        ),
        # a sentence that does not copy the facts is not mended
        "Спасибо, что сообщили о мойке подъезда.",
    ],
)
def test_what_is_not_a_copying_slip_stays(reply):
    assert mend_copied_words(reply, _CLEANING, "Нет уборки", keep=0) == reply


def test_the_appeals_words_and_the_greeting_stay():
    facts = "Уборка в парадной № 1 произведена 5 мая с применением моющих средств."
    # «моих» is the citizen's own word here: not a slip of the reply
    appeal = "Уборку в парадной делают без моих денег?"
    reply = (
        "Здравствуйте, моих! Уборка в парадной № 1 произведена 5 мая с применением моих средств."
    )
    assert mend_copied_words(reply, facts, appeal, keep=0) == reply
    assert mend_copied_words(reply, facts, "", keep=18).startswith("Здравствуйте, моих!")
