"""How fast is the checker? ``python -m evals.checker_speed [--n 2000]``

Checks N real final replies from ../shared/data/spb_gorod/appeals_dev.jsonl.gz (with their
appeals, as generated drafts so every check runs) and prints replies/second, next to a
baseline measured in the same run: merely tokenising and lemmatising the same replies. The
ratio says what the checks cost on top of the morphology any Russian-aware check needs.
Both timed passes run after a warm-up pass, so both see a warm lemma cache; each is repeated
``--repeat`` times, interleaved, and the best time of each is kept (the machine may be busy).
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time

from tqdm import tqdm

from drafter.quality import check
from drafter.quality.text import analyse, tokenize_and_lemmatize
from evals.spb import appeals_path, replies


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    path = appeals_path()
    if not path.is_file():
        print(f"no data at {path}", file=sys.stderr)
        return 2
    items = list(itertools.islice(replies(path), args.n))
    texts = [r.text for r in items]

    t = time.perf_counter()
    for r in tqdm(items, desc="warm-up (lemmas)", leave=False):
        tokenize_and_lemmatize(r.text)
        tokenize_and_lemmatize(r.appeal.text)
    cold = time.perf_counter() - t

    check("Здравствуйте.")  # load lexicons and check modules outside the timing
    base = full = float("inf")
    for rep in range(args.repeat):
        t = time.perf_counter()
        for text in tqdm(texts, desc=f"baseline: tokenise+lemmatise #{rep + 1}", leave=False):
            tokenize_and_lemmatize(text)
        base = min(base, time.perf_counter() - t)
        t = time.perf_counter()
        for r in tqdm(items, desc=f"checker #{rep + 1}", leave=False):
            check(r.text, appeal=r.appeal, generated=True)
        full = min(full, time.perf_counter() - t)

    n = len(items)
    print(
        f"replies: {n} (mean {sum(map(len, texts)) / n:.0f} chars), distinct word forms cached: "
        f"{analyse.cache_info().currsize}"
    )
    print(f"cold tokenise+lemmatise (replies+appeals, first pass): {n / cold:,.0f} replies/s")
    print(f"baseline tokenise+lemmatise (warm cache):              {n / base:,.0f} replies/s")
    print(f"checker check(reply, appeal, generated=True):          {n / full:,.0f} replies/s")
    print(f"ratio checker time / baseline time: {full / base:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
