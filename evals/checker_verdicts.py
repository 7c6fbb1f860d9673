"""Did a change to the text layer change the checker's verdicts?

``python -m evals.checker_verdicts dump OUT.jsonl [--replies 1200]`` writes the checker's verdict
(passed, score, codes) on every labelled case (evals/data/checker_labels/, as
``evals.checker_validity`` checks it) and on the first N real replies of the dev data, each
checked as a person's reply and as a draft (2 checks a reply); the support map
(``drafter.grounding``, the appeal as the one source) of the first 600 of them and the reply as
post-processing (``drafter.postprocess.clean_draft``) leaves it. Run it before and after the
change (``git stash`` or another worktree), then

``python -m evals.checker_verdicts diff BEFORE.jsonl AFTER.jsonl`` counts what changed: pass/fail
flips and code changes, labelled cases and real replies apart, with the changed codes, and the
replies whose support map or post-processed text changed. Held-out rounds
(``evals.checker_validity.HELD_OUT``) are counted, never named.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from itertools import islice
from pathlib import Path
from typing import Any

from drafter.grounding import SentenceSupport, Source, support_map
from drafter.pipeline_grounding import claim_backed
from drafter.postprocess import clean_draft
from drafter.quality import check
from evals.checker_validity import HELD_OUT, load
from evals.spb import replies


def dump(out: Path, n_replies: int, n_support: int) -> None:
    rows = []
    for case in load():
        q = case.checked(check)
        codes = sorted({v.code for v in q.violations})
        rows.append(
            {"key": f"label:{case.id}", "passed": q.passed, "score": q.score, "codes": codes}
        )
    for i, r in enumerate(islice(replies(), n_replies)):
        for generated in (False, True):
            q = check(r.text, appeal=r.appeal, generated=generated)
            key = f"reply:{i}:{r.id}:{'draft' if generated else 'person'}"
            codes = sorted({v.code for v in q.violations})
            rows.append({"key": key, "passed": q.passed, "score": q.score, "codes": codes})
        if i < n_support:
            appeal = Source("appeal", r.appeal.text, "appeal")
            support = support_map(r.text, [appeal])
            rows.append(
                {"key": f"support:{i}:{r.id}", "rows": [_support_row(x, appeal) for x in support]}
            )
        rows.append({"key": f"post:{i}:{r.id}", "text": clean_draft(r.text)})
    with out.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def _support_row(x: SentenceSupport, appeal: Source) -> list[object]:
    backed = claim_backed(x.sentence, [appeal])
    return [x.start, x.end, x.sources, x.unsupported, x.unsupported_reason, backed]


def diff(before: Path, after: Path) -> dict[str, Any]:
    a = {r["key"]: r for r in map(json.loads, before.open(encoding="utf-8"))}
    b = {r["key"]: r for r in map(json.loads, after.open(encoding="utf-8"))}
    out: dict[str, Any] = {}
    for part in ("label", "reply"):
        keys = [k for k in a if k.startswith(part + ":") and k in b]
        flips = [k for k in keys if a[k]["passed"] != b[k]["passed"]]
        changed = [k for k in keys if a[k]["codes"] != b[k]["codes"]]
        codes: Counter[str] = Counter()
        for k in changed:
            for c in set(a[k]["codes"]) ^ set(b[k]["codes"]):
                codes[("+" if c in b[k]["codes"] else "-") + c] += 1
        if part == "reply":
            out["support"] = _changed(a, b, "support", "rows")
            out["post"] = _changed(a, b, "post", "text")
        shown = [k for k in changed if not k.removeprefix("label:").startswith(HELD_OUT)]
        out[part] = {
            "checks": len(keys),
            "passfail_flips": len(flips),
            "code_changes": len(changed),
            "by_code": dict(codes.most_common()),
            "held_out_changes": len(changed) - len(shown),
            "changed": shown[:50],
            "flipped": [k for k in flips if k in shown][:50],
        }
    return out


def _changed(a: dict[str, Any], b: dict[str, Any], part: str, field: str) -> dict[str, Any]:
    keys = [k for k in a if k.startswith(part + ":") and k in b]
    changed = [k for k in keys if a[k][field] != b[k][field]]
    return {"replies": len(keys), "changed": len(changed), "which": changed[:50]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m evals.checker_verdicts")
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("--replies", type=int, default=1200)
    d.add_argument("--support", type=int, default=600, help="support maps of the first N")
    f = sub.add_parser("diff")
    f.add_argument("before", type=Path)
    f.add_argument("after", type=Path)
    args = ap.parse_args(argv)
    if args.cmd == "dump":
        dump(args.out, args.replies, args.support)
    else:
        json.dump(diff(args.before, args.after), sys.stdout, ensure_ascii=False, indent=1)
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
