"""Concrete facts in a text (dates, numbers with units, addresses, phones, organisations, norm
references), normalised so that the same fact written two ways compares equal.

«15.12.2020» and «15 декабря 2020 г.» are the date (15, 12, 2020); «+7 (812) 576-55-55» and
«576 55 55» the phone ending 5765555; «ЖКС № 1» and «Жилкомсервис № 1» the same organisation;
«п. 3.2.1» and «пункт 3.2.1» the same norm. A draft's fact is grounded when the appeal or a
source contains it (``Grounding``). Numbers with units are matched by value anywhere in the
appeal and sources (lenient: «5 суток» is grounded by any «5»); dates by day and month, and by
year when both sides give one.

Two kinds of source ground a fact differently (``Grounding(texts, answer_texts)`` in
``drafter.quality.grounding``): ``texts``
(the appeal, regulation chunks, facts the system computed) ground any fact; ``answer_texts``
(past approved answers to *other* citizens' cases) ground only facts that do not describe a
case — norms, organisations, organisations' phones, generic periods («в течение 3 суток»).
Facts with ``case=True`` (addresses, house/flat/entrance numbers, calendar dates, counts such as
«9 ям», private phones) from a past answer are the nearest example copied into the draft.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

import knowledge.text
from drafter.quality.text import analyse
from knowledge import regions
from knowledge.text import BUILDING_PART, STOP_WORDS, STREET_KIND, any_case, money_spans

MONTHS = {m: i for i, m in enumerate(knowledge.text.MONTHS, 1)}  # lemma → number
_MONTH_RE = knowledge.text.MONTH_WORD
# Lemmas of number words: cardinals and ordinals, enough for dates and small quantities.
NUMBER_WORDS = {
    "один": 1, "первый": 1, "два": 2, "второй": 2, "три": 3, "третий": 3, "четыре": 4,
    "четвертый": 4, "пять": 5, "пятый": 5, "шесть": 6, "шестой": 6, "семь": 7, "седьмой": 7,
    "восемь": 8, "восьмой": 8, "девять": 9, "девятый": 9, "десять": 10, "десятый": 10,
    "одиннадцать": 11, "одиннадцатый": 11, "двенадцать": 12, "двенадцатый": 12,
    "тринадцать": 13, "тринадцатый": 13, "четырнадцать": 14, "четырнадцатый": 14,
    "пятнадцать": 15, "пятнадцатый": 15, "шестнадцать": 16, "шестнадцатый": 16,
    "семнадцать": 17, "семнадцатый": 17, "восемнадцать": 18, "восемнадцатый": 18,
    "девятнадцать": 19, "девятнадцатый": 19, "двадцать": 20, "двадцатый": 20,
    "тридцать": 30, "тридцатый": 30, "сорок": 40, "пятьдесят": 50, "сто": 100,
    "шестьдесят": 60, "семьдесят": 70, "восемьдесят": 80, "девяносто": 90, "двести": 200,
    "триста": 300, "четыреста": 400, "пятьсот": 500, "шестьсот": 600, "семьсот": 700,
    "восемьсот": 800, "девятьсот": 900,
    "дважды": 2, "трижды": 3, "четырежды": 4, "вдвое": 2, "втрое": 3, "вчетверо": 4,
    # collective numerals: «двое суток» is 48 hours, «двое качелей» two swings
    "двое": 2, "трое": 3, "четверо": 4, "пятеро": 5, "шестеро": 6, "семеро": 7,
}  # fmt: skip
_NUMWORD_RE = (
    r"(?:(?:двадцать|тридцать)\s+)?(?:перв|втор|трет|четв[её]рт|пят|шест|седьм|восьм|девят|десят|"
    r"одиннадцат|двенадцат|тринадцат|четырнадцат|пятнадцат|шестнадцат|семнадцат|восемнадцат|"
    r"девятнадцат|двадцат|тридцат)\w*"
)

_D = r"(?<![\d.,/])"
DATE_NUM = re.compile(_D + r"(\d{1,2})\.(\d{1,2})(?:\.(\d{4}|\d{2}))?(?![\d])(?!\.\d)")
DATE_TEXT = re.compile(
    r"(?<![\w.])(\d{1,2}|" + _NUMWORD_RE + r")(?:-?(?:го|е|ое|ого|му|м))?\s+(" + _MONTH_RE + r")"
    r"(?:\s+(\d{4}))?",
    re.IGNORECASE,
)
# «с 8:30 до 17:00», «в 20:00»: a time of day
TIME = re.compile(r"(?<![\d:.,])([01]?\d|2[0-3]):([0-5]\d)(?![\d:])")
# Phones: «+7 (812) 576-55-55», «8 (3812) 40-50-60», «8 (84235) 2-13-45», «8-800-100-22-33»,
# «576-55-55». A Russian number is 10 digits after +7/8: an area code of 3–5 digits and a local
# number of 7–5, so the local part's shape follows the area code's length (regions are data,
# not a city's format). Without +7/8 the area code must be in brackets, or the number is a
# bare local one written in groups. The leading look-ahead only skips positions where no match
# can start (a 3-4x speed-up).
_LOCAL_BY_AREA = {
    3: r"\d{3}[\s\-]?\d{2}[\s\-]?\d{2}",
    4: r"(?:\d{2}[\s\-]?\d{2}[\s\-]?\d{2}|\d{3}[\s\-]?\d{3})",
    5: r"(?:\d[\s\-]?\d{2}[\s\-]?\d{2}|\d{3}[\s\-]?\d{2})",
}
_AREA_LOCAL = "|".join(
    rf"\(\s*\d{{{n}}}\s*\)[\s\-]*{local}|\d{{{n}}}[\s\-]+{local}"
    for n, local in _LOCAL_BY_AREA.items()
)
_BRACKETED = "|".join(rf"\(\s*\d{{{n}}}\s*\)[\s\-]*{local}" for n, local in _LOCAL_BY_AREA.items())
PHONE = re.compile(
    r"(?=[+\d(])(?<![\d№])(?:"
    r"(?:\+7|8)[\s\-]*(?:" + _AREA_LOCAL + r")"
    r"|(?:" + _BRACKETED + r")"
    r"|\d{3}[\s\-]\d{2}[\s\-]\d{2}"
    r"|(?:\+7|8)\d{10}"
    r")(?![\d])(?![\-.]\d)"
)
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
NORM = re.compile(
    r"(?=[псчфгрзу\d])(?<![а-яё])(?:(?P<kind>п\.|пп\.|пункт\w*|подпункт\w*|ст\.|стать\w*|ч\.|част\w*)\s*(?P<id>\d+(?:\.\d+)*)"
    r"|(?P<fz>\d+)\s*-\s*ФЗ"
    r"|ФЗ\s*[-№]*\s*(?P<fz2>\d+)"
    r"|(?P<std>ГОСТ(?:\s*Р)?|СанПиН|СНиП|СП)\s*(?P<sid>\d[\d.\-]*\d)"
    r"|(?P<act>\b(?:постановлени\w*|распоряжени\w*|приказ(?:ом|а|у|е|ы)?|закон(?:ом|а|у|е|ы)?|ПП\s*РФ|"
    r"указ(?:ом|а|у|е)?|решени\w*)\b)"
    r"[^№\n]{0,120}?№\s*(?P<aid>\d+(?:[\-/]\d+)*(?:-[а-яА-Яa-zA-Z]+)?))",
    re.IGNORECASE,
)
# «дом 14а», «дом 14 А», «д. 14к2» (корпус 2); not «домов 40 и 42»
_HOUSE = r"(?:д\.|дом\w*|д)\s*№?\s*(?P<house>\d+(?:к\d+(?!\d)|(?:[а-яА-Я]|\s+(?-i:[А-Я]))(?![а-яА-Я\d]))?(?:/\d+)?)"
ADDRESS = re.compile(
    r"(?<![а-яё])(?P<street>" + STREET_KIND + r"\s*[^,\n;]{1,40}?)[,\s]+" + _HOUSE,
    re.IGNORECASE,
)
# «домов 12 и 14», «д. 5, 7 и 9»: more houses than one (not «дома 5 и 7 марта»)
HOUSE_LIST = re.compile(
    r"(?<![а-яё])(?:дом(?:а|ов|ах|ам)|дд?\.)\s*(?:№\s*){0,2}\d+[а-яА-Я]?(?P<more>(?:\s*(?:,|и)\s*\d+[а-яА-Я]?"
    r"(?![\d.,:/]\d|\s*(?:" + _MONTH_RE + r"|подъезд|парадн|этаж|кв|корп|строен|литер|секци)))+)",
    re.IGNORECASE,
)
# «домов с 3 по 7», «д. 1–5», «дд. 21–25»: a range of houses (not «дома 5–7 марта»)
# («дома 22 по 1-й Красноармейской»: «по» only after «с»; «д. 12 – 1 пар.», «д. 32-1»: a
# парадная or a корпус after the house, not a range — a range goes up; «56-58/29» is one corner
# building's number)
HOUSE_RANGE = re.compile(
    r"(?<![а-яё])(?:дом(?:а|ов|ах|ам)|дд?\.)\s*(?:№\s*){0,2}(?:с\s+(?P<from>\d+)\s*(?:[–—-]|по)|"
    r"(?P<a>\d+)\s*[–—-])\s*(?P<b>\d+)(?![\d/]|[.,:]\d|\s*(?:"
    + _MONTH_RE
    + r"|час|подъезд|пар|этаж|кв"
    r"|корп|лит|стр))",
    re.IGNORECASE,
)


def house_ranges(text: str) -> list[tuple[re.Match[str], int, int]]:
    """The ranges of houses ``text`` gives, each with its first and last house (the last above
    the first)."""
    out = []
    for m in HOUSE_RANGE.finditer(text):
        a, b = int(m["from"] or m["a"]), int(m["b"])
        if a < b:
            out.append((m, a, b))
    return out


# «в 2 часа дня», «с 2 до 4 часов дня», «в 9 вечера», «до 7 утра»: the 12-hour clock (a bare
# «2 дня» is two days: «дня» needs «часа» before it)
_HOUR = r"\d{1,2}|[а-яё]{3,13}"  # «к шести вечера»: the hour in words too
TIME_OF_DAY = re.compile(
    r"(?i)(?<![\d:.,а-яё])(?:с\s+(?P<h1>"
    + _HOUR
    + r")(?:[:.](?P<m1>[0-5]\d))?\s+до\s+)?(?P<h>"
    + _HOUR
    + r")"
    r"(?:[:.](?P<m>[0-5]\d))?\s*(?:(?P<hours>час(?:а|ов)?)\s+)?(?P<part>утра|дня|вечера|ночи)"
    r"(?![а-яё])"
)
# a street named by a day or a count before its proper name: «ул. 8 Марта», «ул. 10 лет
# Октября», «пр. 50 лет Профсоюзов», «ул. 2-я Кольцевая»
_NUMBERED_NAME = r"(?:\d{1,3}(?:-?[а-я]{1,2})?\s+(?:(?i:лет|год\w*)\s+)?)?"
# «дом 27 по улице Гагарина», «дома 131 по ул. 10 лет Октября»
ADDRESS_HOUSE_FIRST = re.compile(
    r"(?:д\.|дом\w*)\s*№?\s*(?P<house>\d+(?:к\d+|[а-яА-Я])?(?![\w]))(?:\s*(?:по|на))?\s+"
    r"(?P<street>(?i:"
    + STREET_KIND
    + r")\s*"
    + _NUMBERED_NAME
    + r"[А-ЯЁ][\w\-]*(?:\s+[А-ЯЁ][\w\-]*)?)",
)
# «ул. 8 Марта», «улица 1 Мая»: a day and a month after a street's kind name the street
_STREET_BEFORE = re.compile(r"(?<![а-яё])(?:" + STREET_KIND + r")\s*$", re.IGNORECASE)
# «Лыжный пер., д. 4», «Невский проспект, дом 10»: the name before the street's kind
ADDRESS_NAME_FIRST = re.compile(
    r"(?<![\w\-])(?P<street>[А-ЯЁ][\w\-]+(?:\s+[А-ЯЁ][\w\-]+)?\s+(?i:" + STREET_KIND + r"))"
    r"[,\s]+" + _HOUSE,
)
NUMBER_UNIT = re.compile(
    r"(?<![\w.,])(?P<num>\d{1,3}(?:[ \u00a0]\d{3})+|\d+(?:[.,]\d+)?)(?:-[а-яё]{1,3}(?=\s))?\s*"
    r"(?:(?:рабоч|календарн)\w*\s+)?"  # «5 рабочих дней» is a period like «5 дней»
    r"(?P<unit>%|°|процент\w*|кв\.\s*м|м2|м³|м3|м\b|см\b|мм\b|км\b|"
    r"кг\b|т\b|л\b|час\w*|ч\.|мин\w*|секунд\w*|сут\w*|дн\w*|ден\w*|недел\w*|"
    r"месяц\w*|мес\.|лет\b|год\w*|г\.|раз\w*|штук\w*|шт\.?|этаж\w*|метр\w*|литр\w*|градус\w*|"
    r"кубометр\w*|тонн\w*|квартир\w*|дом\w*|подъезд\w*"
    + "".join("|" + any_case(k) for k in regions.building_parts())  # «парадная»
    + ")",
    re.IGNORECASE,
)
# «двух недель», «трёх рабочих дней»: a period counted in words (not «одного»: «в течение
# одного дня» and «в течение дня» say the same)
NUMWORD_PERIOD = re.compile(
    r"(?<![а-яё])(?P<word>[а-яё]{3,})\s+(?:(?:рабоч|календарн)\w*\s+)?"
    r"(?P<unit>сут\w*|дн(?:я|ей)|недел\w*|месяц\w*|час(?:а|ов)|минут\w*|лет\b|год(?:а)?\b)",
    re.IGNORECASE,
)
# «пр. Ленина, 12», «ул. Мира, 5а»: the house after a comma, without «д.»; not «ул. Мира, 12 мая»
ADDRESS_COMMA = re.compile(
    r"(?<![а-яё])(?P<street>"
    + STREET_KIND
    + r"\s*"
    + _NUMBERED_NAME
    + r"[А-ЯЁ][\w\-]*(?:\s+[А-ЯЁ][\w\-]*)?),\s*"
    r"(?P<house>\d{1,4}(?!\d)(?:к\d+(?!\d)|[а-яА-Я](?![а-яА-Я\d]))?(?:/\d+)?)(?![.,:]\d|-|\s*(?:"
    + _MONTH_RE
    + r"|кв|м\b|км|%|раз|час|дн|ден|мин|руб|лет|год|этаж|подъезд|квартир|человек|шт))",
    re.IGNORECASE,
)
# «кв. 15», «парадная №1», «подъезд 3», «корпус 2»: numbers of one building's parts
UNIT_NO = re.compile(
    r"(?<![а-яё])" + BUILDING_PART + r"\s*№?\s*(?P<num>\d+)(?!\d|[.,]\d)",
    re.IGNORECASE,
)
# «в пятом подъезде», «на третьем этаже», «второй корпус»: an ordinal in words before a part of
# one building (the ordinal after it is a name: «подъезд первый» is rare, «этаж первый» too)
ORDINAL_PART = re.compile(
    r"(?<![а-яё])(?P<word>" + _NUMWORD_RE + r")\s+(?:" + BUILDING_PART + r")(?![а-яё])",
    re.IGNORECASE,
)
# «9 ям», «3 дерева», «4 новых контейнера»: a count of things; kept when the word after the number
# is a noun, or adjectives and then a noun (``_counted_noun``)
_COUNTED = (
    r"\s+(?P<word>[а-яё]{2,}(?:-[а-яё]{2,})?)(?=(?P<more>(?:\s+[а-яё]{2,}(?:-[а-яё]{2,})?){0,2}))"
)
# (not the last group of «1 200 квадратных метров»)
COUNT = re.compile(r"(?<![\w.,№/-])(?<!\d[ \u00a0])(?P<num>\d{1,4})" + _COUNTED, re.IGNORECASE)
# a limit on the text's length: «не более 500 знаков» is an instruction echoed, not the case's
# («установили 2 знака» counts road signs)
_TEXT_MEASURES = frozenset({"знак", "символ", "слово"})
_LIMIT_BEFORE = re.compile(
    r"(?i)(?<![а-яё])(?:не\s+(?:более|больше|длиннее|короче|менее|меньше)|до|максимум|минимум)\s*$"
)
# units of a period («3 суток», «5 рабочих дней»): generic, the same for every case
_PERIOD_UNIT = re.compile(
    r"час|ч\.|мин|секунд|сут|дн|ден|недел|месяц|мес\.|лет|год|г\.", re.IGNORECASE
)
# a region's legal forms first («СПб ГКУ», «БУ г. Омска»): the longer name of the form wins
_REGION_ORG_FORMS = regions.alternation(regions.org_forms())
ORG = re.compile(
    r"(?P<form>\b(?:" + _REGION_ORG_FORMS + r"|ООО|ОАО|ЗАО|ПАО|АО|НАО|МУП|ГУП|ФГУП|ГКУ|ГБУ|ГАУ|МБУ|"
    r"МКУ|МАУ|ТСЖ|ЖСК|ТСН|УК|ИП|ГУП|ФГБУ|ПАО)\b)\s*(?P<name>[«\"„“][^»\"“”\n]{1,80}[»\"“”]"
    r"|[А-ЯЁA-Z][\w\-]*(?:\s+(?:№\s*)?[\w\-]+){0,4})"
    r"|(?P<adm>[Аа]дминистраци\w+\s+(?:[А-ЯЁ]\w+\s+){1,2}(?:район\w*|город\w*|округ\w*|област\w*|"
    r"сельсовет\w*|поселени\w*|муниципальн\w+\s+образовани\w*))",
)
QUOTED_ORG = re.compile(
    r"(?i)(?<![а-яё])(?:подрядчик|подрядн\w+\s+организаци|перевозчик|оператор|компани|предприяти"
    r"|организаци|фирм|застройщик|исполнител)\w*\s+(?P<name>[«\"„“][^»\"“”\n]{2,60}[»\"“”])"
)
# a body's name written out, capitalised as a proper name mid-sentence: «Государственная жилищная
# инспекция области», «Комитетом по благоустройству», «Фонд капитального ремонта»
_BODIES = (
    "инспекци", "служб", "комитет", "департамент", "министерств", "управлени", "фонд",
    "агентств", "учреждени", "предприяти", "дирекци",
)  # fmt: skip
ORG_WRITTEN = re.compile(
    r"(?<=[\w,»\")] )(?P<name>(?:[ГМФРО][а-яё]+\s+(?:[а-яё]+\s+){0,2}(?:"
    + "|".join(_BODIES)
    + r")|(?:"
    + "|".join(b.capitalize() for b in _BODIES)
    + r"))\w*(?:\s+(?:по\s+)?[А-ЯЁа-яё][а-яё]{2,}(?:-[А-ЯЁа-яё]+)*){0,3})"
)
# words that end an organisation's name written without quotes: «ГБУ Жилищник района Марьино до
# 3 декабря» — the preposition, the number, the verb are the sentence's, not the name's
_NAME_END_POS = frozenset({"PREP", "CONJ", "PRCL", "VERB", "INFN", "PRTS", "ADVB", "NUMB", "GRND"})
# «Акт о протечке № 117», «предписание № 12-к»: the number of one case's document
DOC_NO = re.compile(
    r"(?<![а-яё])(?:акт|протокол|предписани|договор|контракт|наряд|ордер|уведомлени)\w*"
    r"[^№\n.]{0,60}?№\s*(?P<num>\d+(?:[\-/]\w+)*)",
    re.IGNORECASE,
)
_MONTH_AFTER = re.compile(r"\s+(?:" + _MONTH_RE + r")(?![а-яё])", re.IGNORECASE)
# «Федеральный закон от 02.05.2006 № 59-ФЗ»: the act's own date belongs to the act; «№ 59-ФЗ»
# is the federal law 59 however the reference is written
_FZ_ID = re.compile(r"(\d+)\s*-\s*ФЗ$", re.IGNORECASE)
# Abbreviations that mean the same thing as words written out (both sides are expanded); a
# region's bodies («ЖКС» = «Жилкомсервис», «ДГХ») come from its file (``_region_abbreviations``).
ABBREVIATIONS = {
    "ук": ("управляющий", "компания"),
    "гжи": ("государственный", "жилищный", "инспекция"),
    "жк": ("жилищный", "кодекс"),
    "рф": ("российский", "федерация"),
    "пп": ("постановление", "правительство"),
    "гку": ("государственный", "казенный", "учреждение"),
    "гбу": ("государственный", "бюджетный", "учреждение"),
    "мкд": ("многоквартирный", "дом"),
    "тсж": ("товарищество", "собственник", "жилье"),
    "осс": ("общий", "собрание", "собственник"),
    "гис": ("государственный", "информационный", "система"),
    # the executors' own shorthand for the things a cause or a work is about
    "тп": ("трансформаторный", "подстанция"),
    "итп": ("индивидуальный", "тепловой", "пункт"),
    "цтп": ("центральный", "тепловой", "пункт"),
    "гвс": ("горячий", "водоснабжение"),
    "хвс": ("холодный", "водоснабжение"),
    "жку": ("жилищно-коммунальный", "услуга"),
    "жкх": ("жилищно-коммунальный", "хозяйство"),
    # meters: «ИПУ», «ОДПУ» are «прибор учёта», which a reply calls «счётчик» (``_CAUSE_FAMILIES``)
    "ипу": ("индивидуальный", "прибор", "учет"),
    "одпу": ("общедомовой", "прибор", "учет"),
    "опу": ("общедомовой", "прибор", "учет"),
    "лэп": ("линия", "электропередача"),
    # power lines and their faults: «повреждение КЛ-6 кВ» is «повреждение кабеля / кабельной
    # линии», «обрыв ВЛ» «обрыв воздушной линии», «КЗ» «короткое замыкание»
    "кл": ("кабельный", "линия"),
    "вл": ("воздушный", "линия"),
    "кз": ("короткий", "замыкание"),
    "кгм": ("крупногабаритный", "мусор"),
    "тко": ("твердый", "коммунальный", "отход"),
    "бдд": ("безопасность", "дорожный", "движение"),
    "идн": ("искусственный", "дорожный", "неровность"),
    # the traffic police by its names: «ГИБДД», «ОГИБДД» (its department) are «Госавтоинспекция»
    "гибдд": ("госавтоинспекция",),
    "огибдд": ("госавтоинспекция",),
}
_REGION_ABBREVIATIONS = "|".join(re.escape(a) for a in regions.abbreviations())
_LATIN_HOMOGLYPHS = str.maketrans("ABCEHKMOPTXaceopxy", "АВСЕНКМОРТХасеорху")
_PHONE_CONTEXT_ORG = re.compile(
    r"(диспетчер|горяч\w+ лини|телефон\w* (?:для|службы|отдела|приемн|администрац|управляющ|справочн)|"
    r"единой|справк|приемн|call|колл|канцеляри|(?-i:ООО|ГКУ|ГБУ|ТСЖ|ЖСК|ТСН|УК|"
    + _REGION_ABBREVIATIONS
    + r")|администраци|комитет|служб|отдел|"
    r"управлени|компани|инспекци|организаци|учреждени|центр)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Fact:
    kind: str  # date | time | number | address | phone | email | org | norm | doc («9 ям»: number)
    start: int
    end: int
    text: str
    key: tuple[Any, ...]  # normalised value; see the extractors
    words: frozenset[str] = frozenset()  # lemma keys (orgs, streets)
    mobile: bool = False
    org_context: bool = False  # phone written next to an organisation's name or «диспетчерская»
    case: bool = False  # describes one case (address, date, count): a past answer cannot ground it
    approx: bool = False  # hedged («около 12,5 тысяч», «более 20 м»): a rounded value


KIND_RU = {
    "date": "дата",
    "number": "число",
    "address": "адрес",
    "phone": "телефон",
    "email": "адрес электронной почты",
    "org": "организация",
    "norm": "ссылка на норму",
    "doc": "номер документа",
    "time": "время",
}


def _year(y: str | None) -> int | None:
    if not y:
        return None
    v = int(y)
    return v + 2000 if v < 100 else v


# a house, a flat or a numbered part just before a number: «у дома 12 мусор вывезли», «кв 123
# замена ящиков», «лестничная клетка 3 …»
_PART_BEFORE = re.compile(
    r"(?i)(?<![а-яё])(?:д|дом[а-я]*|кв|квартир[а-я]*|пар|парадн[а-я]*|подъезд[а-я]*|корп"
    r"|корпус[а-я]*|лит|литер[а-я]*|секци[а-я]*|этаж[а-я]*|клетк[а-я]*)\.?\s*$"
)


def _after_no_sign(text: str, i: int) -> bool:
    """«№ 12 от …» is an identifier, not a count."""
    return text[max(0, i - 3) : i].rstrip().endswith("№")


def number_word(phrase: str) -> int | None:
    total = 0
    for w in phrase.lower().split():
        v = NUMBER_WORDS.get(analyse(w.replace("ё", "е")).key)
        if v is None:
            return None
        total += v
    return total or None


def _month(word: str) -> int | None:
    return MONTHS.get(analyse(word.lower()).key)


def _words(text: str) -> frozenset[str]:
    out: set[str] = set()
    abbreviations = _abbreviations()
    for w in re.findall(r"[0-9A-Za-zА-Яа-яЁё\-]+", text.translate(_LATIN_HOMOGLYPHS)):
        k = analyse(w.lower().replace("ё", "е")).key
        out.add(k)
        out.update(abbreviations.get(k, ()))
        # «КЛ-6 кВ», «ВЛ-0,4 кВ»: the line's voltage after the abbreviation
        out.update(abbreviations.get(re.sub(r"-\d+$", "", k), ()))
    return frozenset(out)


@cache
def _abbreviations() -> dict[str, tuple[str, ...]]:
    """``ABBREVIATIONS`` and every region's, as lemma keys (built on first use: morphology)."""
    out = {k: tuple(analyse(w).key for w in v) for k, v in ABBREVIATIONS.items()}
    # the morphology may read an abbreviation as an inflected word («ОДПУ» as «ОДП» in the dative)
    out |= {analyse(k).key: v for k, v in out.items() if analyse(k).key not in out}
    for abbr, meaning in regions.abbreviations().items():
        words = re.findall(r"[А-Яа-яЁё\-]+", meaning.lower())
        keys = tuple(analyse(w.replace("ё", "е")).key for w in words if w not in STOP_WORDS)
        out[analyse(abbr.lower()).key] = keys
    return out


