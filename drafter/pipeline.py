"""The drafting pipeline: one appeal in, one checked draft out.

normalise → understand → retrieve → deadline → compose prompt → generate → post-process →
ground → check → (repair) → (composed fallback) → result.
Each stage is a call into its own module; this one only orders them, times them and decides
when to try again. It knows nothing of HTTP or the database.

Interim or final: the appeal may ask (``Appeal.kind``); otherwise the reply is final unless
retrieval found no past answer to draw on. An interim reply is composed, not generated: it
says only what is known (who has the appeal, by when we answer). Grounding: every sentence of a
draft is mapped to the sources behind it (``extra["support"]``); a sentence stating a fact
nothing supports is dropped when the rest still stands — else the draft fails the gate. When
generation keeps failing, a draft composed from the best past answer (or the interim reply)
takes its place if it checks better (``method="composed"``).

Beside it: drafter.pipeline_facts (what is known before drafting: facts, deadline, routing),
drafter.pipeline_grounding (a draft's sources, support map and citations),
drafter.pipeline_checking (the quality gate, with the index's topic judge) and
drafter.pipeline_composed (the fallback's texts).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from drafter.domain import Appeal, DraftResult
from drafter.errors import DrafterError, EmptyAppeal
from drafter.grounding import Source, unsupported_count
from drafter.llm.base import LLM, GenerationParams
from drafter.normalize import normalize_appeal_text
from drafter.pipeline_checking import (
    Checker,
    accepts,
    better,
    block_unverified_done,
    check_draft,
    default_checker,
    topic_judge_of,
)
from drafter.pipeline_composed import composed_texts
from drafter.pipeline_facts import appeal_deadline, appeal_facts, route_text
from drafter.pipeline_grounding import Case, case_sources, citation, ground, signature_block
from drafter.postprocess import clean_draft, drop_copied, drop_echo, limit_sentences
from drafter.prompting import compose_prompt, load_template
from drafter.settings import Settings
from knowledge.topics import AT_FLOOR, TopicBar

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from knowledge.index import KnowledgeIndex
    from knowledge.types import Hit

__all__ = ["Checker", "DraftingService", "generation_params"]


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
        self.checker = checker or default_checker()
        self.template = load_template(settings.drafting.prompt_version)
        self.params = generation_params(settings)
        self._policy: Any = None
        self._answer_sources = accepts(self.checker, "answer_sources")
        self._takes_topic = accepts(self.checker, "topic")
        self._judges_topic = settings.drafting.topic_check and self._takes_topic
        d = settings.drafting
        self.topic_bar = TopicBar(agreement=d.topic_margin, same_rank=d.topic_min_rank)

    def retrieve(self, query: str, appeal: Appeal) -> list[Hit]:
        from drafter.learning import scoped  # never another scope's learned answers

        r = self.settings.retrieval
        hits: list[Hit] = []
        for kind, k in (("answer", r.k_answers), ("regulation", r.k_regulations)):
            found: list[Hit] = []
            if appeal.agency:
                # the agency's own past answers and rules first; others only if it has none
                own = scoped(appeal, {"agency": appeal.agency})
                found = self.index.search(query, k=k, kind=kind, where=own)
            if not found:
                found = self.index.search(query, k=k, kind=kind, where=scoped(appeal))
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
        facts = appeal_facts(clean)
        routing = route_text(query, self.settings.routing_dir)
        timings["understand"] = time.perf_counter() - t

        t = time.perf_counter()
        hits = self.retrieve(query, clean)
        hits, off_topic = self.on_topic(query, hits)
        timings["retrieve"] = time.perf_counter() - t

        due = self.deadline(clean)
        if due is not None:
            facts["deadline"] = due["text"]
        ctx = Case(appeal=clean, facts=facts, hits=hits, due=due)
        kind = self.reply_kind(clean, hits)

        best: DraftResult | None = None
        if kind == "final":
            feedback: list[str] = []
            tries = 1 + max(0, self.settings.drafting.max_repair_tries)
            for attempt in range(1, tries + 1):
                result = self._attempt(ctx, feedback, timings, on_token if attempt == 1 else None)
                result.attempts = attempt
                if best is None or better(result.quality, best.quality):
                    best = result
                if result.quality.passed:
                    break
                # feed the violations back, so the next attempt is a different prompt
                again = [f"{v.code}: {v.message}" for v in result.quality.violations][:4]
                if again == feedback and self.params.temperature == 0:
                    break  # the same prompt again, decoded greedily: the same draft again
                feedback = again

        if best is None or (not best.quality.passed and self.settings.drafting.composed_fallback):
            t = time.perf_counter()
            composed = self._composed(ctx, interim_only=kind == "interim")
            _add(timings, "compose", time.perf_counter() - t)
            if composed is not None and (best is None or better(composed.quality, best.quality)):
                composed.attempts = best.attempts + 1 if best else 1
                if on_token is not None and best is None:
                    on_token(composed.text)
                best = composed

        assert best is not None
        best.timings = {**timings, "total": time.perf_counter() - started}
        best.extra["routing"] = routing
        best.extra["understanding"] = facts
        if off_topic:
            best.extra["off_topic_sources"] = off_topic
        if due is not None:
            best.extra["deadline"] = due["date"]
        return best

    def on_topic(self, query: str, hits: list[Hit]) -> tuple[list[Hit], list[str]]:
        """The hits without past answers about another problem, and the ids of those left out.

        The model copies its examples; a past answer to another problem in the prompt becomes
        a draft about that problem (and so does the composed fallback adapting it). Judged as
        the drafts are (``knowledge.topics``), but only clearly off topic is left out (below
        the floor, not the drafts' margin); regulations are kept, and with no past answer left
        the reply is interim."""
        judge = self.topic_judge()
        if judge is None:
            return hits, []
        knows = getattr(judge, "knows", None)
        # an appeal about something no indexed answer covers (a health certificate, asked of a
        # city's housing answers): every past answer found is about something else
        unknown = knows is not None and not knows(query)
        kept: list[Hit] = []
        dropped: list[str] = []
        for hit in hits:
            verdict = judge.verdict(query, hit.chunk.text) if hit.chunk.kind == "answer" else None
            if (unknown and hit.chunk.kind == "answer") or (
                verdict is not None and AT_FLOOR.misses(verdict)
            ):
                dropped.append(hit.chunk.id)
            else:
                kept.append(hit)
        return kept, dropped

    def reply_kind(self, appeal: Appeal, hits: Sequence[Hit]) -> str:
        """«interim» or «final»: as the appeal asks, else final when a past answer was found."""
        if appeal.kind is not None:
            return appeal.kind
        if self.settings.drafting.interim_without_answers and not any(
            h.chunk.kind == "answer" for h in hits
        ):
            return "interim"
        return "final"

    def deadline(self, appeal: Appeal) -> dict[str, str] | None:
        if self._policy is None:
            from drafter.deadlines import DeadlinePolicy

            try:
                self._policy = DeadlinePolicy(self.settings.deadlines)
            except DrafterError as exc:  # a broken deadline table must not stop drafting
                log.warning("deadline unavailable: %s", exc.message)
                return None
        return appeal_deadline(appeal, self._policy)

    def _attempt(
        self,
        case: Case,
        feedback: list[str],
        timings: dict[str, float],
        on_token: Callable[[str], None] | None,
    ) -> DraftResult:
        t = time.perf_counter()
        prompt = compose_prompt(
            self.template,
            case.appeal,
            case.hits,
            self.llm,
            max_new_tokens=self.params.max_tokens,
            feedback=feedback or None,
            facts=case.facts,
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
        # the instruction lines are ours, never the citizen's answer
        text = drop_echo(text, _instruction_lines(prompt.text), keep=len(prefix))
        text = drop_copied(text, case.appeal.text, keep=len(prefix))
        if case.appeal.channel.is_social:
            text = limit_sentences(text, self.settings.drafting.social_max_sentences)
        used = list(prompt.used_hits)
        result = self._finish(case, text, used, keep=len(prefix), prompt=prompt.text)
        _add(timings, "checks", time.perf_counter() - t)
        result.prompt_version = prompt.version
        result.extra.update(
            prompt_tokens=completion.prompt_tokens, completion_tokens=completion.completion_tokens
        )
        return result

    def _composed(self, case: Case, *, interim_only: bool) -> DraftResult | None:
        """A draft written without the model: the best past answer adapted, else the interim reply."""
        if case.due is None:
            return None  # no date to promise: nothing honest to compose
        sig = self._signature(case.appeal)
        prefix, candidates = composed_texts(case, sig, interim_only=interim_only)
        best: DraftResult | None = None
        for text, used in candidates:
            # the interim reply (no past answer under it) answers nothing on the merits yet,
            # by design: it says who has the appeal and by when; only replies on the merits
            # are held to the appeal's topic
            result = self._finish(
                case,
                text,
                used,
                keep=len(prefix),
                prompt=None,
                generated=False,
                on_merits=bool(used),
            )
            result.method = "composed"
            result.prompt_version = "composed_v1"
            # both shapes end in «… не позднее <date>»: the answer on the merits is to come
            result.extra["reply_kind"] = "interim"
            if best is None or better(result.quality, best.quality):
                best = result
            if result.quality.passed:
                break
        return best

    def topic_judge(self) -> Any:
        """The index's judge of whether a draft is about the appeal's problem (None: none)."""
        return topic_judge_of(self.index, self._judges_topic)

    def _sources(self, case: Case, used: Sequence[Hit]) -> list[Source]:
        return case_sources(case, used, self._signature(case.appeal))

    def _signature(self, appeal: Appeal) -> str:
        return signature_block(appeal, self.settings.drafting.signature)

    def _finish(
        self,
        case: Case,
        text: str,
        used: list[Hit],
        *,
        keep: int,
        prompt: str | None,
        generated: bool = True,
        on_merits: bool = True,
    ) -> DraftResult:
        """Ground, sign and check one draft text (``generated``: the model wrote it;
        ``on_merits``: it answers the appeal, so it must be about the appeal's problem)."""
        sources = self._sources(case, used)
        # a composed draft's own «обращение передано» is the pipeline's, not a claim to check
        keep_claims = keep if generated else len(text)
        drop_claims = self.settings.drafting.done_claims == "drop"
        text, support, dropped = ground(
            text, sources, keep=keep, keep_claims=keep_claims, drop_claims=drop_claims
        )
        sig = self._signature(case.appeal)
        if sig:
            text = text.rstrip() + "\n\n" + sig
        quality = check_draft(
            self.checker,
            text,
            case.appeal,
            sources,
            prompt=prompt,
            threshold=self.settings.drafting.pass_threshold,
            answer_sources=self._answer_sources,
            topic=self.topic_judge() if on_merits else None,
            takes_topic=self._takes_topic,
            topic_bar=self.topic_bar,
        )
        rows = [row.as_dict() for row in support]
        if drop_claims and any(r["unverified_done"] for r in rows):
            quality = block_unverified_done(quality, rows)
        return DraftResult(
            text=text,
            citations=[citation(h) for h in used],
            quality=quality,
            method="generated",
            model=self.llm.name,
            extra={
                "reply_kind": "final",
                "support": rows,
                "unsupported": unsupported_count(support),
                "unverified_done": sum(r["unverified_done"] for r in rows),
                "unsupported_reason": sum(r["unsupported_reason"] for r in rows),
                "dropped": [s.sentence for s in dropped],
            },
        )


def _instruction_lines(prompt: str) -> list[str]:
    # the template's own words: the first paragraph and the «Учесть» remarks. Not the values of
    # «Сведения» (address, problem): restating them is what a good reply does; a sentence that
    # copies the line itself carries its «label:» marks and drop_echo catches it by those.
    lines = [prompt.split("\n", 1)[0]]
    lines += [ln for ln in prompt.splitlines() if ln.startswith("Учесть:")]
    return lines


def _add(timings: dict[str, float], key: str, seconds: float) -> None:
    timings[key] = timings.get(key, 0.0) + seconds
