"""Helpers shared by the embedders."""

from __future__ import annotations

import numpy as np


def unit_rows(matrix: np.ndarray) -> list[list[float]]:
    """L2-normalise each row; an all-zero row (no known word) becomes a fixed unit vector,
    so that every text has a valid cosine similarity (a low, uninformative one)."""
    m = np.asarray(matrix, dtype=np.float32)
    if m.ndim == 1:
        m = m[None, :]
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    empty = norms[:, 0] < 1e-12
    if empty.any():
        m = m.copy()
        m[empty] = 1.0
        norms[empty] = np.sqrt(m.shape[1])
    rows: list[list[float]] = (m / norms).tolist()
    return rows
