"""KnowledgeIndex: regulations and past answers, searchable by hybrid retrieval.

Layout under ``root``: ``chunks.sqlite`` (documents, chunks, lexical terms: the source of
truth), ``label_projection-<embedder>.npz`` (the supervised dense projection) and, for the
embedded vector store, ``chroma/``. BM25 lives in memory and is rebuilt lazily after a change;
vectors live in the VectorStore, which mirrors the table.

Hybrid search (the default mode, what ``evals.retrieval`` measures):
1. lexical: BM25 top ``candidates``;
2. dense: cosine in the label-separating space of ``knowledge.projection`` (raw vectors plus
   an LDA projection fitted on the indexed answers' labels), brute force over an in-memory
   matrix so filters are exact; without a projection (too few labelled chunks) the vector
   store's plain cosine;
3. weighted z-score fusion (``knowledge.fusion``);
4. near-duplicate copies (same appeal, same label) of a better candidate dropped;
5. label-aware re-ranking by neighbourhood voting (``knowledge.rerank``).

Labels (``label_field``, default the portal's ``reason``, else ``category``) are metadata of
the indexed answers; a query's label is never known or used.

The projection is refitted when the number of labelled chunks has drifted by more than
``refit_drift`` since the last fit (checked when the in-memory snapshot is rebuilt after a
change) or on ``refit_projection()``; in between, new chunks are projected with the old matrix.

One writer at a time (a write lock), any number of readers: a search takes a consistent
snapshot of the lexical side under a short lock.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from tqdm.auto import tqdm

from drafter.errors import InvalidInput
from knowledge.chunk_table import ChunkTable, document_digest
from knowledge.embedders.base import Embedder
from knowledge.fusion import DENSE_WEIGHT, DUPLICATE_COSINE, drop_near_duplicates, fuse
from knowledge.lexical import LexicalIndex, terms
from knowledge.projection import (
    BETA,
    MIN_LABELLED,
    SHRINKAGE,
    LabelProjection,
    fit_projection,
)
from knowledge.rerank import LABEL_WEIGHT, NEIGHBOURS, REPEAT, label_rerank
from knowledge.types import Chunk, Document, Hit
from knowledge.vectorstore import VectorStore, collection_name, matches, normalize_where

MODES = ("hybrid", "lexical", "dense")
KINDS = ("regulation", "answer")
_MAX_FILTER_STR = 200  # longer strings (an appeal's text) are not filter values
LABEL_FIELD = "reason"
FALLBACK_LABEL_FIELD = "category"
REFIT_DRIFT = 0.1
_FETCH = 5000  # vectors per read from the store


def label_of(meta: dict[str, Any], field: str = LABEL_FIELD) -> str | None:
    """A chunk's label: ``field``, else its category; None for unlabelled chunks."""
    value = meta.get(field) or meta.get(FALLBACK_LABEL_FIELD)
    return str(value) if value else None


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


