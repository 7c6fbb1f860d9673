"""KnowledgeIndex: regulations and past answers, searchable by hybrid retrieval.

Layout under ``root``: ``chunks.sqlite`` (documents, chunks, lexical terms: the source of
truth) and, for the embedded vector store, ``chroma/``. BM25 lives in memory and is rebuilt
lazily after a change; vectors live in the VectorStore, which mirrors the table.

One writer at a time (a write lock), any number of readers: a search takes a consistent
snapshot of the lexical side under a short lock.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
from tqdm.auto import tqdm

from drafter.errors import InvalidInput
from knowledge.chunk_table import ChunkTable, document_digest
from knowledge.embedders.base import Embedder
from knowledge.fusion import DENSE_WEIGHT, DUPLICATE_COSINE, drop_near_duplicates, fuse
from knowledge.lexical import LexicalIndex, terms
from knowledge.types import Chunk, Document, Hit
from knowledge.vectorstore import VectorStore, matches, normalize_where

MODES = ("hybrid", "lexical", "dense")
KINDS = ("regulation", "answer")
_MAX_FILTER_STR = 200  # longer strings (an appeal's text) are not filter values


def filter_metadata(doc: Document, chunk: Chunk) -> dict[str, Any]:
    """The flat metadata both retrievers filter on: scalar fields of document and chunk."""
    meta: dict[str, Any] = {}
    for source in (doc.metadata, chunk.metadata):
        for key, value in source.items():
            if isinstance(value, (bool, int, float)) or (
                isinstance(value, str) and value and len(value) <= _MAX_FILTER_STR
            ):
                meta[key] = value
    meta["kind"] = chunk.kind
    meta["doc_id"] = doc.id
    return meta


class _LexicalSnapshot:
    def __init__(self, rows: list[tuple[str, dict[str, Any], list[str]]]) -> None:
        self.index = LexicalIndex([r[0] for r in rows], [r[2] for r in rows])
        self.metas = [r[1] for r in rows]
        self.known = set(self.index.ids)
        self._masks: dict[str, np.ndarray] = {}

    def mask(self, where: dict[str, Any] | None) -> np.ndarray | None:
        if not where:
            return None
        key = json.dumps(where, sort_keys=True, ensure_ascii=False)
        if key not in self._masks:
            if len(self._masks) > 256:
                self._masks.clear()
            self._masks[key] = np.fromiter((matches(m, where) for m in self.metas), bool)
        return self._masks[key]


class KnowledgeIndex:
    def __init__(
        self,
        root: Path,
        embedder: Embedder,
        store: VectorStore,
        *,
        dense_weight: float = DENSE_WEIGHT,
        candidates: int = 50,
        batch_size: int = 256,
        duplicate_cosine: float | None = DUPLICATE_COSINE,
    ) -> None:
        self.root = Path(root)
        self.embedder = embedder
        self.store = store
        self.dense_weight = dense_weight
        self.n_candidates = candidates
        self.batch_size = batch_size
        self.duplicate_cosine = duplicate_cosine  # None: keep near-duplicates in hybrid results
        self._table = ChunkTable(self.root / "chunks.sqlite")
        self._write_lock = threading.Lock()
        self._lock = threading.Lock()
        self._snapshot: _LexicalSnapshot | None = None
        self._fingerprint: str | None = None
        self._sync_vectors()

    # -- writing -----------------------------------------------------------------------------

    def add_documents(self, docs: Iterable[Document], progress: bool = True) -> dict[str, int]:
        """Index (or replace) documents. Counts: documents, unchanged (same content, skipped),
        added / replaced / removed chunks."""
        stats: Counter[str] = Counter(documents=0, unchanged=0, added=0, replaced=0, removed=0)
        batch: dict[str, Document] = {}
        n_chunks = 0
        with self._write_lock:
            for doc in tqdm(docs, desc="indexing", unit="doc", disable=not progress):
                _validate(doc)
                if doc.id in batch:  # the same id twice in one batch: the last one wins
                    n_chunks -= len(batch.pop(doc.id).chunks)
                batch[doc.id] = doc
                n_chunks += len(doc.chunks)
                if n_chunks >= self.batch_size:
                    self._write(list(batch.values()), stats)
                    batch, n_chunks = {}, 0
            if batch:
                self._write(list(batch.values()), stats)
        return dict(stats)

    def _write(self, docs: list[Document], stats: Counter[str]) -> None:
        todo = []
        for doc in docs:
            stats["documents"] += 1
            digest = document_digest(doc)
            if self._table.digest(doc.id) == digest:
                stats["unchanged"] += 1
                continue
            old = set(self._table.chunk_ids(doc.id))
            new = {c.id for c in doc.chunks}
            stats["added"] += len(new - old)
            stats["replaced"] += len(new & old)
            stats["removed"] += len(old - new)
            todo.append((doc, digest, old - new))
        if not todo:
            return
        chunks = [(doc, c) for doc, _, _ in todo for c in doc.chunks]
        metas = [filter_metadata(doc, c) for doc, c in chunks]
        vectors = self.embedder.embed([c.search_text for _, c in chunks]) if chunks else []
        stale = [cid for _, _, gone in todo for cid in gone]
        if stale:
            self.store.delete(ids=stale)
        if chunks:
            self.store.upsert(
                [c.id for _, c in chunks], vectors, [c.search_text for _, c in chunks], metas
            )
        rows, i = [], 0
        for doc, digest, _ in todo:
            n = len(doc.chunks)
            rows.append((doc, digest, metas[i : i + n], [terms(c.search_text) for c in doc.chunks]))
            i += n
        self._table.put(rows)
        self._changed()

    def delete_document(self, doc_id: str) -> bool:
        with self._write_lock:
            existed, chunk_ids = self._table.delete(doc_id)
            if chunk_ids:
                self.store.delete(ids=chunk_ids)
            if existed:
                self._changed()
        return existed

    def _changed(self) -> None:
        with self._lock:
            self._snapshot = None
            self._fingerprint = None

    def _sync_vectors(self) -> None:
        """Re-embed everything if the store lost vectors (a new embedder, a wiped directory)."""
        n = self._table.n_chunks()
        if n == 0 or self.store.count() >= n:
            return
        rows = list(self._table.search_texts())
        bar = tqdm(total=len(rows), desc=f"re-embedding ({self.embedder.name})", unit="chunk")
        for s in range(0, len(rows), self.batch_size):
            part = rows[s : s + self.batch_size]
            vectors = self.embedder.embed([t for _, t, _ in part])
            self.store.upsert(
                [i for i, _, _ in part], vectors, [t for _, t, _ in part], [m for _, _, m in part]
            )
            bar.update(len(part))
        bar.close()

    # -- reading -----------------------------------------------------------------------------

    def _lexical(self) -> _LexicalSnapshot:
        with self._lock:
            if self._snapshot is None:
                self._snapshot = _LexicalSnapshot(list(self._table.lexical_rows()))
            return self._snapshot

    def candidates(
        self,
        query: str,
        kind: str | None = None,
        where: dict[str, Any] | None = None,
        n: int | None = None,
        modes: tuple[str, ...] = ("lexical", "dense"),
    ) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
        """Each retriever's own top ``n`` (chunk id, score): lexical (BM25), dense (cosine)."""
        n = n or self.n_candidates
        if kind is not None and kind not in KINDS:
            raise InvalidInput(f"unknown kind {kind!r}: one of {', '.join(KINDS)}")
        full = dict(where or {})
        if kind:
            full["kind"] = kind
        flt = normalize_where(full)
        snap = self._lexical()
        mask = snap.mask(flt)
        lex = snap.index.top(query, n, mask) if "lexical" in modes else []
        dense: list[tuple[str, float]] = []
        if "dense" in modes and snap.known:
            vector = self.embedder.embed([query])[0]
            # a filter that keeps everything costs Chroma a scan (~25x slower): leave it out
            store_flt = None if mask is not None and mask.all() else flt
            dense = [(i, s) for i, s in self.store.query(vector, n, store_flt) if i in snap.known]
        return lex, dense

    def search(
        self,
        query: str,
        k: int = 5,
        kind: str | None = None,
        where: dict[str, Any] | None = None,
        mode: str = "hybrid",
    ) -> list[Hit]:
        """Best ``k`` chunks for ``query``; ``kind`` / ``where`` filter (e.g. agency, category).

        ``mode``: "hybrid" (both retrievers fused, near-duplicate copies of a better hit
        dropped), or one retriever alone ("lexical", "dense"), as they rank.
        """
        if mode not in MODES:
            raise InvalidInput(f"unknown search mode {mode!r}: one of {', '.join(MODES)}")
        if not query.strip() or k <= 0:
            return []
        modes = ("lexical", "dense") if mode == "hybrid" else (mode,)
        lex, dense = self.candidates(query, kind, where, max(k, self.n_candidates), modes)
        if mode == "hybrid":
            ranked = fuse(lex, dense, self.dense_weight)
            if self.duplicate_cosine is not None and len(ranked) > 1:
                vectors = self.store.vectors([cid for cid, _, _ in ranked])
                ranked = drop_near_duplicates(ranked, vectors, k, self.duplicate_cosine)
        else:
            ranked = [(cid, s, {mode: r}) for r, (cid, s) in enumerate(lex or dense, 1)]
        hits = []
        for cid, score, ranks in ranked[:k]:
            chunk = self._table.chunk(cid)
            if chunk is not None:
                hits.append(Hit(chunk=chunk, score=float(score), ranks=ranks))
        return hits

    def get_chunk(self, chunk_id: str) -> Chunk | None:
        return self._table.chunk(chunk_id)

    def documents(self) -> list[dict[str, Any]]:
        return self._table.documents()

    def fingerprint(self) -> str:
        """Changes whenever the indexed contents (or the embedder) change."""
        with self._lock:
            if self._fingerprint is None:
                h = hashlib.sha1(f"{self.embedder.name}\n{self._table.fingerprint()}".encode())
                self._fingerprint = h.hexdigest()[:16]
            return self._fingerprint

    def __len__(self) -> int:
        """Number of chunks (retrievable units)."""
        return self._table.n_chunks()

    def close(self) -> None:
        self._table.close()


def _validate(doc: Document) -> None:
    if not doc.id:
        raise InvalidInput("a document needs an id")
    if doc.kind not in KINDS:
        raise InvalidInput(f"document {doc.id}: unknown kind {doc.kind!r}")
    seen = set()
    for c in doc.chunks:
        if c.doc_id != doc.id:
            raise InvalidInput(f"chunk {c.id} belongs to {c.doc_id}, not to {doc.id}")
        if c.id in seen:
            raise InvalidInput(f"document {doc.id}: duplicate chunk id {c.id}")
        seen.add(c.id)
