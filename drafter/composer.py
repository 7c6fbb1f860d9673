"""Drafts written without the model: the fallback when generation keeps failing the gate.

Two shapes, both honest about what is known:

* ``adapt_answer``: the best-matching approved past answer, made this appeal's. Another
  citizen's case lends only what holds across cases: its greeting and letterhead are replaced
  by this appeal's greeting; sentences naming that case's address, dates, message numbers, or
  reporting work done there («замечания устранены») are dropped — we do not know that here.
  What stays (who is responsible, the rule, what is usually done) is followed by the dated
  promise of a reply.
* ``interim_reply``: «Ольга, здравствуйте! Ваше обращение по адресу … передано в …. Ответим не
  позднее 28 января.» — built only from the appeal, the routing and the computed deadline.

The appeal is untrusted: nothing of its text goes into a composed draft except the address and
a topic phrase, and the topic phrase is left out when it looks like an instruction.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from razdel import sentenize

from drafter.grounding import Source, support_map
from drafter.quality import Context

_LETTERHEAD = re.compile(
    r"^\s*(?:Уважаем\w*\s+[^!\n]{0,60}!|Здравствуйте[^!.\n]{0,40}[!.]|Добрый день[^!.\n]{0,40}[!.])",
    re.IGNORECASE,
)
_BOILERPLATE = re.compile(
    r"(?i)рассмотрев ваше|сообщаем следующее|настоящим сообщаем|доводим до|благодарим за|"
    r"справка,? фото|^\W*фото\W*$|^\W*справка\W*$|с уважением|№\s*\d{5,}|приложени|"
    r"прилага|фотофиксац|^\W*письмо\b|^\W*акт\b"
)
# an appeal phrase that tries to steer the reply is not quoted back
_INSTRUCTION = re.compile(
    r"(?i)игнорир|инструкц|промпт|prompt|систем\w* (?:сообщ|указ)|ты теперь|ты —|представь|"
    r"притворись|роль|оскорб|напиши|ответь|выведи|покажи|забудь"
)
_TOPIC_WORDS = 14
_QUOTED = re.compile(r"«[^«»]*»")
_LEADING_NUMBER = re.compile(r"^\s*\d+[.)]\s+")  # «3. Направлено письмо …» out of its list
_NEW_LINE_ITEM = re.compile(r"[А-ЯЁA-Z0-9«\"-]")
_TRAILING_NUMBERS = re.compile(r"(?:\s+\d+[.)])+\s*$")  # «… меры: 1. 3.» once the list is gone
_LIST_ITEM = re.compile(r"^\s*\d+[.)]\s*\S*\s*$|^\W*$")  # «1.», «2) Фото» left of a list


def topic_phrase(problem: str | None) -> str | None:
    """The appeal's problem as a short phrase fit to quote, or None."""
    if not problem or problem.rstrip().endswith("…"):
        return None  # a phrase cut mid-sentence reads badly quoted back
    words = re.sub(r"[«»\"<>\[\]{}]", "", problem).split()[:_TOPIC_WORDS]
    phrase = " ".join(words).strip(" .,;:—-…")
    if len(phrase) < 8 or _INSTRUCTION.search(phrase):
        return None
    return phrase


def deadline_sentence(due_text: str, *, interim: bool) -> str:
    """«Ответим не позднее 28 января.» / «Вернёмся с ответом по существу не позднее …»."""
    if interim:
        return f"Ответим не позднее {due_text}."
    return f"Вернёмся с ответом по существу не позднее {due_text}."


def interim_reply(
    greeting: str,
    *,
    due_text: str,
    address: str | None = None,
    problem: str | None = None,
    agency: str | None = None,
) -> str:
    """The honest interim reply: greeting, what the appeal is about, who has it, by when."""
    about = ""
    topic = topic_phrase(problem)
    if topic:
        about += f" («{topic}»)"
    if address:
        about += f" по адресу {_clean_address(address)}"
    org = _clean_agency(agency)
    # an organisation's name stays in the nominative: no declension to get wrong
    to = f"передано исполнителю: {org}" if org else "передано в ответственную службу"
    return f"{greeting} Ваше обращение{about} {to}. {deadline_sentence(due_text, interim=True)}"


def adapt_answer(
    answer: str,
    greeting: str,
    *,
    due_text: str,
    sources: Sequence[Source],
    min_words: int = 6,
) -> str | None:
    """The past ``answer`` made this appeal's, or None when nothing of it can stand here.

    ``sources`` are what may ground the result (the appeal, regulation chunks, the deadline);
    the past answer itself is added as an answer source, so it grounds organisations and norms
    but not its own case's address and dates.
    """
    body = _LETTERHEAD.sub("", answer.strip(), count=1)
    # a line is a sentence of its own: lists and attachments must not run into the next line
    lines = [ln.strip() for ln in body.splitlines() if ln.strip()]
    joined = ""
    for ln in lines:
        # a line break before a capital or a list number ends a sentence; else it wraps one
        if joined and not joined.endswith((".", "!", "?", ":", ";")) and _NEW_LINE_ITEM.match(ln):
            joined += "."
        joined += (" " if joined else "") + ln
    kept: list[str] = []
    for sent in sentenize(joined):
        s = _TRAILING_NUMBERS.sub("", " ".join(sent.text.split()))
        s = _LEADING_NUMBER.sub("", s)
        if (
            len(s.split()) < 3
            or s.endswith(":")  # the lead-in of a list
            or _BOILERPLATE.search(s)
            or reports_work_done(s)
        ):
            continue
        kept.append(s)
    if not kept:
        return None
    candidate = " ".join(kept)
    own = [*sources, Source("past-answer", answer, "answer")]
    support = support_map(candidate, own)
    kept = [
        row.sentence
        for row in support
        if not row.unsupported and not _LIST_ITEM.match(row.sentence)
    ]
    if sum(len(s.split()) for s in kept) < min_words:
        return None
    return " ".join([greeting, *kept, deadline_sentence(due_text, interim=False)])


def reports_work_done(sentence: str) -> bool:
    """The sentence reports something as done or found: «замечания устранены», «направлено
    письмо», «факты не подтвердились». Words in «…» (the citizen's, quoted) do not count."""
    text = _QUOTED.sub("«»", sentence)
    ctx = Context(text=text)
    if ctx.done_action or ctx.solved or ctx.not_confirmed or ctx.confirmed or ctx.state_result:
        return True
    toks = ctx.doc.tokens
    # any past action, fix or not: a past answer's «направлено письмо» was that case's
    return any(
        t.pos in ("VERB", "PRTS") and "past" in t.tag and not _negated(toks, i)
        for i, t in enumerate(toks)
    )


def _negated(toks, i: int) -> bool:
    return any(t.key in ("не", "нет") for t in toks[max(0, i - 2) : i])


def _clean_address(address: str) -> str:
    a = re.sub(r"^\s*г\.?\s*Санкт-Петербург,?\s*", "", address.strip())
    return a.strip(" ,.")


def _clean_agency(agency: str | None) -> str | None:
    if not agency or not agency.strip():
        return None
    return " ".join(agency.split())[:200]


__all__ = [
    "adapt_answer",
    "deadline_sentence",
    "interim_reply",
    "reports_work_done",
    "topic_phrase",
]