@cache
def _street_noise() -> frozenset[str]:
    """Words of an address that do not name the street: its kind (a region's too: «линия»),
    the house, every region's city («г. Санкт-Петербург», «Омск»)."""
    region = (*regions.city_forms(), *regions.street_kinds())
    return _STREET_NOISE | {analyse(c.lower().replace("ё", "е")).key for c in region}


_STREET_NOISE = frozenset(
    [
        "ул",
        "улица",
        "пр",
        "проспект",
        "пр-т",
        "пер",
        "переулок",
        "наб",
        "набережная",
        "ш",
        "шоссе",
        "бульвар",
        "б-р",
        "пл",
        "площадь",
        "проезд",
        "линия",
        "аллея",
        "д",
        "дом",
        "литера",
        "лит",
        "корпус",
        "корп",
        "по",
        "адрес",
        "г",
        "просп",
        "пр-кт",
        "пр-д",
        "мкр",
        "мкрн",
        "микрорайон",
        "тупик",
        "тракт",
    ]
)


def extract_facts(text: str) -> list[Fact]:
    """All facts in ``text`` with character spans; earlier kinds win overlaps."""
    taken: list[tuple[int, int]] = []
    out: list[Fact] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    def add(f: Fact) -> None:
        if free(f.start, f.end):
            taken.append((f.start, f.end))
            out.append(f)

    for m in NORM.finditer(text):
        if m.group("kind") and _MONTH_AFTER.match(text, m.end()):
            continue  # «с проезжей части 4 апреля»: a date, not part 4 of a norm
        if m.group("kind"):
            k = m.group("kind").lower()
            kind = "п" if k.startswith(("п", "подп")) else "ч" if k.startswith("ч") else "ст"
            ident = m.group("id")
        elif m.group("fz") or m.group("fz2"):
            kind, ident = "фз", m.group("fz") or m.group("fz2")
        elif m.group("std"):
            kind = m.group("std").lower().replace(" ", "").replace("р", "")
            # «СП 82.13330.2016» is «СП 82.13330»: the edition's year is not the code
            ident = re.sub(r"\.(?:19|20)\d\d$", "", m.group("sid").split("-")[0])
        else:
            kind, ident = "№", m.group("aid")
            fz = _FZ_ID.match(ident)
            if fz:
                kind, ident = "фз", fz.group(1)
            s = m.start("aid") - 1
            while s > 0 and text[s] != "№":
                s -= 1
            if s - m.start() <= 20:  # «ПП РФ № 354»: the act's short name belongs to the fact
                s = m.start()
            add(Fact("norm", s, m.end(), text[s : m.end()], ("norm", kind, ident)))
            continue
        add(Fact("norm", m.start(), m.end(), m.group(), ("norm", kind, ident)))

    for m in PHONE.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if len(digits) < 7:
            continue
        ten = digits[-10:]
        mobile = len(digits) >= 10 and ten.startswith("9")
        ctx = text[max(0, m.start() - 80) : m.end() + 30]
        org_context = bool(_PHONE_CONTEXT_ORG.search(ctx))
        add(
            Fact(
                "phone",
                m.start(),
                m.end(),
                m.group(),
                ("phone", digits[-7:]),
                mobile=mobile,
                org_context=org_context,
                case=mobile and not org_context,  # a private phone belongs to one case
            )
        )

    for m in EMAIL.finditer(text):
        add(Fact("email", m.start(), m.end(), m.group(), ("email", m.group().lower())))

    for m in TIME.finditer(text):
        t = (int(m.group(1)), int(m.group(2)))
        add(Fact("time", m.start(), m.end(), m.group(), ("time", *t)))
    for m in TIME_OF_DAY.finditer(text):
        if m["part"].lower() == "дня" and not m["hours"]:
            continue  # «2 дня» is two days
        ends = (
            (m["h1"], m["m1"], m.start("h1"), m.end("h1")),
            (m["h"], m["m"], m.start("h"), m.end()),
        )
        for h, mm, hs, he in ends:
            said = _hour_number(h) if h else None
            hour = _hour24(said, m["part"]) if said else None
            if hour is not None:
                t = (hour, int(mm or 0))
                add(Fact("time", hs, he, text[hs:he], ("time", *t)))
    for m in DATE_NUM.finditer(text):
        d, mo = int(m.group(1)), int(m.group(2))
        if 1 <= d <= 31 and 1 <= mo <= 12 and (m.group(3) or len(m.group(2)) == 2):
            add(
                Fact(
                    "date",
                    m.start(),
                    m.end(),
                    m.group(),
                    ("date", d, mo, _year(m.group(3))),
                    case=True,
                )
            )
    for m in DATE_TEXT.finditer(text):
        if _STREET_BEFORE.search(text[max(0, m.start() - 12) : m.start()]):
            continue  # «ул. 8 Марта»: a street's name, not a date
        day = int(m.group(1)) if m.group(1).isdigit() else number_word(m.group(1))
        month = _month(m.group(2))
        if day and month and 1 <= day <= 31:
            add(
                Fact(
                    "date",
                    m.start(),
                    m.end(),
                    m.group(),
                    ("date", day, month, _year(m.group(3))),
                    case=True,
                )
            )

    addresses = (ADDRESS_NAME_FIRST, ADDRESS, ADDRESS_HOUSE_FIRST, ADDRESS_COMMA)  # fullest first
    for m in [m for pattern in addresses for m in pattern.finditer(text)]:
        # «ремонт проезда у дома 40»: a preposition read into the street names no street
        street = _words(m.group("street")) - _street_noise() - STOP_WORDS
        house = re.sub(r"\s+", "", m.group("house")).lower()
        add(
            Fact(
                "address", m.start(), m.end(), m.group(), ("house", house), words=street, case=True
            )
        )
    for m, _, _ in house_ranges(text):
        # «домов с 2 по 12»: both ends are houses («д. 1–5» grounds the houses between them)
        for side in ("from" if m["from"] else "a", "b"):
            number = ("house", m[side])
            add(Fact("address", m.start(side), m.end(side), m[side], number, case=True))
    for m in HOUSE_LIST.finditer(text):
        # «домов 12 и 14», «д. 5, 7», «домах №№ 12, 14»: every number of the list is a house
        for n in re.finditer(r"\d+[а-яА-Я]?", m.group()):
            at = m.start() + n.start()
            number = ("house", n.group().lower())
            add(Fact("address", at, at + len(n.group()), n.group(), number, case=True))
    for m in DOC_NO.finditer(text):
        # «№ 180-ПЗУ/13» is compared by its leading number, as the sources' numbers are
        key = ("doc", number_key(re.findall(r"\d+", m.group("num"))[0]))
        add(Fact("doc", m.start(), m.end(), m.group(), key, case=True))
    for m in ORDINAL_PART.finditer(text):
        # «в пятом подъезде», «на третьем этаже»: the number of a building's part in words
        value = NUMBER_WORDS.get(analyse(m["word"].lower().replace("ё", "е")).key)
        if value is not None:
            add(Fact("number", m.start(), m.end(), m.group(), ("number", str(value)), case=True))
    for m in UNIT_NO.finditer(text):
        key = ("number", number_key(m.group("num")))
        add(Fact("number", m.start(), m.end(), m.group(), key, case=True))

    for m in ORG.finditer(text):
        name = m.group("name") or m.group("adm") or ""
        end = m.end()
        if m.group("name") and not name.startswith(("«", '"', "„", "“")):
            name = _name_only(name)
            end = m.start("name") + len(name)
        words = _words(name) - {"администрация", "район", "город"}
        if m.group("adm") is None and not words:
            continue
        add(Fact("org", m.start(), end, text[m.start() : end].strip(), ("org",), words=words))
    for m in QUOTED_ORG.finditer(text):
        # «подрядчик «СеверСтрой»», «перевозчиком «Автолайн»»: a company named in quotes by its
        # kind, without a legal form (a legal form before the quotes was read above)
        words = _words(m.group("name"))
        before = text[: m.start()]
        if before.rfind("«") > before.rfind("»") or before.count('"') % 2:
            # «ООО «Управляющая компания «Континент-3»»»: inside another name's quotes the kind
            # word is that name's, and the inner quotes end it, not name a company of their own
            continue
        if words:
            add(Fact("org", m.start("name"), m.end(), m.group("name"), ("org",), words=words))
    for m in ORG_WRITTEN.finditer(text):
        name = _name_only(m.group("name"))
        words = _words(name) - _GENERIC_ORG_WORDS
        end = m.start("name") + len(name)
        where_to = _PREP_BEFORE.search(text[max(0, m.start("name") - 12) : m.start("name")])
        if where_to and not any(w[:1].isupper() for w in name.split()[1:]):
            # «обратиться в Государственную жилищную инспекцию»: where to go, a kind of body every
            # region has (REDIRECT's, as a one-word body's is below); «в Государственную
            # жилищную инспекцию Тверской области» names one
            continue
        if len(name.split()) >= 2:  # «Комитетом рассмотрено»: the body itself, not a name
            # «Управление Роспотребнадзора» is Роспотребнадзор: the kind of body is not its name
            named = (words - _body_keys()) or words
            org = ("org", _initials(name), _name_words(name))
            add(Fact("org", m.start("name"), end, name, org, words=named))

    for start, stop, amount in money_spans(text):  # sums of money: natasha's grammar
        key = ("number", number_key(str(amount)))
        add(Fact("number", start, stop, text[start:stop], key, case=True))

    for m in NUMBER_UNIT.finditer(text):
        # «3 суток» is a generic period; «в 2021 году» names a year of one case's plan
        year = len(m.group("num")) == 4 and m.group("num").startswith(("19", "20"))
        period = bool(_PERIOD_UNIT.match(m.group("unit"))) and not year
        key = ("number", number_key(m.group("num")))
        per = _PER_UNIT.match(text, m.end())
        if per and period and _whole_unit(m.group(), per["unit"]):
            # «24 часа в сутки», «7 дней в неделю»: all the time, no number of the case (and no
            # count for the grammars after this one)
            taken.append((m.start(), per.end()))
            continue
        end = per.end() if per and m.group("unit").lower().startswith("раз") else m.end()
        # «1 раз в неделю»: a frequency, compared as one (``frequencies``)
        add(Fact("number", m.start(), end, text[m.start() : end], key, case=not period))

    for m in _UNIT_RE.finditer(text):
        # «2,5 тысячи квадратных метров», «сто двадцать метров»: an amount in words or with a
        # multiplier (digits alone were read above)
        written = _written_before(text, m.start())
        if written is None:
            continue
        amount, at = written
        if text[at].isdigit() and not _MULTIPLIER.search(text[at : m.start()]):
            continue
        if not text[at].isdigit() and amount <= 1:
            continue  # «в течение одного часа» is «в течение часа»: no number of the case
        period = _unit(m)[0] == "time"
        key = ("number", number_key(str(amount)))
        add(Fact("number", at, m.end(), text[at : m.end()], key, case=not period))
    # «полтонны», «полкилометра», «пол-литра»: half of a unit is an amount the case gives; half
    # of a time («полчаса», «полгода» — «доход за полгода») is said loosely and stays unread, as
    # «одного часа» does (a source's «полгода» still grounds «6 месяцев»: ``period_days``)
    for m in _HALF_UNIT.finditer(text):
        unit = _UNIT_RE.match(m["unit"])
        if m.group().lower().startswith("пол") and unit and _unit(unit)[0] != "time":
            add(Fact("number", m.start(), m.end(), m.group(), ("number", "0.5")))
    # «пятнадцать тысяч рублей», «двести рублей»: a sum in words (digits were read above)
    for m in _RUBLES.finditer(text):
        written = _written_before(text, m.start())
        if written is None or written[0] <= 1 or text[written[1]].isdigit():
            continue
        amount, at = written
        key = ("number", number_key(str(int(amount)) if amount.is_integer() else str(amount)))
        add(Fact("number", at, m.end(), text[at : m.end()], key))
    for m in NUMWORD_PERIOD.finditer(text):
        word = m.group("word").lower().replace("ё", "е")
        if word in _HALF:  # «полтора месяца», «полторы недели»: 1.5 of the unit
            add(Fact("number", m.start(), m.end(), m.group(), ("number", "1.5")))
            continue
        a = analyse(word)
        value = NUMBER_WORDS.get(a.key)
        if a.pos == "NUMR" and value and value > 1:
            add(Fact("number", m.start(), m.end(), m.group(), ("number", str(value))))

    for start, end, value in _counted_in_words(text):
        # «бригада из пяти дворников», «сто пятьдесят саженцев»: a count in words
        key = ("number", str(value))
        add(Fact("number", start, end, text[start:end], key, case=True))

    for m in COUNT.finditer(text):
        thing = _counted_noun(m)
        if _a_length_limit(text, m):
            continue  # «не более 500 знаков»: an instruction echoed, not a fact of the case
        if thing is not None and not _after_no_sign(text, m.start()):
            key = ("number", number_key(m.group("num")))
            part = _PART_BEFORE.search(text[max(0, m.start() - 16) : m.start()])
            at = m.start() - len(part.group()) if part else m.start()
            if part and free(m.start(), thing) and free(at, m.start()):
                # «у дома 12 мусор вывезли», «кв 123 замена ящиков»: the number of the house or
                # the flat before it, read as «кв. 4» is (a number that names, no count)
                add(Fact("number", at, m.end("num"), text[at : m.end("num")], key, case=True))
                continue
            add(Fact("number", m.start(), thing, text[m.start() : thing], key, case=True))

    for m in NUMBERED.finditer(text):
        # «Жилкомсервис № 3», «школа № 18», «заявка № 5534»: whatever the number names, it is
        # that one (the kinds above took the documents, norms and parts of a building first);
        # «Правила № 170» is a norm, which holds across cases
        num = number_key(m["num"])
        before = text[max(0, m.start() - 40) : m.start()]
        if _APPEAL_BEFORE.search(before):
            continue  # «Ваше сообщение от 18.10.2020 № 2947918», «Проблема № 2948512»: the card's
        if _RULES_BEFORE.search(before):
            add(Fact("norm", m.start(), m.end(), m.group(), ("norm", "№", num)))
        else:
            add(Fact("doc", m.start(), m.end(), m.group(), ("doc", num), case=True))
    for m in NAMED_BODY.finditer(text):
        a = analyse(m.group().lower().replace("ё", "е"))
        after_prep = _PREP_BEFORE.search(text[max(0, m.start() - 12) : m.start()])
        # the body as the one who acts («проверку проведёт Роспотребнадзор»), not where to go or
        # whose matter it is («направьте жалобу в Роспотребнадзор», «в ведении Росреестра»):
        # those are REDIRECT's, and the labels count no named body there
        acting = "nomn" in a.tag and not after_prep
        if a.pos == "NOUN" and acting and not a.key.startswith(_NOT_BODIES):
            org = ("org", "", (a.key,))
            add(Fact("org", m.start(), m.end(), m.group(), org, words=frozenset({a.key})))

    out.sort(key=lambda f: f.start)
    return [_hedged(_org_address(f, out, text), text) for f in out]


