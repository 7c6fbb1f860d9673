"""Which source supports each sentence of a draft, and what nothing supports.

Every date, number, address, phone, organisation and norm in a draft must come from the appeal
or a cited source. The facts are found with the checker's extractors (``drafter.quality``),
so the pipeline and the checker agree on what a fact is and when two spellings are the same.

Not every source may ground every fact. A past answer is another citizen's case: its
addresses, house numbers and calendar dates belong to that case, and the base model copies them
into new drafts. So a past answer grounds only what holds across cases (organisations, norms,
phones, durations); the appeal, the regulation chunks, the computed deadline and the settings'
signature ground anything.

A stated cause («…, так как разбит плафон», «в связи с отсутствием финансирования») carries no
number or date, yet the model invents it as readily. A cause is supported when its words stand
in one sentence of the appeal or of a regulation chunk; else the sentence is flagged
(``unsupported_reason``) for the reviewer, as a claim of work done is.

    sources = [Source("appeal", appeal.text, "appeal"), Source(chunk.id, chunk.text, "answer"), …]
    support = support_map(text, sources)        # one SentenceSupport per sentence
    text, dropped = drop_unsupported(text, support, keep=len(greeting))
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any, Literal

from drafter.quality import KIND_RU, Fact, Grounding, extract_facts
from drafter.quality.facts import stated_causes
from drafter.quality.text import Doc
from knowledge.text import split_sentences, stem

# "facts": what the executor knows (drafter.executor_facts); it grounds anything, as the appeal
SourceKind = Literal["appeal", "regulation", "answer", "deadline", "signature", "facts"]

# what another citizen's case may not lend a draft: its address, dates and counts («9 ям»);
# a period («в течение 5 суток») is a rule, and holds across cases
CASE_BOUND_KINDS = frozenset({"address", "date", "number"})
_WORD = re.compile(r"[А-Яа-яЁёA-Za-z]{4,}")
# a message or case number («Ваше сообщение № 3102011»): another appeal's when copied from a
# past answer; only the appeal and the executor's facts (a permit «№ 37368 от 10.11.2016») hold
# this case's
_CASE_NUMBER = re.compile(r"№\s*\d{5,}")
_MIN_SHARED_WORDS = 3  # content words a sentence shares with a source to count as drawn from it
# words of every letter and appeal: sharing them says nothing about where a sentence came from
_STOP_STEMS = frozenset(
    stem(w)
    for w in """
    здравствуйте уважаемый уважаемая уважаемые ваше вашем вашего вашей обращение обращения
    обращению обращением обращаться обратиться который которая которые которых этого будет
    будут также очень спасибо пожалуйста сообщаем сообщает сообщаю сообщение сообщения
    сообщению вопрос вопроса вопросу адрес адресу
    """.split()  # noqa: SIM905 - a word list reads better as text
)


# what may ground a stated cause. Not a past answer: its cause («из-за аварии на теплотрассе»,
# «в связи с отсутствием финансирования») was found for that citizen's case, like its address,
# and the model copies it into a reply to another. A regulation states general causes.
REASON_KINDS = frozenset({"appeal", "regulation", "facts"})
# The cause itself is found by the checker's extractor (drafter.quality.facts.stated_causes:
# «в связи с», «из-за», «так как», «вследствие», «причина … —» …, not «в результате проверки»,
# which is an inspection's outcome, nor «в связи с этим», which points back) and held to a
# source by the checker's rule (Grounding.has_cause), so the support map and UNGROUNDED agree.
# People state a cause in 6 % of 27 502 portal replies and the appeal grounds 0.5 % of them:
# the cause comes from an inspection, which a draft cannot know.


@dataclass(frozen=True)
class Source:
    id: str  # the chunk id, or "appeal", "deadline", "signature"
    text: str
    kind: SourceKind = "regulation"

    @cached_property
    def grounding(self) -> Grounding:  # built once per source
        return Grounding([self.text])

    @cached_property
    def stems(self) -> frozenset[str]:
        return _stems(self.text)

    @cached_property
    def lemmas(self) -> frozenset[str]:  # the checker's lemma keys (drafter.quality.text)
        return Doc(self.text).key_set

    def grounds(self, fact: Fact) -> bool:
        # a period («в течение 5 суток») is not case-bound: the fact grammar says which is
        if self.kind == "answer" and fact.kind in CASE_BOUND_KINDS and fact.case:
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
    unsupported_reason: bool = False  # states a cause no appeal or regulation sentence states

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def support_map(text: str, sources: Sequence[Source]) -> list[SentenceSupport]:
    """Per sentence of ``text``: the sources behind its facts and words, and its unsupported facts."""
    facts = extract_facts(text)
    out: list[SentenceSupport] = []
    for sent in split_sentences(text):
        if not sent.text.strip():
            continue
        row = SentenceSupport(sentence=sent.text, start=sent.start, end=sent.stop)
        backing: list[str] = []
        for f in facts:
            if not (sent.start <= f.start < sent.stop):
                continue
            if f.kind == "doc" and f.text.startswith("№"):
                continue  # the checker's bare «№ 12»: _CASE_NUMBER's below, as it was
            ids = [s.id for s in sources if s.grounds(f)]
            if ids:
                backing += ids
            else:
                row.unsupported.append(f"{KIND_RU[f.kind]} «{f.text.strip()}»")
        for m in _CASE_NUMBER.finditer(sent.text):
            if not any(
                s.kind in ("appeal", "facts") and _digits(m.group()) in _digits(s.text)
                for s in sources
            ):
                row.unsupported.append(f"номер «{m.group()}»")
        for cause in stated_causes(sent.text):
            ids = [s.id for s in sources if s.kind in REASON_KINDS and s.grounding.has_cause(cause)]
            backing += ids
            row.unsupported_reason |= not ids
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


def stems_of(text: str) -> frozenset[str]:
    """The Snowball stems (knowledge.text) of a text's content words of four letters or more;
    the words of every letter out."""
    return _stems(text)


def _stems(text: str) -> frozenset[str]:
    stems = {stem(w.lower().replace("ё", "е")) for w in _WORD.findall(text)}
    return frozenset(stems - _STOP_STEMS)


__all__ = [
    "CASE_BOUND_KINDS",
    "REASON_KINDS",
    "SentenceSupport",
    "Source",
    "drop_unsupported",
    "stems_of",
    "support_map",
    "unsupported_count",
]
