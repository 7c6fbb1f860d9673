"""How the reply reads: FORMALISM, TEMPLATE, LEGAL_DUMP, HARD_TO_READ."""

from __future__ import annotations

import re

from drafter.domain import Channel
from drafter.quality.context import Context
from drafter.quality.registry import register

MAX_SENTENCE_WORDS = 25
MAX_PARTICIPLES = 3  # participles and gerunds in one sentence before it reads as a chain
VERBAL_NOUN_CHAIN = 3  # «осуществление проведения обследования»
MAX_ACTS = 3  # act references in one reply before it is a list of acts
# (max characters, max sentences) per channel; social networks: a few short sentences.
CHANNEL_LIMITS: dict[Channel, tuple[int, int]] = {
    Channel.vk: (600, 5),
    Channel.telegram: (600, 5),
    Channel.ok: (600, 5),
    Channel.pos: (2000, 20),
    Channel.email: (4000, 40),
    Channel.letter: (4000, 40),
}
_VERBAL_NOUN = ("ние", "тие", "ция", "ание", "ение")
_FULL_TITLE = re.compile(
    r"(?:\bпостановлени\w*|\bраспоряжени\w*|\bприказ\w*|\bзакон\b|\bзакона|\bзаконом|\bкодекс\w*|"
    r"\bуказ(?:а|ом|у|е)?\b|ГОСТ|СанПиН|СНиП|\bправил(?:а|ами|ам|ах)?\b|\bрегламент\w*|"
    r"\bположени[еяю]\b)[^«\"“\n]{0,160}?[«\"“]([^»\"”\n]{20,})[»\"”]",
    re.IGNORECASE,
)
# «регламенту производства работ по комплексной уборке …, утверждённому распоряжением … № 328-р»:
# an act's title written out without quotes, followed by who approved it
_TITLE_APPROVED = re.compile(
    r"\b(?:регламент|правил|порядк|положени|методическ\w+ рекомендаци)\w*\s+(?:[а-яё\-]+[\s,]+){5,}?"
    r"утвержд[её]нн?\w*\s+(?:постановлени|распоряжени|приказ|решени)\w*",
    re.IGNORECASE,
)
# «Закона Санкт-Петербурга от 31.05.2010 № 273-70 «Об административных правонарушениях …»»:
# an act with its date, number and quoted title — the full requisites, however short the title
_FULL_REQUISITES = re.compile(
    r"(?:\bпостановлени|\bраспоряжени|\bприказ|\bзакон|\bкодекс|\bуказ|\bрешени)\w*"
    r"[^.«\"“\n]{0,80}?\bот\s+\d{1,2}\.\d{1,2}\.\d{2,4}\s*(?:г\.?|года)?\s*"
    r"(?:№|No|N)\s*[\w\-/.]+\s*[«\"“][^»\"”\n]{15,}[»\"”]",
    re.IGNORECASE,
)
# «Кодекса об административных правонарушениях Российской Федерации (далее - КоАП РФ)»: an act
# named in full and given a defined abbreviation, the way a legal brief does
_ACT_DEFINED = re.compile(
    r"\b(?:кодекс|закон|постановлени|распоряжени|правил|регламент|положени)\w*[^()\n]{0,120}"
    r"\(\s*далее\s*[-–—]?\s*[^)\n]{1,40}\)",
    re.IGNORECASE,
)
# «статьями 44, 45, 46 …», «частью 2 статьи 45 …»: article numbers, counted across the reply
_ARTICLES = re.compile(
    r"\bстать(?:я|и|е|ю|ей|ям|ями|ях)\s+(\d+(?:\.\d+)?(?:\s*(?:,|и)\s*\d+(?:\.\d+)?)*)",
    re.IGNORECASE,
)
MAX_ARTICLES = 4  # article references in one reply before it reads like a brief
# «(далее – Суд)»: a letter defining its own abbreviations
_DEFINED_TERM = re.compile(r"\(\s*далее\s*[-–—]")


