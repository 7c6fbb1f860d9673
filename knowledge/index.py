"""KnowledgeIndex: regulations and past answers, searchable by hybrid retrieval.

Layout under ``root``: ``chunks.sqlite`` (documents, chunks, lexical terms: the source of
truth), ``label_projection-<embedder>.npz`` (the supervised dense projection) and, for the
embedded vector store, ``chroma/``. BM25 lives in memory and is rebuilt lazily after a change;
vectors live in the VectorStore, which mirrors the table; opening the index reconciles the two
(an interrupted ingest leaves neither orphan vectors nor chunks without one).

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

Beside this module: ``knowledge.index_writing`` (documents in and out),
``knowledge.index_snapshot`` (what a search reads from memory) and ``knowledge.metadata``
(the metadata a filter matches, a chunk's label).
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from knowledge.chunk_table import ChunkTable
from knowledge.embedders.base import Embedder
from knowledge.errors import InvalidInput
from knowledge.fusion import DENSE_WEIGHT, DUPLICATE_COSINE, drop_near_duplicates, fuse
from knowledge.index_snapshot import Snapshot
from knowledge.index_writing import IndexWriting
from knowledge.metadata import FALLBACK_LABEL_FIELD, KINDS, LABEL_FIELD, filter_metadata, label_of
from knowledge.projection import (
    BETA,
    MIN_LABELLED,
    SHRINKAGE,
    LabelProjection,
    fit_projection,
)
from knowledge.rerank import LABEL_WEIGHT, NEIGHBOURS, REPEAT, label_rerank
from knowledge.topics import TopicModel
from knowledge.types import Chunk, Hit
from knowledge.vectorstore import VectorStore, collection_name, normalize_where

__all__ = [
    "FALLBACK_LABEL_FIELD",
    "KINDS",
    "LABEL_FIELD",
    "MODES",
    "REFIT_DRIFT",
    "KnowledgeIndex",
    "filter_metadata",
    "label_of",
]

MODES = ("hybrid", "lexical", "dense")
REFIT_DRIFT = 0.1
_FETCH = 5000  # vectors per read from the store


class KnowledgeIndex(IndexWriting):
    """The index; its writing half (add_documents, delete_document) is IndexWriting's."""

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
        self._topic_path = self.root / "topic_model.npz"
        self._topic: TopicModel | None = None
        self._topic_loaded = False
        self._topic_checked: str | None = None  # the fingerprint last checked for drift
        self._topic_lock = threading.Lock()
        self._raw: dict[str, np.ndarray] | None = None  # chunk id → stored vector, lazily
        self._table = ChunkTable(self.root / "chunks.sqlite")
        self._write_lock = threading.Lock()
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self._fingerprint: str | None = None
        self._seen_version = self._table.data_version()
        self.reconcile()

    # -- reading -----------------------------------------------------------------------------

    def _lexical(self) -> Snapshot:
        with self._lock:
            self._drop_if_written_elsewhere()
            if self._snapshot is None:
                snap = Snapshot(list(self._table.lexical_rows()), self.label_field)
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
        self, snap: Snapshot, refit: bool = False, exclude: frozenset[str] = frozenset()
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
            snap = Snapshot(list(self._table.lexical_rows()), self.label_field)
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

    def topic_model(self) -> TopicModel | None:
        """The judge of whether a reply is about an appeal's problem (``knowledge.topics``),
        fitted on the indexed past answers and their labels; refitted as the projection is,
        when the labelled answers have drifted. None: too few labelled answers."""
        with self._topic_lock:
            if not self._topic_loaded:
                self._topic = TopicModel.load(self._topic_path)
                self._topic_loaded = True
            current = self.fingerprint()
            if self._topic_checked != current:  # the contents changed: drifted far enough?
                rows = [(a, t, label_of(m, self.label_field)) for a, t, m in self._table.answers()]
                n_labelled = sum(1 for *_, lab in rows if lab)
                model = self._topic
                if model is None or abs(n_labelled - model.n_fit) > self.refit_drift * model.n_fit:
                    model = TopicModel.fit(*zip(*rows)) if rows else None
                    if model is not None:
                        model.save(self._topic_path)
                    self._topic = model
                self._topic_checked = current
            return self._topic

    def get_chunk(self, chunk_id: str) -> Chunk | None:
        return self._table.chunk(chunk_id)

    def documents(self) -> list[dict[str, Any]]:
        return self._table.documents()

    def _drop_if_written_elsewhere(self) -> None:
        """Another process sharing the index root (an API process learning an approved reply,
        while workers draft) committed to the table: what this one holds in memory is stale
        (caller holds ``_lock``). Vectors read so far stay cached; new ids are fetched."""
        version = self._table.data_version()
        if version != self._seen_version:
            self._seen_version = version
            self._snapshot = None
            self._fingerprint = None

    def fingerprint(self) -> str:
        """Changes whenever the indexed contents (or the embedder) change."""
        with self._lock:
            self._drop_if_written_elsewhere()
            if self._fingerprint is None:
                h = hashlib.sha1(f"{self.embedder.name}\n{self._table.fingerprint()}".encode())
                self._fingerprint = h.hexdigest()[:16]
            return self._fingerprint

    def __len__(self) -> int:
        """Number of chunks (retrievable units)."""
        return self._table.n_chunks()

    def close(self) -> None:
        self._table.close()
