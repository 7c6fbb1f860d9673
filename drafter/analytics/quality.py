"""The standard on imported final replies: the rating's pass rate and mean score.

The checker is the slow part of an import (≈300–800 replies/s per core against ≈3,000 records/s
for the rest), so batches are checked in worker processes, one per core.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice

from drafter.analytics.types import AppealRecord

BATCH = 2000
CHUNK = 100  # replies a worker takes at a time
MIN_PARALLEL = 500  # fewer replies are checked in this process: a pool costs more to start


def check_one(reply: str, appeal_text: str, channel: str, threshold: int) -> tuple[int, bool]:
    """(score, passed) of a person's reply to an appeal (facts only against the appeal)."""
    from drafter.domain import Appeal, Channel
    from drafter.quality import check

    appeal = Appeal(text=appeal_text[:20_000] or "—", channel=Channel(channel))
    q = check(reply, appeal=appeal, generated=False, threshold=threshold)
    return q.score, q.passed


def _check_star(args: tuple[str, str, str, int]) -> tuple[int, bool]:
    return check_one(*args)


def with_quality(
    records: Iterable[AppealRecord], threshold: int, workers: int | None = None
) -> Iterator[AppealRecord]:
    """The records, their final replies scored; in batches, on ``workers`` processes (default:
    the CPUs this process may use)."""
    if workers is None:
        workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    pool: ProcessPoolExecutor | None = None
    it = iter(records)
    try:
        while batch := list(islice(it, BATCH)):
            todo = [r for r in batch if r.reply_text]
            jobs = [(r.reply_text or "", r.text, r.channel, threshold) for r in todo]
            if workers > 1 and len(jobs) >= MIN_PARALLEL:
                if pool is None:
                    import drafter.quality  # noqa: F401 - loaded once, inherited by forked workers

                    pool = ProcessPoolExecutor(max_workers=workers)
                results = list(pool.map(_check_star, jobs, chunksize=CHUNK))
            else:
                results = [_check_star(job) for job in jobs]
            for rec, (score, passed) in zip(todo, results):
                rec.quality_score, rec.quality_passed = score, passed
            yield from batch
    finally:
        if pool is not None:
            pool.shutdown()
