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

from drafter.quality import CODES, check
from evals.spb import appeals_path, replies


def run(limit: int | None = None) -> dict:

    path = appeals_path()
    n = 0
    by_code: Counter[str] = Counter()
    by_cat: dict[str, Counter[str]] = defaultdict(Counter)
    cat_n: Counter[str] = Counter()
    labels: list[int] = []
    scores: list[int] = []
    lengths: list[int] = []
    strata: list[tuple[str, str]] = []
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
            strata.append((r.reason, r.org))
            passed.append(q.passed)
    pos = sum(labels)
    neg = len(labels) - pos
    auc = _outcome_aucs(labels, scores, lengths, strata)
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
            "auc_checker_score": auc["all"]["score"]["auc"],
            "auc_reply_length": auc["all"]["length"]["auc"],
            "auc_checker_score_within_length_quintiles": auc["length quintile"]["score"]["auc"],
            "auc": auc,
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


# Comparisons of like with like, each one a set of strata (see evals/stratified_auc.py). The
# sub-category × organisation one is the headline: the same organisation answering the same kind
# of problem, so whether the work got done and who does it weigh less against the wording.
STRATA = ("all", "length quintile", "sub-category", "organisation", "sub-category × organisation")


def _outcome_aucs(
    labels: list[int], scores: list[int], lengths: list[int], strata: list[tuple[str, str]]
) -> dict[str, dict[str, dict]]:
    from evals.stratified_auc import quantile_bins, stratified_auc

    keys = {
        "all": [0] * len(labels),
        "length quintile": quantile_bins(lengths),
        "sub-category": [s[0] for s in strata],
        "organisation": [s[1] for s in strata],
        "sub-category × organisation": strata,
    }
    out: dict[str, dict[str, dict]] = {}
    for name in STRATA:
        row = {"score": stratified_auc(labels, scores, keys[name]).as_dict()}
        if name != "length quintile":  # length inside length bins says nothing new
            row["length"] = stratified_auc(labels, lengths, keys[name]).as_dict()
        out[name] = row
    return out


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
        "  ROC AUC → satisfied, compared within strata (pair-weighted; in brackets the 95 % range",
        "  chance gives with labels shuffled inside the strata, and p):",
        f"    {'strata':<30} {'checker score':<28} reply length",
        *(_auc_line(name, row) for name, row in o["auc"].items()),
        f"  pass rate: satisfied {o['pass_rate_satisfied']:.1%}, pushed back {o['pass_rate_pushed_back']:.1%}",
        "  violation rate by outcome (satisfied / pushed back):",
    ]
    for c, r in o["rate_by_code"].items():
        if r["satisfied"] or r["pushed_back"]:
            lines.append(f"    {c:<14} {r['satisfied']:6.1%} / {r['pushed_back']:6.1%}")
    return "\n".join(lines)


def _auc_line(name: str, row: dict) -> str:
    def cell(a: dict | None) -> str:
        if a is None:
            return "—"
        return f"{a['auc']:.3f} [{a['null_low']:.3f}–{a['null_high']:.3f}] p={a['p']:.3f}"

    return f"    {name:<30} {cell(row['score']):<28} {cell(row.get('length'))}"


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
