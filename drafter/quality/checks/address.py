"""How the reply addresses the citizen: NO_GREETING, IMPOLITE."""

from __future__ import annotations

import re

from drafter.quality.context import Context
from drafter.quality.lexicon import (
    ABBREVIATIONS_NOT_SHOUTING,
    ACT_CAPS,
    FAMILIAR,
    REPROACH_MODALS,
    RHETORICAL_START,
    TELL_OFF_KEYS,
    TELL_OFF_STOPS,
)
from drafter.quality.registry import register
from drafter.quality.text import Token, lemma_key

CAPS_RUN = 3  # three shouted words in a row
CAPS_WORD = 5  # or a shouted particle this long («ПОЖАЛУЙСТА»), or an imperative
_SHOUT_PUNCT = re.compile(r"[!?]*!{2,}|\?!|!\?")
_QUOTED = re.compile(r"«[^»]*»|\"[^\"]*\"")
_ACT_BEFORE = re.compile(
    r"(гост|постановлен|распоряжен|приказ|закон|санпин|снип|правил)\w*[^.\n]{0,60}$", re.IGNORECASE
)


@register("NO_GREETING")
def no_greeting(ctx: Context) -> None:
    doc = ctx.doc
    if not doc.sentences:
        return
    # the opening: the first sentence, or two when the first is just a name («Надежда!»)
    n_open = 1 if len(doc.by_sentence[0]) > 3 or len(doc.sentences) == 1 else 2
    open_end = doc.sentences[n_open - 1][1]
    greetings = ctx.find("GREETING")
    greet_open = [m for m in greetings if m.start < open_end]
    impersonal = [m for m in ctx.find("IMPERSONAL_ADDRESS") if m.start < open_end]
    first_s, first_e = doc.sentences[0]
    name = (ctx.appeal.author_name or "").strip() if ctx.appeal else ""

    if not greetings:
        ctx.add(
            "NO_GREETING",
            "major",
            first_s,
            first_e,
            "Нет приветствия: начните с обращения к заявителю"
            + (f" по имени («{name.split()[0]}, здравствуйте!»)." if name else "."),
        )
        return
    if ctx.channel is not None and ctx.channel.is_social and not greet_open:
        m = greetings[0]
        ctx.add(
            "NO_GREETING",
            "major",
            first_s,
            first_e,
            "В соцсетях ответ начинается с приветствия, а здесь оно только в середине: "
            f"«{ctx.text[m.start : m.end]}».",
        )
        return
    if name and not _name_in(ctx, name, open_end):
        if impersonal:
            m = impersonal[0]
            ctx.add(
                "NO_GREETING",
                "major",
                m.start,
                m.end,
                f"Имя заявителя известно ({name}), а в ответе «{ctx.text[m.start : m.end]}».",
            )
        else:
            ctx.add(
                "NO_GREETING",
                "major",
                first_s,
                first_e,
                f"Заявитель не назван по имени, хотя имя известно: {name}.",
            )


def _name_in(ctx: Context, name: str, end: int) -> bool:
    parts = [p for p in re.findall(r"[А-Яа-яЁёA-Za-z-]+", name) if len(p) >= 2]
    keys = {lemma_key(p) for p in parts}
    stems = {p.lower()[: max(3, len(p) - 2)] for p in parts}
    for t in ctx.doc.tokens:
        if t.start >= end:
            break
        low = t.text.lower()
        if t.key in keys or any(low.startswith(s) for s in stems):
            return True
    return False


@register("IMPOLITE")
def impolite(ctx: Context) -> None:
    if ctx.echoed_instructions:
        return
    for m in ctx.find("INSULT"):
        ctx.add(
            "IMPOLITE",
            "blocker",
            m.start,
            m.end,
            f"Оскорбительно: «{ctx.text[m.start : m.end]}» — так с заявителем говорить нельзя.",
        )
        return
    for m in ctx.find("IMPOLITE"):
        ctx.add(
            "IMPOLITE",
            "blocker",
            m.start,
            m.end,
            f"Невежливо: «{ctx.text[m.start : m.end]}» — не поучайте и не обвиняйте заявителя.",
        )
        return
    found = _talks_down(ctx)
    if found is not None:
        s, e, why = found
        ctx.add("IMPOLITE", "blocker", s, e, f"Невежливо: «{ctx.text[s:e]}» — {why}.")
        return
    familiar = _familiar(ctx)
    if familiar is not None:
        ctx.add(
            "IMPOLITE",
            "blocker",
            familiar.start,
            familiar.end,
            f"Фамильярно: «{familiar.text}» — к заявителю обращаются на «вы».",
        )
        return
    question = _rhetorical_question(ctx)
    if question is not None:
        s, e = question
        ctx.add(
            "IMPOLITE",
            "blocker",
            s,
            e,
            f"Риторический вопрос к заявителю: «{ctx.text[s:e][:60]}» — звучит как упрёк или "
            "ирония; ответьте прямо.",
        )
        return
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(ctx.text)]
    runs: list[list[Token]] = [[]]
    for t in ctx.doc.tokens:
        shouted = (
            t.is_upper_word
            and t.known  # dictionary words, not abbreviations like «ГЖИ», «ВУНЦ»
            and t.text not in ABBREVIATIONS_NOT_SHOUTING
            and not any(a <= t.start < b for a, b in quoted)
        )
        if shouted:
            runs[-1].append(t)
        elif len(t.text) == 1 and t.text.isupper():
            continue  # «И», «В» inside a capitalised stretch neither break nor make it
        elif runs[-1]:
            runs.append([])
    for run in runs:
        # three shouted words in a row, or a plea or an order in capitals («И ПОЖАЛУЙСТА, не
        # трогайте»); one word stressed in an official letter («ДОЛЖНЫ», «ВНУТРИ») is not
        if len(run) < CAPS_RUN and not any(
            t.pos in ("PRCL", "INTJ") and len(t.text) >= CAPS_WORD or "impr" in t.tag for t in run
        ):
            continue
        before = ctx.text[max(0, run[0].start - 80) : run[0].start]
        if {t.key for t in run} & ACT_CAPS or _ACT_BEFORE.search(before):
            continue  # an act title pasted in capitals
        ctx.add(
            "IMPOLITE",
            "blocker",
            run[0].start,
            run[-1].end,
            "Текст заглавными буквами воспринимается как крик.",
        )
        return
    punct = _SHOUT_PUNCT.search(ctx.text)
    if punct:
        ctx.add(
            "IMPOLITE",
            "blocker",
            punct.start(),
            punct.end(),
            "Восклицательные знаки подряд звучат как давление или ирония.",
        )


