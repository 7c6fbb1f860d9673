"""The prompt for one appeal, from a versioned template (see the ``prompts`` package).

The default model is a small *base* model: no chat template, no instruction following to speak
of. So the prompt is a completion document: past approved answers retrieved for this appeal as
examples («Обращение: … / Ответ: …»), regulation chunks as a short «Справка», then the new
appeal and «Ответ:» with the greeting already written (``Prompt.answer_prefix``: the pipeline
prepends it to the completion, see ``postprocess.clean_draft``). Generation should stop at
``Prompt.stop`` (the template's stop sequences) as well as the configured ones.

The appeal is untrusted: it is inserted as data (one paragraph, our labels and separators
neutralised, its quotes turned into plain ones) inside the «…» the template puts around it, so
it can neither close its quote nor open a section of its own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import prompts
from drafter.domain import Appeal, Channel
from drafter.errors import ConfigError
from drafter.llm.base import LLM, ChatMessage
from drafter.postprocess import LEADING_GREETING
from knowledge.types import Hit
from prompts import PromptTemplate, TemplateError

__all__ = [
    "ChatPrompt",
    "Prompt",
    "PromptTemplate",
    "as_data",
    "channel_group",
    "compose_chat",
    "compose_prompt",
    "facts_head",
    "greeting",
    "load_template",
    "parse_template",
]

CHANNEL_GROUPS = ("social", "pos", "email", "letter")

# Per-item caps (model tokens) before packing, so one long item cannot crowd out the rest.
EXAMPLE_APPEAL_TOKENS = 160
EXAMPLE_ANSWER_TOKENS = 320
REFERENCE_TOKENS = 200
MIN_APPEAL_TOKENS = 48

_LABELS = re.compile(r"(Обращение|Ответ|Справка|Учесть|Сведения|Формат)\s*:", re.IGNORECASE)
_SEPARATORS = re.compile(r"#{2,}|={3,}|-{3,}|\*{3,}|<[^<>\s]{1,30}>")
_NAME_CHARS = re.compile(r"[^A-Za-zА-Яа-яЁё\- .]")
# what the understanding step (or the caller) may put in ``facts``, as the prompt names it
FACT_LABELS = {
    "address": "адрес",
    "place": "место",
    "category": "тема",
    "reason": "вопрос",
    "agency": "ответственный",
    "deadline": "срок",
    "problem": "проблема",
}


@dataclass
class Prompt:
    text: str
    version: str
    used_hits: list[Hit]  # in rank order; these become the draft's citations
    prompt_tokens: int
    answer_prefix: str = ""  # already in the prompt; prepend it to the completion
    stop: tuple[str, ...] = ()  # the template's stop sequences
    dropped_hits: list[Hit] = field(default_factory=list)
    appeal_trimmed: bool = False


@dataclass
class ChatPrompt:
    """A conversation for an instruction model: the fixed system message, then the case."""

    messages: list[ChatMessage]
    version: str
    used_hits: list[Hit]  # in rank order; these become the draft's citations
    prompt_tokens: int
    answer_prefix: str  # the greeting the reply must start with (the pipeline enforces it)
    stop: tuple[str, ...] = ()
    appeal_trimmed: bool = False

    @property
    def text(self) -> str:
        """The conversation as one text: for the trace and the echo check."""
        return "\n\n".join(m.content for m in self.messages)


# per-item caps (model tokens) in a chat prompt: the facts and the two best sources, no more
RULE_TOKENS = 180
APPEAL_TOKENS_WITH_FACTS = 160
STYLE_EXAMPLE_TOKENS = 150


def load_template(version: str, directory: Path | None = None) -> PromptTemplate:
    """``prompts.load_template``, its errors as drafter's ConfigError."""
    try:
        return prompts.load_template(version, directory)
    except TemplateError as exc:
        raise ConfigError(str(exc)) from exc


def parse_template(text: str, *, source: str = "<string>") -> PromptTemplate:
    """``prompts.parse_template``, its errors as drafter's ConfigError."""
    try:
        return prompts.parse_template(text, source=source)
    except TemplateError as exc:
        raise ConfigError(str(exc)) from exc


def _render(tpl: PromptTemplate, section: str, values: Mapping[str, str]) -> str:
    try:
        return tpl.render(section, values)
    except TemplateError as exc:
        raise ConfigError(str(exc)) from exc


def channel_group(channel: Channel) -> str:
    if channel.is_social:
        return "social"
    return channel.value if channel.value in CHANNEL_GROUPS else "social"


# -- composing --------------------------------------------------------------------------


