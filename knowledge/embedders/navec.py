"""Offline Russian sentence vectors from navec word vectors (the file ships inside ``natasha``).

A sentence is the SIF-weighted mean of its words' vectors (Arora et al., 2017): weight
``a / (a + p(w))`` with ``p(w)`` the word's frequency in navec's own news corpus (navec keeps
the counts), so common words count little without any fitting on our data; vectors then do not
depend on what else is indexed. Stop words are dropped; a word navec does not know is looked
up by its lemma (pymorphy3), which recovers most rare inflections.

Exploratory runs on the spb dev split (same-reason MRR@10 of the nearest past appeals):
plain mean 0.69, this weighting 0.71, weights fitted on the indexed corpus (IDF 0.66, SIF
0.65) worse, and removing the first principal component changed nothing beyond noise (±0.01),
so nothing is fitted and vectors never go stale when the index grows.
"""

from __future__ import annotations

import importlib.util
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from knowledge.embedders._util import unit_rows
from knowledge.embedders.base import Embedder
from knowledge.errors import EmbedderUnavailable
from knowledge.text import STOP_WORDS, lemma, tokens

if TYPE_CHECKING:  # imported lazily at run time: loading natasha's stack is slow
    from navec import Navec

SIF_A = 1e-4  # 1e-3 and 1e-5 were worse on the dev split


def default_navec_path() -> Path:
    """The navec archive inside the installed natasha package (found without importing it)."""
    spec = importlib.util.find_spec("natasha")
    roots = list(spec.submodule_search_locations or []) if spec else []
    for root in roots:
        found = sorted((Path(root) / "data" / "emb").glob("navec_*.tar"))
        if found:
            return found[0]
    raise EmbedderUnavailable("navec vectors not found: install natasha (it ships the file)")


class NavecEmbedder(Embedder):
    name = "navec"
    dim = 300

    def __init__(self, path: Path | None = None, sif_a: float = SIF_A) -> None:
        self._path = path
        self._a = sif_a
        self._navec: Navec | None = None
        self._weights: np.ndarray | None = None
        self._cache: dict[str, np.ndarray | None] = {}  # word → weighted vector (None = OOV)
        self._lock = threading.Lock()

    def _load(self) -> Navec:
        with self._lock:
            if self._navec is None:
                try:
                    from navec import Navec

                    navec = Navec.load(str(self._path or default_navec_path()))
                except EmbedderUnavailable:
                    raise
                except Exception as exc:
                    raise EmbedderUnavailable(f"cannot load navec: {exc}") from exc
                counts = np.asarray(navec.vocab.counts, dtype=np.float64)
                p = counts / counts.sum()
                self._weights = (self._a / (self._a + p)).astype(np.float32)
                self._navec = navec
        return self._navec

    def _word(self, word: str) -> np.ndarray | None:
        if word in self._cache:
            return self._cache[word]
        navec, weights = self._navec, self._weights
        assert navec is not None and weights is not None, "embed() loads navec first"
        idx = navec.vocab.word_ids.get(word)
        if idx is None:
            idx = navec.vocab.word_ids.get(lemma(word))
        vec = None if idx is None else navec.pq[idx] * weights[idx]
        if len(self._cache) < 500_000:  # a vocabulary, not a leak
            self._cache[word] = vec
        return vec

    def embed(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        self._load()
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in tokens(text):
                if word in STOP_WORDS:
                    continue
                vec = self._word(word)
                if vec is not None:
                    out[row] += vec
        return unit_rows(out)
