"""Which checker rules pull their weight?  ``python -m evals.rule_coverage [--labels PATH] [--all]``

A rule unit is one phrase of a lexicon list (``drafter/quality/lexicon.py``) for one code it
serves, or one check function for one code it adds. For every labelled reply of
evals/data/checker_labels/ the checker runs as ``evals.checker_validity`` runs it, and per
unit and split (dev, test) this counts:

- ``seen``: replies the phrase occurs in (a check function: replies it was run on);
- ``fired``: replies where the unit took part in the verdict for its code. A phrase of a list
  that *flags* a code fired when a violation of that code covers the phrase (checks flag one
  span: a later phrase of the same list did not fire); a phrase of a list that *clears* a code
  (``RESOLVED`` clears OTPISKA) or shapes a verdict without carrying its span (``HEARSAY``)
  fired when it occurs and the verdict for that code went its way. A check function fired when
  it added a violation of its code;
- ``right``: of those, replies whose label for the code agrees with the unit's direction
  (a flagging unit is right on a reply labelled true, a clearing one on a reply labelled false).
  Only the six blocker codes are labelled; for the others ``right`` is left blank.

It prints the units that fire on no labelled reply (uncovered) and those that are wrong more
often than right, then a summary per list. ``--all`` prints every unit.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from drafter.domain import Violation
from drafter.quality import lexicon as lists
from drafter.quality.context import Context
from drafter.quality.matcher import Match, lexicon
from drafter.quality.registry import all_checks
from drafter.quality.request import CheckRequest
from evals.checker_validity import CODES as LABELLED
from evals.checker_validity import LABELS, SPLITS, LabelledReply, load

# (list, code, direction): True — the list's phrase flags the code and carries the violation's
# span; False — it clears the code (the verdict «not this code» is its doing); "shapes" — it
# pushes towards the code but the violation's span is elsewhere (a sentence, the whole reply).
Direction = bool | str
SHAPES = "shapes"
LIST_CODES: tuple[tuple[str, str, Direction], ...] = (
    ("BRUSH_OFF", "OTPISKA", True),
    ("VAGUE_TIME", "OTPISKA", True),
    ("VAGUE_TIME", "NO_DEADLINE", True),
    ("HEARSAY", "OTPISKA", SHAPES),
    ("PLANNED", "NO_DEADLINE", SHAPES),
    ("REDIRECT", "REDIRECT", True),
    ("REDIRECT_WHOSE", "REDIRECT", True),
    ("CONDITIONAL_SANCTION", "NO_DEADLINE", False),
    ("HEDGE", "NO_DEADLINE", False),
    ("RESOLVED", "OTPISKA", False),
    ("RESOLVED", "REDIRECT", False),
    ("NOT_CONFIRMED", "OTPISKA", False),
    ("STATE_RESULT", "OTPISKA", False),
    ("CONFIRMED", "CONTRADICTION", SHAPES),
    ("ADDITIONAL_WORK", "CONTRADICTION", False),
    ("MODEL_META", "GARBAGE", True),
    ("INSULT", "IMPOLITE", True),
    ("IMPOLITE", "IMPOLITE", True),
    ("FORMALISM", "FORMALISM", True),
    ("TEMPLATE", "TEMPLATE", True),
    ("RATE_REQUEST", "RATE_REQUEST", True),
    ("STOCK_RESULT", "NO_SPECIFICS", SHAPES),
    ("GREETING", "NO_GREETING", False),
    ("IMPERSONAL_ADDRESS", "NO_GREETING", True),
)


@dataclass
class Counts:
    seen: int = 0
    fired: int = 0
    right: int = 0


@dataclass
class Unit:
    kind: str  # the lexicon list's name, or "check" for a check function
    rule: str  # the phrase as written, or the check function's name
    code: str
    direction: Direction
    by_split: dict[str, Counts] = field(default_factory=lambda: {s: Counts() for s in SPLITS})

    @property
    def labelled(self) -> bool:
        return self.code in LABELLED

    @property
    def fired(self) -> int:
        return sum(c.fired for c in self.by_split.values())

    @property
    def right(self) -> int:
        return sum(c.right for c in self.by_split.values())

    @property
    def wrong(self) -> int:
        return self.fired - self.right

    @property
    def covered(self) -> bool:
        return self.fired > 0


@dataclass(frozen=True)
class Run:
    """One labelled reply as the checker saw it: its analysed context and each check's output."""

    case: LabelledReply
    ctx: Context
    added: dict[str, list[Violation]]  # check function's name → the violations it added


def run_case(case: LabelledReply) -> Run:
    """The checker on one labelled reply, as ``drafter.quality.assess`` runs it (same request as
    ``evals.checker_validity``), keeping which check added which violation."""
    ctx = Context.of(
        CheckRequest(
            text=case.reply,
            appeal=case.as_appeal(),
            sources=case.sources,
            answer_sources=case.answer_sources,
            generated=case.generated,
        )
    )
    added: dict[str, list[Violation]] = {}
    for c in all_checks():
        before = len(ctx.violations)
        c.fn(ctx)
        added[c.name] = ctx.violations[before:]
        if ctx.stop:
            break
    return Run(case, ctx, added)


def _overlaps(m: Match, vs: Iterable[Violation]) -> bool:
    return any(v.start < m.end and m.start < v.end for v in vs)