@register("FORMALISM")
def formalism(ctx: Context) -> None:
    for m in ctx.find("FORMALISM"):
        ctx.add(
            "FORMALISM",
            "major",
            m.start,
            m.end,
            f"Канцелярит: «{ctx.text[m.start : m.end]}» — скажите проще и прямо.",
        )
    for d in _DEFINED_TERM.finditer(ctx.text):
        ctx.add(
            "FORMALISM",
            "major",
            d.start(),
            d.end(),
            "«(далее – …)»: так пишут договоры, а не ответы людям — назовите прямо.",
        )
        break
    toks = ctx.doc.tokens
    i = 0
    while i < len(toks):
        j = i
        while (
            j < len(toks)
            and toks[j].pos == "NOUN"
            and toks[j].key.endswith(_VERBAL_NOUN)
            and toks[j].sent == toks[i].sent
            and (j == i or ctx.text[toks[j - 1].end : toks[j].start].strip() == "")
        ):
            j += 1
        if j - i >= VERBAL_NOUN_CHAIN:
            ctx.add(
                "FORMALISM",
                "major",
                toks[i].start,
                toks[j - 1].end,
                f"Цепочка отглагольных существительных: «{ctx.text[toks[i].start : toks[j - 1].end]}» "
                "— замените глаголом.",
            )
            i = j
        else:
            i += 1


@register("TEMPLATE")
def template(ctx: Context) -> None:
    for m in ctx.find("TEMPLATE"):
        ctx.add(
            "TEMPLATE",
            "minor",
            m.start,
            m.end,
            f"Шаблонная фраза без информации: «{ctx.text[m.start : m.end]}».",
        )


@register("LEGAL_DUMP")
def legal_dump(ctx: Context) -> None:
    found = _legal_dump(ctx)
    if found:
        ctx.add("LEGAL_DUMP", "major", *found)


_EXPLAIN = "назовите норму коротко и объясните, что она значит для заявителя."


def _legal_dump(ctx: Context) -> tuple[int, int, str] | None:
    """The first way the reply dumps acts on the citizen, as (start, end, message)."""
    m = _TITLE_APPROVED.search(ctx.text) or _FULL_REQUISITES.search(ctx.text)
    if m:
        return m.start(), m.end(), f"Акт приведён полным названием с реквизитами: {_EXPLAIN}"
    for m in _FULL_TITLE.finditer(ctx.text):
        if len(m.group(1).split()) >= 5:
            return m.start(), m.end(), f"Акт приведён полным названием: {_EXPLAIN}"
    m = _ACT_DEFINED.search(ctx.text)
    if m:
        return (
            m.start(),
            m.end(),
            f"Акт назван полностью, с сокращением «далее – …», как в судебном документе: {_EXPLAIN}",
        )
    articles = list(_ARTICLES.finditer(ctx.text))
    count = sum(len(re.findall(r"\d+(?:\.\d+)?", m.group(1))) for m in articles)
    if count >= MAX_ARTICLES:
        return (
            articles[0].start(),
            articles[-1].end(),
            f"Ссылки на {count} статей: оставьте главную и объясните её простыми словами.",
        )
    acts = [f for f in ctx.facts if f.kind == "norm" and f.key[1] not in ("п", "ч")]
    n_acts = len({f.key for f in acts})
    if n_acts >= MAX_ACTS:
        msg = f"Перечислено {n_acts} нормативных актов: оставьте главный и объясните его простыми словами."
        return acts[0].start, acts[-1].end, msg
    return None


@register("HARD_TO_READ")
def hard_to_read(ctx: Context) -> None:
    for i, toks in enumerate(ctx.doc.by_sentence):
        words = [t for t in toks if t.pos not in ("NUMB", "LATN")]
        s, e = ctx.doc.sentences[i]
        if len(words) > MAX_SENTENCE_WORDS:
            ctx.add(
                "HARD_TO_READ",
                "minor",
                s,
                e,
                f"Длинное предложение: {len(words)} слов (больше {MAX_SENTENCE_WORDS}).",
            )
            continue
        parts = sum(1 for t in toks if t.pos in ("PRTF", "GRND"))
        if parts >= MAX_PARTICIPLES:
            ctx.add(
                "HARD_TO_READ",
                "minor",
                s,
                e,
                f"Цепочка причастных и деепричастных оборотов ({parts}) в одном предложении.",
            )
    if ctx.channel is None:
        return
    max_chars, max_sents = CHANNEL_LIMITS[ctx.channel]
    n_chars, n_sents = len(ctx.text.strip()), len(ctx.doc.sentences)
    if n_chars > max_chars or n_sents > max_sents:
        ctx.add(
            "HARD_TO_READ",
            "minor",
            0,
            len(ctx.text),
            f"Слишком длинно для канала {ctx.channel.value}: {n_chars} знаков, {n_sents} "
            f"предложений (предел {max_chars} знаков, {max_sents} предложений).",
        )
