"""The weekly agency rating: the store's aggregates per agency and week, percentiles of the
working hours, and a rank by a stated formula."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta
from typing import Any

from drafter.analytics.stats import quantile
from drafter.analytics.types import AgencyWeek

# (component, weight): each a share in 0..1 where more is better
WEIGHTS = {"within_deadline": 0.4, "quality": 0.3, "no_pushback": 0.3}
# fewer appeals in a week make a share of chance (1 of 1 in time = 100 %): shown, not ranked
MIN_RANKED = 5

FORMULA = (
    "Балл = 100 × (0,4 × доля первых ответов в срок канала + 0,3 × доля окончательных "
    "ответов, прошедших проверку по стандарту + 0,3 × (1 − доля обращений, где житель написал "
    "снова после окончательного ответа)). Если части нет в данных, она не учитывается, а веса "
    f"остальных пересчитываются. В рейтинг недели входят ведомства с {MIN_RANKED} и более обращениями "
    "за неделю (у остальных доли случайны; они показаны без места). Место — по баллу внутри "
    "недели (при равном балле выше "
    "ведомство с большим числом обращений); изменение места — место на прошлой неделе минус "
    "место на этой (плюс — поднялось)."
)


def score_of(item: AgencyWeek) -> float | None:
    """The rank formula (FORMULA) on one agency-week; None when no component is known."""
    parts = {
        "within_deadline": item.within_deadline_share,
        "quality": item.pass_rate,
        "no_pushback": None if item.pushback_share is None else 1 - item.pushback_share,
    }
    known = {k: v for k, v in parts.items() if v is not None}
    if not known:
        return None
    weight = sum(WEIGHTS[k] for k in known)
    return round(100 * sum(WEIGHTS[k] * v for k, v in known.items()) / weight, 1)


def build_rating(
    groups: list[dict[str, Any]],
    hours: list[tuple[str, date, float | None, float | None]],
    returns: list[tuple[str, date, list[str]]],
) -> list[AgencyWeek]:
    """Agency-weeks, ranked inside each week, with the change against the week before."""
    first: dict[tuple[str, date], list[float]] = defaultdict(list)
    final: dict[tuple[str, date], list[float]] = defaultdict(list)
    for agency, week, first_h, final_h in hours:
        if first_h is not None:
            first[(agency, week)].append(first_h)
        if final_h is not None:
            final[(agency, week)].append(final_h)
    returned: dict[tuple[str, date], Counter[str]] = defaultdict(Counter)
    for agency, week, codes in returns:
        returned[(agency, week)].update(codes)

    items: list[AgencyWeek] = []
    for g in groups:
        key = (g["agency"], g["week"])
        item = AgencyWeek(
            agency=g["agency"],
            week=g["week"],
            appeals=int(g["appeals"]),
            answered=int(g["answered"]),
            first_reply_median_h=quantile(first[key], 0.5),
            first_reply_p90_h=quantile(first[key], 0.9),
            final_reply_median_h=quantile(final[key], 0.5),
            final_reply_p90_h=quantile(final[key], 0.9),
            within_deadline_share=_share(g["within"], g["within_known"]),
            replies_checked=int(g["checked"]),
            pass_rate=_share(g["passed"], g["checked"]),
            mean_score=round(float(g["mean_score"]), 1) if g["mean_score"] is not None else None,
            returns=dict(returned[key].most_common()),
            pushback=int(g["pushback"] or 0) if g["pushback_known"] else None,
            pushback_share=_share(g["pushback"], g["pushback_known"]),
            satisfied_share=_share(g["satisfied"], g["satisfied_known"]),
        )
        item.score = score_of(item)
        items.append(item)
    _rank(items)
    return sorted(items, key=lambda i: (i.week, i.rank or 10**9, i.agency))


def _rank(items: list[AgencyWeek]) -> None:
    by_week: dict[date, list[AgencyWeek]] = defaultdict(list)
    for item in items:
        by_week[item.week].append(item)
    for week_items in by_week.values():
        scored = [i for i in week_items if i.score is not None and i.appeals >= MIN_RANKED]
        scored.sort(key=lambda i: (-(i.score or 0), -i.appeals, i.agency))
        for n, item in enumerate(scored, 1):
            item.rank = n
    index = {(i.agency, i.week): i for i in items}
    for item in items:
        before = index.get((item.agency, item.week - timedelta(days=7)))
        if before is not None and before.rank is not None and item.rank is not None:
            item.rank_change = before.rank - item.rank
        if before is not None and before.score is not None and item.score is not None:
            item.score_change = round(item.score - before.score, 1)


def _share(part: Any, whole: Any) -> float | None:
    whole = int(whole or 0)
    return round(int(part or 0) / whole, 4) if whole else None
