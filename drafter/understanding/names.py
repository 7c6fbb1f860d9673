"""The author's name: from the ``author_name`` field, a self-introduction («меня зовут …»,
«Я, …,») or the signature at the end — never from the body, where the names are officials' and
third persons'. pymorphy3 tells first names, patronymics and surnames apart; natasha's PER spans
confirm a signature pymorphy does not know."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from drafter.domain import Appeal
from knowledge.text import morph

NameSource = Literal["field", "intro", "signature"]
ParsedName = tuple[str | None, str | None, str | None]  # first name, patronymic, last name

_INITIALS = re.compile(r"^[А-ЯЁ]\.(?:\s?[А-ЯЁ]\.)?$")
_NAME_WORD = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
_NAME_TOKEN = rf"(?:{_NAME_WORD}|[А-ЯЁ]\.\s?(?:[А-ЯЁ]\.)?)"
_NAME_SEQ = rf"{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,2}}"
INTRO = re.compile(
    rf"(?i:меня зовут|мо[её] ф\.?и\.?о\.?\s*:?|(?:^|[.!?\n]\s*)я\s*,)\s*(?P<name>{_NAME_SEQ})"
)
_CLOSING = (
    r"(?i:с уважением|заранее (?:благодар\w+|спасибо)|спасибо(?: заранее| большое)?|благодарю|"
    r"всего доброго|жду ответа|жду ответ)"
)
# The name must make up the whole last sentence or line, after an optional closing formula:
# a name inside a sentence («… не отвечает глава Сидоров П.И.») is never the author's.
_SIGNATURE = re.compile(
    rf"(?:(?:^|[.!?…]\s*|\n\s*)(?P<name>{_NAME_SEQ})"
    rf"|{_CLOSING}\s*[,.!:—-]*\s*(?P<name2>{_NAME_SEQ})(?:,[^\n.!?]{{1,40}})?)"
    r"(?:[\s,]*(?i:тел\.?|т\.)?\s*[+\d()\s-]{6,})?(?:\s*\d\d\.\d\d\.\d{2,4}\s*(?:г\.?)?)?[\s.,!)]*$"
)
# A line that is nothing but a full name: «Кондрашова Юлия Михайловна. Получаю пособие …»
_NAME_LINE = re.compile(rf"(?m)^(?P<name>{_NAME_SEQ})\s*[.,]?\s*(?:$|(?=[А-ЯЁ]))")


_PATR_END = re.compile(r"(?:вна|вич|чна|ична|ьич)$")
_SURN_END = re.compile(
    r"(?:ов|ова|ев|ева|ёв|ёва|ин|ина|ын|ына|ский|ская|цкий|цкая|ко|ук|юк|их|ых)$"
)


# The orders a Russian name is written in; a role per word, «I» for initials.
_NAME_PATTERNS = (
    ("Surn", "Name", "Patr"),
    ("Name", "Patr", "Surn"),
    ("Name", "Patr"),
    ("Surn", "Name"),
    ("Name", "Surn"),
    ("Name",),
    ("Surn", "I"),
    ("I", "Surn"),
)


def _roles(tok: str) -> dict[str, tuple[float, object]]:
    """Role → (weight, parse) for one word; only nominative parses: signatures, self-introductions and
    the author field name the author in the nominative, and «Петров» is not «(нет) Петров»."""
    if _INITIALS.match(tok):
        return {"I": (1.0, None)}
    out: dict[str, tuple[float, object]] = {}
    for p in morph().parse(tok):
        for role in ("Name", "Patr", "Surn"):
            if role in p.tag and "nomn" in p.tag:
                w = p.score + 0.5
                if w > out.get(role, (0.0, None))[0]:
                    out[role] = (w, p)
    # names pymorphy does not know («Жежеров», «Виталиевна»): judge by the ending
    if "Patr" not in out and _PATR_END.search(tok):
        out["Patr"] = (0.3, None)
    if "Surn" not in out and _SURN_END.search(tok):
        out["Surn"] = (0.3, None)
    return out


def _parse_name(raw: str) -> ParsedName | None:
    """(first, patronymic, last) in the nominative, or None when ``raw`` is not a person's name."""
    toks = re.findall(rf"{_NAME_WORD}|[А-ЯЁ]\.\s?(?:[А-ЯЁ]\.)?", raw)
    roles = [_roles(t) for t in toks]
    best, best_w = None, 0.0
    for pattern in _NAME_PATTERNS:
        if len(pattern) != len(toks) or any(r not in rs for r, rs in zip(pattern, roles)):
            continue
        w = sum(rs[r][0] for r, rs in zip(pattern, roles)) / len(toks)
        if w > best_w:
            best, best_w = pattern, w
    if best is None:
        return None
    found: dict[str, str] = {}
    for role, tok in zip(best, toks):
        found[role] = tok
    return found.get("Name"), found.get("Patr"), found.get("Surn")


