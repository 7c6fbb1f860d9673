"""Helpers for the checker tests: real replies from ../shared/data/spb_gorod by record id."""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from pathlib import Path

import pytest

from drafter.domain import Appeal, Quality
from evals.spb import appeal_of, finals

DATA = Path(__file__).parents[2] / ".." / "shared" / "data" / "spb_gorod"


@lru_cache(maxsize=1)
def _records() -> dict[int, dict]:
    """Records of the sample and of the full dev file that the tests name (read once)."""
    out: dict[int, dict] = {}
    sample = DATA / "answers_dev_sample.jsonl"
    if sample.is_file():
        for line in sample.open(encoding="utf-8"):
            rec = json.loads(line)
            out[rec["id"]] = rec
    full = DATA / "appeals_dev.jsonl.gz"
    if full.is_file():
        wanted = {f'"id": {i},' for i in FULL_IDS}
        with gzip.open(full, "rt", encoding="utf-8") as fh:
            for line in fh:
                if line[:20].startswith("{") and any(w in line[:30] for w in wanted):
                    rec = json.loads(line)
                    out[rec["id"]] = rec
    return out


# records used by the tests that are only in the full dev file
FULL_IDS = (
    2953027,
    2957003,
    2977810,
    3174466,
    2986252,
    3000006,
    2947909,
    2960485,
    3019036,
    3162240,
    2971811,
    3029610,
    3104961,
    3120865,
    2955078,
    3015943,
    2979744,
    3023787,
    3106983,
)


def real(record_id: int) -> tuple[str, Appeal]:
    """The last final reply of a real portal record and its appeal; skips without the data."""
    if not (DATA / "appeals_dev.jsonl.gz").is_file():
        pytest.skip("../shared/data/spb_gorod is not available")
    recs = _records()
    if record_id not in recs:
        pytest.fail(f"record {record_id} is neither in the sample nor in FULL_IDS")
    rec = recs[record_id]
    return finals(rec)[-1]["text"], appeal_of(rec)


def codes(q: Quality) -> set[str]:
    return {v.code for v in q.violations}


def spans(q: Quality, code: str, text: str) -> list[str]:
    return [text[v.start : v.end] for v in q.violations if v.code == code]


# Polite near misses written against the IMPOLITE rules that the learned tone judge
# (drafter.quality.learned, session 12) flags all the same: its known false alarms, 3 of the ~100
# near misses these tests hold (`python -m evals.fit_judges` chose the threshold to flag at
# most 5 % of them). Strict, so a judge that stops flagging one fails here and the list shrinks.
# The judge's weights move with every label: the fourth crossed with session 13's 240 tone
# rows, whose put-downs include «Вы, видимо, не совсем понимаете»; «Проверьте, пожалуйста, ещё
# раз номер в кабинете.» crossed with one of that session's rounds and back with the next.
# «Видимо, Вам не пришло СМС …» left the list with the refits of session 14;
# «Если вы сами не успеваете передать показания, звоните по 004.» crossed with the next refit
# and back with the one after. Session 15's first refit (100 rows of redirects and put-downs)
# brought «Видимо, Вам не пришло СМС» back; masking names in quotes took it out again.
TONE_JUDGE_FALSE_ALARMS = frozenset(
    {
        "Здравствуйте. Видимо, письмо до Вас не дошло: лифт запустят 5 мая.",
        "Здравствуйте! Не беспокойтесь, мастер придёт 5 мая.",
        "Здравствуйте! Вы не обязаны знать номер договора: достаточно адреса.",
    }
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:  # the hook sees the whole session's items, not only this directory's
        params = getattr(item, "callspec", None)
        if params and any(
            isinstance(v, str) and v in TONE_JUDGE_FALSE_ALARMS for v in params.params.values()
        ):
            item.add_marker(
                pytest.mark.xfail(strict=True, reason="a known false alarm of the tone judge")
            )
