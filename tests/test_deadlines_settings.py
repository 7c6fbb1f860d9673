"""Deadline settings: overrides per channel, per region, per year; the working day; env wiring."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from pydantic import BaseModel, Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from drafter.deadlines import (
    DEFAULT_RULES,
    DeadlinePolicy,
    DeadlineRule,
    DeadlineSettings,
    WorkSchedule,
    deadline_for,
)
from drafter.domain import Channel
from drafter.errors import ConfigError

MSK = ZoneInfo("Europe/Moscow")


def _policy(**kw) -> DeadlinePolicy:
    return DeadlinePolicy(DeadlineSettings(**kw))


def test_channel_override_keeps_unit_and_other_channels():
    policy = _policy(channels={"vk": {"amount": 3}})
    rp = policy.for_region(None)
    assert rp.rules[Channel.vk] == DEFAULT_RULES[Channel.vk].model_copy(update={"amount": 3})
    assert rp.rules[Channel.telegram] == DEFAULT_RULES[Channel.telegram]
    # 3 working hours from 11:00 with lunch 13–14; from 10:00 they end right at 13:00
    assert deadline_for("vk", datetime(2025, 3, 11, 11, 0), policy) == datetime(
        2025, 3, 11, 15, 0, tzinfo=MSK
    )
    assert deadline_for("vk", datetime(2025, 3, 11, 10, 0), policy) == datetime(
        2025, 3, 11, 13, 0, tzinfo=MSK
    )


def test_switching_unit_to_calendar_days():
    policy = _policy(channels={"pos": {"amount": 10, "unit": "calendar_days"}})
    # 01.03.2025 + 10 = Tuesday 11.03
    assert deadline_for("pos", datetime(2025, 3, 1, 10, 0), policy) == datetime(
        2025, 3, 11, 18, 0, tzinfo=MSK
    )


def test_days_must_be_whole():
    with pytest.raises(ValidationError):
        DeadlineRule(amount=1.5, unit="working_days")
    assert DeadlineRule(amount=1.5, unit="working_hours").amount == 1.5
    # an override that changes only the unit is checked against the default's amount
    DeadlinePolicy(DeadlineSettings(channels={"vk": {"amount": 2.5}})).for_region(None)
    with pytest.raises(ConfigError):
        DeadlinePolicy(
            DeadlineSettings(
                channels={"vk": {"amount": 2.5}},
                regions={"RU-BA": {"channels": {"vk": {"unit": "working_days"}}}},
            )
        ).for_region("RU-BA")


def test_schedule_without_lunch_and_other_hours():
    policy = _policy(
        schedule=WorkSchedule(start=time(8, 0), end=time(17, 0), lunch_start=None, lunch_end=None)
    )
    assert deadline_for("vk", datetime(2025, 3, 11, 8, 0), policy) == datetime(
        2025, 3, 11, 16, 0, tzinfo=MSK
    )


@pytest.mark.parametrize(
    "kw",
    [
        {"start": time(9), "end": time(8)},
        {"lunch_start": time(13), "lunch_end": None},
        {"lunch_start": time(19), "lunch_end": time(20)},
    ],
)
def test_schedule_rejects_wrong_order(kw):
    with pytest.raises(ValidationError):
        WorkSchedule(**kw)


def test_year_overrides_for_a_new_decree():
    # a hypothetical 2028 decree: Monday Jan 10 off, Saturday Jan 15 working and shortened
    policy = _policy(
        holidays={2028: [date(2028, 1, 10)]},
        workdays={2028: [date(2028, 1, 15)]},
        shortened={2028: [date(2028, 1, 15)]},
    )
    cal = policy.for_region(None).calendar
    assert not cal.is_working_day(date(2028, 1, 10))
    assert cal.is_working_day(date(2028, 1, 15))
    assert cal.is_shortened(date(2028, 1, 15))
    # ПОС from Friday 07.01.2028: 11, 12, 13, 14, 15 (Sat) -> 17:00 on the shortened Saturday
    assert deadline_for("pos", datetime(2028, 1, 7, 12, 0), policy) == datetime(
        2028, 1, 15, 17, 0, tzinfo=MSK
    )


def test_year_overrides_are_checked():
    with pytest.raises(ValidationError):
        DeadlineSettings(holidays={2027: [date(2028, 1, 10)]})
    with pytest.raises(ValidationError):
        DeadlineSettings(holidays={2028: [date(2028, 1, 10)]}, workdays={2028: [date(2028, 1, 10)]})


def test_region_override_applies_only_there_and_by_any_name():
    policy = _policy(regions={"Башкирия": {"channels": {"vk": {"amount": 3}}}})
    received = datetime(2025, 3, 11, 11, 0)
    yekt = ZoneInfo("Asia/Yekaterinburg")
    assert deadline_for("vk", received, policy, "RU-BA") == datetime(
        2025, 3, 11, 15, 0, tzinfo=yekt
    )
    assert deadline_for("vk", received, policy, "Республика Башкортостан") == datetime(
        2025, 3, 11, 15, 0, tzinfo=yekt
    )
    # elsewhere (Челябинская область, same zone) the default 8 hours: 2 + 4 today, 2 tomorrow
    assert deadline_for("vk", received, policy, "RU-CHE") == datetime(
        2025, 3, 12, 11, 0, tzinfo=yekt
    )


def test_region_own_holiday():
    # e.g. a republic's own holiday: off there, a working day everywhere else
    policy = _policy(regions={"RU-TA": {"holidays": {2025: [date(2025, 3, 31)]}}})
    assert not policy.for_region("Татарстан").calendar.is_working_day(date(2025, 3, 31))
    assert policy.for_region("RU-MOW").calendar.is_working_day(date(2025, 3, 31))
    assert deadline_for("pos", datetime(2025, 3, 25, 10, 0), policy, "RU-TA") == datetime(
        2025, 4, 2, 18, 0, tzinfo=MSK
    )


def test_region_not_in_table_needs_settings_and_gets_its_zone():
    policy = _policy(regions={"ЦУР-тест": {"timezone": "Asia/Kamchatka"}})
    due = deadline_for("vk", datetime(2025, 3, 11, 9, 0), policy, "цур-тест")
    assert due == datetime(2025, 3, 11, 18, 0, tzinfo=ZoneInfo("Asia/Kamchatka"))


def test_default_region_and_default_timezone():
    assert _policy(default_region="RU-KGD").for_region(None).zone == ZoneInfo("Europe/Kaliningrad")
    assert _policy(timezone="Asia/Omsk").for_region(None).zone == ZoneInfo("Asia/Omsk")


def test_bad_timezone_fails_at_start():
    with pytest.raises(ConfigError):
        _policy(timezone="Mars/Olympus")
    with pytest.raises(ConfigError):
        _policy(regions={"RU-BA": {"timezone": "Mars/Olympus"}})


def test_region_configured_twice_under_two_names():
    with pytest.raises(ConfigError):
        _policy(regions={"RU-BA": {}, "Башкирия": {}})


def test_builtin_transfers_can_be_switched_off():
    cal = _policy(builtin_transfers=False).for_region(None).calendar
    assert not cal.is_working_day(date(2024, 12, 28))


class _Settings(BaseSettings):
    """How drafter.settings.Settings would carry it (`deadlines: DeadlineSettings`)."""

    model_config = SettingsConfigDict(env_prefix="DRAFTER_", env_nested_delimiter="__")
    deadlines: DeadlineSettings = Field(default_factory=DeadlineSettings)


def test_env_vars_reach_nested_rules(monkeypatch):
    monkeypatch.setenv("DRAFTER_DEADLINES__CHANNELS__VK__AMOUNT", "3")
    monkeypatch.setenv("DRAFTER_DEADLINES__TIMEZONE", "Asia/Omsk")
    settings = _Settings()
    rp = DeadlinePolicy(settings.deadlines).for_region(None)
    assert rp.rules[Channel.vk].amount == 3
    assert rp.rules[Channel.vk].unit == "working_hours"
    assert rp.zone == ZoneInfo("Asia/Omsk")


def test_toml_shape_validates():
    class _Root(BaseModel):
        deadlines: DeadlineSettings

    import tomllib

    raw = tomllib.loads(
        """
        [deadlines]
        timezone = "Europe/Moscow"
        [deadlines.channels.vk]
        amount = 3
        [deadlines.holidays]
        2028 = [2028-01-10]
        [deadlines.regions.RU-BA]
        channels.vk = { amount = 8 }
        schedule = { start = "08:30", end = "17:30" }
        """
    )
    s = _Root.model_validate(raw).deadlines
    rp = DeadlinePolicy(s).for_region("Башкирия")
    assert rp.rules[Channel.vk].amount == 8
    assert rp.schedule.start == time(8, 30)
    assert not rp.calendar.is_working_day(date(2028, 1, 10))