def greeting_name_of(first: str | None, patr: str | None) -> str | None:
    if not first:
        return None
    return f"{first} {patr}" if patr else first


_ABBREV_BEFORE = re.compile(
    r"(?:(?<![\wё])(?i:ул|с|д|г|п|х|ст|пер|пр|просп|пос|пгт|дер|им|наб|пл|мкр|р-н|обл|ш|б-р|пр-т)"
    r"|(?<![\wё])[А-ЯЁ])\.\s*$"
)


def _signature(text: str) -> tuple[int, int] | None:
    """Span of the author's name at the very end: «… Заранее спасибо. Ирина», «С уважением, Петров И.И.»."""
    start = max(0, len(text) - 160)
    m = _SIGNATURE.search(text, start)
    if m is None:
        return None
    group = "name" if m.group("name") else "name2"
    if _ABBREV_BEFORE.search(text, max(0, m.start(group) - 12), m.start(group)):
        return None  # «ул. Ломакина», «с. Дичня», «… Т.В.»: a street, a village, someone's initials
    return m.start(group), m.end(group)


def _is_per(span: tuple[int, int], per_spans: list[tuple[int, int]]) -> bool:
    return any(s <= span[0] and span[1] <= e + 1 for s, e in per_spans)


_VK_MENTION = re.compile(r"\[(?:id|club|public|event)\d+\|([^\]]{1,100})\]")


def _text_candidates(
    text: str, per_spans: list[tuple[int, int]]
) -> Iterator[tuple[str, ParsedName, NameSource, tuple[int, int]]]:
    """(raw, parsed, source, span) for names in the text, surest first."""
    for m in INTRO.finditer(text):
        if parsed := _parse_name(m.group("name")):
            yield m.group("name"), parsed, "intro", m.span("name")
    span = _signature(text)
    if span is not None:
        raw = text[span[0] : span[1]].strip()
        parsed = _parse_name(raw)
        if parsed is None and re.fullmatch(_NAME_WORD, raw) and _is_per(span, per_spans):
            parsed = (raw, None, None)  # a first name pymorphy does not know, but NER does
        if parsed:
            yield raw, parsed, "signature", span
        return  # a last line that is no name is the end of the letter: no looking further up
    for m in _NAME_LINE.finditer(text, max(0, len(text) - 300)):
        parsed = _parse_name(m.group("name"))
        if parsed and parsed[0] and (parsed[1] or parsed[2]):  # a full name, not a lone word
            yield m.group("name"), parsed, "signature", m.span("name")


def find_name(
    appeal: Appeal, text: str, per_spans: list[tuple[int, int]]
) -> tuple[str | None, ParsedName | None, NameSource | None, tuple[int, int] | None]:
    if appeal.author_name and appeal.author_name.strip():
        raw = appeal.author_name.strip()
        return raw, _parse_name(raw), "field", None
    # «[id123|Сергей Иванов]» tags someone — an official, a neighbour — never the author
    tagged = [m.group(1).strip() for m in _VK_MENTION.finditer(appeal.text)]
    for raw, parsed, source, span in _text_candidates(text, per_spans):
        if not any(raw in t or t in raw for t in tagged):
            return raw, parsed, source, span
    return None, None, None, None
