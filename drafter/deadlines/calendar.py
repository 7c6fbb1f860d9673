"""The Russian production calendar: which days are working, which are shortened.

Three layers, each small and checkable:
1. public holidays (ТК РФ ст. 112, with a holiday on a weekend moved to the next working day, and
   the decrees' days off) from the maintained ``holidays`` package (offline data);
2. our own table of the government's transfer decrees (``drafter/calendar_data/ru_transfers.json``),
   because the package lists the days off but not the Saturdays that become working days;
3. overrides from settings (a decree for a new year, a region's own holidays).

The shortened pre-holiday day (ТК РФ ст. 95) is derived, not listed: a working day right before a
ст. 112 holiday, or a working weekend day that took over such a day through a transfer (the
published calendars for 2024 and 2025 agree with this rule; the tests check it).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

from drafter.errors import ConfigError

# ТК РФ ст. 112 ч. 1 (since 2013): the non-working holidays themselves.
NATIONAL_HOLIDAYS: frozenset[tuple[int, int]] = frozenset(
    [(1, day) for day in range(1, 9)] + [(2, 23), (3, 8), (5, 1), (5, 9), (6, 12), (11, 4)]
)


@dataclass(frozen=True)
class Transfer:
    """A decree's line «перенести выходной день с ``from_day`` на ``to_day``»."""

    from_day: date
    to_day: date
    decree: str = ""


def load_transfers() -> list[Transfer]:
    """The built-in decree table."""
    raw = (
        resources.files("drafter").joinpath("calendar_data", "ru_transfers.json").read_text("utf-8")
    )
    data = json.loads(raw)
    out: list[Transfer] = []
    for year in data["years"].values():
        for src, dst in year["transfers"]:
            out.append(Transfer(date.fromisoformat(src), date.fromisoformat(dst), year["decree"]))
    return out


@lru_cache(maxsize=64)
def ru_public_holidays(year: int) -> frozenset[date]:
    """Non-working holidays of one year from the ``holidays`` package (RU)."""
    try:
        import holidays
    except ImportError as exc:  # pragma: no cover - the package is a dependency
        raise ConfigError("нужен пакет holidays (pip install holidays)") from exc
    return frozenset(holidays.country_holidays("RU", years=year))


def is_national_holiday(d: date) -> bool:
    return (d.month, d.day) in NATIONAL_HOLIDAYS


class ProductionCalendar:
    """Answers "is this a working day" and "is it shortened" for any date."""

    def __init__(
        self,
        *,
        holidays: Iterable[date] = (),
        workdays: Iterable[date] = (),
        shortened: Iterable[date] = (),
        transfers: Iterable[Transfer] | None = None,
        public_holidays: Callable[[int], frozenset[date]] = ru_public_holidays,
    ) -> None:
        self._extra_off = frozenset(holidays)
        self._extra_on = frozenset(workdays)
        self._extra_short = frozenset(shortened)
        if self._extra_off & self._extra_on:
            raise ConfigError(
                f"дни и выходные, и рабочие: {sorted(self._extra_off & self._extra_on)}"
            )
        moved = list(load_transfers() if transfers is None else transfers)
        self._transfer_off = frozenset(t.to_day for t in moved)
        # the weekday a working weekend day stands in for: carries its pre-holiday shortening
        self._stands_for = {t.from_day: t.to_day for t in moved}
        self._public = public_holidays

    def is_working_day(self, d: date) -> bool:
        if d in self._extra_on:
            return True
        if d in self._extra_off or d in self._transfer_off or d in self._public(d.year):
            return False
        if d.weekday() >= 5:
            # a Saturday/Sunday the decree made working (a holiday on a weekend stays off)
            return d in self._stands_for and not is_national_holiday(d)
        return True

    def is_shortened(self, d: date) -> bool:
        if not self.is_working_day(d):
            return False
        if d in self._extra_short:
            return True
        if is_national_holiday(d + timedelta(days=1)) and not self.is_working_day(
            d + timedelta(days=1)
        ):
            return True
        replaced = self._stands_for.get(d)
        return replaced is not None and is_national_holiday(replaced + timedelta(days=1))

    def next_working_day(self, d: date, *, limit_days: int = 400) -> date:
        """``d`` itself when working, else the first working day after it."""
        for _ in range(limit_days):
            if self.is_working_day(d):
                return d
            d += timedelta(days=1)
        raise ConfigError(f"в календаре нет рабочих дней за {limit_days} дней после {d}")
