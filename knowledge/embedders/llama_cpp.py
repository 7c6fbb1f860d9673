"""Embeddings from any GGUF model through llama.cpp (``Llama(embedding=True)``), in-process."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from knowledge.embedders._util import unit_rows
from knowledge.embedders.base import Embedder
from knowledge.errors import EmbedderUnavailable

if TYPE_CHECKING:  # imported lazily at run time
    from llama_cpp import Llama


class LlamaCppEmbedder(Embedder):
    def __init__(self, model_path: str | Path, n_ctx: int = 512, threads: int | None = None):
        self._path = Path(model_path)
        self._n_ctx = n_ctx
        self._threads = threads
        self._llm: Llama | None = None
        self._lock = threading.Lock()  # a llama.cpp context is not re-entrant
        self.name = f"llama_cpp-{self._path.stem}"
        self.dim = 0  # known once the model is loaded

    def _model(self) -> Llama:
        if self._llm is None:
            try:
                from llama_cpp import Llama

                self._llm = Llama(
                    model_path=str(self._path),
                    embedding=True,
                    n_ctx=self._n_ctx,
                    n_threads=self._threads,
                    verbose=False,
                )
            except Exception as exc:
                raise EmbedderUnavailable(
                    f"cannot load {self._path} for embeddings: {exc}"
                ) from exc
            self.dim = int(self._llm.n_embd())
        return self._llm

    def embed(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        with self._lock:
            llm = self._model()
            rows = []
            for text in texts:
                try:
                    out = np.asarray(llm.embed(text or " ", truncate=True), dtype=np.float32)
                except Exception as exc:
                    raise EmbedderUnavailable(f"llama.cpp embedding failed: {exc}") from exc
                # models without a pooling layer give one vector per token: mean-pool them
                rows.append(out.mean(axis=0) if out.ndim == 2 else out)
        return unit_rows(np.stack(rows))