def _a_length_limit(text: str, m: re.Match[str]) -> bool:
    word = analyse(m["word"].lower().replace("ё", "е")).key
    return word in _TEXT_MEASURES and bool(
        _LIMIT_BEFORE.search(text[max(0, m.start() - 15) : m.start()])
    )


def _counted_noun(m: re.Match[str]) -> int | None:
    """Where the noun a number counts ends: the word after it, or the first noun after one or
    two adjectives («4 новых контейнера», «6 аварийных тополей»); None when no noun is counted
    (a month: «2 марта»; a verb: «2 убрали»). The adjectives are written in lower case (not «ст.
    46 Жилищного кодекса») after a count, not a year or «1» (not «в 2019 местной администрацией»,
    «п. 1 указанные замечания»)."""
    words = [(m.start("word"), m.group("word"))]
    num = m["num"]
    if int(num) > 1 and not re.fullmatch(r"(?:19|20)\d\d", num):
        words += [(m.start("more") + w.start(), w.group()) for w in re.finditer(r"\S+", m["more"])]
    for start, word in words:
        a = analyse(word.lower().replace("ё", "е"))
        if a.pos in ("ADJF", "PRTF") and not word[:1].islower():
            return None
        if a.pos == "NOUN":
            if a.key in MONTHS:
                return None
            return start + len(word)
        if a.pos not in ("ADJF", "PRTF"):
            return None
    return None


