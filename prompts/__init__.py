"""Prompt templates: versioned text files in this package, and their loader.

A template file is a header, then named sections::

    version: draft_v1
    description: ...
    variables: instruction, reference, examples, appeal, facts, feedback, answer_start
    examples: paragraph
    stop: ["\\n", "###"]
    format.social: Ответ в соцсети: 2–4 коротких предложения.
    === body
    ... {examples} ... «{appeal}» ... {answer_start}
    === example
    {facts}
    Обращение: «{appeal}»
    Ответ: {answer}
    === reference
    Справка. {title}: {text}

``examples: paragraph`` flattens each example answer to one line (``lines``, the default, keeps
its line breaks); ``stop`` is a JSON list of the stop sequences this layout needs;
``format.<group>`` is the format line for a channel group (social, pos, email, letter).
Header lines starting with ``#`` are comments.

A chat template (``form: chat``; the default form is ``completion``) has a ``=== system``
section — the same text for every draft, so a model server keeps its KV cache — and a ``=== user``
section whose variables come from ``CHAT_VARIABLES``. The system section may end with the lines
that are the same for every draft of one channel and task (``{format}``, ``{task}``:
``SYSTEM_VARIABLES``): placed there, they are part of the cached prefix instead of prefill time
in every draft's user message::

    version: reply_v1
    form: chat
    variables: greeting, appeal, facts, rule, example, format, feedback, task
    === system
    Ты пишешь ответы жителям …
    === user
    Обращение: «{appeal}» …

Placeholders are ``{name}``. Each section must use exactly the variables it declares (the body:
``variables:``; example and reference: fixed sets), checked when the file is loaded, and a
render must supply exactly those, checked when it is rendered. A line holding only an empty
placeholder disappears. A new wording is a new file with a new version, so every draft records
the template that produced it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path


class TemplateError(ValueError):
    """A template file that cannot be loaded or rendered as declared. ``drafter.prompting`` maps
    it to drafter's ConfigError: this package imports nothing of drafter."""


__all__ = [
    "BODY_VARIABLES",
    "CHAT_VARIABLES",
    "SECTION_VARIABLES",
    "PromptTemplate",
    "TemplateError",
    "default_prompts_dir",
    "load_template",
    "parse_template",
]

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")

BODY_VARIABLES = frozenset(
    {"instruction", "reference", "examples", "appeal", "facts", "feedback", "answer_start"}
)
# what a chat template's user message may ask for (drafter.prompting.compose_chat supplies them)
CHAT_VARIABLES = frozenset(
    {"greeting", "appeal", "facts", "rule", "example", "format", "feedback", "task"}
)
# the chat variables a system section may hold: fixed for a channel and a task
SYSTEM_VARIABLES = frozenset({"format", "task"})
SECTION_VARIABLES = {
    "body": BODY_VARIABLES,
    "example": frozenset({"appeal", "answer", "facts"}),
    "reference": frozenset({"title", "text"}),
}


@dataclass(frozen=True)
class PromptTemplate:
    version: str
    description: str
    variables: frozenset[str]
    sections: Mapping[str, str]
    stop: tuple[str, ...] = ()
    formats: Mapping[str, str] = field(default_factory=dict)  # channel group -> instruction
    paragraph_examples: bool = False  # example answers as one line (pairs with a "\n" stop)
    form: str = "completion"  # or "chat": a system and a user message
    tasks: Mapping[str, str] = field(default_factory=dict)  # chat: mode -> what to write
    system_variables: frozenset[str] = frozenset()  # chat: the variables the system part holds

    @property
    def is_chat(self) -> bool:
        return self.form == "chat"

    def render(self, section: str, values: Mapping[str, str]) -> str:
        """Fill one section; the supplied names must be exactly the ones it declares."""
        if section in ("body", "user"):
            expected = self.variables - self.system_variables
        elif section == "system":
            expected = self.system_variables
        else:
            expected = SECTION_VARIABLES[section]
        supplied = set(values)
        if supplied != expected:
            raise TemplateError(
                f"prompt {self.version}/{section}: declared variables {sorted(expected)}, "
                f"supplied {sorted(supplied)}"
                + (f"; missing {sorted(expected - supplied)}" if expected - supplied else "")
                + (f"; unexpected {sorted(supplied - expected)}" if supplied - expected else "")
            )
        return _fill(self.sections[section], values)

    def instruction(self, channel_group: str) -> str:
        """The format line for a channel group: social, pos, email or letter."""
        return self.formats.get(channel_group, "")


def default_prompts_dir() -> Path:
    return Path(__file__).parent


def load_template(version: str, directory: Path | None = None) -> PromptTemplate:
    """The template ``<directory>/<version>.txt`` (default: the ``prompts`` package)."""
    if not re.fullmatch(r"[A-Za-z0-9_.\-]+", version):
        raise TemplateError(f"bad prompt version {version!r}")
    return _load(str((directory or default_prompts_dir()) / f"{version}.txt"), version)


