"""Deadline settings: rules per channel, the working day, the calendar overrides, regions.

Hang it on ``Settings`` as ``deadlines: DeadlineSettings = Field(default_factory=DeadlineSettings)``;
then e.g. ``DRAFTER_DEADLINES__CHANNELS__VK__AMOUNT=3`` or, in the TOML config::

    [deadlines]
    timezone = "Europe/Moscow"
    [deadlines.channels.vk]
    amount = 3                      # unit stays "working_hours" from the default
    [deadlines.holidays]
    2028 = ["2028-01-09"]
    [deadlines.regions.RU-BA]
    channels.vk = { amount = 8 }

Every rule field is optional: an override changes only what it names and keeps the rest of the
built-in default (``DEFAULT_RULES``), so one env var never wipes the other channels.
"""

from __future__ import annotations

from datetime import date, time
from itertools import pairwise
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from drafter.domain import Channel
from drafter.errors import ConfigError

Unit = Literal["working_hours", "working_days", "calendar_days"]


class DeadlineRule(BaseModel):
    """``amount`` of ``unit`` counted from receipt; ``extension`` more with notice to the citizen."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    amount: float | None = Field(default=None, gt=0)
    unit: Unit | None = None
    extension: float | None = Field(default=None, ge=0)  # 59-ФЗ ст. 12 ч. 2: +30 days
    basis: str | None = None  # where the rule comes from, for people reading the config

    def over(self, base: DeadlineRule) -> DeadlineRule:
        """This override on top of ``base``: fields left None keep the base's value."""
        merged = {**base.model_dump(), **self.model_dump(exclude_none=True)}
        try:  # validated again: a new unit may not fit the base's amount
            return DeadlineRule.model_validate(merged)
        except ValueError as exc:
            raise ConfigError(f"правило срока {merged}: {exc}") from exc

    @model_validator(mode="after")
    def _whole_days(self) -> DeadlineRule:
        for value in (self.amount, self.extension):
            if (
                self.unit not in (None, "working_hours")
                and value is not None
                and value != int(value)
            ):
                raise ValueError(f"{self.unit}: срок в днях должен быть целым, а не {value}")
        return self


# Facts from shared/docs/quality-standard.md (deadlines table). Social networks: the national
# average first reply is ≈3 hours; regions set 1–24 h; the default is Башкирия's "draft within
# 8 working hours". ПОС: ПП РФ № 1802 — 5 working days. Letters and e-mail: 59-ФЗ ст. 12 —
# 30 days, +30 with notice. Forwarding to the competent body: 59-ФЗ ст. 8 ч. 3 — 7 days.
_SOCIAL_FIRST = DeadlineRule(
    amount=8, unit="working_hours", extension=0, basis="регламент ИМ (Башкирия: 8 рабочих часов)"
)
_POS = DeadlineRule(amount=5, unit="working_days", extension=0, basis="ПП РФ № 1802 от 10.11.2020")
_LAW_59 = DeadlineRule(amount=30, unit="calendar_days", extension=30, basis="59-ФЗ ст. 12")

DEFAULT_RULES: dict[Channel, DeadlineRule] = {
    Channel.vk: _SOCIAL_FIRST,
    Channel.telegram: _SOCIAL_FIRST,
    Channel.ok: _SOCIAL_FIRST,
    Channel.pos: _POS,
    Channel.email: _LAW_59,
    Channel.letter: _LAW_59,
}

# The date an interim reply promises («вернёмся с ответом не позднее …»): for social networks the
# answer on the merits, by default on the ПОС rule; for the other channels their own deadline.
_SOCIAL_ANSWER = DeadlineRule(
    amount=5, unit="working_days", extension=0, basis="ответ по существу; по регламенту региона"
)
DEFAULT_ANSWER_RULES: dict[Channel, DeadlineRule] = {
    **DEFAULT_RULES,
    Channel.vk: _SOCIAL_ANSWER,
    Channel.telegram: _SOCIAL_ANSWER,
    Channel.ok: _SOCIAL_ANSWER,
}

DEFAULT_FORWARDING = DeadlineRule(
    amount=7, unit="calendar_days", extension=0, basis="59-ФЗ ст. 8 ч. 3"
)


class WorkSchedule(BaseModel):
    """One working day in local time; the pre-holiday day ends ``preholiday_cut_minutes`` early."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    start: time = time(9, 0)
    end: time = time(18, 0)
    lunch_start: time | None = time(13, 0)  # None with lunch_end None = no break
    lunch_end: time | None = time(14, 0)
    preholiday_cut_minutes: int = Field(default=60, ge=0)  # ТК РФ ст. 95: one hour shorter

    @model_validator(mode="after")
    def _ordered(self) -> WorkSchedule:
        if (self.lunch_start is None) != (self.lunch_end is None):
            raise ValueError("обед задаётся двумя временами: lunch_start и lunch_end, или никаким")
        given = [self.start, self.lunch_start, self.lunch_end, self.end]
        points = [p for p in given if p is not None]
        if any(a >= b for a, b in pairwise(points)):
            raise ValueError("рабочий день: нужно start < lunch_start < lunch_end < end")
        return self


DayLists = dict[int, list[date]]


class CalendarOverrides(BaseModel):
    """Days the built-in calendar does not know yet (a new decree) or a region adds."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    holidays: DayLists = Field(default_factory=dict)  # extra non-working days
    workdays: DayLists = Field(default_factory=dict)  # working although weekend/holiday
    shortened: DayLists = Field(default_factory=dict)  # extra pre-holiday (shortened) days

    @field_validator("holidays", "workdays", "shortened")
    @classmethod
    def _in_their_year(cls, value: DayLists) -> DayLists:
        for year, days in value.items():
            wrong = [d.isoformat() for d in days if d.year != year]
            if wrong:
                raise ValueError(f"даты {wrong} не из {year} года")
        return value

    @model_validator(mode="after")
    def _no_overlap(self) -> CalendarOverrides:
        off = {d for days in self.holidays.values() for d in days}
        on = {d for days in self.workdays.values() for d in days}
        if off & on:
            raise ValueError(f"дни и в holidays, и в workdays: {sorted(off & on)}")
        return self


class RegionDeadlines(CalendarOverrides):
    """What one region changes: its time zone, working day, rules and own holidays."""

    timezone: str | None = None  # None = from the built-in table of regions, else the default
    schedule: WorkSchedule | None = None
    channels: dict[Channel, DeadlineRule] = Field(default_factory=dict)
    answers: dict[Channel, DeadlineRule] = Field(default_factory=dict)


class DeadlineSettings(CalendarOverrides):
    timezone: str = "Europe/Moscow"  # when no region is given or the region has none
    default_region: str | None = None
    schedule: WorkSchedule = Field(default_factory=WorkSchedule)
    channels: dict[Channel, DeadlineRule] = Field(default_factory=dict)  # over DEFAULT_RULES
    answers: dict[Channel, DeadlineRule] = Field(default_factory=dict)  # over DEFAULT_ANSWER_RULES
    forwarding: DeadlineRule = Field(default_factory=DeadlineRule)  # over DEFAULT_FORWARDING
    regions: dict[str, RegionDeadlines] = Field(default_factory=dict)
    builtin_transfers: bool = True  # the decree table in drafter/calendar_data/ru_transfers.json
