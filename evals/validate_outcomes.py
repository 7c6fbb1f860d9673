"""Does the checker's score say anything about real outcomes?  ``python -m evals.validate_outcomes [--json]``

Runs the checker over the final replies of ../shared/data/spb_gorod/appeals_dev.jsonl.gz (as
replies written by people: ``generated=False``, no sources; the portal is a written ПОС-like
channel, author names are not in the data) and prints:

- violation rates by code, over all final replies, and by category;
- ROC AUC of the checker score for «citizen satisfied» (``final_status`` contains «удовлетворен»)
  versus «citizen pushed back» (a petition dated after a final answer; the reply judged is the
  final answer just before that petition), next to the AUC of reply length alone, same run.

The checker was written from the standard, not fitted to these labels; the labels only
measure it. An AUC near 0.5 means the score carries no information about the outcome.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict

from tqdm import tqdm

from evals.checker import CODES, check
from evals.checker.spb import appeals_path, replies


def run(limit: int | None = None) -> dict:
    from sklearn.metrics import roc_auc_score

    path = appeals_path()
    n = 0
    by_code: Counter[str] = Counter()
    by_cat: dict[str, Counter[str]] = defaultdict(Counter)
    cat_n: Counter[str] = Counter()
    labels: list[int] = []
    scores: list[int] = []
    lengths: list[int] = []
    passed: list[bool] = []
    by_outcome: dict[bool, Counter[str]] = {True: Counter(), False: Counter()}
    for r in tqdm(replies(path), desc="checking final replies", unit="reply", total=limit):
        if limit is not None and n >= limit:
            break
        q = check(r.text, appeal=r.appeal, generated=False)
        n += 1
        cat_n[r.category] += 1
        for code in {v.code for v in q.violations}:
            by_code[code] += 1
            by_cat[r.category][code] += 1
        if r.satisfied is not None:
            by_outcome[r.satisfied].update({v.code for v in q.violations})
            labels.append(int(r.satisfied))
            scores.append(q.score)
            lengths.append(len(r.text))
            passed.append(q.passed)
    auc_within = _auc_within_length_bins(labels, scores, lengths)
    pos = sum(labels)
    neg = len(labels) - pos
    auc_score = roc_auc_score(labels, scores) if pos and neg else float("nan")
    auc_len = roc_auc_score(labels, lengths) if pos and neg else float("nan")
    # both together: is the score's information beyond length? (rank-average, no fitting)
    pass_sat = sum(p for p, y in zip(passed, labels) if y) / pos if pos else float("nan")
    pass_back = sum(p for p, y in zip(passed, labels) if not y) / neg if neg else float("nan")
    return {
        "replies": n,
        "rates": {c: by_code[c] / n for c in CODES} if n else {},
        "by_category": {
            cat: {
                "n": cat_n[cat],
                **{c: by_cat[cat][c] / cat_n[cat] for c in CODES if by_cat[cat][c]},
            }
            for cat in sorted(cat_n, key=lambda c: -cat_n[c])
        },
        "outcomes": {
            "satisfied": pos,
            "pushed_back": neg,
            "auc_checker_score": auc_score,
            "auc_reply_length": auc_len,
            "auc_checker_score_within_length_quintiles": auc_within,
            "pass_rate_satisfied": pass_sat,
            "pass_rate_pushed_back": pass_back,
            "rate_by_code": {
                c: {
                    "satisfied": by_outcome[True][c] / pos if pos else 0.0,
                    "pushed_back": by_outcome[False][c] / neg if neg else 0.0,
                }
                for c in CODES
            },
        },
    }


def _auc_within_length_bins(
    labels: list[int], scores: list[int], lengths: list[int], bins: int = 5
) -> float:
    """AUC of the score among replies of similar length: split by length quintile, AUC in each,
    averaged with the number of (satisfied, pushed back) pairs as weights. Nothing is fitted."""
    from sklearn.metrics import roc_auc_score

    if not labels:
        return float("nan")
    order = sorted(range(len(labels)), key=lambda i: lengths[i])
    total = weight = 0.0
    for b in range(bins):
        idx = order[b * len(order) // bins : (b + 1) * len(order) // bins]
        y = [labels[i] for i in idx]
        pairs = sum(y) * (len(y) - sum(y))
        if pairs:
            total += pairs * roc_auc_score(y, [scores[i] for i in idx])
            weight += pairs
    return total / weight if weight else float("nan")


def render(res: dict) -> str:
    lines = [
        f"final replies checked: {res['replies']}",
        "",
        "violation rate by code (share of replies):",
    ]
    for code, rate in sorted(res["rates"].items(), key=lambda kv: -kv[1]):
        lines.append(f"  {code:<14} {rate:6.1%}")
    lines += ["", "by category (n; codes with rate ≥ 5%):"]
    for cat, row in res["by_category"].items():
        top = ", ".join(
            f"{c} {v:.0%}"
            for c, v in sorted(row.items(), key=lambda kv: -kv[1] if kv[0] != "n" else 0)
            if c != "n" and v >= 0.05
        )
        lines.append(f"  {cat[:60]:<60} {row['n']:>6}  {top}")
    o = res["outcomes"]
    lines += [
        "",
        f"outcomes: satisfied {o['satisfied']}, pushed back {o['pushed_back']}",
        f"  ROC AUC, checker score  → satisfied: {o['auc_checker_score']:.3f}",
        f"  ROC AUC, reply length   → satisfied: {o['auc_reply_length']:.3f}  (same replies, same run)",
        (
            "  ROC AUC, checker score within reply-length quintiles (pair-weighted): "
            f"{o['auc_checker_score_within_length_quintiles']:.3f}  (information beyond length)"
        ),
        f"  pass rate: satisfied {o['pass_rate_satisfied']:.1%}, pushed back {o['pass_rate_pushed_back']:.1%}",
        "  violation rate by outcome (satisfied / pushed back):",
    ]
    for c, r in o["rate_by_code"].items():
        if r["satisfied"] or r["pushed_back"]:
            lines.append(f"    {c:<14} {r['satisfied']:6.1%} / {r['pushed_back']:6.1%}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--limit", type=int, default=None, help="check only the first N replies")
    args = ap.parse_args(argv)
    if not appeals_path().is_file():
        print(f"no data at {appeals_path()}", file=sys.stderr)
        return 2
    res = run(args.limit)
    print(json.dumps(res, ensure_ascii=False, indent=2) if args.json else render(res))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
