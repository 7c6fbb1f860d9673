"""The quality gate as the pipeline calls it: the checker's shape, which of two drafts is
better, and the blocker for a claim of work done nothing confirms."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

from drafter.domain import Appeal, Quality, Violation
from drafter.grounding import Source
from drafter.quality import Checker, TopicJudge, check
from drafter.quality.scoring import passed, score
from knowledge.topics import AT_FLOOR, TopicBar

__all__ = [
    "Checker",
    "better",
    "block_unverified_done",
    "check_draft",
    "checker_for",
    "default_checker",
    "topic_judge_of",
    "with_blocker",
]


def default_checker() -> Checker:
    return check


def topic_judge_of(index: Any, enabled: bool = True) -> Any:
    """``index``'s topic judge (fitted or refitted when due); None when disabled, when the
    index has too few labelled answers, or when it is a stand-in without one."""
    fit = getattr(index, "topic_model", None) if enabled else None
    return fit() if fit is not None else None


def checker_for(index: Any, enabled: bool = True) -> Checker:
    """The checker that also judges topic with ``index``'s topic model, for texts checked
    outside the pipeline (eval runs, the measure's baselines), so they are held to what the
    pipeline holds its drafts to. ``enabled``: ``settings.drafting.topic_check``."""
    judge = topic_judge_of(index, enabled)
    return check if judge is None else partial(check, topic=judge)


def check_draft(
    checker: Checker,
    text: str,
    appeal: Appeal,
    sources: Sequence[Source],
    *,
    prompt: str | None,
    threshold: int,
    topic: TopicJudge | None = None,
    topic_bar: TopicBar = AT_FLOOR,
) -> Quality:
    """The checker on one draft: past answers as ``answer_sources``, the rest (but the appeal,
    which the checker reads from ``appeal``) as ``sources``. ``topic`` is always passed, None
    included, so a judge bound into the checker (``checker_for``) cannot judge what the
    pipeline exempts."""
    regs = [s.text for s in sources if s.kind != "answer" and s.id != "appeal"]
    answers = [s.text for s in sources if s.kind == "answer"]
    return checker(
        text,
        appeal=appeal,
        sources=regs,
        answer_sources=answers,
        generated=True,
        prompt=prompt,
        threshold=threshold,
        topic=topic,
        topic_bar=topic_bar,
    )


# what the executor's facts lack, as the checker reads them (a person's text): a reply written
# from them cannot say more than they do, so the executor is told beside the facts, where it
# can be mended — spb-3175580's facts, «проведены мероприятия по освобождению помещений от
# незаконного пользования», gave a faithful reply that answers nothing
FACTS_GAPS = {
    "OTPISKA": (
        "В сведениях не сказано, что сделано или будет сделано по существу: ответ по ним "
        "выйдет отпиской. Напишите, что сделано, кем и когда."
    ),
    "REDIRECT": (
        "Сведения отсылают жителя в другую организацию. Если вопрос ваш, напишите, что "
        "сделаете вы; если нет — кому передано и когда там ответят."
    ),
    "NO_DEADLINE": "Работы обещаны без срока: укажите, к какой дате их сделают.",
    "NO_SPECIFICS": (
        "В сведениях нет ни даты, ни места, ни исполнителя: ответ выйдет общим. Добавьте, "
        "где, когда и кем сделано."
    ),
}


def facts_gaps(facts: str, appeal: Appeal) -> list[str]:
    """What ``facts`` lack for a reply on the merits (``FACTS_GAPS``, in their order): the
    standard's rules on a person's text; the drafts' checker (a topic judge bound in, a fake in
    tests) has nothing to say about the executor's notes."""
    quality = check(facts, appeal=appeal, sources=[facts], generated=False)
    codes = {v.code for v in quality.violations}
    return [message for code, message in FACTS_GAPS.items() if code in codes]


def block_unverified_done(quality: Quality, rows: Sequence[dict[str, Any]]) -> Quality:
    """Nothing else stood: the claim of work done stays in the text, and the gate says why it
    fails."""
    row = next(r for r in rows if r["unverified_done"])
    return with_blocker(
        quality, row["start"], row["end"],
        f"Не подтверждено: «{row['sentence'][:80]}» — ни обращение, ни источники "
        "не говорят, что это сделано.",
    )  # fmt: skip


def with_blocker(quality: Quality, start: int, end: int, message: str) -> Quality:
    v = Violation(code="UNGROUNDED", severity="blocker", start=start, end=end, message=message)
    return Quality(score=quality.score, passed=False, violations=[v, *quality.violations])


def person_facts_to_confirm(quality: Quality, threshold: int) -> Quality:
    """A person's text: its unsupported facts become «проверьте» marks, not blockers.

    The executor who types the real facts into the editor («8 декабря контейнеры вывезут») is
    the one person who knows them; the reviewer confirms them. The score is the checker's
    without those blockers' weight: the other violations stand as they are."""
    if not any(v.code == "UNGROUNDED" and v.severity == "blocker" for v in quality.violations):
        return quality
    violations = [
        Violation(
            code="UNGROUNDED",
            severity="minor",
            start=v.start,
            end=v.end,
            message="Проверьте: " + v.message,
        )
        if v.code == "UNGROUNDED" and v.severity == "blocker"
        else v
        for v in quality.violations
    ]
    value = score(violations)
    return Quality(score=value, passed=passed(violations, value, threshold), violations=violations)


def better(a: Quality, b: Quality) -> bool:
    a_blockers = sum(v.severity == "blocker" for v in a.violations)
    b_blockers = sum(v.severity == "blocker" for v in b.violations)
    return (a.passed, -a_blockers, a.score) > (b.passed, -b_blockers, b.score)
