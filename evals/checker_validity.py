"""Is the checker right, code by code?  ``python -m evals.checker_validity [--split dev] [--json]``

Compares the checker with evals/data/checker_labels/: replies labelled per blocker code
(OTPISKA, REDIRECT, NO_DEADLINE, UNGROUNDED, IMPOLITE, GARBAGE), each label with a one-line
reason, written by reading the reply against shared/docs/quality-standard.md *before* the
checker was run on it. Two kinds of record:

- ``spb_final`` / ``spb_interim``: real official replies from the «Наш Санкт-Петербург» dev data
  (final replies of every category, half with a satisfied citizen and half pushed back, a sample
  of interim replies and of re-routed cases; replies ≤ 650 and appeals ≤ 500 characters). They
  are checked as ``validate_outcomes`` checks them: a person's reply (``generated=False``),
  the appeal as context, no sources — so UNGROUNDED is labelled false on them (the executor's
  own facts).
- ``probe``: hard cases written to probe each code — brush-offs that cite laws, redirects with
  and without who-was-asked-and-when, undated promises, invented facts against the appeal and
  the given sources, rude replies, garbage — with the near misses that should pass. They are
  checked as drafts (``generated=True``) with their sources.

Split: portal replies by the reply's date (before 2020-12-21: dev, from it: test); probes by
``sha256(id) % 4`` (0: dev, else test), except the second round of probes (``probe-dev2-*``),
written later to grow the dev split for fitting rules, which are all dev. Every record stores
its split and the loader reads it from there. Precision and recall are computed on the test split
(``--split dev`` for dev; ``--prefix probe-dev5-`` for one round of probes); ``--errors`` lists, per code, the false positives and negatives of
the chosen split with the label's reason and the checker's message.

Then the checker score's ROC AUC against citizen satisfaction within the strata of
``evals.validate_outcomes`` (``--outcomes-limit N`` checks only the first N portal replies;
``--no-outcomes`` skips it).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from drafter.domain import Appeal, Channel, Quality
from drafter.quality import check

# one JSONL file per session's rounds, read together (a file or a directory of them)
LABELS = Path(__file__).resolve().parent / "data" / "checker_labels"
CODES = ("OTPISKA", "REDIRECT", "NO_DEADLINE", "UNGROUNDED", "IMPOLITE", "GARBAGE")
GOAL_PRECISION = 0.90
GOAL_RECALL = 0.80
SPLITS = ("dev", "test")
# Dev rounds written by annotators who saw no code, kept to measure new writers: no rule and no
# judge is fitted on them, and no script prints their ids next to a verdict.
HELD_OUT = (
    "probe-s12fresh-",
    "probe-s12fresh2-",
    "probe-s13fresh-",
    "probe-s14fresh-",
    "probe-s15fresh-",
)


@dataclass(frozen=True)
class Label:
    value: bool
    reason: str


@dataclass(frozen=True)
class LabelledReply:
    id: str
    source: str  # spb_final | spb_interim | probe
    split: str
    date: str | None
    channel: str
    author: str | None
    generated: bool  # checked as a draft (probes) or as a person's reply (portal)
    appeal: str
    reply: str
    sources: tuple[str, ...]
    answer_sources: tuple[str, ...]
    labels: dict[str, Label]

    @classmethod
    def from_json(cls, row: dict) -> LabelledReply:
        return cls(
            id=row["id"],
            source=row["source"],
            split=row["split"],
            date=row.get("date"),
            channel=row.get("channel") or "vk",
            author=row.get("author"),
            generated=bool(row["generated"]),
            appeal=row["appeal"],
            reply=row["reply"],
            sources=tuple(row.get("sources") or ()),
            answer_sources=tuple(row.get("answer_sources") or ()),
            labels={c: Label(v["value"], v["reason"]) for c, v in row["labels"].items()},
        )

    def as_appeal(self) -> Appeal:
        return Appeal(text=self.appeal, channel=Channel(self.channel), author_name=self.author)

    def checked(self, check_fn: Callable[..., Quality] = check) -> Quality:
        """The checker's verdict on this reply, checked as its source is used (see the module)."""
        return check_fn(
            self.reply,
            appeal=self.as_appeal(),
            sources=list(self.sources),
            answer_sources=list(self.answer_sources),
            generated=self.generated,
        )


