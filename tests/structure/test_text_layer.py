"""One Russian text layer (knowledge.text): one pymorphy3 analyser, one natasha NER model and one
Snowball stemmer are built, there and nowhere else, so the pipeline, the checker and retrieval
read words alike and a process loads each model once."""

from __future__ import annotations

import re

import pytest

from tests.structure.imports import RUNTIME, modules

BUILT_ONCE = ["MorphAnalyzer(", "NewsNERTagger(", "NewsEmbedding(", "Stemmer.Stemmer("]


@pytest.mark.parametrize("call", BUILT_ONCE)
def test_a_model_is_built_only_in_the_text_layer(call):
    builders = sorted(
        name
        for name, path in modules().items()
        if name.split(".")[0] in RUNTIME
        and re.search(re.escape(call), path.read_text(encoding="utf-8"))
    )
    assert builders == ["knowledge.text"]


def test_the_checker_parses_with_the_shared_analyser():
    from drafter.quality.text import analyse
    from drafter.understanding.nlp import ner_spans
    from knowledge import text

    analyse("обращение")
    text.morph.cache_clear()  # a fresh process: nothing loaded yet
    analyse.cache_clear()
    analyse("заявление")
    assert text.morph.cache_info().misses == 1  # the checker built the shared one
    spans = ner_spans("Иван Петров написал в администрацию Омска.")
    assert ("PER", 0, 11) in spans
