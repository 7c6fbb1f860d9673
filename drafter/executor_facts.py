"""The executor's facts: what only the agency knows (what was done, decided, planned), the input
a reply on the merits is written from.

They come as free text — terse notes («яму засыпали 3 декабря, асфальт в мае, подрядчик
ДорСервис») or the agency's formal answer pasted in — and are untrusted like the appeal: they
go into the prompt as quoted data, never as instructions. Two rules hold a reply to them:

* they ground it: a date, number, address, organisation or norm in the facts may stand in the
  reply (``facts_source``);
* nothing of them is lost: every such fact reaches the reply (``lost_facts``), except a private
  phone, which is a person's data, not the agency's answer. A reply that drops one fails the gate
  (``LOST_FACT``), as a reply that invents one does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from drafter.domain import MAX_FACTS_CHARS, Quality, Violation
from drafter.errors import InvalidInput
from drafter.grounding import Source
from drafter.normalize import normalize_appeal_text
from drafter.quality import KIND_RU, Grounding, extract_facts
from knowledge.text import split_sentences

LOST_FACT = "LOST_FACT"
# what a formal letter says about itself, not about the case: its salutation, «рассмотрев Ваше
# сообщение № … от …, сообщаем следующее», apologies and thanks, the attachments. Pasted in as
# the executor's facts, these sentences are neither facts to carry nor words to repeat.
_SALUTATION = re.compile(r"(?i)^\W*уважаем\w*\s+[^!.\n]{0,60}[!.]?\W*$")
_LETTER_APPARATUS = re.compile(
    r"(?i)рассмотрев\s+ваш|сообщаем\s+следующее|настоящим\s+сообщаем|доводим\s+до\s+вашего|"
    r"в\s+ответ\s+на\s+ваше\s+обращение\s*(?:№[\s\d]+)?[,.]?\s*$|приносим\s+(?:свои\s+)?извинени|"
    r"благодарим\s+за|^\W*(?:приложени\w*|фото\w*|материалы\s+прилага\w*|акт)\b|прилага\w*\W*$|"
    r"с\s+уважением"
)
# the kinds of fact that must reach the reply (drafter.grounding's extractor names them)
CARRIED_KINDS = frozenset({"date", "number", "address", "org", "norm", "phone"})


def clean_facts(text: str | None) -> str | None:
    """The facts as the pipeline uses them: markup and invisible characters gone; None if empty."""
    if text is None:
        return None
    if len(text) > MAX_FACTS_CHARS:
        raise InvalidInput(
            f"факты исполнителя: {len(text)} символов, предел {MAX_FACTS_CHARS}",
            field="facts",
        )
    cleaned = normalize_appeal_text(text)
    return cleaned or None


def is_letter_apparatus(sentence: str) -> bool:
    """The sentence is a letter's apparatus (salutation, «рассмотрев … сообщаем следующее»,
    apologies, attachments), not a statement about the case."""
    return bool(_SALUTATION.match(sentence) or _LETTER_APPARATUS.search(sentence))


def apparatus_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` (a letter pasted in as facts) speaks about itself: whole sentences, or the
    lead-in of one that goes on after a colon («… сообщаем следующее: трубу заменили»)."""
    spans = []
    for x in split_sentences(text):
        if not is_letter_apparatus(x.text):
            continue
        lead, rest = split_lead_in(x.text)
        spans.append((x.start, x.start + len(lead)) if rest else (x.start, x.stop))
    return spans


def split_lead_in(sentence: str) -> tuple[str, str]:
    """«Рассмотрев …, сообщаем следующее: трубу заменили» → (the lead-in, «трубу заменили»);
    the rest is "" when nothing of substance (three words or more) follows a colon."""
    head, colon, tail = sentence.partition(":")
    if colon and len(tail.split()) >= 3 and is_letter_apparatus(head + ":"):
        return head + colon, tail.strip()
    return sentence, ""


def facts_source(facts: str) -> Source:
    """The facts as a source: they ground any fact and any stated cause in the reply."""
    return Source("facts", facts, "facts")


def lost_facts(facts: str, reply: str) -> list[str]:
    """The facts of ``facts`` the ``reply`` does not carry, named as the checker names them
    («дата «3 декабря»»)."""
    carried = Grounding([reply])
    lost = []
    apparatus = apparatus_spans(facts)
    for fact in extract_facts(facts):
        if fact.kind not in CARRIED_KINDS or (fact.kind == "phone" and fact.mobile):
            continue
        if any(a <= fact.start < b for a, b in apparatus):
            continue  # «Рассмотрев Ваше сообщение от 28.01.2021 № 3171179 …»: the letter's own
        if not carried.has(fact):
            lost.append(f"{KIND_RU[fact.kind]} «{fact.text.strip()}»")
    return list(dict.fromkeys(lost))


def with_lost_facts(quality: Quality, lost: Sequence[str], text_len: int) -> Quality:
    """``quality`` with a LOST_FACT blocker naming what the reply dropped."""
    if not lost:
        return quality
    v = Violation(
        code=LOST_FACT,
        severity="blocker",
        start=0,
        end=text_len,
        message="В ответ не попали факты исполнителя: " + ", ".join(lost[:6]) + ".",
    )
    return Quality(score=min(quality.score, 40), passed=False, violations=[v, *quality.violations])


__all__ = [
    "CARRIED_KINDS",
    "LOST_FACT",
    "apparatus_spans",
    "clean_facts",
    "facts_source",
    "is_letter_apparatus",
    "lost_facts",
    "split_lead_in",
    "with_lost_facts",
]