def label_rows(path: Path = LABELS) -> list[dict]:
    """The labelled records of a JSONL file, or of every ``*.jsonl`` in a directory (by name)."""
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    return [
        json.loads(line)
        for f in files
        for line in f.read_text(encoding="utf-8").splitlines()
        if line
    ]


def load(path: Path = LABELS, split: str | None = None) -> list[LabelledReply]:
    rows = label_rows(path)
    cases = [LabelledReply.from_json(r) for r in rows]
    return [c for c in cases if split is None or c.split == split]


CheckFn = Callable[..., Quality]


def checker() -> CheckFn:
    """The checker's public ``check`` — the function ``drafter check`` calls."""
    return check


@dataclass
class Verdict:
    case: LabelledReply
    score: int
    messages: dict[str, list[str]]  # code → the checker's messages for it

    @property
    def flagged(self) -> set[str]:
        return set(self.messages)


def run_checker(cases: Iterable[LabelledReply], check: CheckFn | None = None) -> list[Verdict]:
    check = check or checker()
    out = []
    for case in cases:
        q = case.checked(check)
        messages: dict[str, list[str]] = {}
        for v in q.violations:
            messages.setdefault(v.code, []).append(v.message)
        out.append(Verdict(case, q.score, messages))
    return out


Item = TypeVar("Item")


@dataclass
class CodeFigures(Generic[Item]):
    """A confusion table of one code; ``false_pos`` and ``false_neg`` hold the items (verdicts
    here, reply ids in ``evals.impolite_judge``)."""

    code: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    false_pos: list[Item] = field(default_factory=list)
    false_neg: list[Item] = field(default_factory=list)

    def add(self, gold: bool, got: bool, item: Item) -> None:
        if gold and got:
            self.tp += 1
        elif got:
            self.fp += 1
            self.false_pos.append(item)
        elif gold:
            self.fn += 1
            self.false_neg.append(item)
        else:
            self.tn += 1

    @property
    def support(self) -> int:
        return self.tp + self.fn

    @property
    def flagged(self) -> int:
        return self.tp + self.fp

    @property
    def precision(self) -> float | None:
        return self.tp / self.flagged if self.flagged else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.support if self.support else None

    @property
    def meets_goal(self) -> bool:
        p, r = self.precision, self.recall
        return p is not None and r is not None and p >= GOAL_PRECISION and r >= GOAL_RECALL

    def as_dict(self) -> dict:
        return {
            "support": self.support,
            "flagged": self.flagged,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "tn": self.tn,
            "precision": self.precision,
            "recall": self.recall,
            "meets_goal": self.meets_goal,
            "false_pos": [_item_id(v) for v in self.false_pos],
            "false_neg": [_item_id(v) for v in self.false_neg],
        }


def _item_id(item: object) -> str:
    return item.case.id if isinstance(item, Verdict) else str(item)


def score_codes(verdicts: list[Verdict]) -> dict[str, CodeFigures[Verdict]]:
    table: dict[str, CodeFigures[Verdict]] = {c: CodeFigures(c) for c in CODES}
    for v in verdicts:
        for code, fig in table.items():
            fig.add(v.case.labels[code].value, code in v.flagged, v)
    return table


def by_source(verdicts: list[Verdict]) -> dict[str, dict[str, CodeFigures[Verdict]]]:
    """The same figures for portal replies and probes apart: probes carry most positives."""
    groups: dict[str, list[Verdict]] = {}
    for v in verdicts:
        groups.setdefault("probe" if v.case.source == "probe" else "portal", []).append(v)
    return {name: score_codes(vs) for name, vs in sorted(groups.items())}


def run(
    split: str = "test", path: Path = LABELS, check: CheckFn | None = None, prefix: str = ""
) -> dict:
    verdicts = run_checker([c for c in load(path, split) if c.id.startswith(prefix)], check)
    table = score_codes(verdicts)
    return {
        "split": split,
        "replies": len(verdicts),
        "portal": sum(v.case.source != "probe" for v in verdicts),
        "probes": sum(v.case.source == "probe" for v in verdicts),
        "codes": table,
        "by_source": by_source(verdicts),
    }


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x:.2f}"


