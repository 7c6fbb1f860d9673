"""Fit and measure the learned judges: ``python -m evals.fit_judges [--code C] [--write] [--evaluate]``

Each judge (``drafter.quality.learned``) is a logistic regression over TF-IDF character n-grams
and words, fitted on one code's labels (IMPOLITE, OTPISKA) of the dev split of
evals/data/checker_labels/ — every dev round except the held-out ones (``HELD_OUT``), which no
rule and no judge was ever fitted on.

- ``--write`` refits and writes drafter/quality/data/<code>_judge.json (the weights that ship);
  without it the script checks that the shipped files are what a refit gives (exit 1 if not).
- ``--evaluate`` prints, per code:
  - leave-one-round-out on dev: for each probe round with enough positives, the judge fitted on
    every other training row scores that round; precision and recall of the rules alone (the
    checker as it ships, minus the judge's own flags), the judge alone, and the checker with
    the judge (the judge asked only where the check asks it: no rule fired and, for OTPISKA,
    nothing checkable stated) at several thresholds, and the threshold the code's rule picks;
  - the held-out rounds, scored by the shipped judge through the checker;
  - how many real final replies of the city portal the judge alone and the checker's judge
    flag (the checker on the first ``--real`` of them).

The rules' figures on dev rounds are optimistic: the rules were fitted on most of those rounds.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import islice

import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from drafter.domain import Quality
from drafter.quality import check
from drafter.quality.learned import (
    JUDGED_CODES,
    MARKS,
    NgramJudge,
    judge_from,
    judged_text,
    judging_with,
    weights_path,
)
from evals.checker_validity import HELD_OUT, LabelledReply, label_rows

BLOCKS = (("char_wb", (2, 5)), ("word", (1, 2)))
WORD_PATTERN = r"(?u)\b\w+\b"
C = 30.0
GRID = tuple(t / 100 for t in range(30, 100))
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95)


@dataclass(frozen=True)
class Spec:
    """How one code's judge is chosen. ``floor`` and ``of_additions`` are the threshold rule:
    the lowest threshold on ``GRID`` at which, on leave-one-round-out, the judge alone
    (``of_additions=False``) or the flags it adds to the rules through the checker
    (``of_additions=True``) keep precision ≥ ``floor``."""

    code: str
    threshold: float
    floor: float
    of_additions: bool
    min_positives: int
    why: str


SPECS = {
    "IMPOLITE": Spec(
        "IMPOLITE",
        # Chosen (session 12) on two dev sets, never on a held-out round: the judge alone keeps
        # precision ≥ 0.95 on leave-one-round-out and flags at most 5 % of the polite near
        # misses the checker's tests hold (tests/checker, ~100 wordings written against the
        # rules). With s12-tone's 200 rows in training it moved from 0.90 to 0.95; with session
        # 13's rows (4,900 in training) to 0.96 (at 0.95 the judge alone kept 417 of 439, P 0.9499);
        # with session 14's (5,472 in training) P ≥ 0.95 holds again at 0.95 (423 of 445), but
        # there it flags 5 of the tests' ~100 polite near misses, the edge of the 5 % condition,
        # so it stays at 0.96 (4 flagged).
        threshold=0.96,
        floor=0.95,
        of_additions=False,
        min_positives=10,
        why="judge alone P ≥ .95 on leave-one-round-out",
    ),
    "OTPISKA": Spec(
        "OTPISKA",
        # Session 14: the judge alone flags about 1 % of real portal replies (304 of 26,972),
        # almost all thin reports of work done («Работы по уборке проведены.»), so the check
        # asks it only where the reply states nothing checkable; its additions to the rules are
        # what matter, and a blocker's goal is precision ≥ .90. The rule gave 0.87 with the
        # labels of session 14 (0.9 was set before it was computed) and 0.85 once the tenth
        # rules pass and its 132 rows were in.
        threshold=0.85,
        floor=0.90,
        of_additions=True,
        min_positives=5,
        why="the flags it adds to the rules P ≥ .90 on leave-one-round-out",
    ),
}


def round_of(row_id: str, source: str) -> str:
    """``probe-s11imp-3-…`` → ``probe-s11imp-3``; portal replies are one group each source."""
    m = re.match(r"(probe-[a-z0-9]+(?:-\d+)?)", row_id)
    return m.group(1) if m else source


def training_rows() -> list[dict]:
    return [r for r in label_rows() if r["split"] == "dev" and not r["id"].startswith(HELD_OUT)]


def gold(rows: Sequence[dict], code: str) -> np.ndarray:
    return np.array([r["labels"][code]["value"] for r in rows], dtype=bool)


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


def fit_models(rows: Sequence[dict], code: str) -> tuple[list[TfidfVectorizer], LogisticRegression]:
    texts = [judged_text(r["reply"]) for r in rows]
    vecs = vectorizers()
    x = hstack([v.fit_transform(texts) for v in vecs]).tocsr()
    return vecs, LogisticRegression(C=C, max_iter=5000, class_weight="balanced").fit(
        x, gold(rows, code)
    )


def sklearn_score(vecs: list[TfidfVectorizer], clf: LogisticRegression, text: str) -> float:
    x = hstack([v.transform([judged_text(text)]) for v in vecs]).tocsr()
    return float(clf.predict_proba(x)[0, 1])


def fit(rows: Sequence[dict], code: str, threshold: float | None = None) -> dict:
    """The judge's weights as the JSON that ships."""
    vecs, clf = fit_models(rows, code)
    return weights_of(
        vecs, clf, rows, code, SPECS[code].threshold if threshold is None else threshold
    )