def greeting(appeal: Appeal, name: str | None = None) -> str:
    """The pre-filled start of the answer: the citizen by name when known.

    ``name`` is how to address the citizen («Ирина», «Иван Петрович»), e.g. the understanding
    step's ``greeting_name``; without it the appeal's ``author_name`` is used as written.
    """
    raw = name if name is not None else appeal.author_name or ""
    name = " ".join(_NAME_CHARS.sub(" ", raw).split()[:3]).strip(" .-")
    if not name:
        return "Здравствуйте!"
    return f"{name}, здравствуйте!" if appeal.channel.is_social else f"Здравствуйте, {name}!"


def as_data(text: str) -> str:
    """Untrusted text as one quoted paragraph that cannot open a section of the prompt."""
    text = _SEPARATORS.sub(" ", text)
    text = _LABELS.sub(lambda m: m.group(1) + " —", text)
    text = text.replace("«", '"').replace("»", '"')
    return " ".join(text.split())


def compose_prompt(
    template: PromptTemplate | str,
    appeal: Appeal,
    hits: Sequence[Hit],
    llm: LLM,
    max_new_tokens: int,
    feedback: list[str] | None = None,
    facts: dict[str, Any] | None = None,
) -> Prompt:
    """The prompt for one appeal, packed under ``llm.context_window``.

    ``hits`` are in rank order (best first). ``facts``: what the understanding step found —
    ``address``, ``place``, ``problem``, ``category``, ``reason``, ``agency``, ``deadline`` go
    into a «Сведения» line; ``greeting_name`` (None: no name known) decides the greeting.
    ``feedback``: the violations of a failed check, as short Russian phrases («Учесть: …»).

    Budget: window − max_new_tokens − a safety margin,
    counted with the model's own tokenizer. When over budget, hits are dropped from the lowest
    rank up, then the appeal is trimmed; ConfigError if even a short appeal cannot fit.
    """
    tpl = load_template(template) if isinstance(template, str) else template
    budget = llm.context_window - max_new_tokens - _margin(llm.context_window)
    if budget <= 0:
        raise ConfigError(
            f"context window {llm.context_window} leaves no room for a prompt "
            f"with max_new_tokens={max_new_tokens}"
        )
    facts = facts or {}
    if "greeting_name" in facts:
        prefix = greeting(appeal, facts["greeting_name"] or "")
    else:
        prefix = greeting(appeal)
    fixed = {
        "instruction": tpl.instruction(channel_group(appeal.channel)),
        "facts": _facts_line(appeal, facts),
        "feedback": _feedback_line(feedback),
        "answer_start": prefix,
    }
    appeal_text = as_data(appeal.text)
    appeal_text, trimmed = _trim(appeal_text, llm, max(MIN_APPEAL_TOKENS, budget // 2))
    items = [(hit, _render_hit(tpl, hit, llm)) for hit in hits]
    items = [(hit, block) for hit, block in items if block]

    def build(kept: list[tuple[Hit, str]], appeal_part: str) -> str:
        # best example last: a small model follows the example nearest to the question
        examples = [b for h, b in reversed(kept) if h.chunk.kind == "answer"]
        refs = [b for h, b in kept if h.chunk.kind != "answer"]
        text = _render(
            tpl,
            "body",
            {
                **fixed,
                "reference": "".join(refs).rstrip("\n"),
                "examples": "".join(examples),
                "appeal": appeal_part,
            },
        )
        # the prompt ends where the answer goes on: a trailing newline would tell the model
        # that the answer is over
        return re.sub(r"\n{3,}", "\n\n", text).rstrip()

    kept = list(items)
    text = build(kept, appeal_text)
    tokens = llm.count_tokens(text)
    while tokens > budget and kept:
        kept.pop()
        text = build(kept, appeal_text)
        tokens = llm.count_tokens(text)
    while tokens > budget:  # no hits left: trim the appeal, again if a cut merged tokens
        room = llm.count_tokens(appeal_text) - (tokens - budget)
        if room < MIN_APPEAL_TOKENS:
            raise ConfigError(
                f"prompt {tpl.version} does not fit in the context window "
                f"({llm.context_window} tokens, max_new_tokens={max_new_tokens})"
            )
        appeal_text, trimmed = _trim(appeal_text, llm, room)[0], True
        text = build(kept, appeal_text)
        tokens = llm.count_tokens(text)
    used = [h for h, _ in kept]
    return Prompt(
        text=text,
        version=tpl.version,
        used_hits=used,
        prompt_tokens=tokens,
        answer_prefix=prefix,
        stop=tpl.stop,
        dropped_hits=[h for h in hits if not any(h is u for u in used)],
        appeal_trimmed=trimmed,
    )


def compose_chat(
    template: PromptTemplate | str,
    appeal: Appeal,
    hits: Sequence[Hit],
    llm: LLM,
    max_new_tokens: int,
    *,
    task: str,
    facts: str | None = None,
    greeting_text: str | None = None,
    feedback: list[str] | None = None,
) -> ChatPrompt:
    """The conversation for one appeal, packed under ``llm.context_window``.

    ``task``: which of the template's tasks («facts»: write up the executor's facts;
    «question»: explain the rule). ``facts``: the executor's own text, untrusted like the
    appeal, never trimmed — every fact in it must reach the reply; beside them the appeal is cut
    to its gist and no hit goes in. Without facts, of ``hits`` only the best regulation (the
    rule) and the best past answer (a style example, labelled as another case) go in: a small
    model copies what it is shown, and every token is prefill time. Over budget, the example
    goes first, then the rule, then the appeal is trimmed.
    """
    tpl = load_template(template) if isinstance(template, str) else template
    if not tpl.is_chat:
        raise ConfigError(f"prompt {tpl.version} is a completion template, not a chat one")
    if task not in tpl.tasks:
        raise ConfigError(f"prompt {tpl.version} has no task {task!r} ({sorted(tpl.tasks)})")
    budget = llm.context_window - max_new_tokens - _margin(llm.context_window)
    prefix = greeting_text or greeting(appeal)
    with_facts = bool(facts and facts.strip())
    # beside the facts neither a rule nor a past answer goes in: the facts are the answer. A
    # small model takes a past answer's dates and contractor for this case's (measured: «МБУ
    # "Городские дороги" заделает её до 14 мая» from a sample answer, under a pothole's facts)
    # and mixes a retrieved rule about something else into the facts (measure (A), spb-3149797:
    # a gas-equipment article in a reply about street trading); and each is prefill time
    rule_hit = None if with_facts else next((h for h in hits if h.chunk.kind != "answer"), None)
    example_hit = None if with_facts else next((h for h in hits if h.chunk.kind == "answer"), None)
    rule = example = ""
    if rule_hit is not None:
        title = " ".join(rule_hit.chunk.title.split()) or "Правило"
        text = _trim(" ".join(rule_hit.chunk.text.split()), llm, RULE_TOKENS)[0]
        rule = f"Правило ({as_data(title)}): {as_data(text)}"
    if example_hit is not None:
        answer = _example_answer(example_hit.chunk.text, paragraph=True)
        answer = LEADING_GREETING.sub("", answer, count=1).strip()
        if answer:
            answer = _trim(answer, llm, STYLE_EXAMPLE_TOKENS)[0]
            example = f"Пример стиля (ответ по другому делу): «{as_data(answer)}»"
    fixed = {
        "greeting": prefix,
        "facts": f"Что известно ведомству: «{as_data(facts)}»" if facts and facts.strip() else "",
        "format": tpl.instruction(channel_group(appeal.channel)),
        "task": tpl.tasks[task],
        "feedback": _feedback_line(feedback),
    }
    # the channel's format and the task may be the system's (cached with it), else the user's
    system = ChatMessage(
        "system", _render(tpl, "system", {k: fixed[k] for k in tpl.system_variables})
    )
    appeal_text = as_data(appeal.text)
    # beside the facts the model needs the appeal's gist (who, what, where), not all of it
    appeal_room = APPEAL_TOKENS_WITH_FACTS if with_facts else max(MIN_APPEAL_TOKENS, budget // 2)
    appeal_text, trimmed = _trim(appeal_text, llm, appeal_room)

    def build(rule_part: str, example_part: str, appeal_part: str) -> list[ChatMessage]:
        values = {**fixed, "rule": rule_part, "example": example_part, "appeal": appeal_part}
        values = {k: v for k, v in values.items() if k in tpl.variables - tpl.system_variables}
        user = re.sub(r"\n{2,}", "\n", _render(tpl, "user", values)).strip()
        return [system, ChatMessage("user", user)]

    messages = build(rule, example, appeal_text)
    tokens = llm.count_chat_tokens(messages)
    if tokens > budget and example:
        example = ""
        messages = build(rule, example, appeal_text)
        tokens = llm.count_chat_tokens(messages)
    if tokens > budget and rule:
        rule = ""
        messages = build(rule, example, appeal_text)
        tokens = llm.count_chat_tokens(messages)
    if tokens > budget:
        room = llm.count_tokens(appeal_text) - (tokens - budget)
        if room < MIN_APPEAL_TOKENS:
            raise ConfigError(
                f"prompt {tpl.version} does not fit in the context window "
                f"({llm.context_window} tokens, max_new_tokens={max_new_tokens})"
            )
        appeal_text, trimmed = _trim(appeal_text, llm, room)[0], True
        messages = build(rule, example, appeal_text)
        tokens = llm.count_chat_tokens(messages)
    used = [h for h, kept in ((rule_hit, rule), (example_hit, example)) if h is not None and kept]
    return ChatPrompt(
        messages=messages,
        version=tpl.version,
        used_hits=used,
        prompt_tokens=tokens,
        answer_prefix=prefix,
        stop=tpl.stop,
        appeal_trimmed=trimmed,
    )


# stands for the facts while the head of a facts conversation is cut out; letters only, so
# as_data leaves it as it is
_FACTS_MARK = "ФАКТЫИСПОЛНИТЕЛЯ"


def facts_head(
    template: PromptTemplate | str, appeal: Appeal, llm: LLM, max_new_tokens: int
) -> list[ChatMessage]:
    """The conversation of the facts task for ``appeal`` up to where the executor's facts go.

    Evaluated when a problem report's draft is created (``LLM.warm_chat``), it lets the model
    read the appeal while the executor finds out what was done; when the facts arrive, only
    they are left to evaluate. Everything before them must be what ``compose_chat`` will write
    then: the same template, task, channel and trimmed appeal."""
    chat = compose_chat(template, appeal, (), llm, max_new_tokens, task="facts", facts=_FACTS_MARK)
    *head, user = chat.messages
    at = user.content.find(_FACTS_MARK)
    if at < 0:  # a template without the facts: nothing to cut
        return chat.messages
    line_start = user.content.rfind("\n", 0, at) + 1
    return [*head, ChatMessage(user.role, user.content[:line_start])]


def _margin(window: int) -> int:
    # BOS, and the few tokens a BPE may merge differently at the join of prompt and answer
    return max(16, window // 64)


def _render_hit(tpl: PromptTemplate, hit: Hit, llm: LLM) -> str:
    chunk = hit.chunk
    if chunk.kind == "answer":
        answer = _example_answer(chunk.text, paragraph=tpl.paragraph_examples)
        question = chunk.search_text if chunk.search_text != chunk.text else ""
        if not answer or not question:
            return ""
        return _render(
            tpl,
            "example",
            {
                # the same «Сведения» as for the new appeal: the model learns to take the
                # place and the agency from there rather than from the example's answer
                "facts": _facts_line(None, chunk.metadata),
                "appeal": _trim(as_data(question), llm, EXAMPLE_APPEAL_TOKENS)[0],
                "answer": _trim(answer, llm, EXAMPLE_ANSWER_TOKENS)[0],
            },
        )
    text = _trim(" ".join(chunk.text.split()), llm, REFERENCE_TOKENS)[0]
    if not text:
        return ""
    title = " ".join(chunk.title.split()) or "Правило"
    return _render(tpl, "reference", {"title": title, "text": text})


def _example_answer(text: str, paragraph: bool = False) -> str:
    """A past answer as an example: its greeting replaced by a nameless one.

    Our answers start with the pre-filled greeting; an example that starts the same way keeps
    the model in format, and another citizen's name never reaches the new draft. Our labels
    are neutralised as in the appeal: an example must not teach the model to write them.
    """
    text = re.sub(r"[ \t\r]+", " ", text.strip())
    text = re.sub(r"\s*\n\s*", " " if paragraph else "\n", text)
    text = _LABELS.sub(lambda m: m.group(1) + " —", _SEPARATORS.sub(" ", text))
    body = LEADING_GREETING.sub("", text, count=1).strip()
    return f"Здравствуйте!{' ' if paragraph else chr(10)}{body}" if body else ""


def _facts_line(appeal: Appeal | None, facts: Mapping[str, Any] | None) -> str:
    merged: dict[str, Any] = {}
    if appeal is not None:
        merged = {"address": appeal.address, "category": appeal.category, "agency": appeal.agency}
    merged.update(facts or {})
    parts = []
    for key, label in FACT_LABELS.items():  # other keys (names, spans, ...) stay out
        value = merged.get(key)
        if isinstance(value, (list, tuple, set)):
            value = ", ".join(str(v) for v in value)
        if value is not None and str(value).strip():
            parts.append(f"{label}: {as_data(str(value))}")
    return ("Сведения: " + "; ".join(parts) + ".") if parts else ""


def _feedback_line(feedback: list[str] | None) -> str:
    items = [" ".join(f.split()).rstrip(".") for f in feedback or [] if f.strip()]
    return ("Учесть: " + "; ".join(items) + ".") if items else ""


def _trim(text: str, llm: LLM, max_tokens: int) -> tuple[str, bool]:
    """``text`` cut at a word boundary to at most ``max_tokens`` model tokens (+ "…")."""
    if llm.count_tokens(text) <= max_tokens:
        return text, False
    lo, hi = 0, len(text)
    while lo < hi:  # longest prefix that fits, by characters
        mid = (lo + hi + 1) // 2
        if llm.count_tokens(text[:mid].rstrip() + " …") <= max_tokens:
            lo = mid
        else:
            hi = mid - 1
    cut = text[:lo]
    space = cut.rfind(" ")
    if space > len(cut) // 2:
        cut = cut[:space]
    return (cut.rstrip(" ,;:") + " …") if cut.strip() else "", True
