"""The index's own record of documents and chunks: one SQLite file under the index root.

It is the source of truth for what is indexed (the vector store only mirrors it), keeps the
lexical terms so BM25 can be rebuilt without re-tokenising, and a digest per document so that
re-ingesting unchanged content costs nothing.

A document's chunks and lexical terms change in one SQLite transaction. Its vectors live in
another store, so a write is journalled: the chunk ids about to change are recorded in
``pending`` before the vector store is touched and cleared in the transaction that writes the
chunks. Whatever is still pending at start-up was interrupted (``kill -9``): the index puts
the vectors of those ids back in line with the table (knowledge.index_writing.reconcile).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from knowledge.types import Chunk, Document

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, title TEXT NOT NULL, source TEXT NOT NULL,
    metadata TEXT NOT NULL, digest TEXT NOT NULL, n_chunks INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS chunks (
    id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL,
    title TEXT NOT NULL, text TEXT NOT NULL, search_text TEXT NOT NULL, metadata TEXT NOT NULL,
    filter_meta TEXT NOT NULL, terms TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS pending (chunk_id TEXT PRIMARY KEY);
"""


def document_digest(doc: Document) -> str:
    payload = json.dumps(asdict(doc), ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha1(payload.encode()).hexdigest()


class ChunkTable:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        self._lock = threading.RLock()

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # -- reads -------------------------------------------------------------------------------

    def digest(self, doc_id: str) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT digest FROM documents WHERE id=?", (doc_id,)).fetchone()
        return row[0] if row else None

    def chunk_ids(self, doc_id: str) -> list[str]:
        with self._lock:
            rows = self._db.execute("SELECT id FROM chunks WHERE doc_id=?", (doc_id,)).fetchall()
        return [r[0] for r in rows]

    def documents(self) -> list[dict[str, Any]]:
        with self._lock:
            rows = self._db.execute(
                "SELECT id, kind, title, n_chunks, source, metadata FROM documents ORDER BY id"
            ).fetchall()
        return [
            {"id": i, "kind": k, "title": t, "n_chunks": n, "source": s, "metadata": json.loads(m)}
            for i, k, t, n, s, m in rows
        ]

    def chunk(self, chunk_id: str) -> Chunk | None:
        with self._lock:
            row = self._db.execute(
                "SELECT id, doc_id, kind, text, title, search_text, metadata FROM chunks WHERE id=?",
                (chunk_id,),
            ).fetchone()
        if not row:
            return None
        cid, doc_id, kind, text, title, search_text, meta = row
        return Chunk(cid, doc_id, kind, text, title, search_text, json.loads(meta))

    def lexical_rows(self) -> Iterator[tuple[str, dict[str, Any], list[str]]]:
        """(chunk id, filter metadata, terms) in a stable order."""
        with self._lock:
            rows = self._db.execute(
                "SELECT id, filter_meta, terms FROM chunks ORDER BY doc_id, seq"
            ).fetchall()
        for cid, fmeta, terms in rows:
            yield cid, json.loads(fmeta), terms.split(" ") if terms else []

    def answers(self) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """(appeal, answer, filter metadata) of every past-answer chunk, in a stable order."""
        with self._lock:
            rows = self._db.execute(
                "SELECT search_text, text, filter_meta FROM chunks WHERE kind='answer' "
                "ORDER BY doc_id, seq"
            ).fetchall()
        for appeal, answer, fmeta in rows:
            yield appeal, answer, json.loads(fmeta)

    def chunk_ids_all(self) -> set[str]:
        with self._lock:
            return {r[0] for r in self._db.execute("SELECT id FROM chunks")}

    def search_texts_of(self, ids: list[str]) -> list[tuple[str, str, dict[str, Any]]]:
        """(chunk id, search text, filter metadata) of those ``ids`` the table has."""
        out = []
        with self._lock:
            for cid in ids:
                row = self._db.execute(
                    "SELECT id, search_text, filter_meta FROM chunks WHERE id=?", (cid,)
                ).fetchone()
                if row:
                    out.append((row[0], row[1], json.loads(row[2])))
        return out

    def pending(self) -> list[str]:
        """Chunk ids whose vectors a write was changing when it was interrupted."""
        with self._lock:
            return [r[0] for r in self._db.execute("SELECT chunk_id FROM pending ORDER BY 1")]

    def data_version(self) -> int:
        """Changes when another connection (another process) commits to the table."""
        with self._lock:
            version: int = self._db.execute("PRAGMA data_version").fetchone()[0]
            return version

    def n_chunks(self) -> int:
        with self._lock:
            n: int = self._db.execute("SELECT count(*) FROM chunks").fetchone()[0]
            return n

    def fingerprint(self) -> str:
        h = hashlib.sha1()
        with self._lock:
            for doc_id, digest in self._db.execute("SELECT id, digest FROM documents ORDER BY id"):
                h.update(f"{doc_id}\x00{digest}\n".encode())
        return h.hexdigest()

    def get_meta(self, key: str) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    # -- writes ------------------------------------------------------------------------------

    def mark_pending(self, chunk_ids: list[str]) -> None:
        """Journal the ids whose vectors are about to change (before the vector store is)."""
        with self._lock:
            self._db.execute("BEGIN")
            self._db.executemany(
                "INSERT OR IGNORE INTO pending VALUES (?)", [(c,) for c in chunk_ids]
            )
            self._db.execute("COMMIT")

    def clear_pending(self, chunk_ids: list[str]) -> None:
        with self._lock:
            self._db.execute("BEGIN")
            self._db.executemany("DELETE FROM pending WHERE chunk_id=?", [(c,) for c in chunk_ids])
            self._db.execute("COMMIT")

    def put(
        self,
        docs: list[tuple[Document, str, list[dict[str, Any]], list[list[str]]]],
        done: Sequence[str] = (),
    ) -> None:
        """Replace each (document, digest, filter metadata per chunk, terms per chunk); the
        ``done`` ids leave the journal in the same transaction."""
        with self._lock:
            self._db.execute("BEGIN")
            try:
                self._db.executemany("DELETE FROM pending WHERE chunk_id=?", [(c,) for c in done])
                for doc, digest, fmetas, term_lists in docs:
                    self._db.execute("DELETE FROM chunks WHERE doc_id=?", (doc.id,))
                    self._db.execute(
                        "INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (
                            doc.id,
                            doc.kind,
                            doc.title,
                            doc.source_path,
                            json.dumps(doc.metadata, ensure_ascii=False, default=str),
                            digest,
                            len(doc.chunks),
                        ),
                    )
                    self._db.executemany(
                        "INSERT OR REPLACE INTO chunks VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [
                            (
                                c.id,
                                doc.id,
                                seq,
                                c.kind,
                                c.title,
                                c.text,
                                c.search_text,
                                json.dumps(c.metadata, ensure_ascii=False, default=str),
                                json.dumps(fm, ensure_ascii=False),
                                " ".join(ts),
                            )
                            for seq, (c, fm, ts) in enumerate(zip(doc.chunks, fmetas, term_lists))
                        ],
                    )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def delete(self, doc_id: str) -> tuple[bool, list[str]]:
        """Remove a document: (whether it existed, the ids of the chunks it had, journalled as
        pending until the caller has removed their vectors and calls ``clear_pending``)."""
        with self._lock:
            ids = self.chunk_ids(doc_id)
            self._db.execute("BEGIN")
            self._db.executemany("INSERT OR IGNORE INTO pending VALUES (?)", [(c,) for c in ids])
            self._db.execute("DELETE FROM chunks WHERE doc_id=?", (doc_id,))
            cur = self._db.execute("DELETE FROM documents WHERE id=?", (doc_id,))
            self._db.execute("COMMIT")
        return cur.rowcount > 0, ids
