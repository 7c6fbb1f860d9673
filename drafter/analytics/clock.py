"""Working hours between two moments, on a region's production calendar and working day.

The deadline policy (drafter.deadlines) counts forward from a moment; analytics need the
opposite for thousands of appeals: how many working hours lay between receipt and reply. A
running total of working seconds per day makes each answer two look-ups instead of a walk over
the days in between.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache

from drafter.deadlines.policy import RegionPolicy

_BASE = date(2000, 1, 3)  # a Monday; nothing drafter sees is older


class WorkingClock:
    def __init__(self, policy: RegionPolicy) -> None:
        self.policy = policy
        self._before: list[float] = [0.0]  # working seconds from _BASE up to the day's start
        self._periods = lru_cache(maxsize=4096)(self._day_periods)

    def _day_periods(self, d: date) -> tuple[tuple[float, float], ...]:
        return tuple((a.timestamp(), b.timestamp()) for a, b in self.policy.working_periods(d))

    def _seconds_before(self, d: date) -> float:
        n = (d - _BASE).days
        if n < 0:
            raise ValueError(f"{d} is before {_BASE}")
        while len(self._before) <= n:
            day = _BASE + timedelta(days=len(self._before) - 1)
            worked = sum(b - a for a, b in self._periods(day))
            self._before.append(self._before[-1] + worked)
        return self._before[n]

    def _worked_until(self, moment: datetime) -> float:
        local = self.policy.local(moment)
        t = local.timestamp()
        day = local.date()
        today = sum(max(0.0, min(b, t) - a) for a, b in self._periods(day))
        return self._seconds_before(day) + today

    def hours_between(self, start: datetime, end: datetime) -> float:
        """Working hours from ``start`` to ``end`` (0 when ``end`` is not after ``start``)."""
        seconds = self._worked_until(end) - self._worked_until(start)
        return round(max(0.0, seconds) / 3600.0, 2)

    def week_of(self, moment: datetime) -> date:
        """The Monday of ``moment``'s week in the region's local time."""
        local = self.policy.local(moment).date()
        return local - timedelta(days=local.weekday())
