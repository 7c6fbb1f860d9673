"""Bounds on input and on load: what an appeal may say about time, what counts as empty text,
how fast one token may add drafts and how long the drafting queue may grow.

Nothing here knows HTTP; the errors are drafter.errors' (422, 429 with ``retry_after``, 503).
"""

from __future__ import annotations

import math
import threading
import time
import unicodedata
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from drafter.errors import InvalidInput, QueueFull, RateLimited

if TYPE_CHECKING:
    from drafter.settings import ApiSettings

# received_at: no appeal of this service predates this, and a clock a day fast is the most a
# sender may be off; outside, the deadline (and the queue order by it) would be nonsense
EARLIEST_RECEIVED = datetime(2000, 1, 1, tzinfo=timezone.utc)
FUTURE_SLACK = timedelta(days=1)
MAX_OFFSET = 1_000_000_000  # far above any real list; far below the 64-bit bound the DB keeps


def check_received_at(value: datetime, now: datetime | None = None) -> None:
    """InvalidInput (422) for a receipt time before 2000 or more than a day ahead."""
    aware = value if value.tzinfo is not None else value.replace(tzinfo=timezone.utc)
    now = now or datetime.now(timezone.utc)
    if aware < EARLIEST_RECEIVED:
        raise InvalidInput(
            f"received_at {value.isoformat()} раньше 2000-01-01: проверьте дату получения"
        )
    if aware > now + FUTURE_SLACK:
        raise InvalidInput(
            f"received_at {value.isoformat()} больше чем на сутки в будущем: проверьте дату"
        )


def as_utc(value: datetime, field: str) -> datetime:
    """The time in UTC (a naive one is read as UTC); InvalidInput for one that has no UTC
    equivalent (year 1 at +14:00, year 9999 at -14:00)."""
    if value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    try:
        return value.astimezone(timezone.utc)
    except OverflowError:
        raise InvalidInput(f"{field} {value.isoformat()} вне допустимого диапазона дат") from None


def check_no_nul(fields: dict[str, str | None]) -> None:
    """InvalidInput for a NUL character: PostgreSQL cannot store one, nobody types one."""
    for name, value in fields.items():
        if value and "\x00" in value:
            raise InvalidInput(f"{name} содержит недопустимый символ NUL (\\u0000)")


def safe_filename(name: str | None, default: str = "upload") -> str:
    """An uploaded file's name fit to write under a directory of ours: its last path part,
    without control characters, never "." or "..", at most 200 bytes in UTF-8 (file systems
    stop at 255; the suffix is kept: it picks the reader)."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip()
    base = base.lstrip(".").strip()  # "..", ".hidden", ". "
    if not base:
        return default
    stem, dot, suffix = base.rpartition(".")
    keep = dot + suffix if dot and len(suffix.encode()) <= 16 else ""
    stem = stem if keep else base
    while len((stem + keep).encode("utf-8")) > _MAX_NAME_BYTES:
        stem = stem[:-1]
    return (stem + keep) if stem else default


_MAX_NAME_BYTES = 200


def is_blank(text: str) -> bool:
    """True for a text of only spaces, line breaks and invisible characters (zero-width
    spaces and joiners, BOM, soft hyphens: Unicode categories Z*, Cc, Cf)."""
    return all(ch.isspace() or unicodedata.category(ch) in _INVISIBLE for ch in text)


_INVISIBLE = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf"})


class TokenBucket:
    """``per_minute`` requests per key, in bursts of up to ``per_minute``; thread-safe."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0  # tokens per second
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, at)
        self._lock = threading.Lock()

    def take(self, key: str) -> float:
        """0 when the request may go ahead (and is counted), else the seconds to wait."""
        with self._lock:
            now = self._clock()
            tokens, at = self._buckets.get(key, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - at) * self.rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                return 0.0
            self._buckets[key] = (tokens, now)
            return (1.0 - tokens) / self.rate


class Limits:
    """The load bounds of one process: drafts per token per minute, queued drafts at most."""

    def __init__(self, settings: ApiSettings, clock: Callable[[], float] = time.monotonic) -> None:
        self.settings = settings
        self._bucket = (
            TokenBucket(settings.drafts_per_minute, clock) if settings.drafts_per_minute else None
        )

    def admit(self, token_id: str | None, queued: Callable[[], int]) -> None:
        """Let one new draft in, or raise RateLimited (429) / QueueFull (503).

        The queue is looked at first: a caller turned away by a full queue keeps its quota.
        Callers without a token (the CLI, in-process use) are not rate limited."""
        bound = self.settings.max_queue
        if bound and queued() >= bound:
            raise QueueFull(
                f"очередь черновиков заполнена ({bound} обращений ждут обработки); "
                "повторите запрос через минуту",
                retry_after=60,
            )
        if self._bucket is None or token_id is None:
            return
        wait = self._bucket.take(token_id)
        if wait > 0:
            per_minute = self.settings.drafts_per_minute
            raise RateLimited(
                f"не больше {per_minute} новых обращений в минуту с одного токена; "
                f"повторите через {math.ceil(wait)} с",
                retry_after=math.ceil(wait),
            )
