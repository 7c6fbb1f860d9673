"""Deadline policy: settings resolved per region into a time zone, a working day, rules, a calendar.

``DeadlinePolicy`` is built once from ``DeadlineSettings`` (``DeadlinePolicy.from_settings``) and
is cheap to share; ``policy.for_region(region)`` gives the ``RegionPolicy`` that counts.
Regions are named by ISO 3166-2 code («RU-BA») or by name («Башкортостан», «Башкирия»); settings
may use either spelling, both resolve to the same region.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from importlib import resources
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from drafter.deadlines.calendar import ProductionCalendar
from drafter.deadlines.config import (
    DEFAULT_ANSWER_RULES,
    DEFAULT_FORWARDING,
    DEFAULT_RULES,
    DeadlineRule,
    DeadlineSettings,
    RegionDeadlines,
    WorkSchedule,
)
from drafter.domain import Channel
from drafter.errors import ConfigError, InvalidInput

_SEARCH_LIMIT_DAYS = 800  # no rule here runs longer than ~60 days; more means a broken calendar


@dataclass(frozen=True)
class RegionInfo:
    code: str
    timezone: str
    names: tuple[str, ...]


@cache
def builtin_regions() -> dict[str, RegionInfo]:
    """Lookup key (code, code without «RU-», every name; case-folded) → region."""
    raw = resources.files("drafter").joinpath("calendar_data", "regions.json").read_text("utf-8")
    out: dict[str, RegionInfo] = {}
    for code, item in json.loads(raw)["regions"].items():
        info = RegionInfo(code, item["timezone"], tuple(item["names"]))
        for key in (code, code.removeprefix("RU-"), *item["names"]):
            out[_fold(key)] = info
    return out


def _fold(name: str) -> str:
    return " ".join(name.replace("ё", "е").replace("Ё", "Е").split()).casefold()


def canonical_region(name: str) -> str:
    """The region's code when the built-in table knows it, else the folded name itself."""
    info = builtin_regions().get(_fold(name))
    return info.code if info else _fold(name)


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError(f"неизвестный часовой пояс: {name}") from exc


def _days(lists: dict[int, list[date]]) -> list[date]:
    return [d for days in lists.values() for d in days]


@dataclass(frozen=True)
class RegionPolicy:
    """Everything needed to count deadlines in one region."""

    region: str | None
    zone: ZoneInfo
    schedule: WorkSchedule
    calendar: ProductionCalendar
    rules: dict[Channel, DeadlineRule]
    answers: dict[Channel, DeadlineRule]
    forwarding: DeadlineRule

    # --- time -------------------------------------------------------------------------------
    def local(self, moment: datetime) -> datetime:
        """Aware time in the region; a naive one is taken as already local."""
        if moment.tzinfo is None or moment.utcoffset() is None:
            return moment.replace(tzinfo=self.zone)
        return moment.astimezone(self.zone)

    def _at(self, d: date, t: time) -> datetime:
        return datetime.combine(d, t, tzinfo=self.zone)

    def working_periods(self, d: date) -> list[tuple[datetime, datetime]]:
        """The day's working time as [start, end) periods, lunch cut out, pre-holiday shortened."""
        if not self.calendar.is_working_day(d):
            return []
        s = self.schedule
        end = self._at(d, s.end)
        if self.calendar.is_shortened(d):
            end -= timedelta(minutes=s.preholiday_cut_minutes)
        if s.lunch_start is None or s.lunch_end is None:
            cuts = [(self._at(d, s.start), end)]
        else:
            cuts = [
                (self._at(d, s.start), self._at(d, s.lunch_start)),
                (self._at(d, s.lunch_end), end),
            ]
        return [(a, min(b, end)) for a, b in cuts if a < min(b, end)]

    def end_of_working_day(self, d: date) -> datetime:
        periods = self.working_periods(d)
        if not periods:
            raise ValueError(f"{d} — нерабочий день")
        return periods[-1][1]

    # --- counting -----------------------------------------------------------------------------
    def add_working_hours(self, start: datetime, hours: float) -> datetime:
        """The moment ``hours`` of working time after ``start`` (local); time off is skipped."""
        start = self.local(start)
        left = timedelta(hours=hours)
        day = start.date()
        for _ in range(_SEARCH_LIMIT_DAYS):
            for a, b in self.working_periods(day):
                begin = max(a, start)
                if begin >= b:
                    continue
                if left <= b - begin:
                    return begin + left
                left -= b - begin
            day += timedelta(days=1)
        raise ConfigError(f"не хватило рабочего времени за {_SEARCH_LIMIT_DAYS} дней")

    def add_working_days(self, start: datetime, days: int) -> datetime:
        """End of the ``days``-th working day after the day of ``start`` (ГК РФ ст. 191)."""
        day = self.local(start).date()
        counted = 0
        for _ in range(_SEARCH_LIMIT_DAYS):
            day += timedelta(days=1)
            if self.calendar.is_working_day(day):
                counted += 1
                if counted >= days:
                    return self.end_of_working_day(day)
        raise ConfigError(f"не нашлось {days} рабочих дней за {_SEARCH_LIMIT_DAYS} дней")

    def add_calendar_days(self, start: datetime, days: int) -> datetime:
        """End of the working day on ``start`` + ``days``, moved off a day off (ГК РФ ст. 193)."""
        due = self.local(start).date() + timedelta(days=days)
        due = self.calendar.next_working_day(due, limit_days=_SEARCH_LIMIT_DAYS)
        return self.end_of_working_day(due)

    def apply(self, rule: DeadlineRule, start: datetime, *, extended: bool = False) -> datetime:
        amount = (rule.amount or 0) + ((rule.extension or 0) if extended else 0)
        if rule.unit == "working_hours":
            return self.add_working_hours(start, amount)
        if rule.unit == "working_days":
            return self.add_working_days(start, int(amount))
        if rule.unit == "calendar_days":
            return self.add_calendar_days(start, int(amount))
        raise ConfigError(f"неизвестная единица срока: {rule.unit}")


