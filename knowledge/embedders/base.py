"""The Embedder seam: texts in, unit-length vectors out."""

from __future__ import annotations

from abc import ABC, abstractmethod


class Embedder(ABC):
    name: str = "embedder"
    dim: int = 0

    @abstractmethod
    def embed(self, texts: list[str]) -> list[list[float]]:
        """One vector per text, L2-normalised, in the same order."""
