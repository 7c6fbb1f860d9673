"""Pain points: topic × place × week counts, topics rising against their own last weeks, and
addresses where the same problem comes back."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta

from drafter.analytics.stats import poisson_sf
from drafter.analytics.types import RepeatedProblem, RisingTopic

BASELINE_WEEKS = 4
MIN_APPEALS = 5  # a rise of 1 → 4 appeals is noise whatever the p-value
ALPHA = 0.05
MIN_SHARE = 0.5  # a topic absent before: as if it had half an appeal in the previous weeks
REPEAT_MIN = 3
REPEAT_DAYS = 30

TEST = (
    "Рост темы — односторонний тест Пуассона. Ожидаемое число обращений недели λ = доля темы "
    f"среди всех обращений за {BASELINE_WEEKS} предыдущие недели × все обращения этой недели "
    "(так праздники и неполные недели не выглядят ростом). Тема растёт, если P(X ≥ x | λ) < "
    f"{ALPHA} / m (поправка Бонферрони, m — число проверенных пар тема × неделя) и x ≥ "
    f"{MIN_APPEALS}. Повторы — ≥ {REPEAT_MIN} обращения по одному адресу и теме за "
    f"{REPEAT_DAYS} дней."
)


def rising_topics(topic_weeks: list[tuple[str, date, int]], weeks: list[date]) -> list[RisingTopic]:
    """Topic-weeks of ``weeks`` whose count is improbably high against the topic's share of
    all appeals in the previous BASELINE_WEEKS weeks (weeks without data are left out of the
    baseline; at least two are needed). Examples are added by the caller."""
    counts: dict[tuple[str, date], int] = {}
    totals: dict[date, int] = defaultdict(int)
    topics: set[str] = set()
    for topic, week, n in topic_weeks:
        counts[(topic, week)] = n
        totals[week] += n
        topics.add(topic)
    tested: list[RisingTopic] = []
    for week in weeks:
        before = [week - timedelta(days=7 * k) for k in range(1, BASELINE_WEEKS + 1)]
        before = [w for w in before if totals.get(w)]
        if len(before) < 2 or not totals.get(week):
            continue
        total_before = sum(totals[w] for w in before)
        for topic in topics:
            x = counts.get((topic, week), 0)
            if x == 0:
                continue
            seen = sum(counts.get((topic, w), 0) for w in before)
            share_before = max(seen, MIN_SHARE) / total_before
            lam = share_before * totals[week]
            tested.append(
                RisingTopic(
                    topic=topic,
                    week=week,
                    appeals=x,
                    expected=round(lam, 2),
                    baseline=round(seen / len(before), 2),
                    baseline_weeks=len(before),
                    share_before=round(seen / total_before, 4),
                    share_now=round(x / totals[week], 4),
                    p_value=poisson_sf(x, lam),
                )
            )
    if not tested:
        return []
    bar = ALPHA / len(tested)
    rising = [t for t in tested if t.appeals >= MIN_APPEALS and t.p_value < bar]
    return sorted(rising, key=lambda t: (t.p_value, -t.appeals))


def repeated_problems(
    rows: list[tuple[str, str, datetime, str]],
) -> list[tuple[RepeatedProblem, list[str]]]:
    """(address, topic) with ≥ REPEAT_MIN appeals inside REPEAT_DAYS days: the busiest such
    window of each, and the keys of its appeals (rows sorted by address, topic, time)."""
    groups: dict[tuple[str, str], list[tuple[datetime, str]]] = defaultdict(list)
    for address, topic, at, key in rows:
        groups[(address, topic)].append((at, key))
    out: list[tuple[RepeatedProblem, list[str]]] = []
    span = timedelta(days=REPEAT_DAYS)
    for (address, topic), appeals in groups.items():
        appeals.sort()
        best: tuple[int, int] | None = None  # (start, end) indices of the busiest window
        start = 0
        for end in range(len(appeals)):
            while appeals[end][0] - appeals[start][0] > span:
                start += 1
            if best is None or end - start > best[1] - best[0]:
                best = (start, end)
        if best is None or best[1] - best[0] + 1 < REPEAT_MIN:
            continue
        window = appeals[best[0] : best[1] + 1]
        problem = RepeatedProblem(
            address=address,
            topic=topic,
            appeals=len(window),
            first=window[0][0],
            last=window[-1][0],
        )
        out.append((problem, [key for _, key in window]))
    out.sort(key=lambda p: (-p[0].appeals, p[0].address, p[0].topic))
    return out
