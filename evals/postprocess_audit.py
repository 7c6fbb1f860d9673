"""Which post-processing steps fire on the model's output?  ``python -m evals.postprocess_audit PATH...``

Reads ``evals.measure`` results (``measure.json``: each row of ``rows.ours`` keeps its
``attempts``, each with the model's raw ``completion`` and the ``removals`` post-processing
made) and, per step of ``drafter.postprocess``, counts on how many attempts it changes the text:

- ``rerun``: ``clean_draft`` run again on the stored completion with every step on (the
  completion path) and the steps that changed the text noted, then ``drop_copied`` against the
  row's appeal. The greeting written before the completion is not stored; it is taken as the
  greeting the final text opens with (``LEADING_GREETING``), or none.
- ``stored``: attempts whose stored removals name the step's reason, as the run made them —
  the only evidence for the steps that need the prompt (``drop_echo``) or the channel
  (``limit_sentences``).

A step that fires on none of an instruction-tuned model's completions and is there for a base
model's fragments (``drafter.postprocess.BASE_MODEL_STEPS``) need not run on the chat path.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.postprocess import BASE_MODEL_STEPS, LEADING_GREETING, STEPS, clean_draft, drop_copied

# the pipeline's steps after clean_draft (drafter.pipeline), by their removal stage
LATER_STEPS = ("drop_echo", "drop_copied", "plain_reply", "limit_sentences")


@dataclass
class Audit:
    files: int = 0
    rows: int = 0
    rows_without_attempts: int = 0
    attempts: int = 0  # generated attempts with a stored completion
    rerun: Counter[str] = field(default_factory=Counter)
    stored: Counter[str] = field(default_factory=Counter)  # by «stage: reason»
    examples: dict[str, list[str]] = field(default_factory=dict)


def _prefix(final_text: str) -> str:
    m = LEADING_GREETING.match(final_text or "")
    return m.group().strip() if m else ""


def audit_row(row: dict[str, Any], out: Audit) -> None:
    attempts = [a for a in row.get("attempts") or () if a.get("completion")]
    if "attempts" not in row:
        out.rows_without_attempts += 1
    prefix = _prefix(row.get("text", ""))
    for a in attempts:
        out.attempts += 1
        changed: list[str] = []
        text = clean_draft(a["completion"], prefix=prefix, changed=changed)
        if drop_copied(text, row.get("appeal", ""), keep=len(prefix)) != text:
            changed.append("drop_copied")
        for name in dict.fromkeys(changed):
            out.rerun[name] += 1
            out.examples.setdefault(name, []).append(f"{row.get('id')}: {a['completion'][:160]!r}")
        for key in {f"{r['stage']}: {r['reason']}" for r in a.get("removals") or ()}:
            out.stored[key] += 1


def audit(paths: list[Path]) -> Audit:
    out = Audit()
    for path in paths:
        data = json.loads(path.read_text(encoding="utf-8"))
        out.files += 1
        for row in data.get("rows", {}).get("ours", []):
            if "error" in row:
                continue
            out.rows += 1
            audit_row(row, out)
    return out


def render(a: Audit, examples: int = 0) -> str:
    lines = [
        (
            f"{a.files} files, {a.rows} drafted rows ({a.rows_without_attempts} without "
            f"attempts), {a.attempts} completions"
        ),
        f"{'step':<30} {'rerun':>6}  base-model only",
    ]
    for name in (*STEPS, *LATER_STEPS):
        flag = "yes" if name in BASE_MODEL_STEPS else ""
        rerun = str(a.rerun[name]) if name in STEPS or name == "drop_copied" else "—"
        lines.append(f"{name:<30} {rerun:>6}  {flag}")
        for ex in a.examples.get(name, [])[:examples]:
            lines.append(f"    {ex}")
    lines.append("stored removals (attempts), as the run made them:")
    lines += [f"  {n:>4}  {key}" for key, n in a.stored.most_common()] or ["  none"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("paths", type=Path, nargs="+", help="measure.json files")
    ap.add_argument("--examples", type=int, default=0, help="show N completions per step")
    args = ap.parse_args(argv)
    missing = [p for p in args.paths if not p.is_file()]
    if missing:
        print(f"no such file: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    print(render(audit(args.paths), args.examples))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
