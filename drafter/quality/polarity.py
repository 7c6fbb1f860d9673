"""A reply sentence that restates a source sentence and turns it around.

The model rewrites the executor's facts in plain words and now and then flips them: the facts
say the owner broke the rules («допущены нарушения Правил благоустройства»), the reply that the
equipment was put up «согласно правил благоустройства» (measure (A), spb-3129559); the facts say
the water comes «без запаха», the reply «с запахом». Every fact of such a sentence is grounded,
so UNGROUNDED cannot see it.

The rule works on lemmas, not on meaning. A sentence restates a source sentence when most of
its content words are there (``RESTATES``); then a word both share is turned around when one of
them negates it — «не» before it, «без» or «отсутствие» before a noun, «нет» or «отсутствует»
beside a noun, «нарушение» before the rule it breaks — and the other has no negation near it at
all. «Нарушений не выявлено» and «нарушений нет» say the same: each has a negation by
«нарушений», so neither is read against the other.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from drafter.quality.text import Doc, Token

# content words: what a sentence is about, and what can be negated
_CONTENT = frozenset({"NOUN", "VERB", "INFN", "PRTS", "PRTF", "ADJF", "ADJS", "GRND"})
_NOT_CONTENT = frozenset({"быть", "который", "этот", "свой", "ваш", "наш", "весь", "такой"})
# a reply sentence restates a source sentence when this share of its content lemmas (and at
# least _MIN_SHARED of them) stand in that one sentence
RESTATES = 0.5
_MIN_SHARED = 3
# how far a negation may stand from a word and still be «near» it
_NEAR = 3
_NOT = frozenset({"не", "ни"})
_WITHOUT = frozenset({"без", "отсутствие", "неимение"})
_ABSENT = frozenset({"нет", "отсутствовать"})
# «с нарушением Правил благоустройства»: what is broken is a rule; «нарушение устранено» is a
# problem fixed, so the violation words negate only a rule noun after them
_BREACH = frozenset({"нарушение", "нарушить", "несоблюдение", "невыполнение", "нарушать"})
_RULE_NOUNS = frozenset(
    {"правило", "норма", "норматив", "требование", "закон", "порядок", "регламент", "стандарт"}
)
_NEGATORS = _NOT | _WITHOUT | _ABSENT | _BREACH
_CLAUSE_BREAK = re.compile(r"[,;:()—–]")


@dataclass(frozen=True)
class Reversal:
    """A sentence of the text (``start``:``end``) that says ``word`` the other way round from the
    source sentence it restates."""

    start: int
    end: int
    word: str  # as the text writes it
    source_sentence: str


def reversals(
    text: str, sources: Sequence[str], *, keep: int = 0, doc: Doc | None = None
) -> list[Reversal]:
    """The sentences of ``text`` after its first ``keep`` characters that restate a sentence of
    one of ``sources`` and turn one of its words around (``doc``: ``text`` analysed already)."""
    candidates = [s for src in sources if src.strip() for s in _sentences(src)]
    if not candidates:
        return []
    doc = doc or Doc(text)
    out: list[Reversal] = []
    for i, (start, end) in enumerate(doc.sentences):
        if start < keep:
            continue
        mine = _Sentence.of(doc.by_sentence[i], text, start, end)
        if len(mine.content) < _MIN_SHARED:
            continue
        theirs = _restated(mine, candidates)
        if theirs is None:
            continue
        word = _turned(mine, theirs)
        if word is not None:
            out.append(Reversal(start, end, word, theirs.text))
    return out


@dataclass(frozen=True)
class _Sentence:
    text: str
    tokens: tuple[Token, ...]
    content: frozenset[str]
    negated: frozenset[str]  # content lemmas some negation governs
    plain: frozenset[str]  # content lemmas standing without one
    near: frozenset[str]  # content lemmas with a negation within _NEAR words
    negations: tuple[str, ...]  # the negation words, sorted

    @classmethod
    def of(cls, tokens: Sequence[Token], doc_text: str, start: int, end: int) -> _Sentence:
        toks = tuple(tokens)
        negated = _negated(toks)
        content = [i for i, t in enumerate(toks) if _is_content(t)]
        neg_at = [i for i, t in enumerate(toks) if t.key in _NEGATORS]

        def near(i: int) -> bool:
            # within _NEAR words and the same clause: «убрана, мусор вывезен без задержек»
            # has no negation near «убрана»
            return any(
                abs(i - j) <= _NEAR and not _CLAUSE_BREAK.search(_between(doc_text, toks, i, j))
                for j in neg_at
            )

        return cls(
            text=doc_text[start:end].strip(),
            tokens=toks,
            content=frozenset(toks[i].key for i in content),
            negated=frozenset(toks[i].key for i in content if i in negated),
            plain=frozenset(toks[i].key for i in content if i not in negated),
            near=frozenset(toks[i].key for i in content if near(i)),
            negations=tuple(sorted(toks[j].key for j in neg_at)),
        )


def _between(text: str, toks: Sequence[Token], i: int, j: int) -> str:
    a, b = sorted((i, j))
    return text[toks[a].end : toks[b].start]


def _is_content(t: Token) -> bool:
    return (
        t.pos in _CONTENT
        and len(t.key) >= 4
        and t.key not in _NOT_CONTENT | _NOT | _WITHOUT | _ABSENT
    )


def _negated(toks: Sequence[Token]) -> set[int]:
    """The positions of the words a negation governs."""
    out: set[int] = set()
    for i, t in enumerate(toks):
        if t.key in _NOT:
            # «не был устранён»: the participle after «быть» is what is denied
            j = i + 1
            if j < len(toks) and toks[j].key == "быть":
                out.add(j)
                j += 1
            if j < len(toks):
                out.add(j)
        elif t.key in _WITHOUT:
            out |= _noun_phrase(toks, i + 1)
        elif t.key in _ABSENT:
            # what is missing: «нарушений нет» (genitive), «освещение во дворе отсутствует»
            # (nominative) — the nearest noun in that case, not «двора» in between
            # (pymorphy's first parse of «освещение» is the accusative, so that case too)
            cases = ("gent",) if t.key == "нет" else ("nomn", "accs")
            near = sorted(
                (j for j in range(i - 5, i + 6) if 0 <= j < len(toks) and j != i),
                key=lambda j: abs(j - i),
            )
            # and in its number: «отсутствуют камни», «категория … отсутствует»
            number = next((n for n in ("sing", "plur") if n in t.tag), None)
            nouns = [
                j
                for j in near
                if toks[j].pos == "NOUN"
                and (t.key == "нет" or number is None or number in toks[j].tag)
            ]
            close = [j for j in nouns if abs(j - i) <= 2]
            noun = next(
                (j for j in nouns if any(c in toks[j].tag for c in cases)),
                close[0] if close else None,
            )
            if noun is not None:
                out.add(noun)
        elif t.key in _BREACH and i + 1 < len(toks) and toks[i + 1].key in _RULE_NOUNS:
            out |= _noun_phrase(toks, i + 1)
    return out


def _noun_phrase(toks: Sequence[Token], i: int) -> set[int]:
    """From ``i``: adjectives up to a noun, and the nouns in the genitive after it («Правил
    благоустройства территории»)."""
    out: set[int] = set()
    while i < len(toks) and toks[i].pos in ("ADJF", "PRTF") and len(out) < 3:
        out.add(i)
        i += 1
    if i >= len(toks) or toks[i].pos != "NOUN":
        return out
    out.add(i)
    i += 1
    while i < len(toks) and toks[i].pos == "NOUN" and "gent" in toks[i].tag and len(out) < 6:
        out.add(i)
        i += 1
    return out


def _restated(mine: _Sentence, candidates: Sequence[_Sentence]) -> _Sentence | None:
    """The source sentence holding most of ``mine``'s words; of two that hold as many, the one
    with fewer words of its own (the sentence itself, not a longer one around the same words)."""
    best, best_score = None, (RESTATES, 0.0)
    for c in candidates:
        shared = len(mine.content & c.content)
        if shared < _MIN_SHARED:
            continue
        score = (shared / len(mine.content), shared / len(c.content))
        if score >= best_score:
            best, best_score = c, score
    return best


def _turned(mine: _Sentence, theirs: _Sentence) -> str | None:
    """The first shared word one sentence negates and the other says without any negation near
    it (a word both negate and say plainly in one sentence is left alone). Two sentences with
    the same negation words say the same thing, however the words between them shift which
    noun a negation seems to govern."""
    if mine.negations == theirs.negations:
        return None
    for t in mine.tokens:
        key = t.key
        if key not in theirs.content or key not in mine.content:
            continue
        if _mixed(key, mine) or _mixed(key, theirs):
            continue
        if key in theirs.negated and key not in mine.near:
            return t.text
        if key in mine.negated and key not in theirs.near:
            return t.text
    return None


def _mixed(key: str, s: _Sentence) -> bool:
    return key in s.negated and key in s.plain


@lru_cache(maxsize=256)
def _sentences(source: str) -> tuple[_Sentence, ...]:
    doc = Doc(source)
    return tuple(
        _Sentence.of(doc.by_sentence[i], source, s, e) for i, (s, e) in enumerate(doc.sentences)
    )


__all__ = ["RESTATES", "Reversal", "reversals"]
