"""From violations to a 0–100 score.

score = 100 − Σ over codes of the code's penalty. A code's penalty is its severity weight
(blocker 40, major 15, minor 5) for the first occurrence plus a third of it for each further
occurrence, capped at twice the weight: one code cannot sink a reply alone by repetition, but
three kinds of major problems do (100 − 3·15 = 55 < 60, the default threshold).
``passed`` = no blocker and score ≥ threshold.
"""

from __future__ import annotations

from collections import defaultdict

from drafter.domain import Violation

WEIGHTS = {"blocker": 40, "major": 15, "minor": 5}
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
