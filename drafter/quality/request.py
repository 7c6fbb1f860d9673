"""What the checker is asked: one typed request, and the one signature every checker has.

``CheckRequest`` carries everything a check may look at; ``Checker`` is the call shape the
pipeline, the review service and the evals use — ``drafter.quality.check`` and any stand-in
(a test's scripted checker, ``checker_for``'s topic-bound one) take every parameter, so no
caller has to ask a checker what it accepts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from drafter.domain import Appeal, Quality
from knowledge.topics import AT_FLOOR, TopicBar, TopicVerdict


class TopicJudge(Protocol):
    """Whether a reply is about the appeal's problem (``knowledge.topics.TopicModel``)."""

    def verdict(self, appeal: str, reply: str) -> TopicVerdict | None: ...


@dataclass(frozen=True)
class CheckRequest:
    """One text to check and what it may be checked against.

    ``appeal`` gives the channel, the author's name and the facts the reply may repeat;
    ``sources`` are the texts of the cited regulation chunks and facts the system computed
    («Срок ответа: 30.12.2025») — they ground any fact; ``answer_sources`` are past approved
    answers to other citizens' cases — they ground norms, organisations, their phones and
    generic periods, but not an address, a date or a count, which describe that other case
    (UNGROUNDED says the fact was copied from another answer); ``prompt`` lets GARBAGE spot an
    echoed prompt; ``generated=False`` (a person wrote it) checks grounding only against
    sources; ``topic`` judges whether the reply is about the appeal's problem at all — without
    it, OTPISKA cannot see a reply to another problem; ``topic_bar``: what the reply must reach
    (by default the floor; the pipeline asks its drafts for more).
    """

    text: str
    appeal: Appeal | None = None
    sources: tuple[str, ...] = ()
    answer_sources: tuple[str, ...] = ()
    generated: bool = True
    prompt: str | None = None
    threshold: int = 60
    topic: TopicJudge | None = None
    topic_bar: TopicBar = AT_FLOOR


class Checker(Protocol):
    """The checker's one signature: the fields of ``CheckRequest`` as keywords."""

    def __call__(
        self,
        text: str,
        *,
        appeal: Appeal | None = None,
        sources: Sequence[str] = (),
        answer_sources: Sequence[str] = (),
        generated: bool = True,
        prompt: str | None = None,
        threshold: int = 60,
        topic: TopicJudge | None = None,
        topic_bar: TopicBar = AT_FLOOR,
    ) -> Quality: ...