# «вам показалось», «вам кажется»: the citizen's own observation waved away (by the surface
# form: as lemmas «показалось» is «показать», and «вам покажут» is polite)
_WAVED_AWAY = re.compile(r"\bвам\s+(?:это\s+)?(?:показалось|кажется|почудилось)\b", re.IGNORECASE)


def _talks_down(ctx: Context) -> tuple[int, int, str] | None:
    """Ways of talking down to the citizen that a phrase list misses, as (start, end, why):
    telling them off for writing («не учите нас», «не надо писать нам», «хватит жаловаться»),
    what they should have done («вам стоило бы», «вы бы хоть», «если бы вы платили вовремя»),
    «мы вам не справочное бюро», blame («вы сами поставили машину …»), their observation
    waved away («вам показалось»), and a mocking question («Вы что, табличку не видите?»)."""
    toks = ctx.doc.tokens
    for i, t in enumerate(toks):
        same = [x for x in toks[max(0, i - 3) : i] if x.sent == t.sent]
        if (
            t.key in TELL_OFF_KEYS
            and (t.pos == "INFN" or "impr" in t.tag or "2per" in t.tag)  # «учите»: 2per too
            and any(x.key in TELL_OFF_STOPS for x in same)
            # «не беспокойтесь» reassures; «не жалуйтесь» does not
            and not (t.key == "беспокоить" and t.text.lower().endswith(("сь", "ся")))
        ):
            return same[0].start, t.end, "не отчитывайте заявителя за то, что он пишет"
        nxt = toks[i + 1 : i + 4]
        if (
            t.key == "мы"
            and [x.key for x in nxt[:2]] == ["вы", "не"]
            and len(nxt) == 3
            and nxt[2].pos in ("NOUN", "ADJF")
        ):
            return t.start, nxt[2].end, "это отповедь, а не ответ"
        if t.key == "вы" and nxt[:1] and nxt[0].key == "сам":
            verb = next((x for x in nxt[1:3] if x.pos == "VERB" and "past" in x.tag), None)
            if verb is not None:
                return t.start, verb.end, "не обвиняйте заявителя"
    for i, sent in enumerate(ctx.doc.by_sentence):
        keys = [x.key for x in sent]
        s, e = ctx.doc.sentences[i]
        # not a request: «если бы вы могли указать подъезд, …»
        if (
            {"бы", "вы"} <= set(keys)
            and "мочь" not in keys
            and (set(keys) & REPROACH_MODALS or _in_order(keys, ("если", "бы", "вы")))
        ):
            return s, e, "не упрекайте заявителя в том, что он должен был сделать"
        if ctx.text[s:e].rstrip().endswith("?") and _mocking(keys):
            return s, e, "насмешливый вопрос к заявителю; ответьте прямо"
    m = _WAVED_AWAY.search(ctx.text)
    if m:
        return m.start(), m.end(), "не отмахивайтесь от того, что видит заявитель"
    return None


def _in_order(keys: list[str], want: tuple[str, ...]) -> bool:
    n = len(want)
    return any(tuple(keys[k : k + n]) == want for k in range(len(keys) - n + 1))


def _mocking(keys: list[str]) -> bool:
    """«Вы что, табличку не видите?», «Мы что, должны …?», «Вам заняться нечем?», «Вы это
    серьёзно?», «Кто вам такое сказал?» — not «Не могли бы вы уточнить адрес?»."""
    if {"мочь", "подсказать", "уточнить"} & set(keys):
        return False
    if _in_order(keys, ("вы", "что")) or _in_order(keys, ("мы", "что")):
        return True
    if _in_order(keys, ("кто", "вы")):  # «Кто вам такое сказал?»
        return True
    return "вы" in keys and bool({"нечего", "серьезно"} & set(keys))


def _familiar(ctx: Context) -> Token | None:
    """«ты», «тебе», «твой» outside quotes. Not singular imperatives by their tag: pymorphy
    reads «пень» and «Жени» as orders, and real replies are full of both."""
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(ctx.text)]
    for t in ctx.doc.tokens:
        if t.key in FAMILIAR and not any(a <= t.start < b for a, b in quoted):
            return t
    return None


def _rhetorical_question(ctx: Context) -> tuple[int, int] | None:
    """A question at the citizen that starts like a reproach: «А вы как думаете …?», «Неужели
    …?», «Разве …?», «Зачем …?», «Сколько можно …?»."""
    for i, toks in enumerate(ctx.doc.by_sentence):
        s, e = ctx.doc.sentences[i]
        if not toks or not ctx.text[s:e].rstrip().endswith("?"):
            continue
        if toks[0].key in RHETORICAL_START:
            return s, e
    return None
