"""The texts of the composed fallback, a draft written without the model: the executor's facts
as they wrote them (a final reply), then the interim reply (who has the appeal, by when we
answer). A past answer is never adapted: its promises, dates and results are another case's."""

from __future__ import annotations

from drafter.composer import facts_reply, interim_reply
from drafter.domain import ReplyKind
from drafter.pipeline_grounding import Case
from drafter.prompting import greeting


def composed_texts(
    case: Case, signature: str, *, facts_first: bool
) -> tuple[str, list[tuple[str, ReplyKind]]]:
    """The greeting the texts start with, and the texts with their reply kind, in the order to
    try them. The place is the appeal's address field when it has one; an address found in the
    text is left out (its case is the text's: «по адресу улице Чкалова»), as the quoted topic
    phrase names the place already."""
    prefix = (
        greeting(case.appeal, case.facts.get("greeting_name") or "")
        if ("greeting_name" in case.facts)
        else greeting(case.appeal)
    )
    candidates: list[tuple[str, ReplyKind]] = []
    if facts_first and case.executor_facts:
        text = facts_reply(
            prefix,
            case.executor_facts,
            address=case.appeal.address,
            problem=case.facts.get("problem"),
        )
        candidates.append((text, "final"))
    # with the executor's facts the reply is theirs as written, never an interim one
    if case.due is not None and not (facts_first and candidates):
        interim = interim_reply(
            prefix,
            due_text=case.due["text"],
            address=case.appeal.address,
            problem=case.facts.get("problem"),
            sender=case.appeal.agency,
            routed_to=case.routed_to,
        )
        candidates.append((interim, "interim"))
    return prefix, candidates