@lru_cache(maxsize=32)
def _load(path: str, version: str) -> PromptTemplate:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise TemplateError(f"prompt template {version!r} not found at {path}") from exc
    template = parse_template(text, source=path)
    if template.version != version:
        raise TemplateError(f"{path} declares version {template.version!r}, expected {version!r}")
    return template


def parse_template(text: str, *, source: str = "<string>") -> PromptTemplate:
    header, sections = _split_sections(text, source)
    meta: dict[str, str] = {}
    for line in header.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, sep, value = line.partition(":")
        if not sep:
            raise TemplateError(f"{source}: header line without ':': {line!r}")
        meta[key.strip()] = value.strip()
    for key in ("version", "variables"):
        if not meta.get(key):
            raise TemplateError(f"{source}: header needs '{key}:'")
    variables = frozenset(v.strip() for v in meta["variables"].split(",") if v.strip())
    form = meta.get("form", "completion")
    if form not in ("completion", "chat"):
        raise TemplateError(f"{source}: form must be 'completion' or 'chat', not {form!r}")
    if form == "chat":
        return _parse_chat(meta, sections, variables, source)
    for name in ("body", "example", "reference"):
        if name not in sections:
            raise TemplateError(f"{source}: missing section '=== {name}'")
        declared = variables if name == "body" else SECTION_VARIABLES[name]
        used = set(_PLACEHOLDER.findall(sections[name]))
        if used != declared:
            raise TemplateError(
                f"{source}: section {name} uses {sorted(used)} but declares {sorted(declared)}"
            )
    try:
        stop = tuple(json.loads(meta.get("stop", "[]")))
    except json.JSONDecodeError as exc:
        raise TemplateError(f"{source}: 'stop:' must be a JSON list of strings ({exc})") from exc
    formats = {k.split(".", 1)[1]: v for k, v in meta.items() if k.startswith("format.")}
    return PromptTemplate(
        version=meta["version"],
        description=meta.get("description", ""),
        variables=variables,
        sections=sections,
        stop=stop,
        formats=formats,
        paragraph_examples=meta.get("examples", "lines") == "paragraph",
    )


def _parse_chat(
    meta: dict[str, str], sections: dict[str, str], variables: frozenset[str], source: str
) -> PromptTemplate:
    unknown = variables - CHAT_VARIABLES
    if unknown:
        raise TemplateError(f"{source}: unknown chat variables {sorted(unknown)}")
    if "system" not in sections:
        raise TemplateError(f"{source}: missing section '=== system'")
    in_system: frozenset[str] = frozenset(_PLACEHOLDER.findall(sections["system"]))
    if not in_system <= SYSTEM_VARIABLES & variables:
        raise TemplateError(
            f"{source}: section system may use only {sorted(SYSTEM_VARIABLES & variables)}, "
            f"uses {sorted(in_system)}"
        )
    for name, declared in (("system", in_system), ("user", variables - in_system)):
        if name not in sections:
            raise TemplateError(f"{source}: missing section '=== {name}'")
        used: frozenset[str] = frozenset(_PLACEHOLDER.findall(sections[name]))
        if used != declared:
            raise TemplateError(
                f"{source}: section {name} uses {sorted(used)} but declares {sorted(declared)}"
            )
    try:
        stop = tuple(json.loads(meta.get("stop", "[]")))
    except json.JSONDecodeError as exc:
        raise TemplateError(f"{source}: 'stop:' must be a JSON list of strings ({exc})") from exc
    return PromptTemplate(
        version=meta["version"],
        description=meta.get("description", ""),
        variables=variables,
        sections={k: v.strip() for k, v in sections.items()},
        stop=stop,
        formats={k.split(".", 1)[1]: v for k, v in meta.items() if k.startswith("format.")},
        form="chat",
        tasks={k.split(".", 1)[1]: v for k, v in meta.items() if k.startswith("task.")},
        system_variables=in_system,
    )


def _split_sections(text: str, source: str) -> tuple[str, dict[str, str]]:
    parts = re.split(r"^=== *([a-z_]+) *\n", text, flags=re.MULTILINE)
    if len(parts) < 3:
        raise TemplateError(f"{source}: no '=== body' (or '=== system') section")
    header, sections = parts[0], {}
    for name, body in zip(parts[1::2], parts[2::2]):
        sections[name] = body
    return header, sections


def _fill(section: str, values: Mapping[str, str]) -> str:
    lines = []
    for line in section.splitlines(keepends=True):
        m = _PLACEHOLDER.fullmatch(line.strip())
        if m and not values[m.group(1)].strip():
            continue  # a line that would be empty
        lines.append(line)
    # one pass: text inserted for a placeholder is never scanned for placeholders again
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], "".join(lines))
