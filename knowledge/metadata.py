"""The flat metadata chunks are filtered on, and the label a chunk carries in it.

Both retrievers filter on the same metadata (``filter_metadata``); the label-aware parts of
hybrid search (the dense projection, near-duplicates, re-ranking) read a chunk's label from it.
"""

from __future__ import annotations

from typing import Any

from knowledge.types import Chunk, Document

KINDS = ("regulation", "answer")
_MAX_FILTER_STR = 200  # longer strings (an appeal's text) are not filter values
LABEL_FIELD = "reason"
FALLBACK_LABEL_FIELD = "category"


def label_of(meta: dict[str, Any], field: str = LABEL_FIELD) -> str | None:
    """A chunk's label: ``field``, else its category; None for unlabelled chunks."""
    value = meta.get(field) or meta.get(FALLBACK_LABEL_FIELD)
    return str(value) if value else None


def filter_metadata(doc: Document, chunk: Chunk) -> dict[str, Any]:
    """The flat metadata both retrievers filter on: scalar fields of document and chunk."""
    meta: dict[str, Any] = {}
    for source in (doc.metadata, chunk.metadata):
        for key, value in source.items():
            if isinstance(value, (bool, int, float)) or (
                isinstance(value, str) and value and len(value) <= _MAX_FILTER_STR
            ):
                meta[key] = value
    meta["kind"] = chunk.kind
    meta["doc_id"] = doc.id
    return meta