_RULES_BEFORE = re.compile(
    r"(?i)(?<![а-яё])(?:правил|норм|положени|регламент|стандарт|порядк|перечн)\w*[^.;\n№]{0,30}$"
)
_APPEAL_BEFORE = re.compile(
    r"(?i)(?<![а-яё])(?:сообщени|обращени|письм|запрос|жалоб|проблем)\w*[^;\n№]{0,30}$"
)
NUMBERED = re.compile(r"№\s*(?P<num>\d+)(?![\d.,/-]?\d)")
# a body named in one word: «Роспотребнадзор», «Госжилинспекция», «Минздрав», «Росреестр»,
# «Жилстройнадзор» — a named organisation, not a kind of body («полиция», «управляющая компания» are no facts)
NAMED_BODY = re.compile(
    r"(?<![А-Яа-яЁёA-Za-z-])(?:(?:Рос|Гос|Мин)[а-яё]{4,}|[А-ЯЁ][а-яё]*надзор[а-яё]*)(?![а-яё-])"
)
_PREP_BEFORE = re.compile(r"(?i)(?<![а-яё])(?:в|во|к|ко|на|из|от|до|у|через|по|при|для|с|со)\s+$")
_NOT_BODIES = ("росси", "государств", "госуслуг", "министерств", "минут", "минимал", "миним")


