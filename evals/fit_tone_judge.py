"""Fit and measure the learned tone judge: ``python -m evals.fit_tone_judge [--write] [--evaluate]``

The judge (``drafter.quality.tone``) is a logistic regression over TF-IDF character n-grams
and words, fitted on the IMPOLITE labels of the dev split of evals/data/checker_labels/ — every dev round
except the held-out ones (``HELD_OUT``), which no rule and no judge was ever fitted on.

- ``--write`` refits and writes drafter/quality/data/tone_judge.json (the weights that ship);
  without it the script checks that the shipped file is what a refit gives (exit 1 if not).
- ``--evaluate`` prints, for the IMPOLITE code:
  - leave-one-round-out on dev: for each probe round with ≥ 10 rude replies, the judge fitted
    on every other training row scores that round; precision and recall of the rules alone
    (the checker as it ships, minus the judge's own flags), the judge alone and rules OR judge
    at several thresholds;
  - the held-out rounds, scored by the shipped judge;
  - how many real final replies of the city portal the judge alone would flag.

The rules' figures on dev rounds are optimistic: the rules were fitted on most of those rounds.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from drafter.quality.tone import JUDGE_MARK, WEIGHTS, judge_from, tone_text
from evals.checker_validity import LabelledReply, label_rows, run_checker

CODE = "IMPOLITE"
HELD_OUT = ("probe-s12fresh-", "probe-s12fresh2-", "probe-s13fresh-")  # never in training
BLOCKS = (("char_wb", (2, 5)), ("word", (1, 2)))
WORD_PATTERN = r"(?u)\b\w+\b"
C = 30.0
# Chosen (session 12) on two dev sets, never on the held-out round: the lowest threshold at
# which the judge alone keeps precision ≥ 0.95 on leave-one-round-out (``--evaluate`` prints
# that threshold for the current labels as a grid of 0.01) and flags at most 5 % of the polite
# near misses the checker's tests hold (tests/checker, 84 wordings written against the rules).
# Character n-grams alone at 0.7 flagged 19 of those 84. With s12-tone's 200 rows in training
# it moved from 0.90 to 0.95; with session 13's rows (4,900 in training) to 0.96 (at 0.95 the
# judge alone kept 417 of 439, P 0.9499).
THRESHOLD = 0.96
PRECISION_FLOOR = 0.95
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95)
MIN_POSITIVES = 10


def round_of(row_id: str, source: str) -> str:
    """``probe-s11imp-3-…`` → ``probe-s11imp-3``; portal replies are one group each source."""
    m = re.match(r"(probe-[a-z0-9]+(?:-\d+)?)", row_id)
    return m.group(1) if m else source


def training_rows() -> list[dict]:
    return [r for r in label_rows() if r["split"] == "dev" and not r["id"].startswith(HELD_OUT)]


def vectorizers() -> list[TfidfVectorizer]:
    return [
        TfidfVectorizer(
            analyzer=analyzer,
            ngram_range=ngrams,
            sublinear_tf=True,
            min_df=2,
            **({"token_pattern": WORD_PATTERN} if analyzer == "word" else {}),
        )
        for analyzer, ngrams in BLOCKS
    ]


def fit_models(rows: Sequence[dict]) -> tuple[list[TfidfVectorizer], LogisticRegression]:
    texts = [tone_text(r["reply"]) for r in rows]
    vecs = vectorizers()
    x = hstack([v.fit_transform(texts) for v in vecs]).tocsr()
    y = np.array([r["labels"][CODE]["value"] for r in rows])
    return vecs, LogisticRegression(C=C, max_iter=5000, class_weight="balanced").fit(x, y)


def sklearn_score(vecs: list[TfidfVectorizer], clf: LogisticRegression, text: str) -> float:
    x = hstack([v.transform([tone_text(text)]) for v in vecs]).tocsr()
    return float(clf.predict_proba(x)[0, 1])


def fit(rows: Sequence[dict], threshold: float = THRESHOLD) -> dict:
    """The judge's weights as the JSON that ships."""
    vecs, clf = fit_models(rows)
    return weights_of(vecs, clf, rows, threshold)


def weights_of(
    vecs: list[TfidfVectorizer], clf: LogisticRegression, rows: Sequence[dict], threshold: float
) -> dict:
    y = np.array([r["labels"][CODE]["value"] for r in rows])
    coef = clf.coef_[0]
    blocks = []
    offset = 0
    for (analyzer, ngrams), vec in zip(BLOCKS, vecs):
        idf = vec.idf_
        terms = {
            g: [round(float(idf[i]), 6), round(float(coef[offset + i]), 6)]
            for g, i in sorted(vec.vocabulary_.items())
        }
        blocks.append({"analyzer": analyzer, "ngram_range": list(ngrams), "terms": terms})
        offset += len(idf)
    return {
        "about": "drafter.quality.tone: fitted by python -m evals.fit_tone_judge --write",
        "code": CODE,
        "rows": len(rows),
        "positives": int(y.sum()),
        "held_out": list(HELD_OUT),
        "C": C,
        "threshold": threshold,
        "intercept": round(float(clf.intercept_[0]), 6),
        "blocks": blocks,
    }


