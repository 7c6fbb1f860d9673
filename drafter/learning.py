"""The learning loop: an approved reply becomes a past answer the drafter retrieves next time.

Only approved drafts are learned (returned and rejected ones never are). The document id is
stable (``answer:approved:<draft id>``), so learning the same draft twice replaces it.

Learning must not leak (issue 13): what joins the index is the approved *reply* with the
personal data of the citizen and of third persons taken out (drafter.redaction), titled by
topic and place (the category and the street, never the appeal's words); the appeal itself is
not stored. A learned answer is as visible as the draft it came from: it carries its scope
(agency and region) and is retrieved, cited and listed only within it (``scoped`` for
retrieval, ``visible_documents`` for lists). Answers of the ingested corpus are shared.
"""

from __future__ import annotations

import hashlib
import logging
import re
from typing import TYPE_CHECKING, Any, Protocol

from drafter.auth import Caller, can_see
from drafter.deadlines.policy import canonical_region
from drafter.domain import Appeal, Draft
from drafter.errors import knowledge_errors
from drafter.redaction import redact
from drafter.understanding.places import find_address
from knowledge.types import Chunk, Document

if TYPE_CHECKING:
    from collections.abc import Iterable

log = logging.getLogger(__name__)

LEARNED_SOURCE = "review"  # metadata["source"] of a learned answer
SCOPE_FIELD = "learned_scope"  # the filter field that ties a learned answer to its scope
UNTITLED = "Ответ на обращение"


class AnswerIndex(Protocol):
    """The part of knowledge.index.KnowledgeIndex learning needs."""

    def add_documents(self, docs: Iterable[Document], progress: bool = True) -> Any: ...

    def documents(self) -> list[dict[str, Any]]: ...

    def delete_document(self, doc_id: str) -> bool: ...


class ApprovedDrafts(Protocol):
    def get(self, draft_id: str) -> Draft | None: ...


def document_id(draft_id: str) -> str:
    return f"answer:approved:{draft_id}"


def scope_of(agency: str | None, region: str | None) -> str:
    """One filter value per (agency, region); hashed because an agency's name may be longer
    than the index keeps as a filter value."""
    key = f"{agency or ''}\x1f{canonical_region(region) if region else ''}"
    return hashlib.sha1(key.encode()).hexdigest()[:16]


def scoped(appeal: Appeal, where: dict[str, Any] | None = None) -> dict[str, Any]:
    """``where`` narrowed to what a draft of ``appeal`` may draw on: everything but the
    answers learned in another scope (which the draft's readers may not see)."""
    own = {
        "$or": [
            {SCOPE_FIELD: scope_of(appeal.agency, appeal.region)},
            {"source": {"$ne": LEARNED_SOURCE}},
        ]
    }
    return {"$and": [where, own]} if where else own


def visible_documents(docs: list[dict[str, Any]], caller: Caller) -> list[dict[str, Any]]:
    """The indexed documents ``caller`` may see: a learned answer only within its draft's
    agency and region scope, like the draft itself."""

    def visible(doc: dict[str, Any]) -> bool:
        meta = doc.get("metadata") or {}
        if meta.get("source") != LEARNED_SOURCE:
            return True
        region = meta.get("region")
        return can_see(caller, meta.get("agency"), canonical_region(region) if region else None)

    return [d for d in docs if visible(d)]


def title_of(draft: Draft) -> str:
    """Topic and place: the category (given, else the routing's) and the street, no house."""
    appeal = draft.appeal
    routed = draft.routing.category.label if draft.routing else None
    topic = appeal.category or routed or UNTITLED
    address = appeal.address or (find_address(appeal.text) or ("", None))[0]
    street = (
        re.split(r"[,\s]*(?:д\.|дом\b|\d)", address, maxsplit=1)[0].strip(" ,.") if address else ""
    )
    return f"{topic} — {street}" if street else topic


def approved_document(draft: Draft) -> Document:
    """The approved reply as a past answer: personal data out, the appeal left behind."""
    if draft.status != "approved" or not draft.text:
        raise ValueError(f"draft {draft.id} is not an approved draft with a text")
    appeal = draft.appeal
    meta: dict[str, Any] = {
        "quality": "approved",
        "source": LEARNED_SOURCE,
        "draft_id": draft.id,
        "channel": appeal.channel.value,
        "date": (appeal.received_at or draft.created_at).date().isoformat(),
        SCOPE_FIELD: scope_of(appeal.agency, appeal.region),
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
    title = title_of(draft)
    reply = redact(draft.text, appeal)
    chunk = Chunk(
        id=f"{doc_id}#0",
        doc_id=doc_id,
        kind="answer",
        text=reply,
        title=title,
        search_text=f"{title}. {reply}",
        metadata=dict(meta),
    )
    return Document(id=doc_id, kind="answer", title=title, chunks=[chunk], metadata=meta)


def relearn_outdated(index: AnswerIndex, drafts: ApprovedDrafts) -> int:
    """Learn again the answers learned before learning was scrubbed and scoped (they hold the
    appeal and the citizen's data); one whose draft is gone or no longer approved is removed.
    The number of documents redone."""
    prefix = document_id("")
    with knowledge_errors():
        documents = index.documents()
    outdated = [
        d["id"]
        for d in documents
        if d["id"].startswith(prefix) and SCOPE_FIELD not in (d.get("metadata") or {})
    ]
    for doc_id in outdated:
        draft = drafts.get(doc_id.removeprefix(prefix))
        if draft is not None and draft.status == "approved" and draft.text:
            learn(index, draft)
        else:
            with knowledge_errors():
                index.delete_document(doc_id)
    if outdated:
        log.warning("re-learned %d past answer(s) stored before scrubbing", len(outdated))
    return len(outdated)


def learn(index: AnswerIndex, draft: Draft) -> str:
    """Add the approved draft to the past-answers index; its document id."""
    doc = approved_document(draft)
    with knowledge_errors():
        index.add_documents([doc], progress=False)
    return doc.id
