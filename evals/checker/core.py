"""``check``: run every registered check over one draft and score it."""

from __future__ import annotations

from collections.abc import Sequence

from drafter.domain import Appeal, Quality
from evals.checker.context import Context, TopicJudge
from evals.checker.registry import all_checks
from evals.checker.scoring import passed, score
from knowledge.topics import AT_FLOOR, TopicBar

SEVERITY_ORDER = {"blocker": 0, "major": 1, "minor": 2}


def check(
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
) -> Quality:
    """Violations of the ЦУР standard in ``text``, a score 0–100 and whether it passes.

    ``appeal`` gives the channel, the author's name and the facts the reply may repeat;
    ``sources`` are the texts of the cited regulation chunks and facts the system computed
    («Срок ответа: 30.12.2025») — they ground any fact; ``answer_sources`` are past approved
    answers to other citizens' cases — they ground norms, organisations, their phones and
    generic periods, but not an address, a date or a count, which describe that other case
    (UNGROUNDED says the fact was copied from another answer); ``prompt`` lets GARBAGE spot an
    echoed prompt; ``generated=False`` (a person wrote it) checks grounding only against sources;
    ``topic`` (the index's ``knowledge.topics.TopicModel``) judges whether the reply is about
    the appeal's problem at all — without it, OTPISKA cannot see a reply to another problem;
    ``topic_bar``: what the reply must reach (by default the floor; the pipeline asks its drafts
    for more).
    """
    ctx = Context(
        text=text or "",
        appeal=appeal,
        sources=tuple(sources),
        answer_sources=tuple(answer_sources),
        generated=generated,
        prompt=prompt,
        topic=topic,
        topic_bar=topic_bar,
    )
    for c in all_checks():
        c.fn(ctx)
        if ctx.stop:  # e.g. an empty reply: nothing else worth saying
            break
    vs = sorted(ctx.violations, key=lambda v: (SEVERITY_ORDER[v.severity], v.start, v.code))
    s = score(vs)
    return Quality(score=s, passed=passed(vs, s, threshold), violations=vs)
