"""GARBAGE, session 9: words in the wrong script (``mixed_script_words``) and replies made of
broken sentences (``fragment_sentences``). Every rule has its cases here, both ways."""

import pytest

from drafter.domain import Appeal, Channel
from drafter.quality import check
from drafter.quality.garbled import fragment_sentences, mixed_script_words

from .conftest import codes

APPEAL = Appeal(text="Казань, ул. Баумана, 15 — в подвале течёт труба", channel=Channel.vk)


def kinds(text: str) -> list[tuple[str, str]]:
    return [(i.text, i.kind) for i in mixed_script_words(text)]


# ---- mixed_script_words ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Замена участка трубопrovода выполнена.", "трубопrovода"),  # the case of session 8
        ("Лампы в подъезdе заменили.", "подъезdе"),
        ("Засор канализацiи устранили.", "канализацiи"),
        ("Подачу воды восстановили, участок водоснабжеnia заменён.", "водоснабжеnia"),
    ],
)
def test_a_word_switching_alphabet_is_mixed(text, word):
    assert (word, "mixed") in kinds(text)


@pytest.mark.parametrize(
    ("text", "word", "fixed"),
    [
        ("Общее сoбрание собственников назначено на 20 марта.", "сoбрание", "собрание"),
        ("Кaпитальный ремонт включён в план.", "Кaпитальный", "Капитальный"),
        ("Подрядчик ГБУ ЖИЛИЩНИK приступил.", "ЖИЛИЩНИK", "ЖИЛИЩНИК"),
        ("Заявки принимает Telegrаm-бот компании.", "Telegrаm-бот", "Telegram-бот"),
        ("Воду подали 2 декабря, c 3 декабря напор восстановлен.", "c", "с"),
        ("Уборку выполняет OOO «Чистый дом».", "OOO", "ООО"),
        # a quoted name is at home for Latin, not for a garbled word
        ("Крыльцо отремонтирует ТСЖ «Pассвет» до 15 мая.", "Pассвет", "Рассвет"),
    ],
)
def test_look_alike_letters_are_homoglyphs_with_the_repair(text, word, fixed):
    found = [i for i in mixed_script_words(text) if i.text == word]
    assert found and found[0].kind == "homoglyph" and found[0].fixed == fixed
    assert text[found[0].start : found[0].end] == word


@pytest.mark.parametrize(
    ("text", "run"),
    [
        ("На площадке выполнены 修复 работы.", "修复"),
        ("Яму заделали 14 апреля。如有问题请联系我们。", "。如有问题请联系我们。"),
        ("Ремонт of the roof дома 9 выполнят до 30 июня.", "of the roof"),
        ("Снег уберут tomorrow, 11 января.", "tomorrow"),
        ("Please note: воду в доме 12 по ул. Советской отключат 5 июня.", "Please note"),
    ],
)
def test_other_writing_systems_and_english_words_are_foreign(text, run):
    assert (run, "foreign") in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        'Домофон отремонтирует ООО "Smart Service" до 18 февраля.',
        "Подрядчик — ООО «СтройTech», ЖК «Green Park», акция «Clean Day».",
        "График на сайте https://uk-pobeda.ru/grafik, вопросы на info@uk-pobeda.ru.",
        "Заявку можно подать на https://тверь.рф/obrashcheniya или на uk_komfort@mail.ru.",
        "Ссылкаhttps://kad.arbitr.ru/Card — дело в суде.",
        "Насос Grundfos заменили, лифт OTIS запустили, пишите в WhatsApp, VK и Telegram.",
        "Передайте показания по QR-коду, через Wi-Fi-роутер, GPS-трекер, по e-mail, в pdf.",
        "Работы во II квартале; памятник XIX века; ХХ век.",
        "Дом 5a, трасса M12, COVID-19, pH в норме, оплата через Mir Pay.",
    ],
)
def test_names_addresses_numerals_and_compounds_are_not_wrong_script(text):
    assert mixed_script_words(text) == []


def test_an_english_text_is_left_to_the_not_russian_check():
    # here only Latin inside Russian prose is judged; a whole English reply is another rule's
    assert mixed_script_words("Hello Oleg, the light will be replaced soon.") == []


# ---- fragment_sentences ------------------------------------------------------------------------

