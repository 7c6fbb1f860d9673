"""The NER understanding leans on: natasha's, from the shared Russian text layer
(knowledge.text), on the parts of an appeal where names and places stand."""

from __future__ import annotations

from knowledge.text import ner_spans as _ner_spans

_NER_HEAD, _NER_TAIL = 3000, 500  # places are named early, signatures late; a long letter
# in between would only slow the tagger down


def ner_spans(text: str) -> list[tuple[str, int, int]]:
    parts = [(0, text)]
    if len(text) > _NER_HEAD + _NER_TAIL:
        parts = [(0, text[:_NER_HEAD]), (len(text) - _NER_TAIL, text[-_NER_TAIL:])]
    return [
        (kind, offset + start, offset + stop)
        for offset, part in parts
        for kind, start, stop in _ner_spans(part)
    ]
