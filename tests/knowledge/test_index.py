"""KnowledgeIndex on the hashing embedder and an embedded Chroma in tmp_path."""

from __future__ import annotations

import random
import threading
from pathlib import Path

import pytest

from knowledge.embedders.fake import HashingEmbedder
from knowledge.errors import InvalidInput
from knowledge.index import KnowledgeIndex
from knowledge.projection import LabelProjection
from knowledge.types import Chunk, Document
from knowledge.vectorstore import ChromaVectorStore, MemoryVectorStore


def answer(doc_id: str, appeal: str, reply: str, **meta) -> Document:
    chunk = Chunk(
        f"{doc_id}#0",
        doc_id,
        "answer",
        reply,
        meta.get("category", ""),
        appeal,
        {"appeal": appeal, **meta},
    )
    return Document(doc_id, "answer", meta.get("category", ""), [chunk], "test.jsonl", meta)


def regulation(doc_id: str, *parts: str, **meta) -> Document:
    chunks = [
        Chunk(f"{doc_id}#{i}", doc_id, "regulation", p, f"ст. {i + 1}") for i, p in enumerate(parts)
    ]
    return Document(doc_id, "regulation", doc_id, chunks, f"{doc_id}.txt", meta)


DOCS = [
    answer(
        "a1",
        "Во дворе не убран снег, тротуар скользкий",
        "Снег убран, территория посыпана.",
        agency="ЖА Московского района",
        category="Благоустройство",
    ),
    answer(
        "a2",
        "В парадной не работает освещение на третьем этаже",
        "Лампы заменены.",
        agency="ЖА Невского района",
        category="Содержание МКД",
    ),
    answer(
        "a3",
        "Течёт крыша над квартирой, протечка кровли",
        "Кровля отремонтирована.",
        agency="ЖА Московского района",
        category="Содержание МКД",
    ),
    regulation(
        "zhk",
        "Управляющая организация обеспечивает уборку снега и наледи.",
        "Собственники несут расходы на содержание общего имущества.",
    ),
]


def open_index(root: Path, **kw) -> KnowledgeIndex:
    store = ChromaVectorStore.embedded(root / "chroma", "test-hashing")
    return KnowledgeIndex(root, HashingEmbedder(), store, **kw)


@pytest.fixture
def index(tmp_path: Path) -> KnowledgeIndex:
    idx = open_index(tmp_path / "idx")
    idx.add_documents(DOCS, progress=False)
    return idx


def ids(hits) -> list[str]:
    return [h.chunk.doc_id for h in hits]


def test_search_finds_the_matching_answer_in_every_mode(index):
    for mode in ("hybrid", "lexical", "dense"):
        hits = index.search("не убран снег во дворе", k=2, kind="answer", mode=mode)
        assert ids(hits)[0] == "a1", mode
    hit = index.search("протечка крыши", k=1)[0]
    assert hit.chunk.text == "Кровля отремонтирована."
    assert set(hit.ranks) <= {"lexical", "dense"} and hit.ranks


def test_add_counts_and_reingest_replaces_without_duplicates(index):
    assert len(index) == 5
    assert index.store.count() == 5
    again = index.add_documents(DOCS, progress=False)
    assert again["unchanged"] == 4 and again["added"] == 0
    changed = answer(
        "a2",
        "В парадной не работает освещение",
        "Освещение восстановлено 5 мая.",
        agency="ЖА Невского района",
        category="Содержание МКД",
    )
    stats = index.add_documents([changed, regulation("zhk", "Только одна статья.")], progress=False)
    assert stats == {"documents": 2, "unchanged": 0, "added": 0, "replaced": 2, "removed": 1}
    assert len(index) == 4 and index.store.count() == 4
    assert index.get_chunk("a2#0").text == "Освещение восстановлено 5 мая."
    assert index.get_chunk("zhk#1") is None
    hits = index.search("освещение в парадной", k=10)
    assert ids(hits).count("a2") == 1


def test_the_same_id_twice_in_one_call_keeps_the_last(tmp_path):
    idx = open_index(tmp_path)
    first = answer("x", "текст один", "ответ один")
    second = answer("x", "текст два", "ответ два")
    idx.add_documents([first, second], progress=False)
    assert len(idx) == 1 and idx.get_chunk("x#0").text == "ответ два"


def test_delete_document(index):
    assert index.delete_document("a1") is True
    assert index.delete_document("a1") is False
    assert index.delete_document("nope") is False
    assert "a1" not in {d["id"] for d in index.documents()}
    assert "a1" not in ids(index.search("снег во дворе", k=10))
    assert index.store.count() == 4 and len(index) == 4


