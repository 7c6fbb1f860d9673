"""Where a draft's facts may come from (``Grounding``): the case and past answers to other cases.

``Grounding(texts, answer_texts)``: ``texts`` (the appeal, regulation chunks, facts the system
computed) ground any fact; ``answer_texts`` (past approved answers to *other* citizens' cases)
ground only facts that hold across cases — norms, organisations, their phones, periods. A fact
with ``case=True`` (address, house/flat number, calendar date, count, private phone) found only
in a past answer was copied from the nearest example: ``where`` says "other_case".

What counts as the same fact said another way (the conventions; each has labelled cases in
tests/checker/test_labelled_rules_s9_ungrounded.py):

- **A period derived from the texts' dates.** A period in days, weeks, months or hours is
  grounded when its length is the length of a range the texts give («с 1 по 14 июня» is «две
  недели», «за пять дней» is «с 10 по 14 августа»: counted with or without the first day), the
  time between two dates of one text («заявка от 02.03, срок до 01.04» is «в течение 30 дней»,
  «месяц» is 28–31 days), or a period the texts give in another unit («21 календарный день» is
  «три недели», the appeal's «две недели» is «14 дней»). Working days are not converted (the
  weekends decide); «в течение суток», «за неделю» give one unit. A date is grounded when it is the end of a period the texts start on a
  date («21 день с 01.07» ends 21 or 22 July).
- **A day of the month in words** (session 11): «до конца мая» is 31 May, «в первой декаде
  июля» ends 10 July (the second 20, the third the month's last day); «до конца месяца» names no
  month and grounds no date.
- **How often**: «1 раз в неделю» is «еженедельно», «каждую неделю», «раз в неделю»; «дважды в
  месяц» is «2 раза в месяц» (``frequencies``). «24 часа в сутки», «7 дней в неделю» say «all the
  time» and are no fact; «полтора месяца» is a period of 42–46.5 days.
- **Numbers in words**: «двадцать пять» is 25 (a run of number words adds up).
- **A hedged number** («около 12,5 тысяч», «более 20 м») is grounded by a number of the texts
  within 5 % of it: the reply rounds the source's «12 480,56 руб.»; «около 10 тысяч» for
  8 120 is another sum.
- **Amounts in other units** (session 12, ``quantities``): «1500 метров» is «1,5 км», «50 мм»
  «5 см», «0,5 т» «500 кг», «500 литров» «0,5 куб. м», «1,2 га» «12 000 кв. м», «2 часа» «120
  минут», «полчаса» «30 минут», «четверть часа» «15 минут», «25 %» «на четверть», «50 %»
  «половина», «на треть» 33 or 34 %; with «тысяч»/«млн» and in number words («двести метров»,
  «2,5 тысячи квадратных метров»). A length is no period: «1500 метров» is not «1,5 месяца».
- **Houses** (session 12): a range of the texts («д. 1–5», «домов с 3 по 7») grounds every house
  in it; a house number must be a number the texts write as such — a day or a month of a date
  («до 12.01») or a time is no house 12.
- **A count is no house number** (session 14; here since session 15): a count of things («12
  скамеек», «8 новых скамеек» — adjectives between number and noun are seen through) is
  grounded by a number the texts write as a count, not by a date's day or month nor by the house
  of an address or the number of a flat, an entrance, a floor («ул. Мира, 8», «кв. 4», «подъезд
  3», «у дома 12 …»: ``_names_a_place``). What names a place is no count in the reply either
  («у дома 12 мусор вывезли», «13 секции», «(1 пар.)», a noun on the next line or capitalised):
  any number of the texts grounds it. An amount in units («300 метров») is compared by value and
  by any number the texts write outside dates and phones (a source's «ул. Гончарова, 300 метров»
  is read as an address).
- **The 12-hour clock**: «с 2 до 4 часов дня» is 14:00–16:00, «к шести вечера» 18:00 («2 дня»
  is two days, «половина седьмого» no seven o'clock).
- **A federal service's one-word name** («Роспотребнадзор», «Ростехнадзор») is grounded by its
  written-out name («Федеральная служба по надзору в сфере защиты прав потребителей»): «Рос-»
  says federal, the rest is compounded of the name's words in its order or the reverse.
- **A cause said in other words** (``has_cause``): words of one root (``_same_stem``: another
  part of speech, another prefix — «порыв» / «прорыв», «поломка» / «сломался» — a consonant
  alternation, a fleeting vowel, a compound's first part), or of one family of cause words
  (``_CAUSE_FAMILIES``: «долг» / «задолженность»; a general word holds a specific one —
  «авария» is grounded by «порыв», not the other way round). A short cause after a
  preposition names an event and its place («из-за прорыва канализационного стояка»): each of
  its nouns must be held; «прорыв» for the source's «засор», «подстанция» for «теплотрасса» is
  an invented cause. A phrase of a source stands for one cause word («низкие температуры» are
  «мороз», «обильный снег» a «снегопад»); rain and snow are both «осадки», not each other.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from drafter.quality.facts import (
    _ANY_NUMBER,
    _CAUSE_STOP,
    DATE_NUM,
    DATE_TEXT,
    MONTHS,
    NUMBER_WORDS,
    PLACE_PREPOSITIONS,
    Cause,
    Fact,
    _words,
    compound_of,
    extract_facts,
    frequencies,
    generic_org_keys,
    house_ranges,
    number_key,
    period_days,
    quantities,
    same_amount,
)
from drafter.quality.text import Doc, Token, analyse
from knowledge.text import MONTH_WORD

_RANGE_START = re.compile(r"(?<![\d.])(\d{1,2})\s*(?:[–—-]|по|и)\s*$")
_DOT_TIME = re.compile(r"(?<![\d.,])([01]?\d|2[0-3])\.([0-5]\d)(?![\d]|\.\d)")


@dataclass
class _Known:
    """Everything some texts say, in the normalised forms above."""

    texts: list[str]
    facts: list[Fact] = field(init=False)
    numbers: set[str] = field(init=False)
    words: frozenset[str] = field(init=False)
    digits: str = field(init=False)

    def __post_init__(self) -> None:
        joined = "\n".join(t for t in self.texts if t)
        self.facts = extract_facts(joined)
        said: set[str] = set()  # numbers not in digits: words, Roman numerals, the grammars' values
        # numbers written in words («пяти рабочих дней»); a run of them adds up: «двадцать пять»
        run: list[int] = []
        for w in [*re.findall(r"[А-Яа-яЁё]+|\S", joined), "."]:
            v = NUMBER_WORDS.get(analyse(w.lower().replace("ё", "е")).key)
            if v is not None:
                said.add(str(v))
                if run and v >= run[-1]:
                    run = []  # «два три» is two numbers, «двадцать пять» one
                run.append(v)
                continue
            if len(run) > 1:
                said.add(str(sum(run)))
            run = []
        # «II квартал», «IV этап»: a Roman numeral is a number
        said.update(str(_roman(r)) for r in _ROMAN.findall(joined))
        words_said = set(said)
        # the values the grammars read: «40 тысяч рублей» is 40000
        said.update(f.key[1] for f in self.facts if f.kind == "number")
        self.numbers = _digit_numbers(joined) | said
        self.words = _words(joined)
        self._lower = joined.lower()
        self.digits = re.sub(r"\D", "", joined)
        self._dates = {f.key[1:] for f in self.facts if f.kind == "date"}
        # «Федеральный закон от 02.05.2006 № 59-ФЗ»: the act's date is inside the norm's span
        for f in self.facts:
            if f.kind == "norm":
                self._dates |= {d.key[1:] for d in _act_dates(f)}
        # «с 15 по 30 апреля», «14–15.03.2026», «10 и 12 марта»: the first day of a range shares
        # the month of the date that ends it (the grammar reads only that one)
        for f in self.facts:
            if f.kind == "date":
                first = _RANGE_START.search(joined[max(0, f.start - 12) : f.start])
                if first and 1 <= int(first[1]) < f.key[1]:
                    self._dates.add((int(first[1]), *f.key[2:]))
        self._spans, derived = _spans(joined, self.facts)
        self._dates |= derived
        self._dates |= _month_parts(joined)
        self._frequencies = frequencies(joined)
        # «1,5 км», «полчаса», «500 кг», «на четверть»: amounts in units, compared by value
        self._amounts = [(dim, v) for _, _, dim, v in quantities(joined)]
        self._norms = {f.key[2] for f in self.facts if f.kind == "norm"}
        self._phones = {f.key for f in self.facts if f.kind == "phone"}
        self._houses = {f.key for f in self.facts if f.kind == "address"}
        # «д. 1–5», «домов с 3 по 7»: the houses of a range («дома 1, 3 и 5» are in it)
        self._house_ranges = [(a, b) for _, a, b in house_ranges(joined) if b <= a + 100]
        # a house number is a number the texts write as one, not a day or a month of a date
        # («до 12.01» grounds no «дом 12»), a time or a phone's digits
        blank = _blanked(joined, self.facts, ("date", "time", "phone"))
        self._house_numbers = {number_key(m.group()) for m in _ANY_NUMBER.finditer(blank)} | {
            p for m in _ANY_NUMBER.finditer(blank) for p in re.split(r"[.,/]", m.group())
        }
        # …and so is an amount: «около двух тонн», «300 метров» are not the month of «до 25.12»
        # or the day of «02.11» (the number of a date or a phone is its own; a time's hour is an
        # hour: «9:00» is «9 часов»)
        undated = _blanked(joined, self.facts, ("date", "phone"))
        self._written = _digit_numbers(undated) | said
        # …and a count of things («12 скамеек», «8 новых скамеек») is not the house of an address
        # either, nor the number of a flat, an entrance or a floor («ул. Мира, 8», «кв. 4»,
        # «подъезд 3», «у дома 12 …»: they name one, they count nothing)
        named = [f for f in self.facts if _names_a_place(f)]
        uncounted = _blanked(undated, named, ("address", "number"))
        self._counts = _digit_numbers(uncounted) | words_said
        self._counts |= {f.key[1] for f in self.facts if f.kind == "number" and f not in named}
        self._values = {
            things: [float(n) for n in numbers if re.fullmatch(r"\d+(?:\.\d+)?", n)]
            for things, numbers in ((True, self._counts), (False, self._written))
        }
        self._times = {f.key[1:] for f in self.facts if f.kind == "time"}
        # «в 14.30»: a source may write the time with a dot (a draft's «14.30» is not read as one)
        self._times |= {(int(h), int(m)) for h, m in _DOT_TIME.findall(joined)}

    # Built on first use: only a cause or an acronym needs the texts' sentences analysed.
    @cached_property
    def _sentences(self) -> list[list[Token]]:
        return [toks for text in self.texts if text for toks in Doc(text).by_sentence]

    @cached_property
    def _names(self) -> list[tuple[str, ...]]:
        """Per sentence, its words in order (lower case): what a compound name is made of."""
        return [
            tuple(w for t in toks if len(w := t.text.lower().replace("ё", "е")) >= 3)
            for toks in self._sentences
        ]

    @cached_property
    def _initials(self) -> list[str]:
        """Per sentence, the initials of its words (and of a hyphenated word's parts)."""
        return [
            "".join(w[0] for w in re.findall(r"[а-яё]{3,}", " ".join(t.text for t in toks).lower()))
            for toks in self._sentences
        ]

    @cached_property
    def _abbreviations(self) -> list[frozenset[str]]:
        """Per sentence, the abbreviations it writes in capitals («ППК», «КЛ» of «КЛ-6 кВ»),
        lower case: what a reply may write out word by word."""
        return [
            frozenset(
                a.lower()
                for a in _CAPITALS.findall(" ".join(t.text for t in toks))
                if a.lower().replace("ё", "е") not in _LEGAL_FORMS
            )
            for toks in self._sentences
        ]

    @cached_property
    def placed(self) -> list[bool]:
        """Per sentence, whether it says where something happened: «на», «в», «у» before a
        noun that is not the house, the street or the time («авария на теплотрассе», not «в
        доме 3», «в 2026 году»)."""
        return [any(_place_at(toks, i) for i in range(len(toks))) for toks in self._sentences]

    @cached_property
    def sentences(self) -> list[frozenset[str]]:
        """Per sentence, its lemma keys and its abbreviations' words, and the one word a phrase
        of it says («низкие температуры» are «мороз»): where a cause may stand."""
        out = []
        for toks in self._sentences:
            keys = frozenset(t.key for t in toks) | _words(" ".join(t.text for t in toks))
            out.append(keys | {w for phrase, w in _PHRASE_WORDS if phrase <= keys})
        return out

    def has(self, fact: Fact) -> bool:
        if fact.kind == "date":
            _, d, m, y = fact.key
            return any(
                d == d2 and m == m2 and (y is None or y2 is None or y == y2)
                for d2, m2, y2 in self._dates
            )
        if fact.kind == "norm":
            ident = fact.key[2]
            return ident in self._norms or ident in self.numbers
        if fact.kind == "time":
            h, m = fact.key[1:]
            return (h, m) in self._times or (m == 0 and str(h) in self.numbers)
        if fact.kind == "phone":
            return fact.key in self._phones or fact.key[1] in self.digits
        if fact.kind == "address":
            house = fact.key[1]
            num = re.match(r"\d+", house)
            if not (fact.key in self._houses or (num and self._a_house(int(num.group())))):
                return False
            if num and house != num.group() and fact.key not in self._houses:
                # «дом 14а» is another house than «дом 14»: the letter must be the texts' too
                # («д. 14 литера А»), and so must a корпус («14к2» is «д. 14, корп. 2»)
                rest = house[num.end() :]
                korp = re.fullmatch(r"к(\d+)", rest)
                tail = (
                    rf"\s*,?\s*(?:к|корп\.?|корпус\w*)\s*{korp[1]}(?!\d)"
                    if korp
                    else rf"\s*,?\s*(?:(?:литер\w*|лит\.?)\s*)?[«\"]?{re.escape(rest)}(?![а-яё])"
                )
                if not re.search(rf"(?<!\d){num.group()}{tail}", self._lower):
                    return False
            # the street's name, inflected by the morphology's guess («Большой» / «Большая»)
            return not fact.words or any(
                w in self.words or any(len(os.path.commonprefix([w, k])) >= 5 for k in self.words)
                for w in fact.words
            )
        if fact.kind == "org":
            if not fact.words:
                return True
            # «УК Октябрьского района» is not «УК Ленинского района»: the words that tell which
            # organisation it is decide, not «управляющая компания»
            which = (fact.words - generic_org_keys()) or fact.words
            found = {w for w in which if w in self.words or self._acronym(w)}
            # «АО «Читинские электрические сети»» for the texts' «АО «ЧЭС»»: words whose
            # initials spell an abbreviation of the texts («Читинская энергосбытовая
            # компания» spells «ЧЭК», another one)
            found |= _spelled(fact.text, frozenset().union(*self._abbreviations))
            if len(found) / len(which) >= 0.7:
                return True
            if len(fact.key) > 1 and len(fact.key[1]) >= 2 and fact.key[1] in self.words:
                return True  # «Фонд капитального ремонта» written «ФКР»
            # «Министерство здравоохранения» written «Минздрав»
            if len(fact.key) > 2 and any(compound_of(w, fact.key[2]) for w in self.words):
                return True
            # …and the other way round: «Госжилинспекция» for «Государственная жилищная
            # инспекция» written in a sentence of the texts
            (word,) = fact.words if len(fact.words) == 1 else ("",)
            if word and any(compound_of(word, names) for names in self._names):
                return True
            # «Роспотребнадзор» for «Федеральная служба по надзору в сфере защиты прав
            # потребителей»: «Рос-» says federal, and the rest is the name's words, in its
            # order or the other way round («надзор» over «потребителей»)
            return word.startswith("рос") and any(
                compound_of(word[3:], n) or compound_of(word[3:], n[::-1]) for n in self._names
            )
        if fact.kind == "number":
            often = frequencies(fact.text)
            if often and often <= self._frequencies:
                return True  # «1 раз в неделю» is «еженедельно»
            if fact.key[1] == "100" and _PERCENT.search(fact.text) and _WHOLE.search(self._lower):
                return True  # «выполнено на 100 %» is «в полном объёме»
            amounts = [(dim, v) for _, _, dim, v in quantities(fact.text)]
            counted = a_count(fact.text)
            things = counted and not amounts  # «8 новых скамеек», not «300 метров»
            if fact.key[1] in (self._counts if things else self._written):
                return True
            if fact.key[1] in self.numbers and not counted:
                return True  # «1 числа», «в 2026 году», «на первом этаже»: a date's part may say it
            if amounts and all(
                any(same_amount(a, b, fact.approx) for b in self._amounts) for a in amounts
            ):
                return True  # «1500 метров» is «1,5 км», «30 минут» «полчаса»
            days = period_days(fact.text)
            if days is not None and any(_overlap(days, span) for span in self._spans):
                return True
            return fact.approx and self._near(float(fact.key[1]), things)
        if fact.kind == "doc":
            return fact.key[1] in self.numbers
        if fact.kind == "email":
            return fact.key[1] in self._lower
        return True

    def _a_house(self, n: int) -> bool:
        return str(n) in self._house_numbers or any(a <= n <= b for a, b in self._house_ranges)

    def _near(self, value: float, things: bool) -> bool:
        """A number of the texts within 5 % of ``value`` (a hedged reply rounds it), or one that
        rounds to it at its last significant digit within 10 % («около 300 метров» for 280 м;
        not «около 10 тысяч» for 8 120); for a count of ``things``, a number that counts (not a
        house number)."""
        return any(
            abs(v - value) <= 0.05 * max(v, value) or _rounds_to(v, value)
            for v in self._values[things]
        )

    def _acronym(self, word: str) -> bool:
        """«тэк» stands for «Топливно-энергетический комплекс»: the initials of successive
        words (and of a hyphenated word's parts) in one sentence of the texts."""
        return 2 <= len(word) <= 5 and any(word in s for s in self._initials)

    def has_cause(self, cause: Cause) -> bool:
        """One sentence holds half the cause's words and one of its nouns: «засора ливневой
        канализации» two of three; «ушёл воспитатель» is grounded by «из-за ухода воспитателя»
        (verb and noun of one event do not share a lemma, so half is the bar), but «не пришла
        справка» is not by «не пришла выплата» — a noun says what the cause is. Words are
        compared by their root (``_same_stem``), so a verb meets its noun and an adjective its
        noun: «засорился выпуск канализации» is «засор канализационного выпуска»; and by the
        families of cause words (``_held``). A cause after a preposition («из-за аварии на
        подстанции») is held only with every noun of it: the event and its place — unless the
        sentence names no place at all, when the place is left out of the comparison."""
        need = -(-len(cause.words) // 2)
        # «из-за ветра 2 марта»: a month is held by a date of that month in the texts' digits
        months = {w for w in cause.words if MONTHS.get(w) in {d[1] for d in self._dates}}
        for s, placed, abbrs in zip(self.sentences, self.placed, self._abbreviations, strict=True):
            # «короткого замыкания» for the sentence's «КЗ», «повышения квалификации» for «ПК»
            spelled = _spelled(cause.text, abbrs) if abbrs else frozenset()
            held = (months | spelled) & cause.words | {
                w for w in cause.words if any(_held(w, k) for k in s) or _compound_held(w, s)
            }
            if len(held) < need:
                continue
            if cause.phrase and cause.event:
                # a place the sentence does not give is no other place («Теплосеть: авария» —
                # «из-за аварии на теплотрассе»); a place it gives must be the same one
                held |= spelled | {
                    w for w in cause.event if any(_held(w, k) for k in s) or _compound_held(w, s)
                }
                missing = cause.event - held - (frozenset() if placed else cause.places)
                if not missing:
                    return True
                # a longer phrase («неисправности насоса подкачки») may say one word of what
                # hangs on the event otherwise; the event and a place the sentence gives may not
                extra = len(missing) == 1 and cause.head not in missing and len(cause.event) >= 3
                if extra and not missing & cause.places:
                    return True
            elif not cause.nouns or cause.nouns & held:
                return True
        return False


# Families of cause words one executor writes for another's. A word before the colon is held by
# itself and by every word after it (a general word names what the specific one does: «авария»
# for «порыв»); the words after it hold each other only where the line says so («=»: synonyms).
_CAUSE_FAMILIES = (
    "= долг задолженность недоимка",
    "= ливень дождь",
    "осадки: дождь ливень снегопад снег",  # rain is not snow (session 12); both are «осадки»
    "= снегопад метель вьюга пурга буран",
    "= мороз заморозки холод похолодание",
    "температура: мороз заморозки холод похолодание жара",
    "= гололед наледь гололедица",
    "= засор закупорка",
    "= теплотрасса теплосеть теплопровод",  # «тепловая сеть», «тепловая трасса»
    "= неисправность поломка",
    "= повреждение порыв прорыв разрыв обрыв лопнуть",  # «лопнул шланг» is «разрыв шланга»
    "= отсутствие нехватка недостаток",
    "= финансирование средство бюджет деньга",  # «деньги»: pymorphy's lemma
    "= счетчик прибор",  # «замена общедомового счётчика» is «замена ОДПУ» (прибор учёта)
    "авария: порыв прорыв разрыв обрыв лопнуть повреждение поломка неисправность замыкание утечка",
    "неисправность: поломка повреждение выход",
    "погода: дождь ливень снегопад снег мороз ветер гололед наледь осадки оттепель",
    "работа: ремонт замена реконструкция прокладка испытание",
)


# Phrases an executor writes for one cause word: «низкие температуры наружного воздуха» are
# «морозы», «высокая температура» «жара», «сильный снег» a «снегопад».
_PHRASE_WORDS = (
    (frozenset({"низкий", "температура"}), "мороз"),
    (frozenset({"отрицательный", "температура"}), "мороз"),
    (frozenset({"высокий", "температура"}), "жара"),
    (frozenset({"обильный", "снег"}), "снегопад"),
    (frozenset({"сильный", "снег"}), "снегопад"),
)


def _families() -> tuple[list[frozenset[str]], dict[str, frozenset[str]]]:
    same: list[frozenset[str]] = []
    general: dict[str, frozenset[str]] = {}
    for line in _CAUSE_FAMILIES:
        head, _, rest = line.partition(":")
        if head.startswith("="):
            same.append(frozenset(head[1:].split()))
        else:
            general[head.strip()] = frozenset(rest.split())
    return same, general


_SAME_CAUSE, _GENERAL_CAUSE = _families()


@lru_cache(maxsize=1 << 16)  # pure, asked of the same pairs sentence after sentence
def _held(word: str, key: str) -> bool:
    """``word`` of a reply's cause is said by ``key`` of a source sentence: one root, one family
    of synonyms, or ``word`` the general name of ``key`` («авария» for «порыв»)."""
    if _same_stem(word, key):
        return True
    if any(_in(word, f) and _in(key, f) for f in _SAME_CAUSE):
        return True
    return any(
        _in(key, specific) for general, specific in _GENERAL_CAUSE.items() if word == general
    )


def _compound_held(word: str, keys: frozenset[str]) -> bool:
    """A compound is said by its parts in one sentence: «теплосеть» by «тепловой сети»,
    «водопровод» by «водяной провод» — the first part begins a word, the second (after the
    joining «о»/«е») is one of the sentence's by root; or a synonym of the compound is so said
    («теплотрасса» by «тепловой сети», as «теплосеть»)."""
    return any(_compound_said(w, keys) for w in {word} | _synonyms(word))


def _synonyms(word: str) -> frozenset[str]:
    return frozenset().union(*(f for f in _SAME_CAUSE if word in f))


def _compound_said(word: str, keys: frozenset[str]) -> bool:
    for i in range(3, len(word) - 3):
        if word[i] not in "ое":
            continue
        first, second = word[:i], word[i + 1 :]
        if any(k.startswith(first) and k != word for k in keys) and any(
            _same_stem(second, k) for k in keys
        ):
            return True
    return False


def _in(word: str, family: frozenset[str]) -> bool:
    """``word`` is a word of the family, or of one root with one («недостаточный»,
    «недостаток»)."""
    return word in family or any(_same_stem(word, f) for f in family)


# consonants that alternate between a verb and its noun («превысить» / «превышение»,
# «повредить» / «повреждение», «снизить» / «снижение»)
_ALTERNATIONS = (("жд", "д"), ("щ", "ст"), ("ш", "с"), ("ж", "з"))
# prefixes of verbs and their nouns («по-рыв» / «про-рыв», «по-ломка» / «с-ломать»)
_PREFIXES = sorted(
    (
        "по", "про", "пере", "при", "раз", "рас", "за", "вы", "от", "ото", "об", "обо", "под",
        "подо", "над", "из", "ис", "до", "на", "вз", "вс", "с", "со", "воз", "вос",
    ),
    key=len,
    reverse=True,
)  # fmt: skip


def _alternated(w: str) -> str:
    for a, b in _ALTERNATIONS:
        w = w.replace(a, b)
    return w


def _roots(w: str) -> list[str]:
    """The word without each prefix it may have, the rest at least three letters long."""
    return [w[len(p) :] for p in _PREFIXES if w.startswith(p) and len(w) - len(p) >= 3]


def _base(w: str) -> list[str]:
    """The word's bases as the first part of a longer word: without its ending vowel or soft
    sign («труба» → «труб»), and without a fleeting vowel («ливень» → «ливн»)."""
    b = w[:-1] if w[-1:] in "аяоеьйуиы" else w
    out = [b]
    if len(b) >= 4 and b[-2] in "еоё" and b[-1] not in "аяоеёиуыю":
        out.append(b[:-2] + b[-1])
    return out


def _same_stem(a: str, b: str) -> bool:
    """Two lemmas of one root: equal, or sharing their first six letters (all of the shorter
    one's if it is shorter, and at least four): «засорить» and «засор», «канализация» and
    «канализационный» meet; «теплотрасса» and «теплосеть», «газ» and «газон» do not. The same
    after a consonant alternation («превысить», «превышение»). Or one is the base of the
    other: «ливень» of «ливневый» (a fleeting vowel), «труба» of «трубопровод» (a compound:
    a base of three letters only before the joining «о»/«е»). Or they differ by a prefix:
    both prefixed, the rests share a root of three letters, the shorter rest at most five
    («порыв» / «прорыв», «поломка» / «сломать»); one prefixed, its rest meets the other word
    as above («разгерметизация» / «герметичность», not «открыть» / «крыса»)."""
    if a == b:
        return True
    for x, y in ((a, b), (_alternated(a), _alternated(b))):
        p = len(os.path.commonprefix([x, y]))
        if p >= max(4, min(6, len(x), len(y))):
            return True
    for x, y in ((a, b), (b, a)):
        for base in _base(x):
            if len(base) >= 4 and y.startswith(base) and len(y) > len(x):
                return True
            if len(base) == 3 and y.startswith(base) and y[3:4] in ("о", "е") and len(y) >= 7:
                return True
    ra, rb = _roots(a), _roots(b)
    if ra and rb:  # both prefixed: a short root is enough
        return any(
            len(os.path.commonprefix([x, y])) >= 3 and min(len(x), len(y)) <= 5
            for x in ra
            for y in rb
        )
    if not (ra or rb):
        return False
    # one prefixed: its rest is compared as a whole word («разгерметизация» / «герметичность»);
    # a rest of three or four letters is a root, all of it but its last letter shared («за-мена»
    # / «менять»)
    for x in ra or [a]:
        for y in rb or [b]:
            p = len(os.path.commonprefix([x, y]))
            if p >= max(4, min(6, len(x), len(y))):
                return True
            short = min(len(x), len(y))
            if short <= 4 and p >= max(3, short - 1):
                return True
    return False


_ONE_UNIT = re.compile(
    r"(?i)(?<![а-яё])(?:в\s+течение|за|на|через)\s+(?P<unit>сут\w*|недел\w*|месяц\w*|год\b|года\b"
    r"|час\b|часа\b|день\b|дня\b)"
)


def _place_at(toks: list[Token], i: int) -> bool:
    """«на теплотрассе», «на кабельной линии»: a preposition of place, adjectives, a noun that
    is not the house, the street or the time."""
    if toks[i].text.lower() not in PLACE_PREPOSITIONS:
        return False
    for t in toks[i + 1 : i + 4]:
        if t.pos in ("ADJF", "PRTF"):
            continue
        if _CAPITALS.fullmatch(t.text):
            return True  # «авария на ТС», «обрыв на ВЛ»: an abbreviation names the place
        return t.pos == "NOUN" and t.key not in _CAUSE_STOP and t.key not in MONTHS
    return False


def _act_dates(norm: Fact) -> list[Fact]:
    """The dates written inside a norm's reference («закон от 2 мая 2006 г. № 59-ФЗ»)."""
    out = []
    for pattern in (DATE_NUM, DATE_TEXT):
        for m in pattern.finditer(norm.text):
            out += [f for f in extract_facts(m.group()) if f.kind == "date"]
    return out


_PERCENT = re.compile(r"%|процент", re.IGNORECASE)
# «в полном объёме», «полностью», «целиком»: the whole of it, 100 %
_WHOLE = re.compile(r"(?<![а-яё])(?:полност\w*|в\s+полном\s+объ[её]ме|целиком)")
_ROMAN = re.compile(r"(?<![A-Za-z])(?=[IVX])(X{0,3}(?:IX|IV|V?I{0,3}))(?![A-Za-z])")


# the number and the words after it on its line («8 новых скамеек»: the noun after adjectives)
_COUNTED = re.compile(
    r"^(?:\S+\s+){0,3}?(?:\d[\d\s,.]*|[а-яё]+)(?P<after>(?:[^\S\n]+[а-яё]+)+)", re.IGNORECASE
)
_DATE_WORDS = frozenset({"год", "число", "месяц", "сутки", "день", "неделя", "час", "минута"})
# a number before a part of a building names which one («с 1 по 12 этаж», «8 парадная», «13
# секции», «(1 пар.)», «в 8 доме»), it counts nothing
_BUILDING_PARTS = frozenset(
    {"этаж", "подъезд", "парадная", "парадный", "парадное", "корпус", "квартира", "секция"}
    | {"литера", "дом", "строение", "блок", "клетка", "отсек", "пар", "кв", "корп", "лит"}
)
# a number fact that names a place, a word before its number: «кв. 4», «подъезд 3», «дома 12»
_PLACE_NUMBER = re.compile(r"[^\W\d]+\.?\s*\d")


def _names_a_place(f: Fact) -> bool:
    """The house of an address, or a number fact that names a flat, an entrance, a floor or a
    house («кв. 4», «подъезд 3», «у дома 12 …»): what names a place and counts nothing."""
    if f.kind == "address":
        return True
    return f.kind == "number" and bool(_PLACE_NUMBER.match(f.text)) and not a_count(f.text)


def _blanked(text: str, facts: Sequence[Fact], kinds: tuple[str, ...]) -> str:
    """``text`` with the facts of ``kinds`` blanked out, spans kept: what its other readings
    see once the numbers inside dates, times or phones are set aside."""
    chars = list(text)
    for f in facts:
        if f.kind in kinds:
            chars[f.start : f.end] = " " * (f.end - f.start)
    return "".join(chars)


def a_count(text: str) -> bool:
    """A number fact that counts things or measures an amount («12 скамеек», «8 новых скамеек»,
    «около двух тонн», «3 тонны»): the day or month of a date does not ground it, nor (a count of
    things) a house number. Not a year, a day of the month, a period or an ordinal («2026 году»,
    «1 числа», «первом этаже»), nor a word the dictionary does not know after it («5
    листопада»), nor the number of a part of a building («13 секции», «8 этаже»), nor a number
    whose noun is on the next line or capitalised («Елезарова 11\r\nПроход»: a house and the
    next sentence)."""
    if quantities(text):
        return not period_days(text)
    first = re.match(r"\s*([а-яё]+)", text, re.IGNORECASE)
    if first and "Anum" in analyse(first[1].lower()).tag:
        return False
    m = _COUNTED.search(text)
    if not m:
        return False
    # adjectives between number and noun («8 новых скамеек»); an ordinal is no adjective here
    for word in m["after"].split():
        noun = analyse(word.lower().replace("ё", "е"))
        if noun.pos not in ("ADJF", "PRTF") or "Anum" in noun.tag:
            break
    return (
        word[:1].islower()
        and noun.known
        and noun.pos == "NOUN"
        and noun.key not in _DATE_WORDS | _BUILDING_PARTS
        and word.lower() not in _BUILDING_PARTS  # «(1 пар.)»: «пар» is read as «пара»
        and not re.match(MONTH_WORD, word, re.IGNORECASE)
    )


# an abbreviation in capitals, alone or before a number («КЛ-6 кВ», «ВЛ-0,4»): 2–5 letters
_CAPITALS = re.compile(r"(?<![А-ЯЁа-яё])([А-ЯЁ]{2,5})(?![А-ЯЁа-яё])")
_LEGAL_FORMS = frozenset({"ао", "оао", "зао", "пао", "ооо", "ип", "муп", "гуп", "рф", "ул", "кв"})


def _spelled(text: str, abbreviations: frozenset[str]) -> frozenset[str]:
    """The lemma keys of the words of ``text`` whose initials, two to five successive words,
    spell one of ``abbreviations`` («пригородная пассажирская компания» — «ппк»; «кабельной
    линии» — «кл»). Words of one or two letters (prepositions) are skipped, not counted."""
    words = [w for w in re.findall(r"[А-Яа-яЁё]+", text) if len(w) > 2]
    out: set[str] = set()
    for i in range(len(words)):
        for n in range(2, 6):
            run = words[i : i + n]
            if len(run) == n and "".join(w[0] for w in run).lower() in abbreviations:
                out.update(analyse(w.lower().replace("ё", "е")).key for w in run)
    return frozenset(out)


def _digit_numbers(text: str) -> set[str]:
    """The numbers ``text`` writes in digits, whole and by the parts a dot or comma divides
    («12.01» gives 12.01, 12 and 1)."""
    out: set[str] = set()
    for m in _ANY_NUMBER.finditer(text):
        g = m.group().replace(",", ".")
        out.update({g, number_key(g), *g.split(".")})
        if g.count(".") <= 1:
            out.update(number_key(p) for p in g.split("."))
    return out


def _roman(numeral: str) -> int:
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for a, b in itertools.zip_longest(numeral, numeral[1:]):
        v = values[a]
        total += -v if b is not None and values[b] > v else v
    return total


# «до конца мая», «в последних числах июня», «в первой декаде июля»: a day of the month said in
# words (the end is its last day; a decade ends on the 10th, the 20th, the last day)
_MONTH_PART = re.compile(
    r"(?i)(?<![а-яё])(?:(?P<end>кон(?:ец|ц[аеу])|исход[аеу]?|последн\w+\s+(?:числ|дн|недел)\w*)"
    r"|(?P<decade>перв|втор|трет|последн)\w*\s+декад\w*)\s+(?P<month>"
    + MONTH_WORD
    + r")(?:\s+(?P<year>\d{4}))?"
)


def _month_parts(joined: str) -> set[tuple[int, int, int | None]]:
    """The days «до конца мая» and «в первой декаде июня» name: 31 May, 10 June. February's
    end is the 28th or the 29th when no year says which."""
    out: set[tuple[int, int, int | None]] = set()
    for m in _MONTH_PART.finditer(joined):
        month = MONTHS.get(analyse(m["month"].lower()).key)
        if month is None:
            continue
        year = int(m["year"]) if m["year"] else None
        last = {(calendar.monthrange(y, month)[1]) for y in ([year] if year else [2026, 2028])}
        decade = (m["decade"] or "").lower()
        days = {10} if decade == "перв" else {20} if decade == "втор" else last
        out |= {(d, month, year) for d in days}
    return out


def _rounds_to(v: float, value: float) -> bool:
    """``v`` rounded to the ten or the hundred that ``value`` ends on is ``value``, within 10 %
    of it (a round thousand is a sum of its own: «примерно 6 тысяч» is not 5 521)."""
    whole = str(int(value))
    if value != int(value) or value < 10 or not whole.endswith("0"):
        return False
    step = min(100, 10 ** (len(whole) - len(whole.rstrip("0"))))
    return round(v / step) * step == value and abs(v - value) <= 0.1 * value


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] + 1e-9 and b[0] <= a[1] + 1e-9


_YEAR = 2026  # a year for dates written without one (not a leap year: 29.02 is dropped)


def _day(d: int, m: int, y: int | None) -> dt.date | None:
    try:
        return dt.date(y or _YEAR, m, d)
    except ValueError:
        return None


def _spans(
    joined: str, facts: list[Fact]
) -> tuple[list[tuple[float, float]], set[tuple[int, int, int | None]]]:
    """The lengths in days the texts give (as ranges: counted with and without the first day)
    and the dates a period away from a date of the texts (the period just before the date or
    anywhere after it: «заявка от 05.03 … в течение 2 суток» ends 6 or 7 March, «отключение
    17.03 … объявления за 1 сутки» are put up 16 March). Date pairs
    and periods are taken within one text (one line of ``joined`` is one text or part of one):
    the appeal's date and a source's deadline are no range."""
    spans: list[tuple[float, float]] = []
    ends: set[tuple[int, int, int | None]] = set()
    periods = [(f, period_days(f.text)) for f in facts if f.kind == "number"]
    spans += [p for _, p in periods if p is not None]
    # «в течение суток», «за неделю», «на месяц»: one unit, no number written (no fact either)
    for m in _ONE_UNIT.finditer(joined):
        one = period_days("1 " + m["unit"])
        if one is not None:
            spans.append(one)
    bounds = [m.end() for m in re.finditer(r"\n", joined)] + [len(joined) + 1]
    text_of = {id(f): next(i for i, b in enumerate(bounds) if f.start < b) for f in facts}
    days: list[tuple[int, dt.date]] = []
    for f in facts:
        if f.kind != "date":
            continue
        day = _day(*f.key[1:])
        if day is None:
            continue
        days.append((text_of[id(f)], day))
        first = _RANGE_START.search(joined[max(0, f.start - 12) : f.start])
        if first and 1 <= int(first[1]) < f.key[1]:
            start = _day(int(first[1]), *f.key[2:])
            if start is not None:
                days.append((text_of[id(f)], start))
        # «21 календарный день с 01.07.2026», «в течение месяца с 1 июля»: the end of the period
        for p, length in periods:
            near = 0 <= f.start - p.end <= 12 or p.start > f.end
            if length and near and text_of[id(p)] == text_of[id(f)]:
                for n in {length[0], length[1], length[0] - 1, length[1] - 1}:
                    for end in (day + dt.timedelta(days=int(n)), day - dt.timedelta(days=int(n))):
                        ends.add((end.day, end.month, f.key[3]))
    for (i, a), (j, b) in itertools.combinations(days, 2):
        if i == j and a != b:
            n = abs((b - a).days)
            if n <= 400:
                spans.append((n, n + 1))
    return spans, ends


class Grounding:
    """Where a draft's facts can come from: the case (appeal, regulations, computed facts) and
    past answers to other cases, which ground only facts that do not describe a case."""

    def __init__(self, texts: list[str], answer_texts: list[str] | None = None) -> None:
        self.case = _Known(list(texts))
        self.answers = _Known(list(answer_texts)) if answer_texts else None

    def has(self, fact: Fact) -> bool:
        return self.where(fact) == "source"

    def has_cause(self, cause: Cause) -> bool:
        """A cause is the case's: a past answer's cause was found for another citizen's case."""
        return self.case.has_cause(cause)

    def where(self, fact: Fact) -> str | None:
        """Where ``fact`` comes from: "source" when grounded; "other_case" when only a past
        answer to another case has this case-specific fact (copied from the example); None
        when nothing has it."""
        if self.case.has(fact):
            return "source"
        if self.answers is not None and self.answers.has(fact):
            return "other_case" if fact.case else "source"
        return None