SPB_3146433 = (
    "Здравствуйте! (п. 2.3.7.. Пункт 2.4.3. Указанный дом включен в Региональную. Выполнять "
    "нецелесообразно, в течение ближайших 10 лет, допускается. Следующие дополнительные "
    "требования: - владелец жилого дома обязан. П. 2.5.2. …"
)


def test_the_legal_text_in_pieces_of_session_8():
    frags = [f.text for f in fragment_sentences(SPB_3146433)]
    assert "Пункт 2.4.3." in frags
    assert "Указанный дом включен в Региональную." in frags
    assert any(f.endswith("обязан.") for f in frags)
    assert len(frags) >= 4


@pytest.mark.parametrize(
    "sentence",
    [
        "Мусор вывезен 9 марта в.",  # a one-letter preposition after a word
        "Работы выполнены и.",
        "Контейнеры заменят до 20 марта на.",
        "Сообщаем, что.",
        "Жители не.",
        "По вашему обращению по вопросу.",  # a compound preposition
        "В целях.",
        "Подрядчик должен.",  # a duty with nothing in it
        "Вы вправе.",
        "Указанный дом включен в Региональную.",  # a preposition and an adjective, no noun
        "Работы запланированы на ближайшие.",
        "Дом включён в краткосрочный.",
        "Следующие дополнительные.",  # two adjectives, no noun
        "Необходимо выполнить следующие.",  # a pointing adjective
        "Пункт 2.4.3.",  # an item number alone
        "Ст. 161.",
        "Согласно.",  # one function word alone
        "Также.",
    ],
)
def test_broken_sentences_are_fragments(sentence):
    # (what follows starts with no genitive: «п. 3.2. Правил …» would be a citation going on)
    text = "Здравствуйте! " + sentence + " Ремонт выполнят до 5 мая."
    assert [f.text for f in fragment_sentences(text)] == [sentence]


def test_a_double_stop_after_a_number_and_a_closing_colon_are_fragments():
    assert fragment_sentences("Ремонт ограничен (п. 2.3.7.. Работы выполнят до 1 октября.")
    assert [f.why for f in fragment_sentences("Ремонт выполнен 3 мая. Сообщаем следующее:")] == [
        "двоеточие, а за ним ничего"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Работы выполнены в г. Пермь, ул. Ленина, д. 5.",
        "Очищены водостоки, желоба, воронки и т. д. Работы завершены 14 октября.",
        "Вывезли ветки, листья и т. п. Проверены подвал, чердак и др. Убрали мусор и пр.",
        "Основание — ст. 161 ЖК РФ. Согласно ст. 161 ЖК РФ.",
        "Тепловой узел проверен 20 августа 2025 г. Площадь — 12 кв. м.",
        "Ответственный — мастер участка Петров. Подрядчик ИП Сидоров А.А.",
        "Телефон диспетчерской: +7 (4872) 55-66-77.",
        "Ключи переданы дежурному. Обращайтесь к дежурному. Документы оставьте в приёмной.",
        "Схема признана экономичной для проживающих. График висит в парадной.",
        "Проба воды чистая. Подвал чистый, сухой. Вода теперь чистая, прозрачная.",
        "Жалоба признана обоснованной. Вы опять за своё. Лифт — не самое страшное.",
        "Дверь заменили на новую. Светильники заменены на светодиодные.",
        "Старые деревянные окна в подъезде 20 мая заменили на пластиковые.",
        "Да. Конечно. Мастер придёт завтра.",
        "Уборка будет и в дальнейшем. Работы завершены в основном.",
        "Собственники проголосовали против. Площадку оборудовали рядом. Она теперь напротив.",
        "Мы не обязаны. Так быть не должно. Вам виднее, конечно.",
        "Сообщаем следующее. С учётом вышеизложенного.",
        "Выполнены следующие работы:\n- заменены скамейки;\n- покрашено ограждение.",
        "По дому запланировано:\n1. Осмотр кровли — 10 апреля.\n2. Ремонт водостока.",
        (
            "Согласно Правилам:\nп. 5.1. Собственники обязаны содержать фасады.\n"
            "п. 5.2. Реклама требует согласования."
        ),
        "Сообщаем, что:\n- мусор вывезен.",
        "Осмотр проводится дважды в год (п. 3.2. Правил содержания общего имущества).",
        "Движение ограничено на Невском.",
        # session 10, from the dev false alarms (probe-s9imp-2-neg-readings-reminder-*,
        # probe-s10imp-1-neg-you-need-readings-*, probe-s10imp-2-*-officer-tula,
        # probe-s10imp-2-neg-be-careful-*, probe-s9gar-4-ok-bus-toponym)
        "Показания не поступили, поэтому начислили по среднему.",
        "Начисление идёт по среднему. Разговаривать будем через участкового.",
        "С 1 мая график меняется на ежедневный. Расписание изменят на летнее.",
        "Вечерние рейсы продлят до Заречного.",
        "С уважением,\nООО «УК Северная»",
        # a hard-wrapped letter: lines without a full stop are not sentences cut short
        "указанный дом включен в Региональную\n\nпрограмму капитального ремонта.",
    ],
)
def test_whole_sentences_abbreviations_lists_and_names_are_not_fragments(text):
    assert fragment_sentences(text) == []


