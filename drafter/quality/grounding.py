"""Where a draft's facts may come from (``Grounding``): the case and past answers to other cases.

``Grounding(texts, answer_texts)``: ``texts`` (the appeal, regulation chunks, facts the system
computed) ground any fact; ``answer_texts`` (past approved answers to *other* citizens' cases)
ground only facts that hold across cases — norms, organisations, their phones, periods. A fact
with ``case=True`` (address, house/flat number, calendar date, count, private phone) found only
in a past answer was copied from the nearest example: ``where`` says "other_case".
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cached_property

from drafter.quality.facts import (
    _ANY_NUMBER,
    NUMBER_WORDS,
    Cause,
    Fact,
    _words,
    compound_of,
    extract_facts,
    generic_org_keys,
    number_key,
)
from drafter.quality.text import Doc, Token, analyse

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
        self.numbers = set()
        for m in _ANY_NUMBER.finditer(joined):
            g = m.group().replace(",", ".")
            self.numbers.update({g, number_key(g), *g.split(".")})
            if g.count(".") <= 1:
                self.numbers.update(number_key(p) for p in g.split("."))
        # numbers written in words («пяти рабочих дней»)
        for w in re.findall(r"[А-Яа-яЁё]+", joined):
            v = NUMBER_WORDS.get(analyse(w.lower().replace("ё", "е")).key)
            if v is not None:
                self.numbers.add(str(v))
        # the values the grammars read: «40 тысяч рублей» is 40000
        self.numbers.update(f.key[1] for f in self.facts if f.kind == "number")
        self.words = _words(joined)
        self.digits = re.sub(r"\D", "", joined)
        self._dates = {f.key[1:] for f in self.facts if f.kind == "date"}
        # «с 15 по 30 апреля», «14–15.03.2026», «10 и 12 марта»: the first day of a range shares
        # the month of the date that ends it (the grammar reads only that one)
        for f in self.facts:
            if f.kind == "date":
                first = _RANGE_START.search(joined[max(0, f.start - 12) : f.start])
                if first and 1 <= int(first[1]) < f.key[1]:
                    self._dates.add((int(first[1]), *f.key[2:]))
        self._norms = {f.key[2] for f in self.facts if f.kind == "norm"}
        self._phones = {f.key for f in self.facts if f.kind == "phone"}
        self._houses = {f.key for f in self.facts if f.kind == "address"}
        self._times = {f.key[1:] for f in self.facts if f.kind == "time"}
        # «в 14.30»: a source may write the time with a dot (a draft's «14.30» is not read as one)
        self._times |= {(int(h), int(m)) for h, m in _DOT_TIME.findall(joined)}

    # Built on first use: only a cause or an acronym needs the texts' sentences analysed.
    @cached_property
    def _sentences(self) -> list[list[Token]]:
        return [toks for text in self.texts if text for toks in Doc(text).by_sentence]

    @cached_property
    def _initials(self) -> list[str]:
        """Per sentence, the initials of its words (and of a hyphenated word's parts)."""
        return [
            "".join(w[0] for w in re.findall(r"[а-яё]{3,}", " ".join(t.text for t in toks).lower()))
            for toks in self._sentences
        ]

    @cached_property
    def sentences(self) -> list[frozenset[str]]:
        """Per sentence, its lemma keys and its abbreviations' words: where a cause may stand."""
        return [
            frozenset(t.key for t in toks) | _words(" ".join(t.text for t in toks))
            for toks in self._sentences
        ]

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
            if not (fact.key in self._houses or (num and num.group() in self.numbers)):
                return False
            return not fact.words or bool(fact.words & self.words)
        if fact.kind == "org":
            if not fact.words:
                return True
            # «УК Октябрьского района» is not «УК Ленинского района»: the words that tell which
            # organisation it is decide, not «управляющая компания»
            which = (fact.words - generic_org_keys()) or fact.words
            found = {w for w in which if w in self.words or self._acronym(w)}
            if len(found) / len(which) >= 0.7:
                return True
            if len(fact.key) > 1 and len(fact.key[1]) >= 2 and fact.key[1] in self.words:
                return True  # «Фонд капитального ремонта» written «ФКР»
            # «Министерство здравоохранения» written «Минздрав»
            return len(fact.key) > 2 and any(compound_of(w, fact.key[2]) for w in self.words)
        if fact.kind in ("number", "doc"):
            return fact.key[1] in self.numbers
        return True

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
        noun: «засорился выпуск канализации» is «засор канализационного выпуска»."""
        need = -(-len(cause.words) // 2)
        for s in self.sentences:
            held = {w for w in cause.words if any(_same_stem(w, k) for k in s)}
            if len(held) >= need and (not cause.nouns or cause.nouns & held):
                return True
        return False


def _same_stem(a: str, b: str) -> bool:
    """Two lemmas of one root: equal, or sharing their first six letters (all of the shorter
    one's if it is shorter, and at least four): «засорить» and «засор», «канализация» and
    «канализационный» meet; «теплотрасса» and «теплосеть», «газ» and «газон» do not."""
    if a == b:
        return True
    p = len(os.path.commonprefix([a, b]))
    return p >= max(4, min(6, len(a), len(b)))


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
