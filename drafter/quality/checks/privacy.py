"""PII_LEAK: personal data of third persons — private phones, neighbours' flats, citizens' names.

Names are found by natasha's NER (PER), but only in sentences where a cheap pre-filter
(pymorphy name/surname parses, initials) sees a candidate, because NER costs ~0.1 s a sentence.
Officials named with their position («инженер Петров И.И.») are not private persons.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from drafter.quality.context import Context
from drafter.quality.facts import extract_facts
from drafter.quality.registry import register
from knowledge.text import ner_spans

FLAT = re.compile(r"(?<!\w)(?:кв\.|квартир[аыеуой]\w*)\s*(?:№\s*)?(\d+)", re.IGNORECASE)
_NEIGHBOUR = re.compile(
    r"сосед|выше\s*(?:-\s*)?(?:расположенн|этаж)|ниже\s*(?:-\s*)?(?:расположенн|этаж)|"
    r"этажом\s+(?:выше|ниже)|над\s+(?:вашей|квартирой)|под\s+(?:вашей|квартирой)|из\s+кв",
    re.IGNORECASE,
)
_INITIALS = re.compile(
    r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+[А-ЯЁ]\.\s*[А-ЯЁ]\.|[А-ЯЁ]\.\s*[А-ЯЁ]\.\s*[А-ЯЁ][а-яё]+"
)
_OFFICIAL = re.compile(
    r"(сотрудник|специалист|инспектор|мастер|инженер|начальник|глав[аойеуы]|директор|заместител|"
    r"руководител|депутат|техник|управляющ|главн|ведущ|председател|исполнител|ответственн|юрист|"
    r"участков|диспетчер|прораб|бригадир|администрац|отдел|подписал|исп\.|тел\.|имени|им\.)",
    re.IGNORECASE,
)
# «улица Николая Рубцова», «проспект Ветеранов»: a person's name inside an address
_STREET_BEFORE = re.compile(
    r"(улиц\w*|ул\.|проспект\w*|пр\.|пр-т|переул\w*|пер\.|площад\w*|пл\.|набережн\w*|наб\.|"
    r"бульвар\w*|б-р|шоссе|аллея|проезд\w*|мост\w*|сквер\w*|парк\w*|имени|им\.)\s*$",
    re.IGNORECASE,
)


def person_spans(text: str) -> list[tuple[int, int]]:
    """Spans of PER entities (natasha's NER, shared with understanding) in ``text``."""
    return [(start, stop) for kind, start, stop in ner_spans(text) if kind == "PER"]


@register("PII_LEAK")
def pii_phones(ctx: Context) -> None:
    appeal_text = ctx.appeal.text if ctx.appeal else ""
    appeal_digits = re.sub(r"\D", "", appeal_text)
    org_phones = {
        f.key
        for s in (*ctx.sources, *ctx.answer_sources)
        for f in extract_facts(s)
        if f.kind == "phone" and f.org_context
    }
    for f in ctx.facts:
        if f.kind != "phone" or f.key[1] in appeal_digits or f.key in org_phones:
            continue
        if f.mobile and not f.org_context:  # city landlines in replies are organisations' numbers
            ctx.add(
                "PII_LEAK",
                "blocker",
                f.start,
                f.end,
                f"Частный номер телефона «{f.text.strip()}» не из обращения и не номер организации "
                "из источников.",
            )


@register("PII_LEAK")
def pii_flats(ctx: Context) -> None:
    if ctx.appeal is None:
        return  # without the appeal we cannot tell the citizen's own flat from a neighbour's
    own = " ".join([ctx.appeal.text, ctx.appeal.address or ""])
    own_numbers = set(re.findall(r"\d+", own))
    # when the appeal gives no flat of its own, a flat in the reply may well be the citizen's
    # («выпрямили почтовый ящик квартиры № 1299»): only a neighbour's marks it as a third person
    own_flat_known = bool(FLAT.search(own))
    for m in FLAT.finditer(ctx.text):
        near = ctx.text[max(0, m.start() - 60) : m.end() + 30]
        if not own_flat_known and not _NEIGHBOUR.search(near):
            continue
        if m.group(1) not in own_numbers:
            ctx.add(
                "PII_LEAK",
                "blocker",
                m.start(),
                m.end(),
                f"Номер чужой квартиры «{m.group()}»: в обращении его нет.",
            )


@register("PII_LEAK")
def pii_names(ctx: Context) -> None:
    author = set()
    if ctx.appeal and ctx.appeal.author_name:
        author = {
            p.lower()[:4] for p in re.findall(r"[А-Яа-яЁё]+", ctx.appeal.author_name) if len(p) > 2
        }
    appeal_low = ctx.appeal.text.lower() if ctx.appeal else ""

    def own(name: str) -> bool:  # the author's name, or one the appeal itself gives
        words = re.findall(r"[А-Яа-яЁё]+", name)
        if author and any(w.lower()[:4] in author for w in words if len(w) > 2):
            return True
        return name.lower() in appeal_low

    for start, end in private_name_spans(ctx, spare=own):
        ctx.add(
            "PII_LEAK",
            "blocker",
            start,
            end,
            f"ФИО постороннего человека «{ctx.text[start:end]}»: персональные данные третьих лиц.",
        )


def private_name_spans(
    ctx: Context, spare: Callable[[str], bool] = lambda _name: False
) -> Iterator[tuple[int, int]]:
    """Spans of private persons' full names in ``ctx.text``: a candidate (``_candidates``) that
    natasha's NER confirms as a person, unless an official named with a position or a street
    named after someone; ``spare`` lets a name go before the NER is asked. Also used to take
    personal data out of a reply before it is learned (drafter.redaction)."""
    for start, end in _candidates(ctx):
        name = ctx.text[start:end]
        if spare(name):
            continue
        if _OFFICIAL.search(ctx.text[max(0, start - 60) : start]):
            continue
        if _STREET_BEFORE.search(ctx.text[max(0, start - 20) : start]):
            continue
        # only now ask the NER model, on a small window around the candidate
        ws, we = max(0, start - 40), min(len(ctx.text), end + 40)
        if any(ws + ps < end and ws + pe > start for ps, pe in person_spans(ctx.text[ws:we])):
            yield start, end


def _candidates(ctx: Context) -> list[tuple[int, int]]:
    """Spans that look like a full name: «Иванов И.И.», «И.И. Иванов», or two or three
    capitalised words that pymorphy knows as names, surnames or patronymics."""
    out = [(m.start(), m.end()) for m in _INITIALS.finditer(ctx.text)]
    toks = ctx.doc.tokens
    i = 0
    while i < len(toks) - 1:
        j = i
        while (
            j < len(toks)
            and toks[j].person
            and toks[j].text[:1].isupper()
            and toks[j].sent == toks[i].sent
            and not toks[j].is_upper_word
        ):
            j += 1
        if j - i >= 2:
            s, e = toks[i].start, toks[j - 1].end
            if not any(a < e and s < b for a, b in out):
                out.append((s, e))
            i = j
        else:
            i += 1
    return sorted(out)
