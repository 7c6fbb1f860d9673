"""drafter.limits and token expiry parsing: the pieces behind the API's bounds."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from drafter.errors import InvalidInput, QueueFull, RateLimited
from drafter.limits import Limits, TokenBucket, check_received_at, is_blank, safe_filename
from drafter.services_access import parse_expiry
from drafter.settings import ApiSettings

NOW = datetime(2026, 12, 6, 12, 0, tzinfo=timezone.utc)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_bucket_allows_a_burst_then_the_rate():
    clock = Clock()
    bucket = TokenBucket(per_minute=3, clock=clock)
    assert [bucket.take("a") for _ in range(3)] == [0, 0, 0]
    assert bucket.take("a") == pytest.approx(20.0)  # one token per 20 s
    assert bucket.take("b") == 0  # per key
    clock.now += 20
    assert bucket.take("a") == 0 and bucket.take("a") > 0


def test_limits_check_the_queue_before_spending_the_allowance():
    limits = Limits(ApiSettings(drafts_per_minute=1, max_queue=5), Clock())
    with pytest.raises(QueueFull) as full:
        limits.admit("t", queued=lambda: 5)
    assert full.value.details["retry_after"] == 60
    limits.admit("t", queued=lambda: 4)  # the refused one did not use the allowance
    with pytest.raises(RateLimited) as limited:
        limits.admit("t", queued=lambda: 0)
    assert limited.value.details["retry_after"] == 60
    limits.admit(None, queued=lambda: 0)  # the CLI has no token and no limit


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("30d", NOW + timedelta(days=30)),
        ("12h", NOW + timedelta(hours=12)),
        ("90m", NOW + timedelta(minutes=90)),
        ("2W", NOW + timedelta(weeks=2)),
        ("2027-01-31", datetime(2027, 1, 31, tzinfo=timezone.utc)),
        ("2027-01-31T09:00:00+03:00", datetime(2027, 1, 31, 6, tzinfo=timezone.utc)),
    ],
)
def test_parse_expiry(value, expected):
    assert parse_expiry(value, NOW) == expected


@pytest.mark.parametrize("value", ["0d", "2026-12-06", "yesterday", "30 days", "-5d", "999999w"])
def test_parse_expiry_refuses(value):
    with pytest.raises(InvalidInput):
        parse_expiry(value, NOW)


@pytest.mark.parametrize(
    "value",
    [
        datetime(1999, 12, 31, 23, 59, tzinfo=timezone.utc),
        NOW + timedelta(days=1, seconds=1),
        datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=14))),
        datetime(9999, 12, 31, 23, 59, tzinfo=timezone(timedelta(hours=-14))),
    ],
)
def test_received_at_outside_the_window(value):
    with pytest.raises(InvalidInput, match="received_at"):
        check_received_at(value, NOW)


def test_received_at_inside_the_window():
    check_received_at(datetime(2000, 1, 1, tzinfo=timezone.utc), NOW)
    check_received_at(NOW + timedelta(hours=23), NOW)
    check_received_at(datetime(2026, 12, 6, 9, 0), NOW)  # naive: read as UTC


def test_blank_text():
    assert is_blank("\u200b \u200c\u200d\u2060\ufeff\u00ad\n\t\u3000")
    assert not is_blank("\u200bМусор")


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("..", "upload"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\a\\rules.docx", "rules.docx"),
        (".env", "env"),
        ("a\x00b.jsonl", "ab.jsonl"),
        ("Правила.pdf", "Правила.pdf"),
    ],
)
def test_safe_filename(name, safe):
    assert safe_filename(name) == safe


def test_a_long_name_keeps_its_suffix_within_200_bytes():
    safe = safe_filename("я" * 300 + ".docx")
    assert safe.endswith(".docx") and len(safe.encode()) <= 200
