"""From violations to a 0–100 score, following the standard's severities.

score = 100 − Σ over codes of the code's penalty. A code's penalty is its severity weight for
the first occurrence plus a third of it for each further occurrence, capped at twice the
weight: one code cannot sink a reply alone by repetition.

The weights say what quality-standard.md says, with the default threshold 60:
- ``blocker`` 60 — «fails the draft»: one blocker alone puts the score at 40, below the
  threshold, so every draft with a blocker ranks below every draft without one that passes
  (with 40 it sat exactly at the threshold and above a reply with three major problems);
- ``major`` 15 — «lowers the score»: three kinds of major problems fail (100 − 3·15 = 55), so a
  formal letter with FORMALISM (twice) + NO_GREETING + HARD_TO_READ (twice) scores 58, not
  «nearly perfect»; one or two majors leave a reply that passes with work to do;
- ``minor`` 5 — stock phrases and long sentences: noticeable, never decisive alone.
The weights were set from the standard's wording, not fitted to any outcome labels.
``passed`` = no blocker and score ≥ threshold.
"""

from __future__ import annotations

from collections import defaultdict

from drafter.domain import Violation

WEIGHTS = {"blocker": 60, "major": 15, "minor": 5}
REPEAT = 1 / 3
CAP = 2.0


def score(violations: list[Violation]) -> int:
    by_code: dict[str, list[Violation]] = defaultdict(list)
    for v in violations:
        by_code[v.code].append(v)
    penalty = 0.0
    for vs in by_code.values():
        w = max(WEIGHTS[v.severity] for v in vs)
        penalty += min(w * (1 + REPEAT * (len(vs) - 1)), w * CAP)
    return max(0, min(100, round(100 - penalty)))


def passed(violations: list[Violation], score_: int, threshold: int) -> bool:
    return score_ >= threshold and not any(v.severity == "blocker" for v in violations)
