"""``assess``: run every registered check over one request and score it; ``check``: the same
with the request's fields as keywords (the ``Checker`` signature)."""

from __future__ import annotations

from collections.abc import Sequence

from drafter.domain import Appeal, Quality
from drafter.quality.context import Context
from drafter.quality.registry import all_checks
from drafter.quality.request import CheckRequest, TopicJudge
from drafter.quality.scoring import passed, score
from knowledge.topics import AT_FLOOR, TopicBar

SEVERITY_ORDER = {"blocker": 0, "major": 1, "minor": 2}


def assess(request: CheckRequest) -> Quality:
    """Violations of the ЦУР standard in ``request.text``, a score 0–100 and whether it passes
    (what each field means: ``CheckRequest``)."""
    ctx = Context.of(request)
    for c in all_checks():
        c.fn(ctx)
        if ctx.stop:  # e.g. an empty reply: nothing else worth saying
            break
    vs = sorted(ctx.violations, key=lambda v: (SEVERITY_ORDER[v.severity], v.start, v.code))
    s = score(vs)
    return Quality(score=s, passed=passed(vs, s, request.threshold), violations=vs)


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
    """``assess`` on a ``CheckRequest`` of these fields (see there what each means)."""
    return assess(
        CheckRequest(
            text=text,
            appeal=appeal,
            sources=tuple(sources),
            answer_sources=tuple(answer_sources),
            generated=generated,
            prompt=prompt,
            threshold=threshold,
            topic=topic,
            topic_bar=topic_bar,
        )
    )
