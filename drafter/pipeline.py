"""The drafting pipeline: one appeal (and what the executor knows) in, one checked draft out.

normalise → understand → retrieve → deadline → decide the reply → compose prompt → generate →
post-process → ground → check → (repair) → (composed fallback) → result.
Each stage is a call into its own module; this one only orders them, times them and decides
when to try again. It knows nothing of HTTP or the database.

What reply is written (``DraftingService.mode``):

* the executor's facts given → a final reply written up from them (``facts``): every fact in
  it must come from the appeal, the facts or the cited rule, and every fact the executor gave
  must reach it (``LOST_FACT``);
* no facts, a question about a rule, and a rule or approved answer found → a final reply that
  explains the rule (``question``);
* otherwise — a problem report without facts, or an appeal that asks for it — the interim
  reply (who has the appeal, by when we answer) and a checklist of what to find out; the
  status is ``needs_facts``. No final reply to a problem report is written without facts: no
  model can know whether the pothole was filled.

Grounding: every sentence of a draft is mapped to the sources behind it (``support``);
a generated sentence stating a fact, a cause or a claim of work done that nothing supports is
dropped when the rest still stands — else the draft fails the gate. When generation keeps
failing, a composed draft takes its place if it checks better (``method="composed"``): the
executor's facts as they wrote them, or the interim reply. A past answer lends the model its
wording and its rule, never its facts: no composed draft adapts one.

Beside it: drafter.pipeline_facts (what is known before drafting: understanding, deadline,
routing), drafter.pipeline_grounding (a draft's sources, support map and citations),
drafter.pipeline_checking (the quality gate, with the index's topic judge),
drafter.pipeline_composed (the fallback's texts), drafter.executor_facts and drafter.checklist.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, Any, TypedDict

from drafter.checklist import checklist
from drafter.deadlines import DeadlinePolicy
from drafter.domain import (
    AnswerDeadline,
    Appeal,
    Attempt,
    DraftResult,
    Mode,
    PromptMessage,
    Removal,
    RouteResult,
    SupportRow,
    Understanding,
)
from drafter.errors import DrafterError, EmptyAppeal
from drafter.executor_facts import (
    Restored,
    clean_facts,
    drop_own_sentences,
    drop_restated,
    drop_retold,
    lost_facts,
    mend_copied_words,
    plain_reply,
    prompt_facts,
    put_back_dangling,
    put_back_reversed,
    put_back_undone,
    restore_lost_facts,
    with_lost_facts,
)
from drafter.grounding import Source
from drafter.llm.base import LLM, Completion, GenerationParams
from drafter.normalize import normalize_appeal_text
from drafter.pipeline_checking import (
    Checker,
    better,
    block_unverified_done,
    check_draft,
    default_checker,
    facts_gaps,
    topic_judge_of,
)
from drafter.pipeline_composed import composed_texts
from drafter.pipeline_facts import appeal_deadline, appeal_facts, route_text
from drafter.pipeline_grounding import Case, case_sources, citation, ground, signature_block
from drafter.postprocess import (
    INSTRUCTION,
    LEADING_GREETING,
    clean_draft,
    drop_copied,
    drop_echo,
    limit_sentences,
    repair_scripts,
)
from drafter.prompting import (
    channel_group,
    compose_chat,
    compose_prompt,
    facts_head,
    greeting,
    load_template,
)
from drafter.removals import grounding_removals, noted, replaced_by_facts, restated_removals
from drafter.settings import Settings
from knowledge.topics import AT_FLOOR, TopicBar

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from knowledge.index import KnowledgeIndex
    from knowledge.types import Hit

__all__ = ["Checker", "DraftingService", "Mode", "generation_params"]


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
        self._judges_topic = settings.drafting.topic_check
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
        facts: str | None = None,
        on_token: Callable[[str], None] | None = None,
    ) -> DraftResult:
        """The draft for ``appeal``; ``facts``: what the executor knows (done, decided, planned)."""
        timings: dict[str, float] = {}
        started = time.perf_counter()

        query = normalize_appeal_text(appeal.text)
        if not query:
            raise EmptyAppeal("в обращении нет текста после очистки разметки")
        clean = appeal.model_copy(update={"text": query})
        executor_facts = clean_facts(facts)

        t = time.perf_counter()
        understood = appeal_facts(clean)
        routing = route_text(query, self.settings.routing_dir)
        timings["understand"] = time.perf_counter() - t

        t = time.perf_counter()
        hits: list[Hit] = []
        off_topic: list[str] = []
        if executor_facts is None:
            # beside the facts no hit goes into the prompt (drafter.prompting.compose_chat):
            # the facts are the answer, so nothing is searched for
            hits = self.retrieve(query, clean)
            hits, off_topic = self.on_topic(query, hits)
        timings["retrieve"] = time.perf_counter() - t

        due = self.deadline(clean)
        ctx = Case(
            appeal=clean,
            facts=understood,
            hits=hits,
            due=due,
            executor_facts=executor_facts,
            routed_to=_routed_body(routing),
        )
        mode = self.mode(clean, understood, hits, executor_facts)

        best: DraftResult | None = None
        trace: list[Attempt] = []  # every attempt, for the draft's trace
        before_model = time.perf_counter() - started
        if mode != "interim":
            feedback: list[str] = []
            tries = 1 + max(0, self.settings.drafting.max_repair_tries)
            for attempt in range(1, tries + 1):
                result = self._attempt(
                    ctx, mode, feedback, timings, on_token if attempt == 1 else None
                )
                trace += result.attempts_trace
                result.attempts = attempt
                if attempt == 1:
                    # what the executor waits for: until the model's first piece streams
                    timings["first_token"] = (
                        before_model + timings.get("prompt", 0.0) + timings.get("prefill", 0.0)
                    )
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
            composed = self._composed(ctx, facts_first=mode == "facts")
            _add(timings, "compose", time.perf_counter() - t)
            trace += composed.attempts_trace if composed is not None else []
            if composed is not None and (best is None or better(composed.quality, best.quality)):
                composed.attempts = best.attempts + 1 if best else 1
                if on_token is not None and best is None:
                    on_token(composed.text)
                best = composed

        assert best is not None
        if best.reply_kind == "interim" and executor_facts is None:
            # no reply on the merits without the executor's facts: what to find out, and the
            # past answers and the rule it was learnt from, cited for the reviewer
            best.checklist = checklist(hits)
            learnt = {sid for item in best.checklist for sid in item.sources}
            if not best.citations:
                best.citations = [citation(h) for h in hits if h.chunk.id in learnt]
        best.facts = executor_facts
        if executor_facts is not None:
            best.facts_gaps = facts_gaps(executor_facts, clean)
        best.timings = {**timings, "total": time.perf_counter() - started}
        best.routing = routing
        best.understanding = Understanding.model_validate(understood)
        best.mode = mode
        best.off_topic_sources = off_topic
        if due is not None:
            best.deadline = AnswerDeadline.model_validate({**due, "due": due["date"]})
        best.attempts_trace = _numbered(trace, best)
        return best

    def warm_for_facts(self, appeal: Appeal) -> None:
        """Let the model read ``appeal`` now, ahead of the executor's facts.

        After a problem report's interim draft (``needs_facts``) the executor goes to find out
        what was done; the head of the facts conversation (system message and appeal) is
        evaluated meanwhile and kept by the LLM (``LLM.warm_chat``), so when the facts come
        only they are left to read before the first word. A backend without state ignores it."""
        query = normalize_appeal_text(appeal.text)
        if not query or not self.template.is_chat:
            return
        clean = appeal.model_copy(update={"text": query})
        head = facts_head(self.template, clean, self.llm, self.max_tokens(clean))
        self.llm.warm_chat(head)

    def mode(
        self,
        appeal: Appeal,
        understood: dict[str, Any],
        hits: Sequence[Hit],
        executor_facts: str | None,
    ) -> Mode:
        """Which reply can honestly be written (see the module's docstring)."""
        if appeal.kind == "interim":
            return "interim"
        if executor_facts:
            return "facts"
        if understood.get("kind") == "question" and hits:
            return "question"
        return "interim"

    def on_topic(self, query: str, hits: list[Hit]) -> tuple[list[Hit], list[str]]:
        """The hits without past answers about another problem, and the ids of those left out.

        The model copies its examples; a past answer to another problem in the prompt becomes
        a draft about that problem. Judged as the drafts are (``knowledge.topics``), but only
        clearly off topic is left out (below the floor, not the drafts' margin); regulations
        are kept."""
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

    def deadline(self, appeal: Appeal) -> dict[str, str] | None:
        if self._policy is None:
            try:
                self._policy = DeadlinePolicy(self.settings.deadlines)
            except DrafterError as exc:  # a broken deadline table must not stop drafting
                log.warning("deadline unavailable: %s", exc.message)
                return None
        return appeal_deadline(appeal, self._policy)

    def max_tokens(self, appeal: Appeal) -> int:
        by_channel = self.settings.generation.max_tokens_by_channel
        return by_channel.get(channel_group(appeal.channel), self.params.max_tokens)

    def _attempt(
        self,
        case: Case,
        mode: Mode,
        feedback: list[str],
        timings: dict[str, float],
        on_token: Callable[[str], None] | None,
    ) -> DraftResult:
        t = time.perf_counter()
        max_new = self.max_tokens(case.appeal)
        record = Attempt(method="generated", feedback=list(feedback))
        completion, prefix, used, prompt_text, version = self._generate(
            case, mode, feedback, max_new, timings, t, on_token, record
        )
        generated = time.perf_counter()
        removed = record.removals
        # a chat model's answer skips the mending of a base model's fragments (BASE_MODEL_STEPS)
        text = clean_draft(
            completion.text, prefix=prefix, removals=removed, base_model=not self.template.is_chat
        )
        # the instruction lines are ours, never the citizen's answer
        echo = drop_echo(text, _instruction_lines(self.template, prompt_text), keep=len(prefix))
        text = noted(removed, "drop_echo", "повторяет слова промпта, а не отвечает", text, echo)
        copied = drop_copied(text, case.appeal.text, keep=len(prefix))
        text = noted(removed, "drop_copied", "скопировано из обращения", text, copied)
        known = "\n".join(x for x in (case.appeal.text, case.executor_facts) if x)
        mended = repair_scripts(text, known, keep=len(prefix))
        why = "слово с латинскими буквами внутри исправлено по обращению и фактам"
        text = noted(removed, "repair_scripts", why, text, mended)
        if mode == "facts":
            # a pasted letter's «сообщаем следующее» and «Фото прилагается» are not the reply's
            plain, _ = plain_reply(text, keep=len(prefix))
            text = noted(
                removed, "plain_reply", "рамка письма или канцелярский оборот", text, plain
            )
            if case.executor_facts:
                retold, _ = drop_retold(
                    text, case.appeal.text, case.executor_facts, keep=len(prefix)
                )
                why = "пересказывает жалобу жителя от имени ведомства"
                text = noted(removed, "drop_retold", why, text, retold)
        if case.appeal.channel.is_social:
            n = self.settings.drafting.social_max_sentences
            why = f"ответ в соцсети — не больше {n} предложений"
            text = noted(removed, "limit_sentences", why, text, limit_sentences(text, n))
        result = self._finish(
            case,
            text,
            used,
            keep=len(prefix),
            prompt=prompt_text,
            # a reply written up from the executor's facts is about what they say; the topic
            # judge, trained on other cases' replies, has nothing to add to that
            on_merits=mode != "facts",
            record=record,
        )
        _add(timings, "checks", time.perf_counter() - generated)
        result.prompt_version = version
        record.prompt, record.completion = prompt_text, completion.text
        record.prompt_tokens = completion.prompt_tokens
        record.completion_tokens = completion.completion_tokens
        record.timings = {
            "generate": generated - t,
            "prefill": completion.prefill_s,
            "decode": completion.decode_s,
            "checks": time.perf_counter() - generated,
        }
        return result

    def _generate(
        self,
        case: Case,
        mode: Mode,
        feedback: list[str],
        max_new: int,
        timings: dict[str, float],
        started: float,
        on_token: Callable[[str], None] | None,
        record: Attempt | None = None,
    ) -> tuple[Completion, str, list[Hit], str, str]:
        """One generation: the completion, the greeting it starts with, the hits it stands on,
        the prompt as text and the template's version; a chat's messages go to ``record``."""
        greeting_name = case.facts.get("greeting_name") if "greeting_name" in case.facts else None
        if self.template.is_chat:
            chat = compose_chat(
                self.template,
                case.appeal,
                case.hits,
                self.llm,
                max_new,
                task="facts" if mode == "facts" else "question",
                facts=prompt_facts(case.executor_facts) if case.executor_facts else None,
                greeting_text=_greeting(case.appeal, greeting_name, "greeting_name" in case.facts),
                feedback=feedback or None,
            )
            _add(timings, "prompt", time.perf_counter() - started)
            if record is not None:
                record.messages = [
                    PromptMessage(role=m.role, content=m.content) for m in chat.messages
                ]
            params = replace(
                self.params,
                max_tokens=max_new,
                stop=tuple(dict.fromkeys(self.params.stop + chat.stop)),
            )
            if on_token is not None:
                on_token(chat.answer_prefix)
            # the model writes the greeting too; the greeting streamed is ours, so the
            # model's own is kept out of the stream
            completion = self.llm.complete_chat(
                chat.messages, params, on_token=_after_greeting(on_token)
            )
            prefix, used, prompt_text = chat.answer_prefix, chat.used_hits, chat.text
        else:
            understood = dict(case.facts)
            if case.executor_facts:
                understood["executor"] = prompt_facts(case.executor_facts)
            prompt = compose_prompt(
                self.template,
                case.appeal,
                case.hits,
                self.llm,
                max_new_tokens=max_new,
                feedback=feedback or None,
                facts=understood,
            )
            _add(timings, "prompt", time.perf_counter() - started)
            if prompt.answer_prefix and on_token is not None:
                on_token(prompt.answer_prefix)
            # the template's stop sequences end the answer before the model starts a new example
            stop = tuple(dict.fromkeys(self.params.stop + prompt.stop))
            params = replace(self.params, max_tokens=max_new, stop=stop)
            completion = self.llm.complete(prompt.text, params, on_token=on_token)
            prefix, used, prompt_text = prompt.answer_prefix, list(prompt.used_hits), prompt.text
        _add(timings, "prefill", completion.prefill_s)
        _add(timings, "decode", completion.decode_s)
        return completion, prefix, used, prompt_text, self.template.version

    def _composed(self, case: Case, *, facts_first: bool) -> DraftResult | None:
        """A draft written without the model: the executor's facts as written, else the interim
        reply."""
        if case.due is None and not case.executor_facts:
            return None  # no date to promise and nothing known: nothing honest to compose
        sig = self._signature(case.appeal)
        prefix, candidates = composed_texts(case, sig, facts_first=facts_first)
        best: DraftResult | None = None
        tried: list[Attempt] = []
        for text, kind in candidates:
            # the interim reply answers nothing on the merits by design: never topic-judged
            result = self._finish(
                case, text, [], keep=len(prefix), prompt=None, generated=False, on_merits=False
            )
            result.method = "composed"
            result.prompt_version = "composed_v2"
            result.reply_kind = kind
            result.attempts_trace[0].reply_kind = kind
            tried += result.attempts_trace
            if best is None or better(result.quality, best.quality):
                best = result
            if result.quality.passed:
                break
        if best is not None:
            best.attempts_trace[0].chosen = True  # its own attempt, among all those tried
            best.attempts_trace = tried
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
        record: Attempt | None = None,
    ) -> DraftResult:
        """Ground, sign and check one draft text (``generated``: the model wrote it;
        ``on_merits``: it answers the appeal from sources, so it must be about the appeal's
        problem); ``record``: the attempt so far, completed with grounding and the verdict."""
        sources = self._sources(case, used)
        # a composed draft's own «обращение передано» is the pipeline's, not a claim to check
        keep_claims = keep if generated else len(text)
        drop_claims = self.settings.drafting.done_claims == "drop"
        grounded = partial(
            ground,
            sources=sources,
            keep=keep,
            keep_claims=keep_claims,
            drop_claims=drop_claims,
            drop_causes=generated,
        )
        text, support, dropped = grounded(text)
        restored: list[Restored] = []
        repeated: list[str] = []
        own: list[Removal] = []
        # an appeal that tries to steer the reply («напиши …», «представь, что ты …») makes the
        # model's words suspect: what it lost of the facts is not patched around them, the reply
        # fails LOST_FACT and the facts as written take over (the gate misses some insults:
        # «Вы идиот и дурак …» passed it, issue 11's IMPOLITE recall)
        if (
            generated
            and case.executor_facts
            and self.settings.drafting.restore_facts
            and not INSTRUCTION.search(case.appeal.text)
        ):
            # after grounding, which names what it removes (a date nobody gave, a claim of work
            # the facts do not report): what the model wrote beside the facts, without a fact
            own_text = drop_own_sentences(text, case.executor_facts, case.appeal.text, keep=keep)[0]
            why = "не из фактов исполнителя: модель дописала своё"
            text = noted(own, "drop_own_sentences", why, text, own_text)
            mended = mend_copied_words(text, case.executor_facts, case.appeal.text, keep=keep)
            why = "слово фактов переписано с ошибкой: возвращено, как в фактах"
            text = noted(own, "mend_copied_words", why, text, mended)
            # a sentence that says the facts the other way round gives way to the facts' own
            text, restored = put_back_reversed(text, case.executor_facts, keep=keep)
            text, undone = put_back_undone(text, case.executor_facts, keep=keep)
            restored += undone
            text, dangling = put_back_dangling(text, case.executor_facts, keep=keep)
            restored += dangling
            text, lost_back = restore_lost_facts(text, case.executor_facts, keep=keep)
            restored += lost_back
            # the facts' sentence put back beside the model's shorter telling of it: once
            text, repeated = drop_restated(text, keep=keep)
            if own or restored or repeated:  # the support map covers the reply as it now reads
                text, support, again = grounded(text)
                dropped = [*dropped, *again]
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
            topic=self.topic_judge() if on_merits else None,
            topic_bar=self.topic_bar,
        )
        rows = [row.as_dict() for row in support]
        if drop_claims and any(r["unverified_done"] for r in rows):
            quality = block_unverified_done(quality, rows)
        # a cause nothing states is the checker's UNGROUNDED (the same extractor and rule as the
        # support map's flag), so it is not blocked twice here
        lost: list[str] = []
        if case.executor_facts:
            lost = lost_facts(case.executor_facts, text)
            quality = with_lost_facts(quality, lost, len(text))
        record = record or Attempt(method="generated" if generated else "composed")
        record.removals += grounding_removals(dropped) + own + replaced_by_facts(restored)
        record.removals += restated_removals(repeated)
        record.restored_facts = [r.sentence for r in restored]
        record.text, record.quality, record.lost_facts = text, quality, lost
        return DraftResult(
            text=text,
            citations=[citation(h) for h in used],
            quality=quality,
            method="generated",
            model=self.llm.name,
            reply_kind="final",
            support=[SupportRow.model_validate(r) for r in rows],
            lost_facts=lost,
            attempts_trace=[record],
        )