def _prf(gold: np.ndarray, got: np.ndarray) -> str:
    tp = int(np.sum(gold & got))
    fp = int(np.sum(~gold & got))
    fn = int(np.sum(gold & ~got))
    p = f"{tp / (tp + fp):.2f}" if tp + fp else "—"
    r = f"{tp / (tp + fn):.2f}" if tp + fn else "—"
    return f"P {p} R {r} (tp {tp}, fp {fp}, fn {fn})"


def rules_flags(rows: Sequence[dict]) -> np.ndarray:
    """Whether the checker's rules flag IMPOLITE: its flags that are not the judge's."""
    verdicts = run_checker([LabelledReply.from_json(r) for r in rows])
    by_id = {
        v.case.id: any(not m.startswith(JUDGE_MARK) for m in v.messages.get(CODE, []))
        for v in verdicts
    }
    return np.array([by_id[r["id"]] for r in rows])


def evaluate(shipped: dict) -> str:
    rows = training_rows()
    y = np.array([r["labels"][CODE]["value"] for r in rows])
    groups = np.array([round_of(r["id"], r["source"]) for r in rows])
    rounds = [
        g
        for g in sorted(set(groups))
        if g.startswith("probe-") and int(y[groups == g].sum()) >= MIN_POSITIVES
    ]
    prob = np.zeros(len(rows))
    for g in rounds:
        inside = groups == g
        judge = judge_from(fit([r for r, k in zip(rows, inside) if not k]))
        prob[inside] = [judge.score(r["reply"]) for r, k in zip(rows, inside) if k]
    rules = rules_flags(rows)
    m = np.isin(groups, rounds)
    out = [
        (
            f"Leave one round out on dev: {len(rounds)} rounds, {int(m.sum())} replies, "
            f"{int(y[m].sum())} rude"
        ),
        f"  rules alone            {_prf(y[m], rules[m])}",
    ]
    for t in THRESHOLDS:
        j = prob >= t
        out.append(
            f"  t={t:.2f} judge {_prf(y[m], j[m])}   rules OR judge {_prf(y[m], (rules | j)[m])}"
        )

    grid = [t / 100 for t in range(50, 100)]
    lowest = next(
        (
            t
            for t in grid
            if (prob[m] >= t).any()
            and float(np.sum(y[m] & (prob[m] >= t))) / float(np.sum(prob[m] >= t))
            >= PRECISION_FLOOR
        ),
        None,
    )
    out.append(
        f"  lowest threshold with judge-alone precision ≥ {PRECISION_FLOOR}: {lowest} "
        f"(shipped: {shipped['threshold']})"
    )

    judge = judge_from(shipped)
    labelled = label_rows()
    for prefix in HELD_OUT:
        held = [r for r in labelled if r["id"].startswith(prefix)]
        if not held:
            continue
        yh = np.array([r["labels"][CODE]["value"] for r in held])
        rh = rules_flags(held)
        jh = np.array([judge.rude(r["reply"]) for r in held])
        out += [
            f"Held-out round {prefix}*: {len(held)} replies, {int(yh.sum())} rude",
            f"  rules alone            {_prf(yh, rh)}",
            f"  judge alone (t={judge.threshold})  {_prf(yh, jh)}",
            f"  rules OR judge         {_prf(yh, rh | jh)}",
        ]
    facts = sorted({s for r in labelled for s in r.get("sources") or [] if len(s) >= 20})
    out.append(
        f"Facts given with the labelled replies (executors' sentences, no salutation): "
        f"{sum(judge.rude(t) for t in facts)} of {len(facts)} flagged"
    )
    try:
        from evals.spb import replies

        texts = [r.text for r in replies()]
        flagged = sum(judge.rude(t) for t in texts)
        out.append(f"Real final portal replies flagged by the judge: {flagged} of {len(texts)}")
    except FileNotFoundError as exc:
        out.append(f"Real portal replies: not found ({exc})")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="write the refitted weights")
    ap.add_argument("--evaluate", action="store_true", help="print the judge's figures")
    ap.add_argument("--weights", type=Path, default=WEIGHTS)
    args = ap.parse_args(argv)
    weights = fit(training_rows())
    text = json.dumps(weights, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"
    if args.write:
        args.weights.parent.mkdir(parents=True, exist_ok=True)
        args.weights.write_text(text, encoding="utf-8")
        terms = sum(len(b["terms"]) for b in weights["blocks"])
        print(f"wrote {args.weights}: {weights['rows']} rows, {terms} terms")
    elif args.weights.read_text(encoding="utf-8") != text:
        print(f"{args.weights} is not what a refit gives: run with --write", file=sys.stderr)
        return 1
    if args.evaluate:
        print(evaluate(weights))
    return 0


if __name__ == "__main__":
    sys.exit(main())