# «около 12,5 тысяч рублей», «примерно 300 м», «более 20 человек», «почти на 10 %» (a preposition
# between): the number is rounded
_APPROX_BEFORE = re.compile(
    r"(?i)(?<![а-яё])(?:около|примерно|приблизительно|порядка|почти|ориентировочно|более|свыше"
    r"|менее|больше|меньше|не\s+менее|не\s+более)\s+(?:(?:на|в|до|за|с|от)\s+)?$"
)


def _hedged(f: Fact, text: str) -> Fact:
    if f.kind == "number" and _APPROX_BEFORE.search(text[max(0, f.start - 25) : f.start]):
        return replace(f, approx=True)
    return f


# a period's unit and how many days it is (a month 28–31, a year 365–366, an hour 1/24)
_UNIT_DAYS = (
    ("сут", 1.0, 1.0), ("дн", 1.0, 1.0), ("ден", 1.0, 1.0), ("недел", 7.0, 7.0),
    ("месяц", 28.0, 31.0), ("мес", 28.0, 31.0), ("год", 365.0, 366.0), ("лет", 365.0, 366.0),
    ("час", 1 / 24, 1 / 24), ("ч.", 1 / 24, 1 / 24),
)  # fmt: skip
_PERIOD_TEXT = re.compile(
    r"(?i)(?P<num>\d+(?:[.,]\d+)?|[а-яё]+)(?:-[а-яё]{1,3})?\s*(?P<work>рабоч\w*\s+)?"
    r"(?:календарн\w*\s+)?(?P<unit>[а-яё]+\.?)"
)
_HALF = frozenset({"полтора", "полторы", "полутора"})
_RUBLES = re.compile(r"(?i)(?<![а-яё])руб(?:л[а-яё]*|\.)?(?![а-яё])")
_HALF_PERIOD = re.compile(r"(?i)(?<![а-яё])пол-?(?P<unit>года|месяца|недели)(?![а-яё])")


