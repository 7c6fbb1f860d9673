"""Embeddings from an OpenAI-compatible HTTP endpoint (``POST {base_url}/embeddings``)."""

from __future__ import annotations

import re

import httpx
import numpy as np

from knowledge.embedders._util import unit_rows
from knowledge.embedders.base import Embedder
from knowledge.errors import EmbedderUnavailable


class OpenAIEmbedder(Embedder):
    def __init__(
        self,
        base_url: str,
        model: str = "default",
        api_key: str | None = None,
        timeout_s: float = 60.0,
        batch_size: int = 64,
        transport: httpx.BaseTransport | None = None,  # tests pass a MockTransport
    ) -> None:
        self._url = base_url.rstrip("/") + "/embeddings"
        self._model = model
        self._batch_size = batch_size
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.Client(timeout=timeout_s, headers=headers, transport=transport)
        self.name = "openai-" + re.sub(r"[^a-zA-Z0-9._-]+", "-", model).strip("-")
        self.dim = 0  # known after the first call

    def embed(self, texts: list[str]) -> list[list[float]]:
        rows: list[list[float]] = []
        for s in range(0, len(texts), self._batch_size):
            batch = texts[s : s + self._batch_size]
            try:
                resp = self._client.post(self._url, json={"model": self._model, "input": batch})
                resp.raise_for_status()
                data = sorted(resp.json()["data"], key=lambda d: d["index"])
                vecs = np.asarray([d["embedding"] for d in data], dtype=np.float32)
            except (httpx.HTTPError, KeyError, TypeError, ValueError) as exc:
                raise EmbedderUnavailable(f"embeddings endpoint {self._url}: {exc}") from exc
            if len(vecs) != len(batch):
                raise EmbedderUnavailable(
                    f"embeddings endpoint returned {len(vecs)} vectors for {len(batch)} texts"
                )
            self.dim = int(vecs.shape[1])
            rows.extend(unit_rows(vecs))
        return rows
