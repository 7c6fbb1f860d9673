"""Ingest is atomic per document: chunks, lexical terms and vectors change together, and
opening the index reconciles the vector store with the chunk table (knowledge.index_writing).

The last test kills a real ingest process with SIGKILL half-way and counts after a restart.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from knowledge.embedders.fake import HashingEmbedder
from knowledge.index import KnowledgeIndex
from knowledge.types import Chunk, Document
from knowledge.vectorstore import ChromaVectorStore, MemoryVectorStore

REPO = Path(__file__).resolve().parents[2]


def doc(doc_id: str, *texts: str) -> Document:
    chunks = [
        Chunk(f"{doc_id}#{i}", doc_id, "regulation", t, f"ст. {i + 1}") for i, t in enumerate(texts)
    ]
    return Document(doc_id, "regulation", doc_id, chunks, f"{doc_id}.txt")


def _consistent(idx: KnowledgeIndex) -> bool:
    return idx.store.ids() == idx._table.chunk_ids_all() and not idx._table.pending()


def test_orphan_vectors_are_removed_and_missing_ones_embedded_on_open(tmp_path):
    store = MemoryVectorStore()
    idx = KnowledgeIndex(tmp_path, HashingEmbedder(), store)
    idx.add_documents([doc("a", "вывоз мусора", "уборка снега")], progress=False)
    store.upsert(["ghost#0", "ghost#1"], [[1.0] * 64] * 2, ["x", "y"], [{}, {}])  # orphans
    store.delete(ids=["a#1"])  # and a chunk without its vector
    idx.close()

    again = KnowledgeIndex(tmp_path, HashingEmbedder(), store)
    assert store.ids() == {"a#0", "a#1"}
    assert _consistent(again)
    assert again.search("уборка снега", k=1, mode="dense")[0].chunk.id == "a#1"


def test_an_interrupted_replacement_leaves_the_old_document_whole(tmp_path):
    store = MemoryVectorStore()
    emb = HashingEmbedder()
    idx = KnowledgeIndex(tmp_path, emb, store)
    idx.add_documents([doc("a", "вывоз мусора", "уборка снега")], progress=False)
    # a new version of «a» got as far as the vector store, then the process died
    idx._table.mark_pending(["a#0", "a#1", "a#2"])
    new = ["ремонт дороги", "освещение двора", "детская площадка"]
    store.upsert(["a#0", "a#1", "a#2"], emb.embed(new), new, [{}, {}, {}])
    idx.close()

    again = KnowledgeIndex(tmp_path, emb, store)
    assert _consistent(again)
    assert store.ids() == {"a#0", "a#1"}  # a#2 never made it into the table
    assert again.search("уборка снега", k=1, mode="dense")[0].chunk.id == "a#1"
    assert again.search("уборка снега", k=1, mode="lexical")[0].chunk.id == "a#1"


def test_an_interrupted_delete_is_finished_on_open(tmp_path):
    store = MemoryVectorStore()
    idx = KnowledgeIndex(tmp_path, HashingEmbedder(), store)
    idx.add_documents([doc("a", "вывоз мусора"), doc("b", "уборка снега")], progress=False)
    idx._table.delete("a")  # the table's half of delete_document; the vectors stay
    assert "a#0" in store.ids()
    idx.close()

    again = KnowledgeIndex(tmp_path, HashingEmbedder(), store)
    assert store.ids() == {"b#0"} and _consistent(again)


_INGEST = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from knowledge.embedders.fake import HashingEmbedder
    from knowledge.index import KnowledgeIndex
    from knowledge.types import Chunk, Document
    from knowledge.vectorstore import ChromaVectorStore

    root = Path(sys.argv[1])
    store = ChromaVectorStore.embedded(root / "chroma", "atomic")
    idx = KnowledgeIndex(root, HashingEmbedder(), store, batch_size=64)
    words = "мусор снег дорога фонарь двор подъезд крыша лифт вода отопление".split()

    def docs():
        for d in range(N_DOCS):
            chunks = [
                Chunk(f"d{d}#{i}", f"d{d}", "regulation",
                      f"{words[d % 10]} {words[i % 10]} пункт {d} {i}", f"ст. {i}")
                for i in range(3)
            ]
            yield Document(f"d{d}", "regulation", f"d{d}", chunks, "x.txt")

    idx.add_documents(docs(), progress=False)
    print("finished", flush=True)
    """
)
N_DOCS = 3000


def _count(root: Path, table: str) -> int:
    try:
        with sqlite3.connect(root / "chunks.sqlite", timeout=5) as db:
            return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_a_killed_ingest_leaves_no_orphans_after_restart(tmp_path):
    root = tmp_path / "index"
    script = _INGEST.replace("N_DOCS", str(N_DOCS))
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(root)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    # some batches are in and the next one is being written to the vector store: kill it there
    while _count(root, "chunks") < 600 or _count(root, "pending") == 0:
        assert proc.poll() is None, f"the ingest ended early: {proc.communicate()}"
        assert time.monotonic() < deadline, "the ingest did not get going"
        time.sleep(0.005)
    time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()

    table_before = _count(root, "chunks")
    pending_before = _count(root, "pending")
    store = ChromaVectorStore.embedded(root / "chroma", "atomic")
    vectors_before = store.count()
    assert table_before < 3 * N_DOCS  # it really was killed half-way

    idx = KnowledgeIndex(root, HashingEmbedder(), store)
    n = len(idx)
    print(
        f"killed ingest: table {table_before} chunks, store {vectors_before} vectors, "
        f"{pending_before} journalled; after restart: table {n}, store {store.count()}"
    )
    assert n == table_before and n % 3 == 0  # whole documents only
    assert store.count() == n and _consistent(idx)
    assert len(idx.documents()) == n // 3
    idx.close()


def test_a_write_by_another_process_is_seen_without_a_restart(tmp_path):
    store = MemoryVectorStore()  # one server store, as a Chroma server is for processes
    api = KnowledgeIndex(tmp_path, HashingEmbedder(), store)
    worker = KnowledgeIndex(tmp_path, HashingEmbedder(), store)  # its own connection
    api.add_documents([doc("a", "вывоз мусора")], progress=False)
    assert [h.chunk.id for h in worker.search("мусора", k=1)] == ["a#0"]
    before = worker.fingerprint()

    api.add_documents([doc("b", "уборка снега во дворе")], progress=False)
    assert [h.chunk.id for h in worker.search("уборка снега", k=1)] == ["b#0"]
    assert worker.fingerprint() != before
