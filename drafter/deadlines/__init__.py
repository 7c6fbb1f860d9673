"""Reply deadlines by channel and region, counted on the Russian production calendar.

    deadline_for(Channel.pos, received_at)          -> aware datetime, the region's local time
    interim_text(Channel.vk, received_at)           -> «вернёмся с ответом не позднее 30 декабря»
    is_overdue(deadline, now)                       -> bool

``policy`` is a ``DeadlinePolicy`` built from ``DeadlineSettings`` (None = built-in defaults);
``region`` picks that region's time zone and overrides (None = ``settings.default_region``).
A naive ``received_at`` is taken as the region's local time.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

from drafter.deadlines.calendar import ProductionCalendar, Transfer, load_transfers
from drafter.deadlines.config import (
    DEFAULT_ANSWER_RULES,
    DEFAULT_FORWARDING,
    DEFAULT_RULES,
    CalendarOverrides,
    DeadlineRule,
    DeadlineSettings,
    RegionDeadlines,
    WorkSchedule,
)
from drafter.deadlines.policy import DeadlinePolicy, RegionPolicy, default_policy
from drafter.deadlines.ru_dates import format_ru_date
from drafter.domain import Channel
from drafter.errors import UnknownChannel


def _region_policy(policy: DeadlinePolicy | None, region: str | None) -> RegionPolicy:
    return (policy or default_policy()).for_region(region)


def _channel(channel: Channel | str) -> Channel:
    try:
        return Channel(channel)
    except ValueError as exc:
        raise UnknownChannel(f"неизвестный канал: {channel}", channel=str(channel)) from exc


def _received(received_at: datetime | None) -> datetime:
    # an appeal without a receipt time is being received now
    return received_at if received_at is not None else datetime.now(timezone.utc)


def deadline_for(
    channel: Channel | str,
    received_at: datetime | None,
    policy: DeadlinePolicy | None = None,
    region: str | None = None,
    *,
    extended: bool = False,
) -> datetime:
    """When the reply on this channel is due (social networks: the first reply)."""
    rp = _region_policy(policy, region)
    return rp.apply(rp.rules[_channel(channel)], _received(received_at), extended=extended)


def answer_deadline(
    channel: Channel | str,
    received_at: datetime | None,
    policy: DeadlinePolicy | None = None,
    region: str | None = None,
    *,
    extended: bool = False,
) -> datetime:
    """When the answer on the merits is due: the date an interim reply promises."""
    rp = _region_policy(policy, region)
    return rp.apply(rp.answers[_channel(channel)], _received(received_at), extended=extended)


def interim_date(
    channel: Channel | str,
    received_at: datetime | None,
    policy: DeadlinePolicy | None = None,
    region: str | None = None,
    *,
    extended: bool = False,
) -> date:
    """The local date for «вернёмся с ответом не позднее …»."""
    return answer_deadline(channel, received_at, policy, region, extended=extended).date()


def interim_text(
    channel: Channel | str,
    received_at: datetime | None,
    policy: DeadlinePolicy | None = None,
    region: str | None = None,
    *,
    extended: bool = False,
) -> str:
    """«вернёмся с ответом не позднее 30 декабря» (the year is added when it is not the same)."""
    rp = _region_policy(policy, region)
    received = rp.local(_received(received_at))
    due = interim_date(channel, received, policy, region, extended=extended)
    return f"вернёмся с ответом не позднее {format_ru_date(due, today=received.date())}"


def forwarding_deadline(
    received_at: datetime | None,
    policy: DeadlinePolicy | None = None,
    region: str | None = None,
) -> datetime:
    """By when an appeal outside the agency's competence goes to the competent body (59-ФЗ ст. 8)."""
    rp = _region_policy(policy, region)
    return rp.apply(rp.forwarding, _received(received_at))


def is_overdue(deadline: datetime, now: datetime | None = None) -> bool:
    """True once ``now`` is past ``deadline``; a naive ``now`` is read in the deadline's zone."""
    if now is None:
        now = datetime.now(timezone.utc)
    if deadline.tzinfo is None:
        raise ValueError("deadline must be timezone-aware (deadline_for returns aware times)")
    if now.tzinfo is None:
        now = now.replace(tzinfo=deadline.tzinfo)
    return now > deadline


__all__ = [
    "DEFAULT_ANSWER_RULES",
    "DEFAULT_FORWARDING",
    "DEFAULT_RULES",
    "CalendarOverrides",
    "DeadlinePolicy",
    "DeadlineRule",
    "DeadlineSettings",
    "ProductionCalendar",
    "RegionDeadlines",
    "RegionPolicy",
    "Transfer",
    "WorkSchedule",
    "answer_deadline",
    "deadline_for",
    "default_policy",
    "format_ru_date",
    "forwarding_deadline",
    "interim_date",
    "interim_text",
    "is_overdue",
    "load_transfers",
]
