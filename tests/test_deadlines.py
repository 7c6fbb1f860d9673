"""Deadlines on the Russian production calendar: calendar facts, counting, dates in words."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from drafter.deadlines import (
    DeadlinePolicy,
    DeadlineSettings,
    ProductionCalendar,
    Transfer,
    deadline_for,
    default_policy,
    format_ru_date,
    forwarding_deadline,
    interim_date,
    interim_text,
    is_overdue,
    load_transfers,
)
from drafter.deadlines.calendar import is_national_holiday, ru_public_holidays
from drafter.domain import Channel
from drafter.errors import InvalidInput, UnknownChannel

MSK = ZoneInfo("Europe/Moscow")
YEKT = ZoneInfo("Asia/Yekaterinburg")


def _calendar() -> ProductionCalendar:
    return default_policy().for_region(None).calendar


def _year(y: int) -> list[date]:
    first = date(y, 1, 1)
    return [first + timedelta(days=i) for i in range((date(y + 1, 1, 1) - first).days)]


# --- the calendar --------------------------------------------------------------------------


# Published production calendars (40-hour week): working days, norm hours, shortened days.
@pytest.mark.parametrize(
    ("year", "working_days", "hours", "shortened", "working_weekend"),
    [
        (
            2024,
            248,
            1979,
            ["02-22", "03-07", "05-08", "06-11", "11-02"],
            ["04-27", "11-02", "12-28"],
        ),
        (2025, 247, 1972, ["03-07", "04-30", "06-11", "11-01"], ["11-01"]),
    ],
)
def test_calendar_matches_published_year(year, working_days, hours, shortened, working_weekend):
    cal = _calendar()
    work = [d for d in _year(year) if cal.is_working_day(d)]
    short = [d.strftime("%m-%d") for d in _year(year) if cal.is_shortened(d)]
    assert len(work) == working_days
    assert len(work) * 8 - len(short) == hours
    assert short == shortened
    assert [d.strftime("%m-%d") for d in work if d.weekday() >= 5] == working_weekend


def test_transfer_table_agrees_with_holidays_package():
    transfers = load_transfers()
    assert {t.from_day.year for t in transfers} >= {2024, 2025, 2026, 2027}
    for t in transfers:
        # the day off a decree creates is a holiday in the package too
        assert t.to_day in ru_public_holidays(t.to_day.year), t
        # a day off moved from a plain weekend day: the package does not list that day as off
        if not is_national_holiday(t.from_day):
            assert t.from_day not in ru_public_holidays(t.from_day.year), t


def test_new_year_holidays_and_weekend_holiday_moved():
    cal = _calendar()
    assert not any(cal.is_working_day(date(2025, 1, d)) for d in range(1, 9))
    assert cal.is_working_day(date(2025, 1, 9))
    assert not cal.is_working_day(date(2026, 1, 9))  # 2026: Jan 3 moved to Jan 9
    assert not cal.is_working_day(date(2026, 3, 9))  # Mar 8 is a Sunday: Monday off
    assert cal.is_working_day(date(2025, 3, 10))  # 2025: Mar 8 went to Jun 13 instead
    assert not cal.is_working_day(date(2025, 6, 13))


def test_without_transfer_table_the_working_saturday_is_a_day_off():
    cal = ProductionCalendar(transfers=[])
    assert not cal.is_working_day(date(2024, 12, 28))
    assert _calendar().is_working_day(date(2024, 12, 28))


def test_shortened_rule_on_synthetic_calendar():
    # no package data at all: only ст. 112 dates via a fake source and one transfer
    def fake(year: int) -> frozenset[date]:
        return frozenset({date(year, 5, 1), date(year, 1, 1)})

    cal = ProductionCalendar(
        public_holidays=fake, transfers=[Transfer(date(2030, 11, 2), date(2030, 4, 30))]
    )
    assert cal.is_shortened(date(2030, 12, 31))  # Tuesday before New Year
    assert not cal.is_working_day(date(2030, 4, 30))
    assert cal.is_working_day(date(2030, 11, 2))  # Saturday made working...
    assert cal.is_shortened(date(2030, 11, 2))  # ...and it carries Apr 30's short day
    assert not cal.is_shortened(date(2030, 4, 29))  # next day is a transfer, not a holiday


# --- counting ------------------------------------------------------------------------------


def test_pos_five_working_days_over_new_year():
    # Friday evening; Saturday 28.12.2024 is a working day by decree, then Dec 29 – Jan 8 off
    due = deadline_for(Channel.pos, datetime(2024, 12, 27, 19, 30))
    assert due == datetime(2025, 1, 14, 18, 0, tzinfo=MSK)
    due = deadline_for(Channel.pos, datetime(2024, 12, 26, 10, 0))
    assert due == datetime(2025, 1, 13, 18, 0, tzinfo=MSK)


def test_working_hours_cross_midnight_lunch_and_weekend():
    # 16:00–18:00 (2 h) + next day 09–13 (4 h) + 14–16 (2 h)
    assert deadline_for("vk", datetime(2025, 3, 11, 16, 0)) == datetime(
        2025, 3, 12, 16, 0, tzinfo=MSK
    )
    # Friday 17:00: 1 h on Friday, then Monday 09–13 and 14–17
    assert deadline_for("telegram", datetime(2025, 3, 14, 17, 0)) == datetime(
        2025, 3, 17, 17, 0, tzinfo=MSK
    )
    # Sunday night: the whole Monday, ending exactly at 18:00 (not Tuesday morning)
    assert deadline_for("ok", datetime(2025, 3, 16, 23, 0)) == datetime(
        2025, 3, 17, 18, 0, tzinfo=MSK
    )


def test_working_hours_on_shortened_pre_holiday_day():
    # Fri 07.03.2025 ends at 17:00: 4 h + 3 h, the last hour on Monday 10.03
    assert deadline_for("vk", datetime(2025, 3, 7, 9, 0)) == datetime(
        2025, 3, 10, 10, 0, tzinfo=MSK
    )
    # an ordinary Friday: the same 8 hours fit in the day
    assert deadline_for("vk", datetime(2025, 3, 14, 9, 0)) == datetime(
        2025, 3, 14, 18, 0, tzinfo=MSK
    )


def test_letter_thirty_days_moves_off_weekend_and_extension():
    # 27.12.2024 + 30 = Sunday 26.01.2025 -> Monday
    assert deadline_for(Channel.letter, datetime(2024, 12, 27, 12, 0)) == datetime(
        2025, 1, 27, 18, 0, tzinfo=MSK
    )
    assert deadline_for(Channel.email, datetime(2024, 12, 27, 12, 0), extended=True) == datetime(
        2025, 2, 25, 18, 0, tzinfo=MSK
    )


def test_forwarding_seven_days_lands_on_transfer_day_off():
    # 25.04.2025 + 7 = 02.05.2025, a day off by decree -> Monday 05.05
    assert forwarding_deadline(datetime(2025, 4, 25, 12, 0)) == datetime(
        2025, 5, 5, 18, 0, tzinfo=MSK
    )


def test_naive_is_local_and_aware_is_converted():
    naive = deadline_for("vk", datetime(2025, 3, 11, 16, 0), region="RU-BA")
    local = deadline_for("vk", datetime(2025, 3, 11, 16, 0, tzinfo=YEKT), region="Башкирия")
    utc = deadline_for("vk", datetime(2025, 3, 11, 11, 0, tzinfo=timezone.utc), region="RU-BA")
    moscow = deadline_for("vk", datetime(2025, 3, 11, 14, 0, tzinfo=MSK), region="Башкортостан")
    assert naive == local == utc == moscow == datetime(2025, 3, 12, 16, 0, tzinfo=YEKT)
    assert naive.utcoffset() == timedelta(hours=5)


def test_same_instant_differs_by_region_time_zone():
    instant = datetime(2025, 3, 11, 5, 0, tzinfo=timezone.utc)  # 08:00 Moscow, 15:00 Vladivostok
    moscow = deadline_for("vk", instant, region="Москва")
    vladivostok = deadline_for("vk", instant, region="Приморский край")
    assert moscow == datetime(2025, 3, 11, 18, 0, tzinfo=MSK)  # the whole working day
    # 15–18 local on the day, then 09–13 and 14–15 the next day
    assert vladivostok == datetime(2025, 3, 12, 15, 0, tzinfo=ZoneInfo("Asia/Vladivostok"))
    assert vladivostok.utcoffset() == timedelta(hours=10)


def test_unknown_channel_and_region():
    with pytest.raises(UnknownChannel):
        deadline_for("fax", datetime(2025, 3, 11, 10, 0))
    with pytest.raises(InvalidInput):
        deadline_for("vk", datetime(2025, 3, 11, 10, 0), region="Атлантида")


def test_is_overdue():
    due = deadline_for(Channel.pos, datetime(2024, 12, 27, 19, 30))
    assert not is_overdue(due, due)
    assert is_overdue(due, due + timedelta(seconds=1))
    assert not is_overdue(due, datetime(2025, 1, 14, 17, 59))  # naive: read as Moscow time
    assert is_overdue(due, datetime(2025, 1, 14, 15, 1, tzinfo=timezone.utc))
    with pytest.raises(ValueError):
        is_overdue(datetime(2025, 1, 1), datetime(2025, 1, 2))


# --- dates in words ------------------------------------------------------------------------


def test_format_ru_date():
    assert format_ru_date(date(2025, 12, 30), today=date(2025, 12, 24)) == "30 декабря"
    assert format_ru_date(date(2026, 1, 12), today=date(2025, 12, 24)) == "12 января 2026 года"
    assert format_ru_date(datetime(2025, 5, 1, 18, 0), today=date(2025, 1, 1)) == "1 мая"
    assert format_ru_date(date.today()) == format_ru_date(date.today(), today=date.today())


def test_interim_reply_date_omsk_example():
    # Омская область, 24.12.2025: «вернёмся с ответом не позднее 30 декабря» — 4 working days
    policy = DeadlinePolicy(
        DeadlineSettings(regions={"Омская область": {"answers": {"vk": {"amount": 4}}}})
    )
    received = datetime(2025, 12, 24, 11, 0)
    assert interim_date("vk", received, policy, "RU-OMS") == date(2025, 12, 30)
    assert (
        interim_text("vk", received, policy, "RU-OMS") == "вернёмся с ответом не позднее 30 декабря"
    )
    # the default answer rule (5 working days) runs past the New Year holidays into 2026
    assert interim_text("vk", received, region="RU-OMS") == (
        "вернёмся с ответом не позднее 12 января 2026 года"
    )
