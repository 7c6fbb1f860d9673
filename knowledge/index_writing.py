"""The writing half of KnowledgeIndex (knowledge.index): documents in and out, the table, the
vector store and the in-memory caches kept in step.

A write is atomic per document as seen from the table, which is the truth: its chunks and
lexical terms change in one transaction, and the vectors are journalled around it (the ids
go to the table's ``pending`` list before the vector store is touched and leave it in the
transaction that writes the chunks). ``reconcile`` — run when the index opens — finishes what
an interrupted write left: pending ids get the vector of what the table holds (or none), and
vectors of chunks the table does not have (orphans, from before the journal) are removed.
Writers hold ``<root>/write.lock`` (flock) too, so processes sharing an index root never
interleave a write with another's write or reconciliation.

A mixin: KnowledgeIndex provides the attributes annotated on the class (``_write_lock`` for
writers, ``_lock`` for what readers share).
"""

from __future__ import annotations

import fcntl
import logging
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from tqdm.auto import tqdm

from knowledge.chunk_table import document_digest
from knowledge.errors import InvalidInput
from knowledge.lexical import terms
from knowledge.metadata import KINDS, filter_metadata
from knowledge.types import Document

if TYPE_CHECKING:
    import threading

    from knowledge.chunk_table import ChunkTable
    from knowledge.embedders.base import Embedder
    from knowledge.index_snapshot import Snapshot
    from knowledge.vectorstore import VectorStore


log = logging.getLogger(__name__)


class IndexWriting:
    root: Path
    embedder: Embedder
    store: VectorStore
    batch_size: int
    _table: ChunkTable
    _raw: dict[str, np.ndarray] | None
    _snapshot: Snapshot | None
    _fingerprint: str | None
    _write_lock: threading.Lock
    _lock: threading.Lock

    def add_documents(self, docs: Iterable[Document], progress: bool = True) -> dict[str, int]:
        """Index (or replace) documents. Counts: documents, unchanged (same content, skipped),
        added / replaced / removed chunks."""
        stats: Counter[str] = Counter(documents=0, unchanged=0, added=0, replaced=0, removed=0)
        batch: dict[str, Document] = {}
        n_chunks = 0
        with self._writing():
            for doc in tqdm(docs, desc="indexing", unit="doc", disable=not progress):
                validate_document(doc)
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
        touched = stale + [c.id for _, c in chunks]
        self._table.mark_pending(touched)
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
        self._table.put(rows, done=touched)
        with self._lock:
            if self._raw is not None:
                for cid in stale:
                    self._raw.pop(cid, None)
                for (_, c), v in zip(chunks, vectors):
                    self._raw[c.id] = np.asarray(v, dtype=np.float32)
        self._changed()

    def delete_document(self, doc_id: str) -> bool:
        with self._writing():
            existed, chunk_ids = self._table.delete(doc_id)
            if chunk_ids:
                self.store.delete(ids=chunk_ids)
                self._table.clear_pending(chunk_ids)
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

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """The write lock of this process and of every process on the same index root."""
        with self._write_lock:
            self.root.mkdir(parents=True, exist_ok=True)
            with open(self.root / "write.lock", "a") as f:
                fcntl.flock(f, fcntl.LOCK_EX)  # released when the file closes, or the process dies
                yield

    def reconcile(self) -> dict[str, int]:
        """Bring the vector store in line with the table: finish interrupted writes, remove
        orphan vectors, embed chunks without one. Counts of what was done."""
        done = {"pending": 0, "orphans": 0, "embedded": 0}
        with self._writing():
            pending = self._table.pending()
            if pending:
                # an interrupted write: each id gets the vector of what the table holds, or none
                rows = self._table.search_texts_of(pending)
                kept = {cid for cid, _, _ in rows}
                self.store.delete(ids=[c for c in pending if c not in kept])
                self._embed(rows)
                self._table.clear_pending(pending)
                done["pending"] = len(pending)
            n = self._table.n_chunks()
            if self.store.count() != n:
                table_ids = self._table.chunk_ids_all()
                stored = self.store.ids()
                orphans = sorted(stored - table_ids)
                if orphans:
                    self.store.delete(ids=orphans)
                missing = sorted(table_ids - stored)
                self._embed(self._table.search_texts_of(missing))
                done["orphans"], done["embedded"] = len(orphans), len(missing)
        if any(done.values()):
            log.warning("index reconciled with its vector store: %s", done)
            self._changed()
            with self._lock:
                self._raw = None
        return done

    def _embed(self, rows: list[tuple[str, str, dict[str, Any]]]) -> None:
        """(Re-)embed and store the vectors of table rows (chunk id, search text, metadata)."""
        if not rows:
            return
        bar = tqdm(
            total=len(rows),
            desc=f"re-embedding ({self.embedder.name})",
            unit="chunk",
            disable=len(rows) < self.batch_size,
        )
        for s in range(0, len(rows), self.batch_size):
            part = rows[s : s + self.batch_size]
            vectors = self.embedder.embed([t for _, t, _ in part])
            self.store.upsert(
                [i for i, _, _ in part], vectors, [t for _, t, _ in part], [m for _, _, m in part]
            )
            bar.update(len(part))
        bar.close()


def validate_document(doc: Document) -> None:
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
