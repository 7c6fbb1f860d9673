"""A deterministic hashing embedder: no model, for tests and for smoke runs.

Each Snowball stem is hashed (blake2b, stable across processes) to a signed bucket, so
texts sharing words are close and unrelated texts are nearly orthogonal.
"""

from __future__ import annotations

import hashlib

import numpy as np

from knowledge.embedders._util import unit_rows
from knowledge.embedders.base import Embedder
from knowledge.text import stems


class HashingEmbedder(Embedder):
    def __init__(self, dim: int = 64) -> None:
        self.dim = dim
        self.name = f"hashing-{dim}"

    def _bucket(self, word: str) -> tuple[int, float]:
        h = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")
        return h % self.dim, 1.0 if (h >> 40) & 1 else -1.0

    def embed(self, texts: list[str]) -> list[list[float]]:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in stems(text):
                col, sign = self._bucket(word)
                out[row, col] += sign
        return unit_rows(out) if texts else []
