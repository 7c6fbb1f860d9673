"""Any local sentence-transformers model (``pip install 'drafter[st]'``), imported lazily."""

from __future__ import annotations

import re
import threading
from typing import TYPE_CHECKING

import numpy as np

from knowledge.embedders._util import unit_rows
from knowledge.embedders.base import Embedder
from knowledge.errors import ConfigError, EmbedderUnavailable

if TYPE_CHECKING:  # an optional extra, imported lazily at run time
    from sentence_transformers import SentenceTransformer


class SentenceTransformerEmbedder(Embedder):
    def __init__(self, model: str, device: str = "cpu", batch_size: int = 32) -> None:
        self._model_name = model
        self._device = device
        self._batch_size = batch_size
        self._model: SentenceTransformer | None = None
        self._lock = threading.Lock()
        self.name = "st-" + re.sub(r"[^a-zA-Z0-9._-]+", "-", model).strip("-")
        self.dim = 0

    def _load(self) -> SentenceTransformer:
        with self._lock:
            if self._model is None:
                try:
                    from sentence_transformers import SentenceTransformer
                except ImportError as exc:
                    raise ConfigError(
                        f"sentence-transformers is not installed: pip install 'drafter[st]' ({exc})"
                    ) from exc
                try:
                    self._model = SentenceTransformer(self._model_name, device=self._device)
                except Exception as exc:
                    raise EmbedderUnavailable(f"cannot load {self._model_name}: {exc}") from exc
                self.dim = int(self._model.get_sentence_embedding_dimension() or 0)
        return self._model

    def embed(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        model = self._load()
        try:
            vecs = model.encode(texts, batch_size=self._batch_size, show_progress_bar=False)
        except Exception as exc:
            raise EmbedderUnavailable(f"sentence-transformers failed: {exc}") from exc
        return unit_rows(np.asarray(vecs))
