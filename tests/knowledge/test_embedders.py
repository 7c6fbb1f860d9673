"""Embedders: unit vectors, deterministic fakes, navec sanity on Russian, HTTP and errors."""

from __future__ import annotations

import importlib.util

import httpx
import numpy as np
import pytest

from knowledge.embedders.fake import HashingEmbedder
from knowledge.embedders.openai_compat import OpenAIEmbedder
from knowledge.errors import ConfigError, EmbedderUnavailable


def cos(a, b) -> float:
    return float(np.dot(a, b))


def test_hashing_is_deterministic_unit_and_word_sensitive():
    e = HashingEmbedder(dim=64)
    a, b, c, empty = e.embed(["Снег во дворе", "снега во дворе", "Протечка кровли", ""])
    assert a == HashingEmbedder(dim=64).embed(["Снег во дворе"])[0]
    for v in (a, b, c, empty):
        assert len(v) == 64 and abs(np.linalg.norm(v) - 1) < 1e-5
    assert cos(a, b) > 0.99  # same stems
    assert cos(a, c) < 0.5
    assert e.embed([]) == []


@pytest.fixture(scope="module")
def navec():
    if importlib.util.find_spec("natasha") is None:
        pytest.skip("natasha not installed")
    from knowledge.embedders.navec import NavecEmbedder

    return NavecEmbedder()


PARAPHRASES = [  # (appeal, the same problem in other words, an unrelated problem)
    (
        "Во дворе не убран снег, невозможно пройти",
        "Снег во дворе не убирают уже неделю",
        "Протекает крыша, вода течёт с потолка",
    ),
    (
        "Не горит лампа в подъезде, темно",
        "В подъезде не работает освещение",
        "Яма на дороге возле дома",
    ),
    (
        "Протекает крыша, вода течёт с потолка",
        "Течь кровли, с потолка капает вода",
        "Во дворе не убран снег",
    ),
    (
        "Шумят соседи по ночам",
        "Громкая музыка у соседей ночью",
        "Не вывозят мусор с контейнерной площадки",
    ),
]


@pytest.mark.parametrize("appeal,same,other", PARAPHRASES)
def test_navec_similar_russian_sentences_are_closer(navec, appeal, same, other):
    a, b, c, empty = navec.embed([appeal, same, other, ""])
    assert navec.dim == 300 and len(a) == 300
    for v in (a, b, c, empty):
        assert abs(np.linalg.norm(v) - 1) < 1e-5
    assert cos(a, b) > cos(a, c) + 0.05
    assert cos(a, b) > cos(b, c) + 0.05


def test_navec_handles_unknown_inflections_by_lemma(navec):
    # "наледями" is rare as a form; its lemma "наледь" is known, so the vector is not the
    # fallback vector of an empty text
    empty = navec.embed([""])[0]
    v = navec.embed(["наледями"])[0]
    assert cos(v, empty) < 0.9


def _endpoint(request: httpx.Request) -> httpx.Response:
    import json

    body = json.loads(request.content)
    assert request.url.path == "/v1/embeddings"
    assert request.headers["authorization"] == "Bearer k"
    data = [
        {"index": i, "embedding": [3.0, 4.0] if "a" in t else [0.0, 2.0]}
        for i, t in enumerate(body["input"])
    ]
    return httpx.Response(200, json={"data": list(reversed(data))})  # order by index, not position


def test_openai_compatible_embedder():
    e = OpenAIEmbedder(
        "http://test/v1/",
        model="m",
        api_key="k",
        transport=httpx.MockTransport(_endpoint),
        batch_size=2,
    )
    out = e.embed(["a", "b", "a"])
    assert np.allclose(out, [[0.6, 0.8], [0.0, 1.0], [0.6, 0.8]])
    assert e.dim == 2 and e.name == "openai-m"


def test_openai_embedder_errors_are_embedder_unavailable():
    down = OpenAIEmbedder(
        "http://test/v1", transport=httpx.MockTransport(lambda r: httpx.Response(503, text="busy"))
    )
    with pytest.raises(EmbedderUnavailable):
        down.embed(["x"])
    short = OpenAIEmbedder(
        "http://test/v1",
        transport=httpx.MockTransport(lambda r: httpx.Response(200, json={"data": []})),
    )
    with pytest.raises(EmbedderUnavailable):
        short.embed(["x"])


def test_llama_cpp_embedder_missing_model(tmp_path):
    from knowledge.embedders.llama_cpp import LlamaCppEmbedder

    e = LlamaCppEmbedder(tmp_path / "absent.gguf")
    assert e.name == "llama_cpp-absent"
    with pytest.raises(EmbedderUnavailable):
        e.embed(["текст"])


@pytest.mark.skipif(
    importlib.util.find_spec("sentence_transformers") is not None,
    reason="sentence-transformers installed",
)
def test_sentence_transformers_missing_is_a_config_error():
    from knowledge.embedders.sentence_transformers import SentenceTransformerEmbedder

    with pytest.raises(ConfigError):
        SentenceTransformerEmbedder("some/model").embed(["x"])