def units() -> list[Unit]:
    """Every phrase of every mapped list for each code it serves, then every check for each
    of its codes."""
    out = [
        Unit(name, phrase, code, direction)
        for name, code, direction in LIST_CODES
        for phrase in dict.fromkeys(getattr(lists, name))
    ]
    out += [Unit("check", c.name, code, True) for c in all_checks() for code in c.codes]
    return out


def count(runs: Iterable[Run]) -> list[Unit]:
    table = units()
    by_list: dict[tuple[str, str, str], Unit] = {(u.kind, u.rule, u.code): u for u in table}
    checks: dict[str, list[Unit]] = {}
    for u in table:
        if u.kind == "check":
            checks.setdefault(u.rule, []).append(u)
    for r in runs:
        flagged: dict[str, list[Violation]] = {}
        for v in r.ctx.violations:
            flagged.setdefault(v.code, []).append(v)
        labels = r.case.labels
        # a phrase found twice in a reply counts once: unit → did it take part in the verdict
        found: dict[tuple[str, str, str], bool] = {}
        for name, code, direction in LIST_CODES:
            for m in lexicon(name).find(r.ctx.doc):
                if direction is True:
                    took_part = _overlaps(m, flagged.get(code, ()))
                else:
                    took_part = (code in flagged) == (direction == SHAPES)
                key = (name, m.phrase, code)
                found[key] = found.get(key, False) or took_part
        for key, took_part in found.items():
            u = by_list[key]
            c = u.by_split[r.case.split]
            c.seen += 1
            if took_part:
                c.fired += 1
                if u.code in labels:
                    c.right += labels[u.code].value == (u.direction is not False)
        for check_name, vs in r.added.items():
            for u in checks[check_name]:
                c = u.by_split[r.case.split]
                c.seen += 1
                if any(v.code == u.code for v in vs):
                    c.fired += 1
                    if u.code in labels:
                        c.right += labels[u.code].value
    return table


def run(path: Path = LABELS) -> list[Unit]:
    return count(run_case(case) for case in load(path))


def _cell(u: Unit, split: str) -> str:
    c = u.by_split[split]
    right = f"{c.right:>4}" if u.labelled else f"{'':>4}"
    return f"{c.seen:>5} {c.fired:>5} {right}"


def _line(u: Unit) -> str:
    sign = {True: "+", False: "−", SHAPES: "~"}[u.direction]
    return f"  {sign} {u.kind:<20} {u.code:<13} {_cell(u, 'dev')}  {_cell(u, 'test')}  «{u.rule}»"


def summary(table: list[Unit]) -> dict[str, dict[str, int]]:
    """Per list (and «check»): units, units covered, units wrong more than right."""
    out: dict[str, dict[str, int]] = {}
    for u in table:
        row = out.setdefault(u.kind, {"units": 0, "covered": 0, "wrong_more": 0})
        row["units"] += 1
        row["covered"] += u.covered
        row["wrong_more"] += u.labelled and u.wrong > u.right
    return out


def render(table: list[Unit], show_all: bool = False) -> str:
    head = (
        f"    {'list':<20} {'code':<13} {'dev: seen fired right':>16}  "
        f"{'test: seen fired right':>16}  rule"
    )
    uncovered = [u for u in table if not u.covered]
    wrong = [u for u in table if u.labelled and u.wrong > u.right]
    lines = ["+ flags the code, − clears it, ~ shapes it (see the module's doc)", head]
    if show_all:
        lines += ["== every rule unit", *map(_line, table)]
    lines += [f"== uncovered: fire on no labelled reply ({len(uncovered)})", *map(_line, uncovered)]
    lines += [f"== wrong more often than right ({len(wrong)})", *map(_line, wrong)]
    lines.append("== per list: units, covered, wrong more often than right")
    total = {"units": 0, "covered": 0, "wrong_more": 0}
    for kind, row in summary(table).items():
        lines.append(f"  {kind:<20} {row['units']:>4} {row['covered']:>4} {row['wrong_more']:>4}")
        for k in total:
            total[k] += row[k]
    share = total["covered"] / total["units"] if total["units"] else 0.0
    lines.append(
        f"  {'all':<20} {total['units']:>4} {total['covered']:>4} {total['wrong_more']:>4}"
        f"   covered share {share:.2f}"
    )
    return "\n".join(lines)


def as_json(table: list[Unit]) -> str:
    rows = [
        {
            "list": u.kind,
            "rule": u.rule,
            "code": u.code,
            "direction": u.direction,
            **{
                s: {"seen": c.seen, "fired": c.fired, "right": c.right if u.labelled else None}
                for s, c in u.by_split.items()
            },
        }
        for u in table
    ]
    return json.dumps({"units": rows, "summary": summary(table)}, ensure_ascii=False, indent=1)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--labels", type=Path, default=LABELS, help="the labelled replies (JSONL)")
    ap.add_argument("--all", action="store_true", help="print every rule unit")
    ap.add_argument("--json", action="store_true", help="print the counts as JSON")
    args = ap.parse_args(argv)
    if not args.labels.exists():
        print(f"no labels at {args.labels}", file=sys.stderr)
        return 2
    table = run(args.labels)
    print(as_json(table) if args.json else render(table, args.all))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