def _routed_body(routing: RouteResult | None) -> str | None:
    """The responsible body routing is sure of, else None."""
    body = routing.responsible_body if routing else None
    return body.label if body and body.label and not body.needs_manual else None


def _greeting(appeal: Appeal, name: str | None, known: bool) -> str:
    return greeting(appeal, name or "") if known else greeting(appeal)


class _GreetingWait(TypedDict):
    buffer: str  # the model's pieces held back while its greeting line may still be running
    open: bool  # the greeting line is over: pieces go straight through


def _numbered(trace: list[Attempt], best: DraftResult) -> list[Attempt]:
    """The run's attempts numbered in order, the one whose draft is the result marked: a
    generated result carries its own attempt, a composed one all it tried, its own marked."""
    own = next((a for a in best.attempts_trace if a.chosen), None)
    own = own or (best.attempts_trace[0] if best.attempts_trace else None)
    for number, attempt in enumerate(trace, 1):
        attempt.number, attempt.chosen = number, attempt is own
    return trace


def _after_greeting(on_token: Callable[[str], None] | None) -> Callable[[str], None] | None:
    """Streams the model's pieces once its own greeting line is over (ours was sent already)."""
    if on_token is None:
        return None
    state: _GreetingWait = {"buffer": "", "open": False}

    def forward(piece: str) -> None:
        if state["open"]:
            on_token(piece)
            return
        state["buffer"] += piece
        buf = str(state["buffer"])
        if len(buf) < 40 and not any(c in buf for c in "!.\n"):
            return  # not yet known whether it starts with a greeting
        m = LEADING_GREETING.match(buf)
        rest = buf[m.end() :] if m else buf
        state["open"] = True
        if rest.strip():
            on_token(" " + rest.lstrip())

    return forward


def _instruction_lines(template: Any, prompt: str) -> list[str]:
    # the template's own words: the first paragraph (completion) or the system message (chat)
    # and the «Учесть» remarks. Not the values of «Сведения» (address, problem): restating them
    # is what a good reply does.
    if getattr(template, "is_chat", False):
        lines = [
            ln
            for ln in template.sections["system"].splitlines()
            if ln.strip() and not re.fullmatch(r"\{\w+\}", ln.strip())
        ]
        lines += [*template.tasks.values(), *template.formats.values()]
    else:
        lines = [prompt.split("\n", 1)[0]]
    lines += [ln for ln in prompt.splitlines() if ln.startswith("Учесть:")]
    return lines


def _add(timings: dict[str, float], key: str, seconds: float) -> None:
    timings[key] = timings.get(key, 0.0) + seconds