def test_filters_by_agency_category_and_kind(index):
    hits = index.search("снег крыша освещение", k=10, where={"agency": "ЖА Московского района"})
    assert sorted(ids(hits)) == ["a1", "a3"]
    hits = index.search("снег крыша освещение", k=10, where={"category": "Содержание МКД"})
    assert sorted(ids(hits)) == ["a2", "a3"]
    hits = index.search("снег", k=10, kind="regulation")
    assert set(ids(hits)) == {"zhk"}
    both = {"agency": "ЖА Московского района", "category": "Содержание МКД"}
    assert ids(index.search("крыша снег", k=10, where=both)) == ["a3"]
    hits = index.search("освещение снег", k=10, where={"agency": {"$in": ["ЖА Невского района"]}})
    assert ids(hits) == ["a2"]
    hits = index.search("снег", k=10, where={"agency": {"$ne": "ЖА Московского района"}})
    assert "a1" not in ids(hits) and "a3" not in ids(hits)
    with pytest.raises(InvalidInput):
        index.search("снег", kind="law")
    with pytest.raises(InvalidInput):
        index.search("снег", mode="magic")


def test_documents_listing(index):
    docs = {d["id"]: d for d in index.documents()}
    assert docs["zhk"]["kind"] == "regulation" and docs["zhk"]["n_chunks"] == 2
    assert docs["a1"]["source"] == "test.jsonl"


def test_persists_across_reopen_and_two_roots_never_mix(tmp_path, index):
    fp = index.fingerprint()
    root = index.root
    index.close()
    reopened = open_index(root)
    assert len(reopened) == 5 and reopened.fingerprint() == fp
    assert ids(reopened.search("протечка кровли", k=1)) == ["a3"]

    other = open_index(tmp_path / "other")
    other.add_documents([answer("b1", "Шумят соседи ночью", "Проведена беседа.")], progress=False)
    assert len(other) == 1
    assert set(ids(other.search("протечка кровли снег", k=10))) <= {"b1"}
    assert "b1" not in ids(reopened.search("шумят соседи", k=10))


def test_fingerprint_changes_with_contents_only(index):
    fp = index.fingerprint()
    index.add_documents(DOCS, progress=False)
    assert index.fingerprint() == fp
    index.add_documents([answer("a9", "Новый вопрос", "Новый ответ")], progress=False)
    fp2 = index.fingerprint()
    assert fp2 != fp
    index.delete_document("a9")
    assert index.fingerprint() == fp


def test_a_new_empty_vector_store_is_filled_from_the_table(index):
    fresh = MemoryVectorStore()
    idx = KnowledgeIndex(index.root, HashingEmbedder(), fresh)
    assert fresh.count() == 5
    assert ids(idx.search("протечка кровли", k=1, mode="dense")) == ["a3"]


def test_hybrid_drops_near_duplicate_copies(tmp_path):
    idx = open_index(tmp_path)
    same = "Во дворе не убран снег, тротуар скользкий"
    idx.add_documents(
        [
            answer("d1", same, "Ответ 1"),
            answer("d2", same + "!", "Ответ 2"),
            answer("d3", "Снег на тротуаре не убирают", "Ответ 3"),
        ],
        progress=False,
    )
    assert len(idx.search(same, k=3, mode="lexical")) == 3
    hybrid = ids(idx.search(same, k=3))
    assert "d3" in hybrid and len({"d1", "d2"} & set(hybrid)) == 1
    idx.duplicate_cosine = None
    assert len(idx.search(same, k=3)) == 3


def test_invalid_documents_are_rejected(tmp_path):
    idx = open_index(tmp_path)
    bad = Document("x", "answer", "", [Chunk("y#0", "y", "answer", "t")])
    with pytest.raises(InvalidInput):
        idx.add_documents([bad], progress=False)
    with pytest.raises(InvalidInput):
        idx.add_documents([Document("z", "memo", "", [])], progress=False)  # type: ignore[arg-type]


def test_empty_index_and_empty_query(tmp_path):
    idx = open_index(tmp_path)
    assert idx.search("что угодно") == []
    idx.add_documents(DOCS, progress=False)
    assert idx.search("   ") == []


def test_readers_during_a_write(tmp_path):
    idx = KnowledgeIndex(tmp_path, HashingEmbedder(), MemoryVectorStore(), batch_size=8)
    idx.add_documents(DOCS, progress=False)
    errors: list[BaseException] = []
    stop = threading.Event()

    def read() -> None:
        try:
            while not stop.is_set():
                idx.search("снег во дворе", k=3)
        except BaseException as exc:  # noqa: BLE001 - the test reports any failure
            errors.append(exc)

    readers = [threading.Thread(target=read) for _ in range(3)]
    for t in readers:
        t.start()
    more = [answer(f"m{i}", f"обращение номер {i} про снег", f"ответ {i}") for i in range(200)]
    idx.add_documents(more, progress=False)
    stop.set()
    for t in readers:
        t.join()
    assert not errors
    assert len(idx) == 205


