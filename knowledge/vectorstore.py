"""The VectorStore seam: Chroma (embedded or server) and an in-memory fake.

Filters (``where``) use Chroma's language, a subset of it: ``{"field": value}``,
``{"field": {"$eq"|"$ne"|"$in"|"$nin": ...}}``, ``{"$and": [...]}``, ``{"$or": [...]}``; several
fields at the top level mean AND. ``matches`` evaluates the same language in Python, so the
lexical side and the fake filter exactly as Chroma does.
"""

from __future__ import annotations

import re
import threading
from abc import ABC, abstractmethod
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from knowledge.errors import InvalidInput, VectorStoreUnavailable

Metadata = dict[str, str | int | float | bool]
_OPS = {"$eq", "$ne", "$in", "$nin"}
# cosine space; a wider beam than Chroma's default so the top 50 candidates are near-exact
HNSW = {"space": "cosine", "ef_construction": 200, "ef_search": 200}


def normalize_where(where: dict[str, Any] | None) -> dict[str, Any] | None:
    """Chroma wants one key per dict: several top-level fields become an explicit $and."""
    if not where:
        return None
    clauses = []
    for key, cond in where.items():
        if key in ("$and", "$or"):
            if not isinstance(cond, list) or not cond:
                raise InvalidInput(f"filter {key} needs a non-empty list")
            parts = [normalize_where(c) for c in cond]
            clauses.append({key: parts} if len(parts) > 1 else parts[0])
        elif key.startswith("$"):
            raise InvalidInput(f"unsupported filter operator {key}")
        elif isinstance(cond, dict):
            if len(cond) != 1 or next(iter(cond)) not in _OPS:
                raise InvalidInput(f"filter on {key}: use one of {sorted(_OPS)}")
            clauses.append({key: cond})
        else:
            clauses.append({key: {"$eq": cond}})
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def matches(meta: dict[str, Any], where: dict[str, Any] | None) -> bool:
    """Whether ``meta`` satisfies a (normalised or not) filter."""
    if not where:
        return True
    for key, cond in where.items():
        if key == "$and":
            if not all(matches(meta, c) for c in cond):
                return False
        elif key == "$or":
            if not any(matches(meta, c) for c in cond):
                return False
        else:
            op, arg = next(iter(cond.items())) if isinstance(cond, dict) else ("$eq", cond)
            if not _test(op, meta.get(key), arg):
                return False
    return True


def _test(op: str, value: Any, arg: Any) -> bool:
    if op == "$eq":
        return bool(value == arg)
    if op == "$ne":  # like Chroma: a record without the field passes $ne and $nin
        return bool(value != arg)
    if op == "$in":
        return value in arg
    if op == "$nin":
        return value not in arg
    raise InvalidInput(f"unsupported filter operator {op}")


class VectorStore(ABC):
    """Vectors with ids, the searched text and flat metadata; cosine similarity."""

    @abstractmethod
    def upsert(
        self,
        ids: Sequence[str],
        vectors: Sequence[Sequence[float]],
        documents: Sequence[str],
        metadatas: Sequence[Metadata],
    ) -> None: ...

    @abstractmethod
    def delete(
        self, ids: Sequence[str] | None = None, where: dict[str, Any] | None = None
    ) -> None: ...

    @abstractmethod
    def query(
        self, vector: Sequence[float], k: int, where: dict[str, Any] | None = None
    ) -> list[tuple[str, float]]:
        """Up to ``k`` (id, cosine similarity), best first."""

    @abstractmethod
    def count(self) -> int: ...

    @abstractmethod
    def vectors(self, ids: Sequence[str]) -> dict[str, list[float]]:
        """The stored vectors of those ``ids`` that exist."""

    @abstractmethod
    def ids(self) -> set[str]:
        """Every stored id (start-up reconciliation with the chunk table)."""


class MemoryVectorStore(VectorStore):
    """Brute-force numpy store: the fake for tests, fine for a few thousand vectors."""

    def __init__(self) -> None:
        self._rows: dict[str, tuple[np.ndarray, Metadata]] = {}
        self._lock = threading.Lock()

    def upsert(
        self,
        ids: Sequence[str],
        vectors: Sequence[Sequence[float]],
        documents: Sequence[str],
        metadatas: Sequence[Metadata],
    ) -> None:
        with self._lock:
            for i, v, m in zip(ids, vectors, metadatas, strict=True):
                self._rows[i] = (np.asarray(v, dtype=np.float32), dict(m))

    def delete(self, ids: Sequence[str] | None = None, where: dict[str, Any] | None = None) -> None:
        with self._lock:
            for i in list(ids or []):
                self._rows.pop(i, None)
            if where:
                w = normalize_where(where)
                for i in [i for i, (_, m) in self._rows.items() if matches(m, w)]:
                    del self._rows[i]

    def query(
        self, vector: Sequence[float], k: int, where: dict[str, Any] | None = None
    ) -> list[tuple[str, float]]:
        w = normalize_where(where)
        with self._lock:
            rows = [(i, v) for i, (v, m) in self._rows.items() if matches(m, w)]
        if not rows or k <= 0:
            return []
        q = np.asarray(vector, dtype=np.float32)
        sims = np.stack([v for _, v in rows]) @ q
        order = np.argsort(-sims, kind="stable")[:k]
        return [(rows[j][0], float(sims[j])) for j in order]

    def count(self) -> int:
        return len(self._rows)

    def vectors(self, ids: Sequence[str]) -> dict[str, list[float]]:
        with self._lock:
            return {i: self._rows[i][0].tolist() for i in ids if i in self._rows}

    def ids(self) -> set[str]:
        with self._lock:
            return set(self._rows)