def period_days(text: str) -> tuple[float, float] | None:
    """How many days a period says, as (least, most): «две недели» (14, 14), «30 дней» (30, 30),
    «месяц» is 28–31 days, «полтора месяца» 42–46.5; None for what is no period or counts working
    days («10 рабочих дней»: how many calendar days depends on the weekends)."""
    half = _HALF_PERIOD.fullmatch(text.strip())
    if half:  # «полгода» is half a year, «полмесяца» 14–15.5 days
        unit = half["unit"].lower()
        return next((lo / 2, hi / 2) for p, lo, hi in _UNIT_DAYS if unit.startswith(p))
    m = _PERIOD_TEXT.fullmatch(text.strip())
    if not m or m["work"]:
        return None
    num = m["num"].lower().replace("ё", "е")
    if re.fullmatch(r"(?:19|20)\d\d", num):
        return None  # «2027 год» names a year, it is no period
    if num[0].isdigit():
        value = float(num.replace(",", "."))
    elif num in _HALF:
        value = 1.5
    else:
        word = NUMBER_WORDS.get(analyse(num).key)
        if word is None:
            return None
        value = float(word)
    unit = m["unit"].lower()
    for prefix, lo, hi in _UNIT_DAYS:
        if unit.startswith(prefix):
            return value * lo, value * hi
    return None


# «в сутки», «в неделю», «раз в месяц»: per one unit of time
_PER_UNIT = re.compile(
    r"\s+в\s+(?P<unit>сутки|день|неделю|месяц|квартал|год|году|полгода)(?![а-яё])", re.IGNORECASE
)


def _whole_unit(period: str, unit: str) -> bool:
    """«24 часа» is a whole «сутки», «365 дней» a whole «год» (a month is 28–31 days)."""
    a, b = period_days(period), period_days("1 " + unit)
    return a is not None and b is not None and a[0] <= b[1] + 1e-9 and b[0] <= a[1] + 1e-9


# «еженедельно», «ежемесячный», «каждую неделю», «раз в месяц», «дважды в год», «2 раза в
# неделю»: how often, per unit
_FREQUENCY = re.compile(
    r"(?i)(?<![а-яё\d])(?:еже(?P<every>дневн|недельн|месячн|квартальн|годн|суточн)\w*"
    r"|кажд\w+\s+(?P<each>день|неделю|месяц|квартал|год|сутки)"
    r"|(?:(?P<n>\d+|[а-яё]+)\s+)?раз\w*\s+в\s+(?P<per>сутки|день|неделю|месяц|квартал|год)"
    r"|(?P<times>дважды|трижды|четырежды)\s+в\s+(?P<per2>сутки|день|неделю|месяц|квартал|год))"
    r"(?![а-яё])"
)
_EVERY = {"дневн": "день", "недельн": "неделю", "месячн": "месяц", "квартальн": "квартал"}
_EVERY |= {"годн": "год", "суточн": "сутки"}
_PER_KEY = {"сутки": "день"}


def frequencies(text: str) -> set[tuple[int, str]]:
    """How often the text says something happens, as (times, per what): «еженедельно» and «раз
    в неделю» are (1, "неделю"), «дважды в месяц» and «2 раза в месяц» (2, "месяц"); «в сутки» is
    «в день»."""
    out: set[tuple[int, str]] = set()
    for m in _FREQUENCY.finditer(text):
        if m["every"]:
            n, per = 1, _EVERY[m["every"].lower()]
        elif m["each"]:
            n, per = 1, m["each"].lower()
        elif m["per"]:
            word = (m["n"] or "1").lower().replace("ё", "е")
            value = int(word) if word.isdigit() else NUMBER_WORDS.get(analyse(word).key)
            # «только раз в неделю»: a word that is no number leaves «раз», once
            n, per = value or 1, m["per"].lower()
        else:
            n, per = NUMBER_WORDS[m["times"].lower()], m["per2"].lower()
        out.add((n, _PER_KEY.get(per, per)))
    return out


def _org_address(f: Fact, facts: list[Fact], text: str) -> Fact:
    """«ООО «Экоцентр» на ул. Промышленной, 12», «УК «Север» (ул. Мира, 5)»: the address of an
    organisation's office holds across cases, as its phone does."""
    if f.kind != "address":
        return f
    for o in facts:
        if o.kind == "org" and o.end <= f.start and _BEFORE_OFFICE.fullmatch(text[o.end : f.start]):
            return replace(f, case=False)
    if _ACRONYM_BEFORE_OFFICE.search(text[max(0, f.start - 60) : f.start]):
        return replace(f, case=False)  # «МФЦ на ул. Ленина, 2»
    return f


_BEFORE_OFFICE = re.compile(r"[\s,(:—–-]*(?:(?:на|по\s+адресу)[\s:]*)?", re.IGNORECASE)
_ACRONYM_BEFORE_OFFICE = re.compile(
    r"(?<![А-ЯЁа-яё])[А-ЯЁ]{2,6}(?:\s*[«\"][^»\"\n]{1,40}[»\"])?[\s,(:—–-]*"
    r"(?:(?:на|по\s+адресу)[\s:]*)?$"
)


# A stated cause: «в результате прорыва трубы», «из-за засора ливнёвки», «по причине отсутствия
# финансирования», «так как …». As in drafter.grounding (the pipeline's support map): «в
# результате проверки / обследования / выполненных работ» is an inspection's outcome, and «в
# связи с этим / с Вашим обращением» points back instead of naming a cause.
CAUSE = re.compile(
    r"(?i)(?<![а-яё-])(?:(?P<conj>потому\s+что|так\s+как|поскольку)"
    r"|(?P<prep>в\s+связи\s+со?|из-за|из\s+за|по\s+причин(?:е|ам)|ввиду|вследствие|по\s+вине"
    r"|(?:связан|вызван|обусловлен)[аоы]?(?:\s+со?)?"  # the short form: «задержка связана с»
    r"|причин(?:а|ой)(?:[^.!?\n—–:]|\.(?=\s*[а-яё\d])){0,80}?"
    r"(?:\s[—–]|:|\s(?:стал\w*|явил\w*|является)(?![а-яё]))"
    r"|в\s+результате(?!\s+(?:провер|обслед|осмотр|выездн|выполн|проведен|комисс)))"
    r"(?P<that>\s+(?:тем|того),?\s+что)?)(?![а-яё])"
)
_CAUSE_END = re.compile(r"[,;:.!?()«»\"\n]|\s[-–—]\s")
# …and «из-за вас», «по вине них»: a person pointed at, not an event named
_POINTS_BACK = re.compile(
    r"(?i)\s*(?:(?:эт[оиу]\w*|чем|чего|вас|нас|них|него|неё|нее|тебя)(?![а-яё])|котор"
    r"|вышеизложенн|изложенн|указанн|поступивш|ваш|обращени)"
)
# «авария на теплотрассе», «засор в стояке», «порыв у дома»: a place follows
PLACE_PREPOSITIONS = frozenset({"на", "в", "во", "у"})
_CAUSE_POS = frozenset({"NOUN", "ADJF", "VERB", "INFN", "PRTF", "PRTS", "GRND", "ADJS"})
# words that name no cause: light verbs («сделали пешеходной»), the place and the time, and units
# of an amount («превысил порог на 3 200 рублей»: the amount is a fact, checked as a number)
_CAUSE_STOP = frozenset(
    {"быть", "есть", "являться", "стать", "сделать", "делать", "год", "день", "дом", "улица"}
    | {"рубль", "руб", "копейка", "месяц", "полгода", "неделя", "сутки", "час", "минута"}
    | {"метр", "километр", "процент", "раз", "штука"}
    # light nouns: «замена участка водопровода» is about the водопровод, «попадание в канализацию
    # посторонних предметов» about the предметы, «ремонт дорожного полотна» is «ремонт проезжей части»
    | {"участок", "часть", "место", "территория", "сторона", "зона", "полотно"}
    | {"попадание", "наличие"}
)