# -- the supervised dense side and label-aware re-ranking ------------------------------------

TOPICS = {
    "Снег": "снег наледь сосульки тротуар уборка двор скользко дворник",
    "Освещение": "лампа свет темно подъезд освещение фонарь перегорела этаж",
    "Кровля": "крыша протечка кровля потолок течет вода чердак ремонт",
}


FILLER = "дом квартира жилец управляющая компания срочно давно жалоба"


def labelled(n_per: int, start: int = 0) -> list[Document]:
    """Answers whose appeals draw words from their topic plus shared filler words."""
    rng = random.Random(start)
    filler = FILLER.split()
    docs = []
    for i in range(start, start + n_per):
        for reason, words in TOPICS.items():
            text = " ".join(rng.sample(words.split(), 3) + rng.sample(filler, 4))
            docs.append(answer(f"{reason}-{i}", text, f"Ответ {i}", reason=reason))
    return docs


def projection_file(idx: KnowledgeIndex) -> Path:
    return idx.root / f"label_projection-{idx.embedder.name}.npz"


def test_labelled_answers_get_a_projection_that_persists_and_refits(tmp_path):
    idx = open_index(tmp_path)
    idx.add_documents(labelled(10), progress=False)  # 30 labelled: too few to fit
    assert idx.search("течет крыша", k=1, mode="dense")
    assert idx._lexical().projected is None and not projection_file(idx).exists()

    idx.add_documents(labelled(20, start=10), progress=False)  # 90: fitted on the next search
    hits = idx.search("течет крыша протечка", k=3, kind="answer", mode="dense")
    assert idx._lexical().projected is not None and projection_file(idx).exists()
    assert [h.chunk.metadata["reason"] for h in hits] == ["Кровля"] * 3
    stamp = projection_file(idx).stat().st_mtime_ns

    # a small change: the old matrix projects the new answer, which is searchable at once
    new = answer("fresh", "сосульки свисают с крыши над входом", "Сбиты.", reason="Снег")
    idx.add_documents([new], progress=False)
    assert "fresh" in ids(idx.search("сосульки свисают", k=3, mode="dense"))
    assert projection_file(idx).stat().st_mtime_ns == stamp
    assert idx.delete_document("fresh")
    assert "fresh" not in ids(idx.search("сосульки свисают", k=10, mode="dense"))
    idx.close()

    reopened = open_index(tmp_path)  # loads the stored projection instead of fitting again
    assert ids(reopened.search("лампа перегорела", k=1, kind="answer", mode="dense"))
    assert reopened._lexical().projected is not None
    assert projection_file(reopened).stat().st_mtime_ns == stamp

    reopened.add_documents(labelled(20, start=30), progress=False)  # +67%: refitted
    reopened.search("снег", k=1)
    assert projection_file(reopened).stat().st_mtime_ns != stamp
    assert reopened._projection is not None and reopened._projection.n_fit == 150
    assert reopened.refit_projection(exclude=["Снег-0#0"])
    assert reopened._projection.n_fit == 149  # a held-out fit...
    stored = LabelProjection.load(projection_file(reopened))
    assert stored is not None and stored.n_fit == 150  # ...is not persisted


def test_projection_off_uses_the_store_and_filters_stay_exact(tmp_path):
    idx = open_index(tmp_path, projection=False)
    idx.add_documents(labelled(20), progress=False)
    assert idx.search("крыша", k=1, mode="dense") and idx._lexical().projected is None
    on = open_index(tmp_path / "on")
    on.add_documents(labelled(20) + DOCS, progress=False)
    hits = on.search("снег во дворе", k=10, kind="answer", where={"reason": "Снег"}, mode="dense")
    assert hits and {h.chunk.metadata["reason"] for h in hits} == {"Снег"}
    regs = on.search("уборка снега", k=5, kind="regulation", mode="dense")
    assert regs and {h.chunk.kind for h in regs} == {"regulation"}


def test_hybrid_promotes_the_label_its_neighbourhood_agrees_on(tmp_path):
    idx = open_index(tmp_path, label_neighbours=20, label_repeat=1.0)
    idx.add_documents(labelled(20), progress=False)
    # one roof answer shares every word of the query; the query's topic words are the snow ones
    odd = answer("odd", "сосульки дворник тротуар крыша", "Ответ.", reason="Кровля")
    idx.add_documents([odd], progress=False)
    query = "сосульки дворник тротуар скользко наледь"
    idx.label_weight = 0.0
    assert ids(idx.search(query, k=3))[0] == "odd"
    idx.label_weight = 8.0
    assert [h.chunk.metadata["reason"] for h in idx.search(query, k=3)] == ["Снег"] * 3
    # a query that really is about that answer keeps it first: the vote only adds a bonus
    assert ids(idx.search("сосульки крыша тротуар дворник", k=3))[0] == "odd"