def collection_name(name: str) -> str:
    """A valid Chroma collection name (3–512 chars of [a-zA-Z0-9._-], alphanumeric ends)."""
    safe = re.sub(r"[^a-zA-Z0-9._-]+", "-", name).strip("-._") or "drafter"
    return (safe + "-col")[:512] if len(safe) < 3 else safe[:512]


class ChromaVectorStore(VectorStore):
    def __init__(self, client: Any, collection: str) -> None:
        self._client = client
        self.collection_name = collection_name(collection)
        try:
            self._col = client.get_or_create_collection(
                self.collection_name, configuration={"hnsw": HNSW}
            )
            self._max_batch = int(client.get_max_batch_size())
        except Exception as exc:  # chroma raises many types; callers see one
            raise VectorStoreUnavailable(f"Chroma collection {collection!r}: {exc}") from exc

    @classmethod
    def embedded(cls, path: Path, collection: str) -> ChromaVectorStore:
        try:
            import chromadb
            from chromadb.config import Settings as ChromaSettings

            Path(path).mkdir(parents=True, exist_ok=True)
            client = chromadb.PersistentClient(
                path=str(path), settings=ChromaSettings(anonymized_telemetry=False)
            )
        except Exception as exc:
            raise VectorStoreUnavailable(f"cannot open Chroma at {path}: {exc}") from exc
        return cls(client, collection)

    @classmethod
    def server(cls, host: str, port: int, collection: str) -> ChromaVectorStore:
        try:
            import chromadb
            from chromadb.config import Settings as ChromaSettings

            client = chromadb.HttpClient(
                host=host, port=port, settings=ChromaSettings(anonymized_telemetry=False)
            )
        except Exception as exc:
            raise VectorStoreUnavailable(f"cannot reach Chroma at {host}:{port}: {exc}") from exc
        return cls(client, collection)

    def upsert(
        self,
        ids: Sequence[str],
        vectors: Sequence[Sequence[float]],
        documents: Sequence[str],
        metadatas: Sequence[Metadata],
    ) -> None:
        step = max(1, self._max_batch)
        try:
            for s in range(0, len(ids), step):
                self._col.upsert(
                    ids=list(ids[s : s + step]),
                    embeddings=[list(map(float, v)) for v in vectors[s : s + step]],
                    documents=list(documents[s : s + step]),
                    metadatas=[dict(m) or None for m in metadatas[s : s + step]],
                )
        except Exception as exc:
            raise VectorStoreUnavailable(f"Chroma upsert failed: {exc}") from exc

    def delete(self, ids: Sequence[str] | None = None, where: dict[str, Any] | None = None) -> None:
        ids = list(ids or [])
        w = normalize_where(where)
        if not ids and not w:
            return
        try:
            for s in range(0, len(ids), self._max_batch):
                self._col.delete(ids=ids[s : s + self._max_batch])
            if w:
                self._col.delete(where=w)
        except Exception as exc:
            raise VectorStoreUnavailable(f"Chroma delete failed: {exc}") from exc

    def query(
        self, vector: Sequence[float], k: int, where: dict[str, Any] | None = None
    ) -> list[tuple[str, float]]:
        if k <= 0:
            return []
        try:
            res = self._col.query(
                query_embeddings=[list(map(float, vector))],
                n_results=k,
                where=normalize_where(where),
                include=["distances"],
            )
        except Exception as exc:
            raise VectorStoreUnavailable(f"Chroma query failed: {exc}") from exc
        ids, dists = res["ids"][0], res["distances"][0]
        return [(i, 1.0 - float(d)) for i, d in zip(ids, dists)]  # cosine distance → similarity

    def count(self) -> int:
        try:
            return int(self._col.count())
        except Exception as exc:
            raise VectorStoreUnavailable(f"Chroma count failed: {exc}") from exc

    def vectors(self, ids: Sequence[str]) -> dict[str, list[float]]:
        if not ids:
            return {}
        try:
            res = self._col.get(ids=list(ids), include=["embeddings"])
        except Exception as exc:
            raise VectorStoreUnavailable(f"Chroma get failed: {exc}") from exc
        return {i: list(map(float, v)) for i, v in zip(res["ids"], res["embeddings"])}

    def ids(self) -> set[str]:
        out: set[str] = set()
        step = max(1, min(self._max_batch, 5000))
        try:
            while True:
                got = self._col.get(include=[], limit=step, offset=len(out))
                out.update(got["ids"])
                if len(got["ids"]) < step:
                    return out
        except Exception as exc:
            raise VectorStoreUnavailable(f"Chroma get failed: {exc}") from exc