def weights_of(
    vecs: list[TfidfVectorizer],
    clf: LogisticRegression,
    rows: Sequence[dict],
    code: str,
    threshold: float,
) -> dict:
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
        "about": "drafter.quality.learned: fitted by python -m evals.fit_judges --write",
        "code": code,
        "rows": len(rows),
        "positives": int(gold(rows, code).sum()),
        "held_out": list(HELD_OUT),
        "C": C,
        "threshold": threshold,
        "intercept": round(float(clf.intercept_[0]), 6),
        "blocks": blocks,
    }


def _prf(y: np.ndarray, got: np.ndarray) -> str:
    tp = int(np.sum(y & got))
    fp = int(np.sum(~y & got))
    fn = int(np.sum(y & ~got))
    p = f"{tp / (tp + fp):.2f}" if tp + fp else "—"
    r = f"{tp / (tp + fn):.2f}" if tp + fn else "—"
    return f"P {p} R {r} (tp {tp}, fp {fp}, fn {fn})"


def _precision(y: np.ndarray, got: np.ndarray) -> float | None:
    return float(np.sum(y & got)) / float(np.sum(got)) if got.any() else None


def rules_and_asked(
    rows: Sequence[dict], code: str, judge: NgramJudge
) -> tuple[np.ndarray, np.ndarray]:
    """Per row: whether the checker's rules flag ``code``, and whether the check asks the judge
    (no rule fired and, for OTPISKA, nothing checkable stated). Found by running the checker
    with ``judge`` at threshold 0, which says yes wherever it is asked."""
    mark = MARKS[code]
    always = dataclasses.replace(judge, threshold=0.0)
    rules, asked = [], []
    with judging_with(code, always):
        for r in rows:
            messages = [
                v.message for v in LabelledReply.from_json(r).checked().violations if v.code == code
            ]
            rules.append(any(not m.startswith(mark) for m in messages))
            asked.append(any(m.startswith(mark) for m in messages))
    return np.array(rules, dtype=bool), np.array(asked, dtype=bool)


def leave_one_round_out(
    rows: Sequence[dict], spec: Spec
) -> tuple[list[str], np.ndarray, np.ndarray]:
    y = gold(rows, spec.code)
    groups = np.array([round_of(r["id"], r["source"]) for r in rows])
    rounds = [
        g
        for g in sorted(set(groups))
        if g.startswith("probe-") and int(y[groups == g].sum()) >= spec.min_positives
    ]
    prob = np.zeros(len(rows))
    for g in rounds:
        inside = groups == g
        judge = judge_from(fit([r for r, k in zip(rows, inside) if not k], spec.code))
        prob[inside] = [judge.score(r["reply"]) for r, k in zip(rows, inside) if k]
    return rounds, np.isin(groups, rounds), prob


