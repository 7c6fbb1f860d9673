"""Small statistics the reports need, in plain Python (no SciPy in the service)."""

from __future__ import annotations

import math
from collections.abc import Sequence


def quantile(values: Sequence[float], q: float) -> float | None:
    """The ``q`` quantile with linear interpolation between ranks (NumPy's default)."""
    if not values:
        return None
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q
    low = math.floor(pos)
    high = min(low + 1, len(ordered) - 1)
    value = ordered[low] + (ordered[high] - ordered[low]) * (pos - low)
    return round(value, 2)


def poisson_sf(x: int, lam: float) -> float:
    """P(X ≥ x) for X ~ Poisson(λ), summed from x upwards in log space (no cancellation for
    the small tails that matter)."""
    if x <= 0:
        return 1.0
    if lam <= 0:
        return 0.0
    term = math.exp(-lam + x * math.log(lam) - math.lgamma(x + 1))
    total, i = term, x
    while term > total * 1e-15 and i < x + 100_000:
        i += 1
        term *= lam / i
        total += term
    return min(1.0, total)
