"""What a search reads from memory (knowledge.index): BM25, the chunks' metadata and labels,
and the dense vectors in the label projection's space."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import numpy as np

from knowledge.lexical import LexicalIndex
from knowledge.metadata import label_of
from knowledge.projection import LabelProjection
from knowledge.vectorstore import matches


class Snapshot:
    """What a search reads, rebuilt as a whole after a change: BM25, metadata, labels and,
    when a projection exists, the projected vectors (rows in the same order as BM25's ids)."""

    def __init__(self, rows: list[tuple[str, dict[str, Any], list[str]]], label_field: str) -> None:
        self.index = LexicalIndex([r[0] for r in rows], [r[2] for r in rows])
        self.metas = [r[1] for r in rows]
        self.known = set(self.index.ids)
        self.labels = {r[0]: label_of(r[1], label_field) for r in rows}
        self.projection: LabelProjection | None = None
        self.projected: np.ndarray | None = None  # (n, projection.dim), unit rows
        self._masks: dict[str, np.ndarray] = {}

    def dense_top(
        self, vector: Sequence[float], n: int, mask: np.ndarray | None
    ) -> list[tuple[str, float]]:
        assert self.projection is not None and self.projected is not None
        q = self.projection.transform(np.asarray(vector, dtype=np.float32))[0]
        s = self.projected @ q
        if mask is not None:
            s = np.where(mask, s, -np.inf)
        n = min(n, int(np.isfinite(s).sum()))
        if n <= 0:
            return []
        part = np.argpartition(-s, n - 1)[:n]
        order = part[np.argsort(-s[part], kind="stable")]
        return [(self.index.ids[i], float(s[i])) for i in order]

    def mask(self, where: dict[str, Any] | None) -> np.ndarray | None:
        if not where:
            return None
        key = json.dumps(where, sort_keys=True, ensure_ascii=False)
        if key not in self._masks:
            if len(self._masks) > 256:
                self._masks.clear()
            self._masks[key] = np.fromiter((matches(m, where) for m in self.metas), bool)
        return self._masks[key]
