"""The naive RAG baseline: a LangChain retriever over our index, our LLM, a one-paragraph prompt.

What «naive» keeps the same as our pipeline, so that the difference is the pipeline itself: the
index (``IndexRetriever`` wraps ``KnowledgeIndex.search``, so "the same index" is literal), the
LLM object (its ``complete``), the generation settings (``pipeline.generation_params``) and the
checker call. What it leaves out: agency filters, separate answer/regulation quotas, examples,
the greeting prefix, facts, post-processing and repair — one retrieval, one plain prompt, one
completion. The appeal's markup is cleaned first (``normalize_appeal_text``), as any system
would; the checker sees the retrieved texts as the draft's sources.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.prompts import PromptTemplate
from langchain_core.retrievers import BaseRetriever

from drafter.domain import Appeal, Quality
from drafter.llm.base import LLM, ChatMessage
from drafter.normalize import normalize_appeal_text
from drafter.pipeline import Checker, generation_params
from drafter.settings import Settings

PROMPT = PromptTemplate.from_template(
    "Ответь на обращение гражданина, используя контекст:\n{context}\n\nОбращение: {appeal}\nОтвет:"
)
# the same one paragraph, with what the agency knows: the baseline of the facts measure
FACTS_PROMPT = PromptTemplate.from_template(
    "Ответь на обращение гражданина по фактам ведомства, используя контекст:\n{context}\n\n"
    "Факты: {facts}\n\nОбращение: {appeal}\nОтвет:"
)


class IndexRetriever(BaseRetriever):
    """Our ``KnowledgeIndex`` (anything with its ``search``) as a LangChain retriever."""

    index: Any
    k: int = 6

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        return [
            Document(
                page_content=h.chunk.text,
                metadata={"id": h.chunk.id, "kind": h.chunk.kind, "title": h.chunk.title},
            )
            for h in self.index.search(query, k=self.k)
        ]


@dataclass
class NaiveResult:
    text: str
    quality: Quality
    sources: list[str]
    prompt: str
    timings: dict[str, float] = field(default_factory=dict)


class NaiveRAG:
    def __init__(
        self, llm: LLM, index: Any, settings: Settings, checker: Checker, k: int | None = None
    ) -> None:
        r = settings.retrieval
        self.llm = llm
        self.settings = settings
        self.checker = checker
        # as many chunks as our pipeline may use (its answer + regulation quotas)
        self.retriever = IndexRetriever(index=index, k=k or r.k_answers + r.k_regulations)
        self.params = generation_params(settings)

    def prompt_for(
        self, appeal_text: str, docs: Sequence[Document], facts: str | None = None
    ) -> tuple[str, list[Document]]:
        """The stuffed prompt; trailing documents are dropped until it fits the context window
        (a plain «stuff» chain would simply overflow; dropping is the least clever fix)."""
        budget = self.llm.context_window - self.params.max_tokens
        kept = list(docs)
        while True:
            context = "\n\n".join(d.page_content for d in kept)
            text = (
                FACTS_PROMPT.format(context=context, appeal=appeal_text, facts=facts)
                if facts
                else PROMPT.format(context=context, appeal=appeal_text)
            )
            if not kept or self.llm.count_tokens(text) <= budget:
                return text, kept
            kept.pop()

    def draft(self, appeal: Appeal, facts: str | None = None) -> NaiveResult:
        started = time.perf_counter()
        query = normalize_appeal_text(appeal.text)
        docs = self.retriever.invoke(query)
        t = time.perf_counter()
        prompt, kept = self.prompt_for(query, docs, facts)
        # one user message: an instruction model gets its chat template, a base model a plain
        # document (drafter.llm.base)
        completion = self.llm.complete_chat([ChatMessage("user", prompt)], self.params)
        generate = time.perf_counter() - t
        text = completion.text.strip()
        sources = [d.page_content for d in kept] + ([facts] if facts else [])
        t = time.perf_counter()
        quality = self.checker(
            text,
            appeal=appeal.model_copy(update={"text": query}),
            sources=sources,
            generated=True,
            prompt=prompt,
            threshold=self.settings.drafting.pass_threshold,
        )
        checks = time.perf_counter() - t
        return NaiveResult(
            text=text,
            quality=quality,
            sources=sources,
            prompt=prompt,
            timings={
                "generate": generate,
                "checks": checks,
                "total": time.perf_counter() - started,
            },
        )
