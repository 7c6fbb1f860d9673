"""Typed data of the knowledge layer: documents, their chunks and search hits."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal["regulation", "answer"]


@dataclass
class Chunk:
    """One retrievable unit.

    A regulation chunk is a piece of a legal text (a статья / часть / пункт where it fits);
    an answer chunk is one past appeal with its approved reply.
    ``text`` is what the drafter may quote; ``search_text`` is what retrieval matches on
    (for past answers: the appeal, since a new appeal is compared with old appeals).
    """

    id: str
    doc_id: str
    kind: Kind
    text: str
    title: str = ""
    search_text: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.search_text:
            self.search_text = self.text


@dataclass
class Document:
    """A source as ingested: a regulation file, or one past answer (one chunk)."""

    id: str
    kind: Kind
    title: str
    chunks: list[Chunk]
    source_path: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)  # number, date, agency, category


@dataclass
class Hit:
    chunk: Chunk
    score: float
    ranks: dict[str, int] = field(default_factory=dict)  # rank per retriever, for diagnostics
