"""Dates in Russian words, as a reply writes them: «30 декабря», «14 января 2027 года»."""

from __future__ import annotations

from datetime import date, datetime

from knowledge.text import MONTHS_GENITIVE


def format_ru_date(d: date | datetime, today: date | datetime | None = None) -> str:
    """«30 декабря»; with «2027 года» when ``d`` is not in ``today``'s year (default: today)."""
    if isinstance(d, datetime):
        d = d.date()
    if today is None:
        today = date.today()
    if isinstance(today, datetime):
        today = today.date()
    text = f"{d.day} {MONTHS_GENITIVE[d.month - 1]}"
    return text if d.year == today.year else f"{text} {d.year} года"
