"""ROC AUC compared like with like: within strata, and how far chance alone would move it.

A reply's outcome depends on much besides its wording — whether the work was done, what kind of
problem it was, which organisation answered. Pooling all replies lets those differences stand in
for quality. Here the AUC is computed inside each stratum (the same sub-category, the same
organisation, …) and averaged with the number of (positive, negative) pairs as weights, so only
comparisons between replies in the same stratum count. Nothing is fitted.

The permutation test shuffles the labels inside each stratum: the AUCs it gives are what chance
alone produces with these strata sizes; ``p`` is the share of them at least as far from 0.5 as
the observed figure.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.stats import rankdata


@dataclass(frozen=True)
class StratifiedAUC:
    auc: float
    pairs: int  # (positive, negative) pairs that were compared
    strata: int  # strata holding both outcomes
    null_low: float  # 2.5th and 97.5th percentile of the AUC with labels shuffled in strata
    null_high: float
    p: float

    def as_dict(self) -> dict[str, float | int]:
        return self.__dict__.copy()


def stratified_auc(
    labels: Sequence[int],
    values: Sequence[float],
    strata: Sequence[Hashable],
    *,
    permutations: int = 200,
    seed: int = 0,
) -> StratifiedAUC:
    y = np.asarray(labels, dtype=int)
    v = np.asarray(values, dtype=float)
    groups: dict[Hashable, list[int]] = {}
    for i, s in enumerate(strata):
        groups.setdefault(s, []).append(i)
    # per stratum: its members and their ranks (ties averaged); shuffling labels keeps the ranks
    parts = []
    for idx in groups.values():
        ix = np.asarray(idx)
        pos = int(y[ix].sum())
        if 0 < pos < len(ix):
            parts.append((ix, rankdata(v[ix]), pos, len(ix) - pos))
    if not parts:
        nan = float("nan")
        return StratifiedAUC(nan, 0, 0, nan, nan, nan)

    def pooled(lab: np.ndarray) -> float:
        total = weight = 0.0
        for ix, ranks, pos, neg in parts:
            u = ranks[lab[ix] == 1].sum() - pos * (pos + 1) / 2
            total += u  # = AUC × pairs
            weight += pos * neg
        return total / weight

    observed = pooled(y)
    rng = np.random.default_rng(seed)
    null = np.empty(permutations)
    for k in range(permutations):
        shuffled = y.copy()
        for ix, _, _, _ in parts:
            shuffled[ix] = rng.permutation(y[ix])
        null[k] = pooled(shuffled)
    far = np.abs(null - 0.5) >= abs(observed - 0.5)
    return StratifiedAUC(
        auc=float(observed),
        pairs=int(sum(pos * neg for _, _, pos, neg in parts)),
        strata=len(parts),
        null_low=float(np.percentile(null, 2.5)),
        null_high=float(np.percentile(null, 97.5)),
        p=float((far.sum() + 1) / (permutations + 1)),
    )


def quantile_bins(values: Sequence[float], bins: int = 5) -> list[int]:
    """The quantile bin (0 … bins-1) of each value, by rank."""
    order = np.argsort(np.asarray(values, dtype=float), kind="stable")
    out = np.empty(len(order), dtype=int)
    out[order] = np.arange(len(order)) * bins // max(len(order), 1)
    return out.tolist()