@dataclass(frozen=True)
class Cause:
    start: int
    end: int
    text: str
    words: frozenset[str]  # the content lemma keys of the cause («прорыв», «труба»)
    nouns: frozenset[str] = frozenset()  # those of them that are nouns: what the cause is about
    # after a preposition the cause is a noun phrase of at most three words («из-за прорыва
    # канализационного стояка»): each of its nouns names the event or its place
    phrase: bool = False
    event: frozenset[str] = frozenset()  # a phrase's nouns: the event, its object, its place
    places: frozenset[str] = frozenset()  # of them, those after «на», «в», «у»: where
    head: str = ""  # the first of them: the event itself («прорыв», «авария»)


def _noun_phrase(clause: str) -> tuple[frozenset[str], frozenset[str]]:
    """The nouns of the noun phrase a preposition of cause governs, and those of them that say
    where: the head and what hangs on it in the genitive or after «на», «в», «у» — «прорыва
    канализационного стояка», «аварии на подстанции»; not the sentence that goes on after it
    («Из-за ремонта дороги остановку перенесли»: «остановку» is the consequence)."""
    nouns: set[str] = set()
    places: set[str] = set()
    place = False
    for w in re.findall(r"[А-Яа-яЁё]+", clause):
        lw = w.lower().replace("ё", "е")
        a = analyse(lw)
        if lw in PLACE_PREPOSITIONS and nouns:
            place = True
            continue
        if a.pos in ("ADJF", "PRTF", "NUMR") or (a.pos == "CONJ" and lw == "и"):
            continue
        if a.pos != "NOUN" or (nouns and not place and "gent" not in a.tag):
            break
        if a.key not in _CAUSE_STOP and a.key not in MONTHS:  # «из-за ветра 2 марта»: a date
            nouns.add(a.key)
            if place:
                places.add(a.key)
        place = False
    return frozenset(nouns), frozenset(places)


def stated_causes(text: str) -> list[Cause]:
    """The causes ``text`` states: the clause after «из-за», «так как» …, up to the clause's
    end; after a preposition only its first three content words (the rest is the consequence)."""
    out = []
    for m in CAUSE.finditer(text):
        clause = _CAUSE_END.split(text[m.end() :], maxsplit=1)[0]
        if m["prep"] and not m["that"] and _POINTS_BACK.match(clause):
            continue
        keys: list[tuple[str, str | None]] = []
        for w in re.findall(r"[А-Яа-яЁё]+", clause):
            a = analyse(w.lower().replace("ё", "е"))
            if a.pos in _CAUSE_POS and a.key not in _CAUSE_STOP and len(a.key) > 2:
                keys.append((a.key, a.pos))
        phrase = bool(m["prep"] and not m["that"])
        if phrase:
            keys = keys[:3]
        if keys:
            end = m.end() + len(clause.rstrip())
            words = frozenset(k for k, _ in keys)
            nouns = frozenset(k for k, pos in keys if pos == "NOUN")
            event, places = _noun_phrase(clause) if phrase else (frozenset(), frozenset())
            event, places = event & words, places & words  # the phrase's first three words
            head = next((k for k, pos in keys if pos == "NOUN" and k in event), "")
            out.append(
                Cause(
                    m.start(), end, text[m.start() : end], words, nouns, phrase, event, places, head
                )
            )
    return out


_GENERIC_ORG_WORDS = frozenset({"область", "район", "город", "по", "и"})


@cache
def generic_org_keys() -> frozenset[str]:
    """Words that say what kind of organisation it is, not which: legal forms and their
    expansions («ООО», «управляющая компания»), kinds of body, the region's cities."""
    forms = "ооо оао зао пао ао нао муп гуп фгуп гку гбу гау мбу мку мау тсж жск тсн ук ип фгбу"
    words = (
        "общество ограниченный ответственность акционерный муниципальный унитарный "
        "государственный бюджетный казенный автономный учреждение предприятие управляющий "
        "компания организация товарищество собственник жилье кооператив"
    )
    keys = {analyse(w).key for w in f"{forms} {words}".split()}
    for f in forms.split():
        keys.update(_abbreviations().get(f, ()))
    return frozenset(keys) | _body_keys() | _street_noise()


def _name_words(name: str) -> tuple[str, ...]:
    return tuple(w.lower().replace("ё", "е") for w in re.findall(r"[А-ЯЁа-яё]{3,}", name))


def compound_of(word: str, name: tuple[str, ...]) -> bool:
    """``word`` is a compound of the name's words' beginnings, in order, at least two of them:
    «минздрав» of «Министерство здравоохранения», «госжилинспекция» of «Государственная
    жилищная инспекция»; a word of the name may be left out («области»); the last part may end in
    «й» where the word goes on («минстрой» of «Министерство строительства»)."""

    def rest(w: str, i: int, parts: int) -> bool:
        if not w or (w == "й" and parts >= 2):
            return parts >= 2
        for j in range(i, len(name)):
            for n in range(min(len(w), len(name[j])), 2, -1):
                if w[:n] == name[j][:n] and rest(w[n:], j + 1, parts + 1):
                    return True
        return False

    return len(word) >= 4 and rest(word, 0, 0)


def _initials(name: str) -> str:
    """«Фонд капитального ремонта» → "фкр", «Комитет по благоустройству» → "кб": the acronym a
    source may write instead («НО «ФКР»», «КБ»)."""
    return "".join(w[0] for w in re.findall(r"[А-ЯЁа-яё]{3,}", name)).lower().replace("ё", "е")


_BODY_WORDS = frozenset(
    {"инспекция", "служба", "комитет", "департамент", "министерство", "управление", "фонд"}
    | {"агентство", "учреждение", "предприятие", "дирекция"}
)


@cache
def _body_keys() -> frozenset[str]:
    """Lemma keys of the kinds of body («управление», «комитет», «инспекция» …)."""
    return frozenset(analyse(w).key for w in _BODY_WORDS)


def _name_only(name: str, keep: int = 1) -> str:
    """The name without the sentence after it: after the first ``keep`` words, a word whose
    class cannot be part of a name (a preposition but «по», a verb, a number) ends it, and so
    does a punctuation mark after a word."""
    for i, w in enumerate(re.finditer(r"\S+", name)):
        token = w.group().rstrip(".,;:!?()")
        if i >= keep:
            a = analyse(token.lower().replace("ё", "е"))
            if not token or token.isdigit() or (a.pos in _NAME_END_POS and token != "по"):
                return name[: w.start()].rstrip()
        if token != w.group():
            return name[: w.start() + len(token)].rstrip()
    return name.rstrip()


_ANY_NUMBER = re.compile(r"\d{1,3}(?:[ \u00a0]\d{3})+(?![\d.,])|\d+(?:[.,]\d+)*")


def number_key(num: str) -> str:
    """«14.50», «14,5» → "14.5"; «5 000» → "5000"; «007» → "7"."""
    s = re.sub(r"[ \u00a0]", "", num).replace(",", ".")
    try:
        v = float(s)
    except ValueError:
        return s
    return str(int(v)) if v == int(v) else f"{v:.6f}".rstrip("0")


# --- amounts in units (session 12) ------------------------------------------------------------
# A unit, the dimension it measures and its size in that dimension's base unit (metres, kg,
# litres, square metres, minutes, per cent): «1,5 км» and «1500 метров» are one amount.
_UNITS = (
    (r"миллиметр\w*|мм", "length", 0.001), (r"сантиметр\w*|см", "length", 0.01),
    (r"километр\w*|км", "length", 1000.0), (r"метр\w*|м", "length", 1.0),
    (r"килограмм\w*|кг", "mass", 1.0), (r"тонн\w*|т", "mass", 1000.0),
    (r"центнер\w*|ц", "mass", 100.0),
    (r"литр\w*|л", "volume", 1.0), (r"кубометр\w*|куб\.\s*м|м3|м³|кубическ\w*\s+метр\w*", "volume", 1000.0),
    (r"кв\.\s*м|м2|м²|квадратн\w*\s+метр\w*", "area", 1.0), (r"гектар\w*|га", "area", 10000.0),
    (r"секунд\w*|сек\.?", "time", 1 / 60), (r"минут\w*|мин\.?", "time", 1.0),
    (r"час(?:а|ов|ам|ами|ах)?|ч\.?", "time", 60.0), (r"сут(?:ки|ок|кам|ках)|сут\.", "time", 1440.0),
    (r"процент\w*|%", "percent", 1.0),
)  # fmt: skip
_UNIT_RE = re.compile(
    r"(?<![а-яё])(?:"
    + "|".join(f"(?P<u{i}>{pattern})" for i, (pattern, _, _) in enumerate(_UNITS))
    + r")(?![а-яё\d²³])",
    re.IGNORECASE,
)
_MULTIPLIER = re.compile(r"(?i)(?<![а-яё])(?P<m>тыс\.?|тысяч\w*|млн\.?|миллион\w*)\s*$")
_DIGITS_BEFORE = re.compile(r"(?<![\d.,])(\d{1,3}(?:[ \u00a0]\d{3})+|\d+(?:[.,]\d+)?)\s*$")
# «полчаса», «полкилометра», «пол-литра», «четверть часа»: half or a quarter of the unit
_HALF_UNIT = re.compile(
    r"(?i)(?<![а-яё])(?:пол-?|полу|четверт(?:ь|и|ью)\s+)(?P<unit>час(?:а|у)?|минут[ыу]|километр[а]?|метр[а]?|тонн[ыу]"
    r"|литр[а]?|сут(?:ок|ки))(?![а-яё])"
)
# a share said in words: «половина объёма», «наполовину», «на четверть», «треть»
_SHARE = re.compile(
    r"(?i)(?<![а-яё])(?:(?P<half>половин\w*|наполовину)|(?P<quarter>четверт(?:ь|и|ью)(?!\s+час))"
    r"|(?P<third>трет(?:ь|и|ью)))(?![а-яё])"
)


