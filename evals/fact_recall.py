"""How faithfully a reply carries the executor's facts: what it keeps, what it adds.

    recall = facts of the executor's text that the reply carries / facts of the executor's text
    added  = facts of the reply that neither the appeal, the executor's text nor a cited source
             holds

Facts are what the checker extracts (dates, numbers, addresses, phones, organisations, norms),
compared by value («15.12.2020» = «15 декабря 2020 г.»). Left out of the executor's side, as the
measure's definition says: message numbers («№ 2948988», «обращение 12-34/567») and attachment
lists («Приложение: фото 2 шт.») and the rest of a letter's apparatus (its salutation,
«рассмотрев Ваше сообщение от … сообщаем следующее»; drafter.executor_facts) — what a letter says
about itself, not about the case — and a private phone, which is a person's data.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from drafter.executor_facts import CARRIED_KINDS, apparatus_spans
from drafter.quality import KIND_RU, Grounding, extract_facts

_MESSAGE_NUMBER = re.compile(r"(?:№|N|номер\w*)\s*[\d\-/]{5,}|\b\d{7,}\b", re.IGNORECASE)
_ATTACHMENTS = re.compile(r"(?im)^\s*(?:приложени\w*|фото\w*|справка)\b.*$")


@dataclass(frozen=True)
class FactCount:
    given: int  # facts in the executor's text that a reply should carry
    kept: int
    added: int  # facts of the reply nothing grounds
    lost: tuple[str, ...] = ()
    invented: tuple[str, ...] = ()

    @property
    def recall(self) -> float | None:
        return self.kept / self.given if self.given else None


def _wanted(facts_text: str):  # type: ignore[no-untyped-def]
    skip = [m.span() for m in _MESSAGE_NUMBER.finditer(facts_text)]
    skip += [m.span() for m in _ATTACHMENTS.finditer(facts_text)]
    # the pipeline's own rule for a pasted letter's apparatus («Рассмотрев Ваше сообщение от
    # 28.01.2021 …», salutation, attachments): the measure holds replies to what the gate does
    skip += apparatus_spans(facts_text)
    for f in extract_facts(facts_text):
        if f.kind not in CARRIED_KINDS or (f.kind == "phone" and f.mobile):
            continue
        if any(a <= f.start < b for a, b in skip):
            continue
        yield f


def count_facts(reply: str, *, facts: str, appeal: str, sources: Sequence[str] = ()) -> FactCount:
    carried = Grounding([reply])
    wanted = list(_wanted(facts))
    lost = [f"{KIND_RU[f.kind]} «{f.text.strip()}»" for f in wanted if not carried.has(f)]
    grounds = Grounding([appeal, facts, *sources])
    invented = [
        f"{KIND_RU[f.kind]} «{f.text.strip()}»"
        for f in extract_facts(reply)
        if f.kind in CARRIED_KINDS and not grounds.has(f)
    ]
    return FactCount(
        given=len(wanted),
        kept=len(wanted) - len(lost),
        added=len(invented),
        lost=tuple(lost),
        invented=tuple(invented),
    )


__all__ = ["FactCount", "count_facts"]
