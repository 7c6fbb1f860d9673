"""Baseline comparison: directions, thresholds, bad specs."""

from __future__ import annotations

import pytest

from drafter.errors import InvalidInput
from evals.compare import compare, flatten, format_comparison, parse_thresholds


def summary(**kw):
    base = {
        "n": 10, "pass_rate": 0.8, "mean_score": 75.0, "errors": 0, "ungrounded": 1,
        "reference": {"chrf": 0.4, "rouge_l": None}, "ragas": {}, "latency": {"p50": 1.0, "p95": 2.0},
    }  # fmt: skip
    base.update(kw)
    return base


def test_parse_thresholds_over_the_defaults():
    assert parse_thresholds(None) == {"pass_rate": 0.02, "mean_score": 2.0}
    assert parse_thresholds("mean_score=5, latency_p95=0.5") == {
        "pass_rate": 0.02, "mean_score": 5.0, "latency_p95": 0.5,
    }  # fmt: skip
    for bad in ("pass_rate", "pass_rate=x", "=1"):
        with pytest.raises(InvalidInput):
            parse_thresholds(bad) if bad != "=1" else compare(
                summary(), summary(), parse_thresholds(bad)
            )


def test_flatten_skips_missing_metrics():
    flat = flatten(summary())
    assert flat["ungrounded_rate"] == pytest.approx(0.1)
    assert "rouge_l" not in flat and flat["latency_p95"] == 2.0


def test_a_drop_past_the_limit_regresses_and_within_it_does_not():
    t = parse_thresholds("chrf=0.05")
    rows = {r.metric: r for r in compare(summary(), summary(pass_rate=0.79, mean_score=72.0), t)}
    assert not rows["pass_rate"].regressed  # −0.01 within 0.02
    assert rows["mean_score"].regressed  # −3 past 2
    assert not rows["chrf"].regressed and rows["errors"].threshold is None
    assert "REGRESSED" in format_comparison(list(rows.values()))


def test_lower_is_better_for_latency_and_ungrounded():
    t = parse_thresholds("latency_p95=0.5,ungrounded_rate=0.05")
    rows = {
        r.metric: r
        for r in compare(summary(), summary(ungrounded=3, latency={"p50": 1, "p95": 1.0}), t)
    }
    assert rows["ungrounded_rate"].regressed  # 0.1 → 0.3
    assert not rows["latency_p95"].regressed  # faster is no regression
    rows = {r.metric: r for r in compare(summary(), summary(latency={"p50": 1, "p95": 3.0}), t)}
    assert rows["latency_p95"].regressed


def test_improvements_never_regress():
    rows = compare(summary(), summary(pass_rate=1.0, mean_score=99.0), parse_thresholds(None))
    assert not any(r.regressed for r in rows)


def test_unknown_metric_in_the_spec_is_an_error():
    with pytest.raises(InvalidInput, match="unknown"):
        compare(summary(), summary(), parse_thresholds("pas_rate=0.1"))
