"""The parts of retrieval: Russian text, BM25, fusion, filters, and the eval's scoring."""

from __future__ import annotations

import numpy as np
import pytest

from evals.retrieval import scores
from knowledge.errors import InvalidInput
from knowledge.fusion import drop_near_duplicates, fuse
from knowledge.lexical import LexicalIndex, terms
from knowledge.text import STOP_WORDS, normalize, stems, tokens
from knowledge.vectorstore import (
    ChromaVectorStore,
    MemoryVectorStore,
    collection_name,
    matches,
    normalize_where,
)


def test_normalize_and_tokens():
    assert normalize("  Ёлка   во ДВОРЕ XXXX XXX ") == "елка во дворе"
    assert tokens("Снег, лёд и т.д. — 5 дней!") == ["снег", "лед", "и", "т", "д", "5", "дней"]
    assert "и" not in tokens("снег и лед", drop_stop=True)
    assert {"пожалуйста", "и", "что"} <= STOP_WORDS


def test_stems_match_inflections():
    assert stems("снега") == stems("снег") == stems("снегом")
    assert stems("Прошу убрать снег, пожалуйста") == stems("убрать снег")
    assert terms("д. 5 к в снег") == ["снег"]  # one-letter tokens and stop words dropped


def test_lexical_ranks_by_bm25_and_honours_the_mask():
    idx = LexicalIndex(
        ["a", "b", "c"],
        [terms("снег во дворе"), terms("протечка кровли"), terms("снег снег на крыше")],
    )
    top = idx.top("убрать снег", 10)
    assert {i for i, _ in top} == {"a", "c"} and all(s > 0 for _, s in top)
    assert idx.top("убрать снег", 10, mask=np.array([False, True, True]))[0][0] == "c"
    assert idx.top("неизвестное слово", 10) == []
    assert LexicalIndex().top("снег", 5) == []
    assert len(idx.scores("снег")) == 3


def test_fusion_weights_and_floors():
    lexical = [("a", 10.0), ("b", 5.0), ("c", 1.0)]
    dense = [("c", 0.9), ("d", 0.8), ("a", 0.1)]
    assert [r[0] for r in fuse(lexical, dense, 0.0)][:3] == ["a", "b", "c"]
    assert [r[0] for r in fuse(lexical, dense, 1.0)][:2] == ["c", "d"]
    mixed = fuse(lexical, dense, 0.5)
    assert {r[0] for r in mixed} == {"a", "b", "c", "d"}
    ranks = {r[0]: r[2] for r in mixed}
    assert ranks["c"] == {"lexical": 3, "dense": 1} and ranks["d"] == {"dense": 2}
    assert [r[0] for r in fuse([], dense, 0.5)] == ["c", "d", "a"]
    assert fuse([], [], 0.5) == []


def test_drop_near_duplicates():
    ranked = [("a", 3.0, {}), ("b", 2.0, {}), ("c", 1.0, {}), ("d", 0.5, {})]
    vec = {"a": [1.0, 0.0], "b": [0.999, 0.0447], "c": [0.0, 1.0], "d": [0.6, 0.8]}
    assert [r[0] for r in drop_near_duplicates(ranked, vec, 3)] == ["a", "c", "d"]
    assert [r[0] for r in drop_near_duplicates(ranked, vec, 1)] == ["a"]
    assert [r[0] for r in drop_near_duplicates(ranked, {}, 2)] == ["a", "b"]
    # a copy is dropped even when it comes after a kept candidate that is not its original
    copy_of_c = {**vec, "d": [0.0447, 0.999]}
    assert [r[0] for r in drop_near_duplicates(ranked, copy_of_c, 4)] == ["a", "c"]


def test_near_duplicates_filed_under_another_label_are_kept():
    ranked = [("a", 3.0, {}), ("b", 2.0, {}), ("c", 1.0, {})]
    vec = {"a": [1.0, 0.0], "b": [0.999, 0.0447], "c": [1.0, 0.0]}
    labels = {"a": "снег", "b": "освещение", "c": "снег"}
    assert [r[0] for r in drop_near_duplicates(ranked, vec, 3, labels=labels)] == ["a", "b"]
    unlabelled_b = {"a": "снег", "c": "снег"}  # no label on one side: a copy as before
    assert [r[0] for r in drop_near_duplicates(ranked, vec, 3, labels=unlabelled_b)] == ["a"]