def _written_before(text: str, end: int) -> tuple[float, int] | None:
    """The number written right before ``text[end:]`` with a space between (``_number_before``
    over the 80 characters before it): its value and where it starts in ``text``."""
    before = text[max(0, end - 80) : end]
    if not before[-1:].isspace():
        return None
    written = _number_before(before)
    return None if written is None else (written[0], end - len(before) + written[1])


def _number_before(text: str) -> tuple[float, int] | None:
    """The number written right before ``text``'s end — digits, or number words that add up
    («сто двадцать», «полторы») — with a multiplier («2,5 тысячи», «1,2 млн»), and where it
    starts in ``text``."""
    mult = 1.0
    m = _MULTIPLIER.search(text)
    if m:
        mult = 1000.0 if m["m"].lower().startswith("тыс") else 1_000_000.0
        text = text[: m.start()]
    d = _DIGITS_BEFORE.search(text)
    if d:
        return float(re.sub(r"[ \u00a0]", "", d[1]).replace(",", ".")) * mult, d.start()
    total, last, start, rest = 0.0, 0.0, -1, text
    while w := _WORD_AT_END.search(rest):
        lw = w[1].lower().replace("ё", "е")
        a = analyse(lw)
        v = 1.5 if lw in _HALF else NUMBER_WORDS.get(a.key)
        # an ordinal («третий», ADJF) counts nothing
        if v is None or (total and v <= last) or a.pos not in ("NUMR", "NOUN"):
            break
        total, last, start, rest = total + v, float(v), w.start(1), rest[: w.start(1)]
    return (total * mult, start) if start >= 0 else None


_WORD_AT_END = re.compile(r"([А-Яа-яЁё]+)\s*$")


def quantities(text: str) -> list[tuple[int, int, str, float]]:
    """The amounts in units ``text`` gives, as (start, end, dimension, value in the base unit):
    «1,5 км» and «1500 метров» are ("length", 1500.0), «полчаса» and «30 минут» ("time", 30.0),
    «0,5 т» and «500 кг» ("mass", 500.0), «2,5 тысячи квадратных метров» ("area", 2500.0), «на
    четверть» and «25 %» ("percent", 25.0)."""
    out: list[tuple[int, int, str, float]] = []
    for m in _UNIT_RE.finditer(text):
        dim, size = _unit(m)
        before = text[max(0, m.start() - 80) : m.start()]
        if not (before[-1:].isspace() or before[-1:].isdigit()):
            continue
        num = _number_before(before)
        if num is not None:
            out.append((m.start() - len(before) + num[1], m.end(), dim, num[0] * size))
    for m in _HALF_UNIT.finditer(text):
        unit = _UNIT_RE.match(m["unit"])
        if unit:
            dim, size = _unit(unit)
            share = 0.25 if m.group().lower().startswith("четверт") else 0.5
            out.append((m.start(), m.end(), dim, share * size))
    for m in _SHARE.finditer(text):
        value = 50.0 if m["half"] else 25.0 if m["quarter"] else 100 / 3
        out.append((m.start(), m.end(), "percent", value))
    return out


def _unit(m: re.Match[str]) -> tuple[str, float]:
    i = next(int(k[1:]) for k, v in m.groupdict().items() if v is not None)
    return _UNITS[i][1], _UNITS[i][2]


def same_amount(a: tuple[str, float], b: tuple[str, float], approx: bool = False) -> bool:
    """One amount: the same dimension and value (a third is 33 or 34 per cent; a hedged amount
    is within 5 %)."""
    if a[0] != b[0]:
        return False
    tolerance = 0.05 if approx else 1e-6
    close = abs(a[1] - b[1]) <= tolerance * max(abs(a[1]), abs(b[1]))
    third = any(abs(x - 100 / 3) < 1e-9 for x in (a[1], b[1]))  # «треть»: 33 or 34 %
    return close or (a[0] == "percent" and third and abs(a[1] - b[1]) < 1)


def _hour_number(h: str) -> int | None:
    """«9» or «девяти» (a cardinal: «половина седьмого» is half past six, not seven)."""
    if h.isdigit():
        return int(h)
    a = analyse(h.lower().replace("ё", "е"))
    return NUMBER_WORDS.get(a.key) if a.pos == "NUMR" else None


def _hour24(h: int, part: str) -> int | None:
    """The hour of «h утра / дня / вечера / ночи» on the 24-hour clock: «2 часа дня» is 14, «9
    вечера» 21, «12 ночи» 0, «3 ночи» 3, «10 ночи» 22; None for what no clock says («15 вечера»)."""
    part = part.lower()
    if not 1 <= h <= 12:
        return None
    if part == "утра":
        return h % 12 if h <= 11 or h == 12 else None
    if part == "дня":
        return h if h >= 11 else h + 12 if h <= 6 else None
    if part == "вечера":
        return h + 12 if 4 <= h <= 11 else None
    return 0 if h == 12 else h if h <= 5 else h + 12 if h >= 9 else None  # ночи


_COUNT_WORD = re.compile(r"[А-Яа-яЁё]+")


def _counted_in_words(text: str) -> list[tuple[int, int, int]]:
    """Counts written in number words before the noun they count: «пяти дворников», «сто
    пятьдесят саженцев», «трое рабочих» — (start, end, value); a cardinal or collective numeral
    of two or more (ordinals are ``ORDINAL_PART``'s and dates', «одного» counts nothing), the
    noun right after it or after one or two adjectives; not a period («двух недель», read above),
    a month or «раз» («два раза» is how often)."""
    words = list(_COUNT_WORD.finditer(text))
    out: list[tuple[int, int, int]] = []
    i = 0
    while i < len(words):
        a = analyse(words[i].group().lower().replace("ё", "е"))
        value = NUMBER_WORDS.get(a.key)
        if (a.pos != "NUMR" and a.key != "сто") or value is None:  # «сто»: also a noun (СТО)
            i += 1
            continue
        j, total, last = i + 1, value, value
        while j < len(words) and not text[words[j - 1].end() : words[j].start()].strip():
            b = analyse(words[j].group().lower().replace("ё", "е"))
            v = NUMBER_WORDS.get(b.key)
            if (b.pos != "NUMR" and b.key != "сто") or v is None or v >= last:
                break
            total, last, j = total + v, v, j + 1
        end = None
        for k in range(j, min(j + 3, len(words))):
            if text[words[k - 1].end() : words[k].start()].strip():
                break  # a comma or a dash between: the number counts nothing after it
            w = words[k].group()
            b = analyse(w.lower().replace("ё", "е"))
            if b.pos in ("ADJF", "PRTF") and w[:1].islower():
                continue
            if b.pos not in ("NOUN", "ADJF", "PRTF") and _a_noun(w.lower()):
                b = next(
                    analyse(p.normal_form) for p in knowledge.text.morph().parse(w.lower())[:3]
                    if p.tag.POS == "NOUN"
                )  # «саженцев»: a noun, whatever pymorphy reads first  # fmt: skip
            counted = b.pos == "NOUN" and b.key not in MONTHS and b.key not in _NOT_COUNTED
            if counted and not _PERIOD_UNIT.match(b.key) and not _UNIT_RE.fullmatch(w):
                end = words[k].end()
            break
        lone_hundred = total == 100 and j == i + 1  # «у нас не сто рук»: a figure of speech
        if total >= 3 and end is not None and not lone_hundred:
            out.append((words[i].start(), end, total))
        i = j
    return out


_NOT_COUNTED = frozenset({"раз", "тысяча", "миллион", "сотня", "десяток"})
_NOT_COUNTED |= {"утро", "день", "вечер", "ночь"}  # «к шести вечера» is a time of day


@cache
def _a_noun(word: str) -> bool:
    """Some of the word's first three parses is a noun («саженцев» is read first as a short
    adjective)."""
    return any(p.tag.POS == "NOUN" for p in knowledge.text.morph().parse(word)[:3])