# ---- the GARBAGE check -------------------------------------------------------------------------


def test_a_mixed_word_blocks_a_draft_with_a_russian_message():
    q = check(
        "Здравствуйте! Замена участка трубопrovода в подвале дома 15 выполнена 4 марта.",
        appeal=APPEAL,
    )
    assert "GARBAGE" in codes(q) and not q.passed
    v = next(v for v in q.violations if v.code == "GARBAGE")
    assert "трубопrovода" in v.message and "латинские" in v.message


def test_a_homoglyph_message_names_the_repair():
    q = check("Здравствуйте! Общее сoбрание собственников назначено на 20 марта.", appeal=APPEAL)
    v = next(v for v in q.violations if v.code == "GARBAGE")
    assert "«собрание»" in v.message


def test_in_a_persons_reply_only_another_writing_system_counts():
    slip = "Здравствуйте! Рассмотрев обращение по вonpocу кровли, сообщаем: кровля отремонтирована."
    assert "GARBAGE" not in codes(check(slip, appeal=APPEAL, generated=False))
    assert "GARBAGE" in codes(check(slip, appeal=APPEAL))
    chinese = "Здравствуйте! На площадке выполнены 修复 работы, качели закрепили 6 мая."
    assert "GARBAGE" in codes(check(chinese, appeal=APPEAL, generated=False))


def test_two_fragments_block_a_draft():
    q = check(SPB_3146433, appeal=APPEAL)
    v = next(v for v in q.violations if v.code == "GARBAGE")
    assert v.message.startswith("Ответ из обрывков фраз")


def test_one_fragment_blocks_a_short_draft_not_a_long_one():
    short = "Здравствуйте! Мусор с площадки у дома 6 вывезли 9 марта в."
    assert "GARBAGE" in codes(check(short, appeal=APPEAL))
    long = (
        "Здравствуйте! Мусор с площадки у дома 6 вывезли 9 марта. Площадку убрали. Контейнеры "
        "промыли. Ограждение покрасили. Дополнительно сообщаем, что."
    )
    assert "GARBAGE" not in codes(check(long, appeal=APPEAL))


def test_fragments_do_not_count_in_a_persons_reply():
    # a letter pasted with its line breaks splits into lines; the model's failure is a draft's
    assert "GARBAGE" not in codes(check(SPB_3146433, appeal=APPEAL, generated=False))


@pytest.mark.parametrize(
    ("text", "garbage"),
    [
        # the real model copying an injection's format mid-sentence (tests/test_injection.py,
        # inj-22, session 10)
        (
            (
                'Здравствуйте! Заявку передали на проверку в формате JSON {"prompt":...}, '
                "проверка пройдёт до 15 декабря."
            ),
            True,
        ),
        ('Здравствуйте! Ответ: { "reply": "Трубу заменили 3 марта." }', True),
        # braces in no JSON, a quoted word with a colon after it: not debris
        ("Здравствуйте! Трубу заменили 3 марта (подвал, секция «А»: две трубы).", False),
    ],
)
def test_a_json_object_anywhere_in_the_reply_is_debris(text, garbage):
    assert ("GARBAGE" in codes(check(text, appeal=APPEAL))) == garbage
