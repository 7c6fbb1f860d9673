"""Understand an appeal before drafting: who wrote it, where, what is wrong, what is asked.

The greeting needs the author's first name (and patronymic when known); the draft and the
checker need the place and the problem in a short phrase; the prompt differs for a problem to
fix and a request for information. Names are taken only from the ``author_name`` field, a
self-introduction («меня зовут …», «Я, …,») or the signature at the end — never from the body,
where the names are officials' and third persons'. natasha's NER (slovnet, models shipped in
the package) confirms signatures and finds settlements; pymorphy3 tells first names,
patronymics and surnames apart. Everything else is rules: they are cheap, explainable and
easy to fix when a region writes differently.

The parts: ``names`` (the author), ``places`` (address and place), ``problem`` (the phrase and
the kind), ``nlp`` (the models, loaded once); this module puts them together.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from drafter.domain import Appeal
from drafter.normalize import normalize_appeal_text
from drafter.understanding.names import NameSource, find_name, greeting_name_of
from drafter.understanding.nlp import ner_spans
from drafter.understanding.places import find_address, find_place
from drafter.understanding.problem import Kind, kind_of, problem_phrase


class Understanding(BaseModel):
    author_name: str | None = None  # as written: «Петров И.И.», «Ирина», «Иванова Мария Петровна»
    first_name: str | None = None
    patronymic: str | None = None
    last_name: str | None = None
    greeting_name: str | None = None  # «Ирина», «Иван Петрович»; None when no first name is known
    name_source: NameSource | None = None
    address: str | None = None  # street + house, or the appeal's address field
    place: str | None = None  # a city object («школа № 5», «парк «Боева дача»») or a settlement
    problem: str = ""  # the problem or the question in one short phrase
    kind: Kind = "problem"
    kind_confidence: float = 0.5
    spans: dict[str, tuple[int, int]] = Field(default_factory=dict)  # in `text`, [start, end)
    text: str = ""  # the cleaned appeal text the spans point into


# ---------------------------------------------------------------- the entry point


def understand(appeal: Appeal) -> Understanding:
    text = normalize_appeal_text(appeal.text)
    spans = ner_spans(text) if text else []
    per = [(s, e) for t, s, e in spans if t == "PER"]
    loc = [(s, e) for t, s, e in spans if t == "LOC"]
    out = Understanding(text=text)

    raw, parsed, source, name_span = find_name(appeal, text, per)
    if raw:
        out.author_name, out.name_source = raw, source
        if parsed:
            out.first_name, out.patronymic, out.last_name = parsed
            out.greeting_name = greeting_name_of(out.first_name, out.patronymic)
        if name_span:
            out.spans["author_name"] = name_span

    if appeal.address and appeal.address.strip():
        out.address = appeal.address.strip()
    elif (found := find_address(text)) is not None:
        out.address, out.spans["address"] = found
    avoid = [out.spans["address"]] if "address" in out.spans else []
    if (place := find_place(text, loc, avoid)) is not None:
        out.place, out.spans["place"] = place

    out.kind, out.kind_confidence = kind_of(text)
    skip = [name_span] if name_span else []
    out.problem, span = problem_phrase(text, out.kind, skip)
    if span != (0, 0):
        out.spans["problem"] = span
    return out


__all__ = ["Understanding", "understand"]
