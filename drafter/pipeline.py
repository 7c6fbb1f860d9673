"""The drafting pipeline: one appeal in, one checked draft out.

normalise → retrieve → compose prompt → generate → post-process → check → (repair) → result.
Each stage is a call into its own module; this one only orders them, times them and decides
when to try again. It knows nothing of HTTP or the database.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Protocol

from drafter.domain import Appeal, Citation, DraftResult, Quality
from drafter.errors import DrafterError, EmptyAppeal
from drafter.llm.base import LLM, GenerationParams
from drafter.normalize import normalize_appeal_text
from drafter.postprocess import clean_draft
from drafter.prompting import compose_prompt, load_template
from drafter.settings import Settings

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from knowledge.index import KnowledgeIndex
    from knowledge.types import Hit


class Checker(Protocol):
    def __call__(
        self,
        text: str,
        *,
        appeal: Appeal | None = None,
        sources: Sequence[str] = (),
        generated: bool = True,
        prompt: str | None = None,
        threshold: int = 60,
    ) -> Quality: ...


def _default_checker() -> Checker:
    from evals.checker import check

    return check


def generation_params(settings: Settings) -> GenerationParams:
    g = settings.generation
    return GenerationParams(
        temperature=g.temperature,
        max_tokens=g.max_tokens,
        stop=tuple(g.stop),
        repeat_penalty=g.repeat_penalty,
        top_p=g.top_p,
        top_k=g.top_k,
        seed=g.seed,
    )


class DraftingService:
    def __init__(
        self,
        llm: LLM,
        index: KnowledgeIndex,
        settings: Settings,
        checker: Checker | None = None,
    ) -> None:
        self.llm = llm
        self.index = index
        self.settings = settings
        self.checker = checker or _default_checker()
        self.template = load_template(settings.drafting.prompt_version)
        self.params = generation_params(settings)

    def retrieve(self, query: str, appeal: Appeal) -> list[Hit]:
        r = self.settings.retrieval
        hits: list[Hit] = []
        for kind, k in (("answer", r.k_answers), ("regulation", r.k_regulations)):
            found: list[Hit] = []
            if appeal.agency:
                # the agency's own past answers and rules first; others only if it has none
                found = self.index.search(query, k=k, kind=kind, where={"agency": appeal.agency})
            if not found:
                found = self.index.search(query, k=k, kind=kind)
            hits.extend(found)
        return hits

    def draft(
        self,
        appeal: Appeal,
        on_token: Callable[[str], None] | None = None,
    ) -> DraftResult:
        timings: dict[str, float] = {}
        started = time.perf_counter()

        query = normalize_appeal_text(appeal.text)
        if not query:
            raise EmptyAppeal("в обращении нет текста после очистки разметки")
        clean = appeal.model_copy(update={"text": query})

        t = time.perf_counter()
        facts = self.understand(clean)
        routing = self.route(query)
        timings["understand"] = time.perf_counter() - t

        t = time.perf_counter()
        hits = self.retrieve(query, clean)
        timings["retrieve"] = time.perf_counter() - t

        feedback: list[str] = []
        best: DraftResult | None = None
        tries = 1 + max(0, self.settings.drafting.max_repair_tries)
        for attempt in range(1, tries + 1):
            result = self._attempt(
                clean, hits, facts, feedback, timings, on_token if attempt == 1 else None
            )
            result.attempts = attempt
            if best is None or _better(result.quality, best.quality):
                best = result
            if result.quality.passed:
                break
            # feed the violations back, so the next attempt is a different prompt
            feedback = [f"{v.code}: {v.message}" for v in result.quality.violations][:4]

        assert best is not None
        best.timings = {**timings, "total": time.perf_counter() - started}
        best.extra["routing"] = routing
        best.extra["understanding"] = facts
        return best

    def understand(self, appeal: Appeal) -> dict[str, Any]:
        """Name, place and problem for the prompt's «Сведения» line and the greeting."""
        from drafter.understanding import understand

        u = understand(appeal)
        facts: dict[str, Any] = {
            "greeting_name": u.greeting_name,
            "address": u.address or appeal.address,
            "place": u.place,
            "problem": u.problem.rstrip(" ."),
            "category": appeal.category,
        }
        return {k: v for k, v in facts.items() if v or k == "greeting_name"}

    def route(self, text: str) -> dict[str, Any] | None:
        """The routing suggestion returned with the draft (None when routing is unavailable)."""
        from drafter.routing import route

        try:
            return route([text], self.settings.routing_dir)[0].model_dump(mode="json")
        except DrafterError as exc:  # a broken routing model must not stop drafting
            log.warning("routing failed: %s", exc.message)
            return None

    def _attempt(
        self,
        appeal: Appeal,
        hits: list[Hit],
        facts: dict[str, Any],
        feedback: list[str],
        timings: dict[str, float],
        on_token: Callable[[str], None] | None,
    ) -> DraftResult:
        t = time.perf_counter()
        prompt = compose_prompt(
            self.template,
            appeal,
            hits,
            self.llm,
            max_new_tokens=self.params.max_tokens,
            feedback=feedback or None,
            facts=facts,
        )
        _add(timings, "prompt", time.perf_counter() - t)

        prefix = prompt.answer_prefix
        if prefix and on_token is not None:
            on_token(prefix)
        # the template's stop sequences end the answer before the model starts a new example
        stop = tuple(dict.fromkeys(self.params.stop + prompt.stop))
        params = replace(self.params, stop=stop)
        completion = self.llm.complete(prompt.text, params, on_token=on_token)
        _add(timings, "prefill", completion.prefill_s)
        _add(timings, "decode", completion.decode_s)

        t = time.perf_counter()
        text = clean_draft(completion.text, prefix=prefix)
        used = list(prompt.used_hits)
        quality = self.checker(
            text,
            appeal=appeal,
            sources=[h.chunk.text for h in used],
            generated=True,
            prompt=prompt.text,
            threshold=self.settings.drafting.pass_threshold,
        )
        _add(timings, "checks", time.perf_counter() - t)

        return DraftResult(
            text=text,
            citations=[_citation(h) for h in used],
            quality=quality,
            method="generated",
            prompt_version=prompt.version,
            model=self.llm.name,
            extra={
                "prompt_tokens": completion.prompt_tokens,
                "completion_tokens": completion.completion_tokens,
            },
        )


def _add(timings: dict[str, float], key: str, seconds: float) -> None:
    timings[key] = timings.get(key, 0.0) + seconds


def _better(a: Quality, b: Quality) -> bool:
    a_blockers = sum(v.severity == "blocker" for v in a.violations)
    b_blockers = sum(v.severity == "blocker" for v in b.violations)
    return (a.passed, -a_blockers, a.score) > (b.passed, -b_blockers, b.score)


def _citation(hit: Hit) -> Citation:
    chunk = hit.chunk
    snippet = chunk.text if len(chunk.text) <= 300 else chunk.text[:297].rstrip() + "…"
    return Citation(
        source_id=chunk.id, title=chunk.title or chunk.doc_id, snippet=snippet, kind=chunk.kind
    )
