"""Does a checker change move verdicts on real replies?  ``python -m evals.verdict_diff``

    python -m evals.verdict_diff dump before.json [--limit 4000]   # before the change
    python -m evals.verdict_diff dump after.json  [--limit 4000]   # after it
    python -m evals.verdict_diff compare before.json after.json

``dump`` checks the first ``--limit`` final replies of the «Наш Санкт-Петербург» dev data
(``evals.spb.replies``) twice — as a person's reply with the appeal (as
``evals.validate_outcomes`` checks them) and as a draft (``generated=True``: the draft-only
rules, GARBAGE's and IMPOLITE's, run too) — and stores each reply's codes and pass/fail.
``compare`` prints how many verdicts differ, per mode and per code (flagged before and not
after, or the reverse), with a few examples. Used to show a rule's removal changes nothing, or
how much it changes.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from itertools import islice
from pathlib import Path
from typing import Any

from drafter.quality import check
from evals.spb import replies

MODES = {"reply": False, "draft": True}  # mode → generated


def dump(limit: int) -> dict[str, Any]:
    out: dict[str, dict[str, Any]] = {m: {} for m in MODES}
    # a record may give two replies (the one pushed back and the last): keyed by position too
    for n, r in enumerate(islice(replies(), limit or None)):
        for mode, generated in MODES.items():
            q = check(r.text, appeal=r.appeal, generated=generated)
            out[mode][f"{n}:{r.id}"] = {
                "codes": sorted({v.code for v in q.violations}),
                "passed": q.passed,
            }
    return {"limit": limit, "verdicts": out}


def compare(before: dict[str, Any], after: dict[str, Any], examples: int = 3) -> str:
    lines = []
    for mode in MODES:
        old, new = before["verdicts"][mode], after["verdicts"][mode]
        ids = sorted(set(old) & set(new))
        changed = [i for i in ids if old[i] != new[i]]
        passed = sum(old[i]["passed"] != new[i]["passed"] for i in ids)
        lines.append(
            f"{mode}: {len(ids)} replies, {len(changed)} verdicts differ "
            f"({passed} change pass/fail)"
        )
        lost: Counter[str] = Counter()
        gained: Counter[str] = Counter()
        for i in changed:
            a, b = set(old[i]["codes"]), set(new[i]["codes"])
            lost.update(a - b)
            gained.update(b - a)
        for code in sorted(set(lost) | set(gained)):
            lines.append(
                f"  {code:<14} no longer flagged {lost[code]:>4}, newly flagged {gained[code]:>4}"
            )
        for i in changed[:examples]:
            lines.append(f"  e.g. {i}: {old[i]['codes']} → {new[i]['codes']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump", help="check real replies and store the verdicts")
    d.add_argument("out", type=Path)
    d.add_argument("--limit", type=int, default=4000, help="0: every final reply")
    c = sub.add_parser("compare", help="how many verdicts two dumps disagree on")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    c.add_argument("--examples", type=int, default=3)
    args = ap.parse_args(argv)
    if args.cmd == "dump":
        args.out.write_text(json.dumps(dump(args.limit), ensure_ascii=False), encoding="utf-8")
        return 0
    load = [json.loads(p.read_text(encoding="utf-8")) for p in (args.before, args.after)]
    print(compare(*load, examples=args.examples))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
