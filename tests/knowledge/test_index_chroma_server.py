"""A real Chroma server on loopback, reached through ChromaVectorStore.server(...)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from knowledge.embedders.fake import HashingEmbedder
from knowledge.errors import VectorStoreUnavailable
from knowledge.index import KnowledgeIndex
from knowledge.types import Chunk, Document
from knowledge.vectorstore import ChromaVectorStore
from tests.servers import free_port, running

CHROMA = Path(sys.executable).parent / "chroma"


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    if not CHROMA.exists():
        pytest.skip("the chroma CLI is not in this environment")
    port = free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    cmd = [
        str(CHROMA),
        "run",
        "--path",
        str(path / "data"),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    ready = f"http://127.0.0.1:{port}/api/v2/heartbeat"
    with running(cmd, ready, path / "server.log", name="chroma"):
        yield port


def test_server_roundtrip(chroma_server):
    store = ChromaVectorStore.server("127.0.0.1", chroma_server, "drafter-test")
    store.upsert(
        ["a", "b"],
        [[1.0, 0.0], [0.6, 0.8]],
        ["x", "y"],
        [{"kind": "answer"}, {"kind": "regulation"}],
    )
    assert store.count() == 2
    assert [i for i, _ in store.query([1.0, 0.0], 2)] == ["a", "b"]
    assert [i for i, _ in store.query([1.0, 0.0], 2, where={"kind": "regulation"})] == ["b"]
    store.delete(ids=["a"])
    assert store.count() == 1


def test_index_over_the_server(tmp_path, chroma_server):
    store = ChromaVectorStore.server("127.0.0.1", chroma_server, "drafter-index")
    idx = KnowledgeIndex(tmp_path, HashingEmbedder(), store)
    doc = Document(
        "a1",
        "answer",
        "",
        [Chunk("a1#0", "a1", "answer", "Снег убран.", "", "Во дворе не убран снег")],
    )
    idx.add_documents([doc], progress=False)
    hits = idx.search("снег во дворе", k=1, mode="dense")
    assert [h.chunk.id for h in hits] == ["a1#0"]
    assert idx.delete_document("a1") and store.count() == 0


def test_unreachable_server_is_vector_store_unavailable():
    with pytest.raises(VectorStoreUnavailable):
        ChromaVectorStore.server("127.0.0.1", free_port(), "nobody-home")
