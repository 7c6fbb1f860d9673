"""Which source supports each sentence of a draft, and what nothing supports.

Every date, number, address, phone, organisation and norm in a draft must come from the appeal
or a cited source. The facts are found with the checker's extractors (``evals.checker.facts``),
so the pipeline and the checker agree on what a fact is and when two spellings are the same.

Not every source may ground every fact. A past answer is another citizen's case: its
addresses, house numbers and calendar dates belong to that case, and the base model copies them
into new drafts. So a past answer grounds only what holds across cases (organisations, norms,
phones, durations); the appeal, the regulation chunks, the computed deadline and the settings'
signature ground anything.

    sources = [Source("appeal", appeal.text, "appeal"), Source(chunk.id, chunk.text, "answer"), …]
    support = support_map(text, sources)        # one SentenceSupport per sentence
    text, dropped = drop_unsupported(text, support, keep=len(greeting))
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Literal

from razdel import sentenize

SourceKind = Literal["appeal", "regulation", "answer", "deadline", "signature"]

# what another citizen's case may not lend a draft: its address, dates and counts («9 ям»);
# a period («в течение 5 суток») is a rule, and holds across cases
CASE_BOUND_KINDS = frozenset({"address", "date", "number"})
_PERIOD_UNIT = re.compile(r"(?i)\d\s*(?:сут|дн|ден|недел|месяц|мес\.|час|ч\.|мин|лет|год)")
_WORD = re.compile(r"[А-Яа-яЁёA-Za-z]{4,}")
# a message or case number («Ваше сообщение № 3102011»): always another appeal's when copied
_CASE_NUMBER = re.compile(r"№\s*\d{5,}")
_MIN_SHARED_WORDS = 3  # content words a sentence shares with a source to count as drawn from it
_STOP_STEMS = frozenset(
    [
        "здрав",
        "уваже",
        "ваше",
        "вашем",
        "обращ",
        "котор",
        "этого",
        "будет",
        "будут",
        "также",
        "очень",
        "спаси",
        "пожал",
        "сообщ",
        "вопро",
        "адрес",
    ]
)


@dataclass(frozen=True)
class Source:
    id: str  # the chunk id, or "appeal", "deadline", "signature"
    text: str
    kind: SourceKind = "regulation"

    @cached_property
    def grounding(self):  # evals.checker.facts.Grounding, built once per source
        from evals.checker.facts import Grounding

        return Grounding([self.text])

    @cached_property
    def stems(self) -> frozenset[str]:
        return _stems(self.text)

    def grounds(self, fact) -> bool:
        period = fact.kind == "number" and _PERIOD_UNIT.search(fact.text)
        if self.kind == "answer" and fact.kind in CASE_BOUND_KINDS and not period:
            return False
        return bool(self.grounding.has(fact))


@dataclass
class SentenceSupport:
    sentence: str
    start: int
    end: int
    sources: list[str] = field(default_factory=list)
    unsupported: list[str] = field(default_factory=list)  # «дата «14 мая»», as the checker names it
    unverified_done: bool = False  # reports work done; set by the pipeline (drafter.composer)

    def as_dict(self) -> dict:
        return asdict(self)


def support_map(text: str, sources: Sequence[Source]) -> list[SentenceSupport]:
    """Per sentence of ``text``: the sources behind its facts and words, and its unsupported facts."""
    from evals.checker.facts import KIND_RU, extract_facts

    facts = extract_facts(text)
    out: list[SentenceSupport] = []
    for sent in sentenize(text):
        if not sent.text.strip():
            continue
        row = SentenceSupport(sentence=sent.text, start=sent.start, end=sent.stop)
        backing: list[str] = []
        for f in facts:
            if not (sent.start <= f.start < sent.stop):
                continue
            ids = [s.id for s in sources if s.grounds(f)]
            if ids:
                backing += ids
            else:
                row.unsupported.append(f"{KIND_RU[f.kind]} «{f.text.strip()}»")
        for m in _CASE_NUMBER.finditer(sent.text):
            if not any(
                s.kind == "appeal" and _digits(m.group()) in _digits(s.text) for s in sources
            ):
                row.unsupported.append(f"номер «{m.group()}»")
        stems = _stems(sent.text)
        for s in sources:
            if len(stems & s.stems) >= _MIN_SHARED_WORDS:
                backing.append(s.id)
        row.sources = list(dict.fromkeys(backing))
        out.append(row)
    return out


def unsupported_count(support: Sequence[SentenceSupport]) -> int:
    return sum(len(s.unsupported) for s in support)


def drop_unsupported(
    text: str, support: Sequence[SentenceSupport], keep: int = 0
) -> tuple[str, list[SentenceSupport]]:
    """``text`` without its sentences that state an unsupported fact, and those sentences.

    The first ``keep`` characters (the greeting the pipeline wrote) are never cut. When cutting
    would leave nothing but them, ``text`` comes back unchanged: such a draft has no substance
    that stands, and must fail the gate rather than pass as a bare greeting.
    """
    bad = [s for s in support if s.unsupported and s.start >= keep]
    if not bad:
        return text, []
    parts, last = [], 0
    for s in bad:
        parts.append(text[last : s.start])
        last = s.end
    parts.append(text[last:])
    kept = re.sub(r"[ \t]+\n", "\n", "".join(parts))
    kept = re.sub(r"[ \t]{2,}", " ", kept).strip()
    if len(kept) <= keep + 1 or not _WORD.search(kept[keep:]):
        return text, []
    return kept, bad


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _stems(text: str) -> frozenset[str]:
    # a crude stem (the first five letters) is enough to tell «drawn from this source»
    stems = {w.lower().replace("ё", "е")[:5] for w in _WORD.findall(text)}
    return frozenset(stems - _STOP_STEMS)


__all__ = [
    "CASE_BOUND_KINDS",
    "SentenceSupport",
    "Source",
    "drop_unsupported",
    "support_map",
    "unsupported_count",
]
