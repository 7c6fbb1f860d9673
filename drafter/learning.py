"""The learning loop: an approved reply becomes a past answer the drafter retrieves next time.

Only approved drafts are learned (returned and rejected ones never are). The document id is
stable (``answer:approved:<draft id>``), so learning the same draft twice replaces it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Protocol

from drafter.domain import Draft
from drafter.errors import knowledge_errors
from knowledge.types import Chunk, Document

if TYPE_CHECKING:
    from collections.abc import Iterable

log = logging.getLogger(__name__)

_TITLE_CHARS = 80


class AnswerIndex(Protocol):
    """The part of knowledge.index.KnowledgeIndex learning needs."""

    def add_documents(self, docs: Iterable[Document], progress: bool = True) -> Any: ...


def document_id(draft_id: str) -> str:
    return f"answer:approved:{draft_id}"


def approved_document(draft: Draft) -> Document:
    """The approved reply as a past answer: text = the final reply, search text = the appeal."""
    if draft.status != "approved" or not draft.text:
        raise ValueError(f"draft {draft.id} is not an approved draft with a text")
    appeal = draft.appeal
    meta: dict[str, Any] = {
        "quality": "approved",
        "source": "review",
        "draft_id": draft.id,
        "channel": appeal.channel.value,
        "date": (appeal.received_at or draft.created_at).date().isoformat(),
    }
    if appeal.category:
        meta["category"] = appeal.category
    if appeal.agency:
        meta["agency"] = appeal.agency
    if appeal.region:
        meta["region"] = appeal.region
    if draft.quality is not None:
        meta["score"] = draft.quality.score
    doc_id = document_id(draft.id)
    title = appeal.category or appeal.text[:_TITLE_CHARS]
    chunk = Chunk(
        id=f"{doc_id}#0",
        doc_id=doc_id,
        kind="answer",
        text=draft.text,
        title=title,
        search_text=appeal.text,
        metadata={**meta, "appeal": appeal.text},
    )
    return Document(id=doc_id, kind="answer", title=title, chunks=[chunk], metadata=meta)


def learn(index: AnswerIndex, draft: Draft) -> str:
    """Add the approved draft to the past-answers index; its document id."""
    doc = approved_document(draft)
    with knowledge_errors():
        index.add_documents([doc], progress=False)
    return doc.id
