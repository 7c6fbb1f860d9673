"""Compare a run with a baseline run, metric by metric, and say what regressed.

A regression is a change in the bad direction larger than the metric's threshold
(``--max-regression pass_rate=0.02,mean_score=2``). Metrics without a threshold are printed
but never fail the run; a metric missing from either run is skipped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from drafter.errors import InvalidInput

DEFAULT_THRESHOLDS = {"pass_rate": 0.02, "mean_score": 2.0}
LOWER_IS_BETTER = {"ungrounded_rate", "latency_p50", "latency_p95", "errors"}


@dataclass(frozen=True)
class Row:
    metric: str
    baseline: float
    current: float
    threshold: float | None

    @property
    def delta(self) -> float:
        return self.current - self.baseline

    @property
    def worse_by(self) -> float:
        """How far the metric moved in its bad direction (negative: it improved)."""
        return self.delta if self.metric in LOWER_IS_BETTER else -self.delta

    @property
    def regressed(self) -> bool:
        # a hair of float noise over the threshold is not a regression
        return self.threshold is not None and self.worse_by > self.threshold + 1e-9


def parse_thresholds(spec: str | None) -> dict[str, float]:
    """``"pass_rate=0.02,mean_score=2"`` → thresholds, over the defaults."""
    out = dict(DEFAULT_THRESHOLDS)
    for part in (spec or "").split(","):
        if not part.strip():
            continue
        name, sep, value = part.partition("=")
        try:
            if not sep:
                raise ValueError
            out[name.strip()] = float(value)
        except ValueError:
            raise InvalidInput(f"bad --max-regression entry {part!r}: want NAME=NUMBER") from None
    return out


def flatten(summary: dict[str, Any]) -> dict[str, float]:
    """The comparable numbers of a summary, under flat names."""
    flat: dict[str, float] = {}
    n = summary.get("n") or 0
    for key in ("pass_rate", "mean_score", "errors"):
        if summary.get(key) is not None:
            flat[key] = float(summary[key])
    if n and summary.get("ungrounded") is not None:
        flat["ungrounded_rate"] = summary["ungrounded"] / n
    for group in ("reference", "ragas"):
        for name, value in (summary.get(group) or {}).items():
            if value is not None:
                flat[name] = float(value)
    for name, value in (summary.get("latency") or {}).items():
        if value is not None:
            flat[f"latency_{name}"] = float(value)
    return flat


def load_summary(path: Path) -> dict[str, Any]:
    """The summary of a run, from its directory or its report.json."""
    file = path / "report.json" if path.is_dir() else path
    if not file.exists():
        raise InvalidInput(f"no baseline report at {file}")
    try:
        return json.loads(file.read_text(encoding="utf-8"))["summary"]
    except (json.JSONDecodeError, KeyError) as exc:
        raise InvalidInput(f"{file} is not an eval report") from exc


def compare(
    baseline: dict[str, Any], current: dict[str, Any], thresholds: dict[str, float]
) -> list[Row]:
    old, new = flatten(baseline), flatten(current)
    unknown = set(thresholds) - set(old) - set(new) - set(DEFAULT_THRESHOLDS)
    if unknown:
        raise InvalidInput(f"--max-regression names unknown metrics: {', '.join(sorted(unknown))}")
    return [Row(name, old[name], new[name], thresholds.get(name)) for name in old if name in new]


def format_comparison(rows: list[Row]) -> str:
    lines = [f"{'metric':<20}{'baseline':>10}{'current':>10}{'change':>10}  limit"]
    for r in rows:
        limit = "—" if r.threshold is None else f"{r.threshold:g}"
        flag = "  REGRESSED" if r.regressed else ""
        lines.append(
            f"{r.metric:<20}{r.baseline:>10.3f}{r.current:>10.3f}{r.delta:>+10.3f}  {limit}{flag}"
        )
    bad = [r.metric for r in rows if r.regressed]
    lines.append(f"regressed: {', '.join(bad)}" if bad else "no regression past the limits")
    return "\n".join(lines)