class DeadlinePolicy:
    """Settings resolved once; ``for_region`` builds (and caches) one region's policy."""

    def __init__(self, settings: DeadlineSettings | None = None) -> None:
        self.settings = settings or DeadlineSettings()
        self._zone = _zone(self.settings.timezone)
        self._regions: dict[str, RegionDeadlines] = {}
        for name, region in self.settings.regions.items():
            key = canonical_region(name)
            if key in self._regions:
                raise ConfigError(f"регион {name} задан в настройках дважды")
            if region.timezone:
                _zone(region.timezone)  # fail at start-up, not on the first appeal
            self._regions[key] = region
        self._cache: dict[str | None, RegionPolicy] = {}
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: DeadlineSettings | None = None) -> DeadlinePolicy:
        return cls(settings)

    def for_region(self, region: str | None = None) -> RegionPolicy:
        region = region if region is not None else self.settings.default_region
        key = canonical_region(region) if region else None
        with self._lock:
            if key not in self._cache:
                self._cache[key] = self._build(key, region)
            return self._cache[key]

    def _build(self, key: str | None, asked: str | None) -> RegionPolicy:
        s = self.settings
        own = self._regions.get(key) if key else None
        builtin = builtin_regions().get(_fold(key)) if key else None
        if key and own is None and builtin is None:
            raise InvalidInput(f"неизвестный регион: {asked}", region=asked)
        zone = self._zone
        if own and own.timezone:
            zone = _zone(own.timezone)
        elif builtin:
            zone = _zone(builtin.timezone)

        rules = {ch: s.channels.get(ch, DeadlineRule()).over(DEFAULT_RULES[ch]) for ch in Channel}
        answers = {
            ch: s.answers.get(ch, DeadlineRule()).over(DEFAULT_ANSWER_RULES[ch]) for ch in Channel
        }
        holidays, workdays, shortened = _days(s.holidays), _days(s.workdays), _days(s.shortened)
        schedule = s.schedule
        if own:
            rules = {ch: own.channels.get(ch, DeadlineRule()).over(r) for ch, r in rules.items()}
            answers = {ch: own.answers.get(ch, DeadlineRule()).over(r) for ch, r in answers.items()}
            # a region's own working day overrides the federal list for that date
            own_on, own_off = set(_days(own.workdays)), set(_days(own.holidays))
            holidays = [d for d in holidays if d not in own_on] + sorted(own_off)
            workdays = [d for d in workdays if d not in own_off] + sorted(own_on)
            shortened += _days(own.shortened)
            schedule = own.schedule or schedule
        calendar = ProductionCalendar(
            holidays=holidays,
            workdays=workdays,
            shortened=shortened,
            transfers=None if s.builtin_transfers else [],
        )
        return RegionPolicy(
            region=key,
            zone=zone,
            schedule=schedule,
            calendar=calendar,
            rules=rules,
            answers=answers,
            forwarding=s.forwarding.over(DEFAULT_FORWARDING),
        )


_default_lock = threading.Lock()
_default: DeadlinePolicy | None = None


def default_policy() -> DeadlinePolicy:
    """The policy of built-in defaults, made on first use (never at import)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = DeadlinePolicy()
        return _default
