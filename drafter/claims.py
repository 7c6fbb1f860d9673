"""What a sentence claims: that work was done, or that all is well («замечания устранены»,
«направлено письмо», «срывов вывоза нет»). Only the executor can know such things of a case;
grounding holds a generated claim to their facts, and the facts' own claims must reach the
reply."""

from __future__ import annotations

import re

from drafter.quality import Context
from drafter.quality.lexicon import ACTION_KEYS, NON_ACTION_KEYS
from drafter.quality.text import Doc, Token

_QUOTED = re.compile(r"«[^«»]*»")

# a flat denial of what the citizen reported, or a claim that all is well: «Срывов вывоза мусора
# нет.», «Вывоз производится по графику.», «Давление в норме.» Only an inspection can say so.
_DENIAL = re.compile(
    r"(?i)(?:(?<![а-яё])нет\s*[.!]?\s*$"
    r"|(?:производится|осуществляется|выполняется|проводится)\s+(?:строго\s+)?"
    r"(?:по|согласно|в\s+соответствии\s+с)\s+график"
    r"|(?<![а-яё])в\s+норме|в\s+(?:штатном|рабочем|нормальном)\s+режиме"
    r"|не\s+(?:выявлен|обнаружен|зафиксирован|установлен)\w*)"
)


def reports_work_done(sentence: str) -> bool:
    """The sentence reports something as done or found: «замечания устранены», «направлено
    письмо», «факты не подтвердились», «срывов вывоза нет». Words in «…» (the citizen's,
    quoted) do not count."""
    text = _QUOTED.sub("«»", sentence)
    if _DENIAL.search(text):
        return True
    ctx = Context(text=text)
    if ctx.done_action or ctx.solved or ctx.not_confirmed or ctx.confirmed or ctx.state_result:
        return True
    toks = ctx.doc.tokens
    # any past action, fix or not: a past answer's «направлено письмо» was that case's
    return any(
        t.pos in ("VERB", "PRTS") and "past" in t.tag and not _negated(toks, i)
        for i, t in enumerate(toks)
    )


def work_verbs(sentence: str) -> frozenset[str]:
    """The lemmas of the work a sentence reports done, not negated: «Мы провели очистку и
    установили сетку» → {провести, установить}; any past verb but the paperwork's
    («рассмотрели», «сообщили»): «мы удалили конструкцию» (measure (A), spb-3144878, where the
    facts say only that the court ordered it). Words in «…» do not count."""
    toks = Doc(_QUOTED.sub("«»", sentence)).tokens
    return frozenset(
        t.key
        for i, t in enumerate(toks)
        if (t.pos == "PRTS" or (t.pos in ("VERB", "PRTF") and "past" in t.tag))
        # a full participle is an attribute («самовольно установленную»), unless of a fix
        and (t.key in ACTION_KEYS or (t.pos != "PRTF" and t.key not in NON_ACTION_KEYS))
        and not _negated(toks, i)
    )


def _negated(toks: list[Token], i: int) -> bool:
    return any(t.key in ("не", "нет") for t in toks[max(0, i - 2) : i])


__all__ = ["reports_work_done", "work_verbs"]