def chosen_threshold(
    spec: Spec, y: np.ndarray, prob: np.ndarray, rules: np.ndarray, asked: np.ndarray
) -> float | None:
    for t in GRID:
        flags = prob >= t
        p = _precision(y, flags & asked & ~rules) if spec.of_additions else _precision(y, flags)
        if p is not None and p >= spec.floor:
            return t
    return None


def evaluate(code: str, shipped: dict, real: int) -> str:
    spec = SPECS[code]
    rows = training_rows()
    y = gold(rows, code)
    rounds, m, prob = leave_one_round_out(rows, spec)
    judge = judge_from(shipped)
    rules, asked = rules_and_asked([r for r, k in zip(rows, m) if k], code, judge)
    y, prob = y[m], prob[m]
    out = [
        (
            f"{code}: leave one round out on dev, {len(rounds)} rounds, {int(m.sum())} replies, "
            f"{int(y.sum())} labelled {code}"
        ),
        f"  rules alone             {_prf(y, rules)}",
    ]
    for t in THRESHOLDS:
        j = prob >= t
        out.append(f"  t={t:.2f} judge alone {_prf(y, j)}   checker {_prf(y, rules | (j & asked))}")
    out.append(
        f"  threshold by its rule ({spec.why}): "
        f"{chosen_threshold(spec, y, prob, rules, asked)} (shipped: {shipped['threshold']})"
    )
    labelled = label_rows()
    for prefix in HELD_OUT:
        held = [r for r in labelled if r["id"].startswith(prefix)]
        if not held:
            continue
        yh = gold(held, code)
        rh, ah = rules_and_asked(held, code, judge)
        jh = np.array([judge.flags(r["reply"]) for r in held], dtype=bool)
        out += [
            f"  held-out round {prefix}*: {len(held)} replies, {int(yh.sum())} labelled {code}",
            f"    rules alone           {_prf(yh, rh)}",
            f"    judge alone (t={judge.threshold})  {_prf(yh, jh)}",
            f"    checker               {_prf(yh, rh | (jh & ah))}",
        ]
    facts = sorted({s for r in labelled for s in r.get("sources") or [] if len(s) >= 20})
    out.append(
        f"  facts given with the labelled replies (executors' sentences) the judge alone flags: "
        f"{sum(judge.flags(t) for t in facts)} of {len(facts)}"
    )
    out.append(real_replies(code, judge, real))
    return "\n".join(out)


def real_replies(code: str, judge: NgramJudge, real: int) -> str:
    try:
        from evals.spb import replies

        texts = list(replies())
    except FileNotFoundError as exc:
        return f"  real portal replies: not found ({exc})"
    alone = sum(judge.flags(r.text) for r in texts)
    mark = MARKS[code]
    checked = 0
    by_checker = 0
    with judging_with(code, judge):
        for r in islice(texts, real):
            q: Quality = check(r.text, appeal=r.appeal, generated=False)
            checked += 1
            by_checker += any(v.code == code and v.message.startswith(mark) for v in q.violations)
    return (
        f"  real final portal replies: the judge alone flags {alone} of {len(texts)}; "
        f"the checker's judge (asked where no rule fired) {by_checker} of the first {checked}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--code", choices=JUDGED_CODES, action="append", help="default: all")
    ap.add_argument("--write", action="store_true", help="write the refitted weights")
    ap.add_argument("--evaluate", action="store_true", help="print the judges' figures")
    ap.add_argument("--real", type=int, default=3000, help="real replies to run the checker on")
    args = ap.parse_args(argv)
    rows = training_rows()
    status = 0
    for code in args.code or JUDGED_CODES:
        weights = fit(rows, code)
        text = json.dumps(weights, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"
        path = weights_path(code)
        if args.write:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            terms = sum(len(b["terms"]) for b in weights["blocks"])
            print(f"wrote {path}: {weights['rows']} rows, {terms} terms")
        elif not path.exists() or path.read_text(encoding="utf-8") != text:
            print(f"{path} is not what a refit gives: run with --write", file=sys.stderr)
            status = 1
        if args.evaluate:
            print(evaluate(code, weights, args.real))
    return status


if __name__ == "__main__":
    sys.exit(main())