def render_table(res: dict) -> str:
    lines = [
        (
            f"split {res['split']}: {res['replies']} replies "
            f"({res['portal']} portal, {res['probes']} probes)"
        ),
        f"goal: precision ≥ {GOAL_PRECISION:.2f}, recall ≥ {GOAL_RECALL:.2f}",
        (
            f"{'code':<12} {'labelled':>8} {'flagged':>7} {'tp':>4} {'fp':>4} {'fn':>4} "
            f"{'precision':>9} {'recall':>6}  goal"
        ),
    ]
    for code, f in res["codes"].items():
        lines.append(
            f"{code:<12} {f.support:>8} {f.flagged:>7} {f.tp:>4} {f.fp:>4} {f.fn:>4} "
            f"{_pct(f.precision):>9} {_pct(f.recall):>6}  {'met' if f.meets_goal else 'NOT met'}"
        )
    for name, table in res["by_source"].items():
        cells = ", ".join(
            f"{c} {f.tp}/{f.support} found, {f.fp} false"
            for c, f in table.items()
            if f.support or f.flagged
        )
        lines.append(f"  {name} only: {cells or 'no positives, nothing flagged'}")
    return "\n".join(lines)


def render_errors(res: dict, width: int = 110) -> str:
    def cut(text: str) -> str:
        text = " ".join(text.split())
        return text if len(text) <= width else text[: width - 1] + "…"

    lines = []
    for code, f in res["codes"].items():
        lines.append(f"== {code}: {f.fp} false positives, {f.fn} false negatives")
        for v in f.false_pos:
            why = "; ".join(v.messages.get(code, []))
            lines.append(f"  FP {v.case.id}: «{cut(v.case.reply)}»")
            lines.append(f"     label: {v.case.labels[code].reason}")
            lines.append(f"     checker: {cut(why)}")
        for v in f.false_neg:
            lines.append(f"  FN {v.case.id}: «{cut(v.case.reply)}»")
            lines.append(f"     label: {v.case.labels[code].reason}")
    return "\n".join(lines)


def outcome_auc(limit: int | None) -> dict:
    """The checker score against citizen satisfaction, as ``evals.validate_outcomes`` computes it."""
    from evals import validate_outcomes

    res = validate_outcomes.run(limit)
    return {"replies": res["replies"], **res["outcomes"]}


def render_outcomes(o: dict) -> str:
    from evals.validate_outcomes import _auc_line

    return "\n".join(
        [
            (
                f"checker score vs citizen satisfaction ({o['replies']} final portal replies; "
                f"satisfied {o['satisfied']}, pushed back {o['pushed_back']})"
            ),
            "  ROC AUC → satisfied within strata (in brackets the 95 % range chance gives, and p):",
            f"    {'strata':<30} {'checker score':<28} reply length",
            *(_auc_line(name, row) for name, row in o["auc"].items()),
        ]
    )


def as_json(res: dict, outcomes: dict | None) -> str:
    out = {
        **{k: v for k, v in res.items() if k not in ("codes", "by_source")},
        "codes": {c: f.as_dict() for c, f in res["codes"].items()},
        "by_source": {
            name: {c: f.as_dict() for c, f in table.items()}
            for name, table in res["by_source"].items()
        },
    }
    if outcomes is not None:
        out["outcomes"] = outcomes
    return json.dumps(out, ensure_ascii=False, indent=2)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--split", choices=SPLITS, default="test", help="which split (default test)")
    ap.add_argument("--labels", type=Path, default=LABELS, help="the labelled replies (JSONL)")
    ap.add_argument("--errors", action="store_true", help="list false positives and negatives")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--no-outcomes", action="store_true", help="skip the AUC against outcomes")
    ap.add_argument(
        "--outcomes-limit", type=int, default=None, help="check only the first N portal replies"
    )
    ap.add_argument("--prefix", default="", help="only the replies whose id starts with this")
    args = ap.parse_args(argv)
    if not args.labels.exists():
        print(f"no labels at {args.labels}", file=sys.stderr)
        return 2
    res = run(args.split, args.labels, prefix=args.prefix)
    outcomes = None
    if not args.no_outcomes:
        try:
            outcomes = outcome_auc(args.outcomes_limit)
        except FileNotFoundError as exc:
            print(f"no portal data ({exc.filename}): AUC skipped", file=sys.stderr)
    if args.json:
        print(as_json(res, outcomes))
        return 0
    print(render_table(res))
    if args.errors:
        print()
        print(render_errors(res))
    if outcomes is not None:
        print()
        print(render_outcomes(outcomes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