class _Snapshot:
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
        label_field: str = LABEL_FIELD,
        label_weight: float = LABEL_WEIGHT,
        label_neighbours: int = NEIGHBOURS,
        label_repeat: float = REPEAT,
        projection: bool = True,
        projection_shrinkage: float = SHRINKAGE,
        projection_beta: float = BETA,
        refit_drift: float = REFIT_DRIFT,
    ) -> None:
        self.root = Path(root)
        self.embedder = embedder
        self.store = store
        self.dense_weight = dense_weight
        self.n_candidates = candidates
        self.batch_size = batch_size
        self.duplicate_cosine = duplicate_cosine  # None: keep near-duplicates in hybrid results
        self.label_field = label_field
        self.label_weight = label_weight  # 0: no label-aware re-ranking
        self.label_neighbours = label_neighbours
        self.label_repeat = label_repeat
        self.use_projection = projection  # False: the dense side is the store's plain cosine
        self.projection_shrinkage = projection_shrinkage
        self.projection_beta = projection_beta
        self.refit_drift = refit_drift
        # one per embedder: a projection fitted on other vectors means nothing
        self._projection_path = self.root / f"label_projection-{collection_name(embedder.name)}.npz"
        self._projection: LabelProjection | None = None
        self._projection_loaded = False
        self._raw: dict[str, np.ndarray] | None = None  # chunk id → stored vector, lazily
        self._table = ChunkTable(self.root / "chunks.sqlite")
        self._write_lock = threading.Lock()
        self._lock = threading.Lock()
        self._snapshot: _Snapshot | None = None
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
        with self._lock:
            if self._raw is not None:
                for cid in stale:
                    self._raw.pop(cid, None)
                for (_, c), v in zip(chunks, vectors):
                    self._raw[c.id] = np.asarray(v, dtype=np.float32)
        self._changed()

    def delete_document(self, doc_id: str) -> bool:
        with self._write_lock:
            existed, chunk_ids = self._table.delete(doc_id)
            if chunk_ids:
                self.store.delete(ids=chunk_ids)
                with self._lock:
                    if self._raw is not None:
                        for cid in chunk_ids:
                            self._raw.pop(cid, None)
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

    def _lexical(self) -> _Snapshot:
        with self._lock:
            if self._snapshot is None:
                snap = _Snapshot(list(self._table.lexical_rows()), self.label_field)
                if self.use_projection:
                    self._attach_projection(snap)
                self._snapshot = snap
            return self._snapshot

    def _raw_vectors(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        """Stored vectors of ``ids``, read from the store once and then kept (caller holds
        ``_lock``)."""
        if self._raw is None:
            self._raw = {}
        missing = [i for i in ids if i not in self._raw]
        for s in range(0, len(missing), _FETCH):
            got = self.store.vectors(missing[s : s + _FETCH])
            self._raw.update({i: np.asarray(v, dtype=np.float32) for i, v in got.items()})
        return {i: self._raw[i] for i in ids if i in self._raw}

    def _attach_projection(
        self, snap: _Snapshot, refit: bool = False, exclude: frozenset[str] = frozenset()
    ) -> None:
        """Load the projection, refit it if asked or stale, and project the snapshot's vectors
        (caller holds ``_lock``). A fit that leaves chunks out is not persisted."""
        ids = snap.index.ids
        if not ids:
            return
        if not self._projection_loaded:
            self._projection = LabelProjection.load(self._projection_path)
            self._projection_loaded = True
        proj = self._projection
        if proj is not None and self.embedder.dim and proj.mean.shape[0] != self.embedder.dim:
            proj = None  # fitted for other vectors
        n_labelled = sum(1 for i in ids if snap.labels.get(i))
        drifted = proj is None or abs(n_labelled - proj.n_fit) > self.refit_drift * proj.n_fit
        if refit or (drifted and n_labelled >= MIN_LABELLED):
            vecs = self._raw_vectors(ids)
            fit_ids = [i for i in ids if i in vecs and i not in exclude and snap.labels.get(i)]
            proj = None
            if fit_ids:
                proj = fit_projection(
                    np.stack([vecs[i] for i in fit_ids]),
                    [snap.labels[i] for i in fit_ids],
                    self.projection_shrinkage,
                    self.projection_beta,
                )
            if proj is not None and not exclude:
                proj.save(self._projection_path)
            self._projection = proj
        if proj is None:
            return
        vecs = self._raw_vectors(ids)
        if len(vecs) < len(ids):  # the store lags the table: plain cosine until it catches up
            return
        snap.projection = proj
        snap.projected = proj.transform(np.stack([vecs[i] for i in ids]))

    def refit_projection(self, exclude: Iterable[str] = ()) -> bool:
        """Fit the dense projection now, on every labelled chunk but ``exclude`` (the
        evaluation holds out its tuning slice so; such a fit is not persisted). Whether a
        projection is in use afterwards."""
        with self._lock:
            snap = _Snapshot(list(self._table.lexical_rows()), self.label_field)
            self._attach_projection(snap, refit=True, exclude=frozenset(exclude))
            self._snapshot = snap
            return snap.projection is not None

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
            if snap.projected is not None:
                dense = snap.dense_top(vector, n, mask)
            else:
                # a filter that keeps everything costs Chroma a scan (~25x slower): leave it out
                store_flt = None if mask is not None and mask.all() else flt
                dense = [
                    (i, s) for i, s in self.store.query(vector, n, store_flt) if i in snap.known
                ]
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
        dropped, re-ranked by the labels of the neighbourhood: ``rank``), or one retriever
        alone ("lexical", "dense"), as they rank.
        """
        if mode not in MODES:
            raise InvalidInput(f"unknown search mode {mode!r}: one of {', '.join(MODES)}")
        if not query.strip() or k <= 0:
            return []
        modes = ("lexical", "dense") if mode == "hybrid" else (mode,)
        lex, dense = self.candidates(query, kind, where, max(k, self.n_candidates), modes)
        if mode == "hybrid":
            ranked = self.rank(lex, dense, k)
        else:
            ranked = [(cid, s, {mode: r}) for r, (cid, s) in enumerate(lex or dense, 1)]
        hits = []
        for cid, score, ranks in ranked[:k]:
            chunk = self._table.chunk(cid)
            if chunk is not None:
                hits.append(Hit(chunk=chunk, score=float(score), ranks=ranks))
        return hits

    def rank(
        self, lexical: list[tuple[str, float]], dense: list[tuple[str, float]], k: int
    ) -> list[tuple[str, float, dict[str, int]]]:
        """Hybrid ranking of both retrievers' candidates (``candidates``): fusion, then
        near-duplicate copies with the same label dropped (before the vote, so a re-filed
        appeal votes once and a label's only representative is not lost to a copy filed under
        another label), then the label-aware re-ranking; the best ``k`` (chunk id, score,
        ranks)."""
        ranked = fuse(lexical, dense, self.dense_weight)
        labels = self._lexical().labels
        if self.duplicate_cosine is not None and len(ranked) > 1:
            with self._lock:
                vectors = self._raw_vectors([cid for cid, _, _ in ranked])
            ranked = drop_near_duplicates(
                ranked, vectors, len(ranked), self.duplicate_cosine, labels
            )
        if self.label_weight:
            ranked = label_rerank(
                ranked,
                labels,
                self.label_weight,
                self.label_neighbours,
                self.label_repeat,
                k=k,
            )
        return ranked[:k]

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
