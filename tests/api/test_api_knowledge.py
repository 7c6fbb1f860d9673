"""/v1/knowledge/documents: upload (admin), list, delete.

The loaders (knowledge.loaders / knowledge.ingest) are replaced by small fakes here: these tests
are about the HTTP contract. One test at the end runs the real loaders when they are present.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafter import services_knowledge
from knowledge.errors import UnsupportedDocument
from knowledge.types import Chunk, Document

RULES = "Статья 1. Мусор вывозится ежедневно.\n\nСтатья 2. Дворы убираются до 8 часов."


def _fake_regulation(name: str, data: bytes, agency: str | None = None) -> Document:
    if not name.endswith(".txt"):
        raise UnsupportedDocument(f"{name}: only .txt in this fake")
    doc_id = f"reg-{Path(name).stem}"
    parts = data.decode("utf-8").split("\n\n")
    chunks = [
        Chunk(id=f"{doc_id}#{i}", doc_id=doc_id, kind="regulation", text=p)
        for i, p in enumerate(parts)
    ]
    return Document(
        id=doc_id, kind="regulation", title=name, chunks=chunks, metadata={"agency": agency}
    )


def _fake_iter_documents(paths, kind=None, format=None, agency=None):
    for path in paths:
        for n, line in enumerate(Path(path).read_text("utf-8").splitlines()):
            rec = json.loads(line)
            doc_id = f"ans-{n}"
            yield Document(
                id=doc_id,
                kind="answer",
                title=rec["appeal"][:30],
                chunks=[
                    Chunk(
                        id=doc_id,
                        doc_id=doc_id,
                        kind="answer",
                        text=rec["answer"],
                        search_text=rec["appeal"],
                    )
                ],
            )


@pytest.fixture
def fake_loaders(monkeypatch):
    # the knowledge service's own names for the loaders (it imports them at module level)
    monkeypatch.setattr(services_knowledge, "load_regulation_bytes", _fake_regulation)
    monkeypatch.setattr(services_knowledge, "iter_documents", _fake_iter_documents)


def test_upload_regulation_returns_id_and_chunks(client, admin, index, fake_loaders):
    resp = client.post(
        "/v1/knowledge/documents",
        headers=admin,
        files={"file": ("rules.txt", RULES.encode(), "text/plain")},
        data={"agency": "Жилищный комитет"},
    )
    assert resp.status_code == 201, resp.text
    body = resp.json()
    assert body["id"] == "reg-rules" and body["chunks"] == 2 and body["kind"] == "regulation"
    assert index.docs["reg-rules"].metadata["agency"] == "Жилищный комитет"

    listed = client.get("/v1/knowledge/documents", headers=admin).json()
    assert [d["id"] for d in listed] == ["reg-rules"]


def test_upload_answers_jsonl(client, admin, index, fake_loaders, settings):
    lines = [
        {"appeal": "Не вывозят мусор", "answer": "Мусор вывезен."},
        {"appeal": "Яма во дворе", "answer": "Яма заделана."},
    ]
    data = "\n".join(json.dumps(r, ensure_ascii=False) for r in lines).encode()
    resp = client.post(
        "/v1/knowledge/documents",
        headers=admin,
        files={"file": ("answers.jsonl", data, "application/x-ndjson")},
    )
    assert resp.status_code == 201, resp.text
    assert resp.json()["ids"] == ["ans-0", "ans-1"] and resp.json()["kind"] == "answers"
    assert index.docs["ans-1"].chunks[0].text == "Яма заделана."
    # the temporary copy of the upload is gone
    assert not any(p.is_file() for p in (settings.data_dir / "uploads").rglob("*"))


def test_unsupported_or_empty_upload_is_a_problem(client, admin, index, fake_loaders):
    bad = client.post(
        "/v1/knowledge/documents",
        headers=admin,
        files={"file": ("virus.exe", b"MZ\x90", "application/octet-stream")},
    )
    assert bad.status_code == 415 and bad.json()["code"] == "unsupported_document"
    empty = client.post(
        "/v1/knowledge/documents", headers=admin, files={"file": ("rules.txt", b"", "text/plain")}
    )
    assert empty.status_code == 422 and empty.json()["code"] == "invalid_input"
    missing = client.post("/v1/knowledge/documents", headers=admin, data={"kind": "regulation"})
    assert missing.status_code == 422 and missing.json()["code"] == "invalid_input"
    assert index.docs == {}


def test_delete_document_then_404(client, admin, index, fake_loaders):
    client.post(
        "/v1/knowledge/documents",
        headers=admin,
        files={"file": ("rules.txt", RULES.encode(), "text/plain")},
    )
    assert client.delete("/v1/knowledge/documents/reg-rules", headers=admin).status_code == 204
    assert index.docs == {}
    again = client.delete("/v1/knowledge/documents/reg-rules", headers=admin)
    assert again.status_code == 404 and again.json()["code"] == "not_found"


def test_upload_with_the_real_loaders(client, admin, index):
    loaders = pytest.importorskip("knowledge.loaders")
    assert hasattr(loaders, "load_regulation_bytes")
    text = (
        "Статья 1. Управляющая организация обязана вывозить твёрдые коммунальные отходы "
        "ежедневно.\n\nСтатья 2. Придомовая территория убирается до 8 часов утра."
    )
    resp = client.post(
        "/v1/knowledge/documents",
        headers=admin,
        files={"file": ("pravila.txt", text.encode(), "text/plain")},
    )
    assert resp.status_code == 201, resp.text
    body = resp.json()
    assert body["chunks"] >= 1 and body["id"] in index.docs
