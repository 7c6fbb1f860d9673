"""The texts of the composed fallback, a draft written without the model: each past answer
found, adapted to this appeal, then the interim reply (who has the appeal, by when we answer)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.composer import adapt_answer, interim_reply
from drafter.pipeline_grounding import Case, case_sources
from drafter.prompting import greeting

if TYPE_CHECKING:
    from knowledge.types import Hit


def composed_texts(
    case: Case, signature: str, *, interim_only: bool
) -> tuple[str, list[tuple[str, list[Hit]]]]:
    """The greeting the texts start with, and the texts with the hits each stands on, in the
    order to try them. ``case.due`` must be known: every text promises an answer by then."""
    prefix = (
        greeting(case.appeal, case.facts.get("greeting_name") or "")
        if ("greeting_name" in case.facts)
        else greeting(case.appeal)
    )
    regs = [h for h in case.hits if h.chunk.kind != "answer"]
    candidates: list[tuple[str, list[Hit]]] = []
    if not interim_only:
        for hit in case.hits:
            if hit.chunk.kind != "answer":
                continue
            sources = case_sources(case, regs, signature)
            text = adapt_answer(hit.chunk.text, prefix, due_text=case.due["text"], sources=sources)
            if text:
                candidates.append((text, [hit, *regs]))
    interim = interim_reply(
        prefix,
        due_text=case.due["text"],
        address=case.facts.get("address"),
        problem=case.facts.get("problem"),
        agency=case.appeal.agency,
    )
    candidates.append((interim, []))
    return prefix, candidates
