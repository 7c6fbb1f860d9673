"""The NLP models understanding leans on, each loaded once on first use: natasha's NER
(slovnet, models shipped in the package) and pymorphy3's morphology."""

from __future__ import annotations

import threading
from functools import lru_cache


class _Natasha:
    def __init__(self) -> None:
        from natasha import NewsEmbedding, NewsNERTagger, Segmenter

        self.segmenter = Segmenter()
        self.ner = NewsNERTagger(NewsEmbedding())
        # slovnet's taggers keep state while tagging; one lock keeps concurrent drafts safe.
        self.lock = threading.Lock()


_natasha: _Natasha | None = None
_natasha_lock = threading.Lock()


def _nlp() -> _Natasha:
    global _natasha
    if _natasha is None:
        with _natasha_lock:
            if _natasha is None:
                _natasha = _Natasha()
    return _natasha


_NER_HEAD, _NER_TAIL = 3000, 500  # places are named early, signatures late; a long letter
# in between would only slow the tagger down


def ner_spans(text: str) -> list[tuple[str, int, int]]:
    from natasha import Doc

    parts = [(0, text)]
    if len(text) > _NER_HEAD + _NER_TAIL:
        parts = [(0, text[:_NER_HEAD]), (len(text) - _NER_TAIL, text[-_NER_TAIL:])]
    nlp = _nlp()
    out = []
    for offset, part in parts:
        with nlp.lock:
            doc = Doc(part)
            doc.segment(nlp.segmenter)
            doc.tag_ner(nlp.ner)
        out += [(s.type, offset + s.start, offset + s.stop) for s in doc.spans]
    return out


@lru_cache(maxsize=1)
def morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()
