"""Does the checker agree with a person reading the standard?  ``python -m evals.checker_agreement``

tests/checker/data/hand_labels.jsonl holds one engineer's annotation of real final replies
drawn at random from ../shared/data/spb_gorod/answers_dev_sample.jsonl: per record id, the
codes of quality-standard.md the reply violates and a one-line reason. Split ``dev`` (80
replies, ``random.Random(20261122).sample``) was annotated first and then used to find the
checker's misses, so agreement on it is optimistic; split ``heldout`` (30 more replies,
``random.Random(7)`` over the rest) was annotated after the rules were changed, without
running the checker on it, and is the honest figure. The annotation reads the standard's definitions only — never the
outcome labels (final status, push-back) — and judges what the data lets one judge: no author
name is known, so «Уважаемый пользователь!» is a greeting; UNGROUNDED is not annotated (there
are no sources). Conventions written down while annotating:

- NO_SPECIFICS: the reply names neither the place nor who acted, and its action or result is
  the category's stock one («Граффити удалены.», «Проблема решена.») — it fits any appeal of
  the category;
- FORMALISM: the standard's formulae («Рассмотрев Ваше сообщение … сообщаем следующее»,
  «настоящим сообщаем», «в ответ на Ваше обращение … сообщает», «далее – …», «вышеуказанный»)
  or chains of verbal nouns;
- HARD_TO_READ: a sentence clearly over ~25 words, or a wall of text.

Prints per code: support (replies the person flagged), the checker's flags, precision and
recall; ``--show CODE`` lists the disagreements for one code. The checker runs as in
``evals.validate_outcomes``: ``generated=False``, the appeal as context, no sources.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from drafter.quality import CODES, check
from evals.spb import appeal_of, finals, read_records, sample_path

LABELS = Path(__file__).resolve().parents[1] / "tests" / "checker" / "data" / "hand_labels.jsonl"
ANNOTATED = tuple(c for c in CODES if c != "UNGROUNDED")
SPLITS = {
    "dev": "80 replies, used to find the checker's misses (optimistic)",
    "heldout": "30 replies annotated after the changes (the honest figure)",
}


def load_labels(path: Path = LABELS, split: str | None = None) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            if split is None or row.get("split") == split:
                out[int(row["id"])] = set(row["codes"])
    return out


def run(labels: dict[int, set[str]] | None = None, split: str | None = None) -> dict:
    labels = labels if labels is not None else load_labels(split=split)
    recs = {r["id"]: r for r in read_records(sample_path()) if r["id"] in labels}
    missing = sorted(set(labels) - set(recs))
    pred: dict[int, set[str]] = {}
    texts: dict[int, str] = {}
    for rid, rec in recs.items():
        text = finals(rec)[-1]["text"]
        q = check(text, appeal=appeal_of(rec), generated=False)
        pred[rid] = {v.code for v in q.violations}
        texts[rid] = text
    table = {}
    for code in ANNOTATED:
        gold = {r for r in pred if code in labels[r]}
        got = {r for r in pred if code in pred[r]}
        tp = len(gold & got)
        table[code] = {
            "support": len(gold),
            "flagged": len(got),
            "tp": tp,
            "precision": tp / len(got) if got else None,
            "recall": tp / len(gold) if gold else None,
            "false_pos": sorted(got - gold),
            "false_neg": sorted(gold - got),
        }
    exact = sum(1 for r in pred if pred[r] - {"UNGROUNDED"} == labels[r]) / max(1, len(pred))
    return {"replies": len(pred), "missing": missing, "exact_match": exact, "codes": table}


def render(res: dict) -> str:
    lines = [
        f"replies annotated and checked: {res['replies']}"
        + (f" (missing from the sample: {res['missing']})" if res["missing"] else ""),
        f"replies where the checker's code set equals the person's: {res['exact_match']:.0%}",
        "",
        f"{'code':<14} {'person':>6} {'checker':>7} {'both':>5} {'precision':>9} {'recall':>7}",
    ]

    def pct(x: float | None) -> str:
        return "—" if x is None else f"{x:.0%}"

    for code, r in res["codes"].items():
        if not (r["support"] or r["flagged"]):
            continue
        lines.append(
            f"{code:<14} {r['support']:>6} {r['flagged']:>7} {r['tp']:>5} "
            f"{pct(r['precision']):>9} {pct(r['recall']):>7}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--show", metavar="CODE", help="list the disagreements for one code")
    args = ap.parse_args(argv)
    if not sample_path().is_file():
        print(f"no data at {sample_path()}", file=sys.stderr)
        return 2
    results = {split: run(split=split) for split in SPLITS}
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return 0
    for split, res in results.items():
        print(f"== {split}: {SPLITS[split]}")
        print(render(res))
        if args.show:
            r = res["codes"][args.show]
            print(f"{args.show}: checker only {r['false_pos']}; person only {r['false_neg']}")
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