def test_where_normalisation_and_matching():
    assert normalize_where({"kind": "answer"}) == {"kind": {"$eq": "answer"}}
    both = normalize_where({"kind": "answer", "agency": {"$in": ["A", "B"]}})
    assert both == {"$and": [{"kind": {"$eq": "answer"}}, {"agency": {"$in": ["A", "B"]}}]}
    assert matches({"kind": "answer", "agency": "B"}, both)
    assert not matches({"kind": "answer", "agency": "C"}, both)
    assert matches({"kind": "regulation"}, {"agency": {"$ne": "A"}})
    assert matches({"x": 1}, {"$or": [{"x": 2}, {"x": 1}]})
    assert normalize_where(None) is None and matches({}, None)
    with pytest.raises(InvalidInput):
        normalize_where({"agency": {"$regex": "A"}})
    with pytest.raises(InvalidInput):
        normalize_where({"$not": {}})


def test_collection_names_are_valid_for_chroma():
    assert collection_name("drafter-navec") == "drafter-navec"
    assert (
        collection_name("drafter-st-intfloat/multilingual e5")
        == "drafter-st-intfloat-multilingual-e5"
    )
    assert len(collection_name("x")) >= 3


FILTERS = [
    {"kind": "answer"},
    {"agency": {"$ne": "A"}},
    {"agency": {"$nin": ["A", "B"]}},
    {"kind": "answer", "agency": {"$in": ["B", "C"]}},
    {"$or": [{"agency": "A"}, {"kind": "regulation"}]},
]


@pytest.mark.parametrize("where", FILTERS)
def test_memory_store_filters_exactly_like_chroma(tmp_path, where):
    rng = np.random.default_rng(0)
    vecs = rng.normal(size=(6, 8))
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    metas = [
        {"kind": "answer", "agency": "A"},
        {"kind": "answer", "agency": "B"},
        {"kind": "answer", "agency": "C"},
        {"kind": "regulation"},
        {"kind": "regulation", "agency": "B"},
        {"kind": "answer"},
    ]
    ids = [f"id{i}" for i in range(6)]
    chroma = ChromaVectorStore.embedded(tmp_path / "c", "parity")
    memory = MemoryVectorStore()
    for store in (chroma, memory):
        store.upsert(ids, vecs.tolist(), ["t"] * 6, metas)
    q = vecs[0].tolist()
    got_c = chroma.query(q, 6, where)
    got_m = memory.query(q, 6, where)
    assert [i for i, _ in got_c] == [i for i, _ in got_m]
    assert np.allclose([s for _, s in got_c], [s for _, s in got_m], atol=1e-4)
    assert {i for i, _ in got_m} == {
        i for i, m in zip(ids, metas) if matches(m, normalize_where(where))
    }


def test_vector_store_roundtrip_and_delete(tmp_path):
    for store in (ChromaVectorStore.embedded(tmp_path / "c", "rt"), MemoryVectorStore()):
        store.upsert(["a", "b"], [[1.0, 0.0], [0.0, 1.0]], ["x", "y"], [{"k": "1"}, {"k": "2"}])
        assert store.count() == 2
        assert store.query([1.0, 0.0], 1)[0][0] == "a"
        assert abs(store.query([1.0, 0.0], 1)[0][1] - 1.0) < 1e-5
        assert set(store.vectors(["a", "zz"])) == {"a"}
        store.delete(where={"k": "2"})
        assert store.count() == 1
        store.delete(ids=["a"])
        assert store.count() == 0 and store.query([1.0, 0.0], 3) == []


def test_eval_scores():
    ranked = [["x", "y"], ["y", "y", "x"], ["z"] * 10]
    got = scores(ranked, ["x", "x", "x"])
    assert got == {
        "hit1": round(1 / 3, 4),
        "hit5": round(2 / 3, 4),
        "mrr": round((1 + 1 / 3) / 3, 4),
    }


def test_eval_paired_delta():
    from evals.retrieval import paired_delta

    better = [1] * 50 + [0] * 50
    worse = [0] * 100
    delta = paired_delta(better, worse)
    assert delta["hit1"][0] == 0.5 and delta["hit1"][1] > 0.3 and delta["hit1"][2] <= 0.7
    same = paired_delta(better, better)
    assert same["mrr"] == [0.0, 0.0, 0.0]
