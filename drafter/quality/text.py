"""Tokens with character spans, cached morphology and sentences for the checks.

The sentences are the shared splitter's (``knowledge.text.split_sentences``), as the support map's
and post-processing's are.

Every check works on one ``Doc`` of the draft: word tokens that remember where they are in the
text (violations point at spans), their lemma *keys* and the sentence they belong to. Morphology
is the slow part, so each distinct word form is analysed once per process (``analyse`` is
cached); a reply of 100 words costs a few dictionary look-ups once the cache is warm.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from knowledge.text import morph, sentence_spans

# A word: letters/digits, inner hyphens kept («восстановительные», «Санкт-Петербург», «1-м»).
WORD = re.compile(r"[0-9A-Za-zА-Яа-яЁё]+(?:-[0-9A-Za-zА-Яа-яЁё]+)*")
# Verb-like forms whose lemma we fold to one key with and without the reflexive ending, so that
# «подтвердились» and «подтвердили», «сообщается» and «сообщаем» are the same marker.
_VERBAL = frozenset({"VERB", "INFN", "PRTF", "PRTS", "GRND"})


@dataclass(frozen=True, slots=True)
class Analysis:
    key: str  # lemma, ё→е, reflexive -ся/-сь dropped for verb forms
    pos: str  # pymorphy POS ("" when unknown)
    tag: str  # the full OpenCorpora tag, for grammeme tests like "futr" in tag
    person: bool  # some parse is a first name, surname or patronymic
    known: bool = False  # a dictionary word, not an abbreviation (tells shouting from «ГЖИ»)


@lru_cache(maxsize=300_000)
def analyse(word: str) -> Analysis:
    """Morphology of one lower-case word form (cached: speed matters)."""
    if not any("а" <= c <= "я" or c == "ё" for c in word):
        return Analysis(word, "NUMB" if word.isdigit() else "LATN", "", False)
    parses = morph().parse(word)
    best = parses[0]
    if best.tag.POS == "ADJS":
        # «удален», «закрыт»: in replies a short participle (work done), not an adjective
        best = next((p for p in parses[1:4] if p.tag.POS == "PRTS" and p.score >= 0.2), best)
    pos = str(best.tag.POS or "")
    key = best.normal_form.replace("ё", "е")
    if pos in _VERBAL and key.endswith(("ся", "сь")) and len(key) > 4:
        key = key[:-2]
    person = any(
        p.score >= 0.05 and ("Name" in p.tag or "Surn" in p.tag or "Patr" in p.tag)
        for p in parses[:4]
    )
    known = "Abbr" not in best.tag and morph().word_is_known(word)
    return Analysis(key, pos, str(best.tag), person, known)


def lemma_key(word: str) -> str:
    return analyse(word.lower().replace("ё", "е")).key


def phrase_keys(phrase: str) -> tuple[str, ...]:
    """Lemma keys of a lexicon phrase; ``*`` stays as the gap wildcard."""
    return tuple(
        "*" if w == "*" else lemma_key(w) for w in re.findall(r"\*|" + WORD.pattern, phrase)
    )


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    key: str
    pos: str
    tag: str
    person: bool
    sent: int  # index of the sentence in Doc.sentences
    known: bool = False

    @property
    def is_upper_word(self) -> bool:
        return len(self.text) >= 2 and self.text.isupper() and self.text.isalpha()


@dataclass
class Doc:
    """The analysed text: tokens (with spans, lemma keys) and sentences."""

    text: str
    sentences: list[tuple[int, int]] = field(init=False)
    tokens: list[Token] = field(init=False)

    def __post_init__(self) -> None:
        self.sentences = sentence_spans(self.text)
        bounds = [e for _, e in self.sentences]
        toks: list[Token] = []
        si = 0
        for m in WORD.finditer(self.text):
            while si < len(bounds) - 1 and m.start() >= bounds[si]:
                si += 1
            w = m.group()
            a = analyse(w.lower().replace("ё", "е"))
            toks.append(Token(w, m.start(), m.end(), a.key, a.pos, a.tag, a.person, si, a.known))
        self.tokens = toks

    @cached_property
    def keys(self) -> list[str]:
        return [t.key for t in self.tokens]

    @cached_property
    def key_set(self) -> frozenset[str]:
        return frozenset(self.keys)

    def sentence_tokens(self, i: int) -> list[Token]:
        return [t for t in self.tokens if t.sent == i]

    @cached_property
    def by_sentence(self) -> list[list[Token]]:
        out: list[list[Token]] = [[] for _ in self.sentences]
        for t in self.tokens:
            if t.sent < len(out):
                out[t.sent].append(t)
        return out

    def sentence_of(self, pos: int) -> int:
        for i, (s, e) in enumerate(self.sentences):
            if pos < e:
                return i
        return max(len(self.sentences) - 1, 0)

    @property
    def word_count(self) -> int:
        return sum(1 for t in self.tokens if t.pos not in ("NUMB",))


def tokenize_and_lemmatize(text: str) -> list[str]:
    """The baseline for the speed benchmark: what any lemma-based check costs at least."""
    return [analyse(m.group().lower().replace("ё", "е")).key for m in WORD.finditer(text)]
