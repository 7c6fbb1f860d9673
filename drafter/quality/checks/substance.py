"""Does the reply help? OTPISKA, REDIRECT, NO_DEADLINE, NO_SPECIFICS, RATE_REQUEST."""

from __future__ import annotations

import re

from drafter.quality.checks.garbage import parrot_share
from drafter.quality.context import _DATE_PERIOD, Context
from drafter.quality.lexicon import ACTION_KEYS, GENERIC_ACTORS, GENERIC_NOUNS, ORG_KEYS, PAPER_KEYS
from drafter.quality.matcher import Match
from drafter.quality.registry import register
from drafter.quality.text import Token
from knowledge.topics import FLOOR as TOPIC_FLOOR
from knowledge.topics import TopicVerdict

# «…по вопросу «Неудовлетворительное состояние парадной», сообщаем следующее.» and the end:
# the answer announced never comes (1 of 26,972 real replies; common in the small model's drafts)
_ANNOUNCED_AT_END = re.compile(
    r"(?:сообща\w*|информиру\w*)(?:\s+следующее)?\s*[.:]?$", re.IGNORECASE
)
OFF_TOPIC = "Ответ не о том, о чём спрашивали"  # how an off-topic OTPISKA's message begins


@register("OTPISKA")
def otpiska(ctx: Context) -> None:
    if _unreadable(ctx):
        return  # not Russian, empty, a fragment: GARBAGE says all there is to say
    parrot = parrot_share(ctx)
    if parrot:
        ctx.add(
            "OTPISKA",
            "blocker",
            parrot[0],
            len(ctx.text),
            "Отписка: ответ только пересказывает обращение — что сделано или будет сделано, "
            "не сказано.",
        )
        return
    if redirect_marker(ctx) is not None:
        return  # a reply whose content is a hand-off is REDIRECT, not also a brush-off
    if _about_nothing(ctx):
        ctx.add(
            "OTPISKA",
            "blocker",
            0,
            len(ctx.text),
            "Отписка: ответ не называет ни предмета обращения, ни места, ни срока — "
            "«проблема решена» так можно написать под любым обращением.",
        )
        return
    announced = _ANNOUNCED_AT_END.search(ctx.text.rstrip())
    if announced:
        ctx.add(
            "OTPISKA",
            "blocker",
            announced.start(),
            announced.end(),
            "Отписка: ответ обещает «сообщить следующее», но на этом заканчивается — по существу "
            "не сказано ничего.",
        )
        return
    off = _off_topic(ctx)
    if off is not None:
        if off.agreement >= TOPIC_FLOOR:  # not against, but not enough for a draft
            about = f"из текста не видно, что он о «{off.appeal_label}»"
        elif off.appeal_label != off.reply_label:
            about = f"обращение — о «{off.appeal_label}», а ответ — скорее о «{off.reply_label}»"
        else:
            about = "ответ почти не касается предмета обращения"
        ctx.add(
            "OTPISKA",
            "blocker",
            0,
            len(ctx.text),
            f"{OFF_TOPIC}: {about}. Ответ на другую проблему не отвечает на обращение.",
        )
        return
    if ctx.substance:
        return
    found = ctx.find("BRUSH_OFF")
    if found:
        m = found[0]
        ctx.add(
            "OTPISKA",
            "blocker",
            m.start,
            m.end,
            f"Отписка: «{ctx.text[m.start : m.end]}», но ни что сделано, ни что и когда будет "
            "сделано, не сказано.",
        )
        return
    vague = ctx.find("VAGUE_TIME")
    relayed = bool(ctx.find("HEARSAY"))
    if (
        vague
        and not ctx.has_date_or_period()
        and (relayed or not (ctx.names_place or ctx.names_org))
    ):
        # «сделаем в ближайшее время» and nothing else: no place, no one, no date to check;
        # «по информации ООО …, работы будут выполнены в плановом порядке»: a relayed vague plan
        m = vague[0]
        ctx.add(
            "OTPISKA",
            "blocker",
            m.start,
            m.end,
            f"Отписка: обещание «{ctx.text[m.start : m.end]}» без места, исполнителя и даты — "
            "проверить нечего.",
        )
        return
    undated = [i for i in ctx.future_work if not ctx.has_date_or_period(i)]
    if undated and not (ctx.names_place or ctx.names_location or _names_who(ctx)):
        # «Работы будут проведены при наступлении благоприятных погодных условий.»: which work,
        # where, by whom, when — nothing to check
        s, e = ctx.doc.sentences[undated[0]]
        ctx.add(
            "OTPISKA",
            "blocker",
            s,
            e,
            "Отписка: обещаны работы, но не сказано ни где, ни кто, ни когда — проверить нечего.",
        )


@register("REDIRECT")
def redirect(ctx: Context) -> None:
    found = redirect_marker(ctx)
    if found is None:
        return
    start, end, forwarded_only = found
    said = ctx.text[start:end]
    ctx.add(
        "REDIRECT",
        "blocker",
        start,
        end,
        (
            f"Переадресация: «{said}» — обращение передано дальше, но не сказано, когда "
            "заявитель получит ответ."
            if forwarded_only
            else f"Переадресация: «{said}» — гражданина отправляют в другое ведомство, не "
            "сказано, кому поручено и когда будет ответ."
        ),
    )


def redirect_marker(ctx: Context) -> tuple[int, int, bool] | None:
    """(start, end, forwarded_only) of the first way the reply hands the matter on: the citizen
    sent elsewhere («обратитесь в …», «не относится к компетенции», «вам нужно написать в …»),
    or the appeal passed to another body with no word on when the citizen hears back
    («обращение перенаправлено в управляющую компанию»). None when the problem is solved (a
    pointer elsewhere is then extra help) or the agency passed the appeal on and says by when
    the citizen hears back."""
    if ctx.resolved:
        return None
    dated = ctx.has_date_or_period()
    forwarded = _forwarded(ctx)
    for m in ctx.find("REDIRECT"):
        t = ctx.doc.tokens[m.first]
        if t.key in ("обратить", "обращать", "направить") and not _addressed_to_reader(t):
            continue  # «вы обратились в …» tells what happened, it sends no one anywhere
        if forwarded and dated:
            continue  # the agency passed it on itself and says when the citizen hears back
        return m.start, m.end, False
    if forwarded and not dated:
        m = forwarded[0]
        return m.start, m.end, True
    return None


def _forwarded(ctx: Context) -> list[Match]:
    """«Обращение направлено/передано/перенаправлено …» in the past tense, to someone other
    than the agency's own work queue («передано в работу» is a brush-off, not a hand-off)."""
    toks = ctx.doc.tokens
    out = []
    for m in ctx.find("FORWARDED"):
        verbs = [t for t in toks[m.first : m.last + 1] if t.key in PAPER_KEYS]
        # «обращение направлено», «передали заявку» — not «ранее направленное обращение»
        if not any("past" in t.tag and t.pos in ("PRTS", "VERB") for t in verbs):
            continue
        after = [t.key for t in toks[m.last + 1 : m.last + 3]]
        if after[:2] == ["в", "работа"]:
            continue
        out.append(m)
    return out


@register("NO_DEADLINE")
def no_deadline(ctx: Context) -> None:
    n = len(ctx.doc.sentences)
    dated = [
        ctx.has_date_or_period(i) or (i + 1 < n and ctx.has_date_or_period(i + 1)) for i in range(n)
    ]
    promised = set(ctx.future_work)
    # what the dated promises are about: a later sentence about the same work (its noun or its
    # verb) takes their date («… будут выполнены в срок до 20.04.2021. Работы будут выполнены
    # только при наличии финансирования.»)
    dated_work = _work_words(ctx, [i for i in promised if dated[i]])
    not_a_promise = {ctx.doc.tokens[m.first].sent for m in ctx.find("CONDITIONAL_SANCTION")}
    not_a_promise |= {ctx.doc.sentence_of(m.start()) for m in _PLACEHOLDER.finditer(ctx.text)}
    hedges = {(m.start, m.end) for m in ctx.find("HEDGE")}

    def same_work(i: int) -> bool:
        return bool(dated_work & _work_words(ctx, [i]))

    problem_confirmed = bool(ctx.confirmed) and not ctx.not_confirmed
    sev = "blocker" if problem_confirmed else "major"
    flagged: set[int] = set()
    for m in ctx.find("VAGUE_TIME"):
        i = ctx.doc.tokens[m.first].sent
        if i not in promised and _reports_past(ctx, i):
            continue  # «не исполнил предписание в установленные сроки»: a report, not a promise
        if i in not_a_promise or i in flagged or dated[i]:
            continue
        if (m.start, m.end) in hedges and same_work(i):
            continue
        flagged.add(i)
        ctx.add(
            "NO_DEADLINE",
            sev,
            m.start,
            m.end,
            f"Нет срока: «{ctx.text[m.start : m.end]}» вместо даты или периода.",
        )
    for i in ctx.future_work:
        if dated[i] or i in flagged or i in not_a_promise or same_work(i):
            continue
        flagged.add(i)
        s, e = ctx.doc.sentences[i]
        ctx.add("NO_DEADLINE", sev, s, e, "Работы обещаны, но не сказано, к какому сроку.")


# «{deadline}»: an unfilled template slot stands where the date should be (GARBAGE says so)
_PLACEHOLDER = re.compile(r"\{\s*[A-Za-z_][\w.]*\s*\}")


def _work_words(ctx: Context, sentences: list[int]) -> set[str]:
    """The nouns and work verbs of these sentences (lemma keys)."""
    return {
        t.key
        for i in sentences
        for t in ctx.doc.by_sentence[i]
        if t.pos == "NOUN" or t.key in ACTION_KEYS
    }


def _unreadable(ctx: Context) -> bool:
    """GARBAGE already judged the whole text (not Russian, empty, a fragment)."""
    return any(
        v.code == "GARBAGE" and v.start == 0 and v.end >= len(ctx.text.rstrip())
        for v in ctx.violations
    )


def _names_who(ctx: Context) -> bool:
    """An organisation or a person by position that is not just «специалисты»."""
    return any(f.kind == "org" for f in ctx.facts) or bool(
        ctx.doc.key_set & (ORG_KEYS - GENERIC_ACTORS)
    )


def _about_nothing(ctx: Context) -> bool:
    """A claimed result («Проблема устранена.») is checkable: that is NO_SPECIFICS, not this.
    «Здравствуйте! Проблема решена.», «Рассмотрев Ваше обращение, сообщаем следующее.»: not one
    thing named — no object (only generic nouns like «проблема», «обращение»), no place, no
    organisation, no date, no fact. Such a reply fits under any appeal of any category."""
    if not ctx.doc.tokens or ctx.resolved:
        return False  # empty: GARBAGE says so; a result claimed: NO_SPECIFICS says it is bare
    # the name in the greeting («Надежда, здравствуйте!», which pymorphy reads as «hope») names
    # nothing of the case: capitalised nouns of a greeting's sentence are skipped
    greeting = {ctx.doc.tokens[m.first].sent for m in ctx.find("GREETING")}
    named = {
        t.key
        for t in ctx.doc.tokens
        if t.pos == "NOUN"
        and not (t.sent in greeting and t.text[:1].isupper())
        and not any(g in t.tag for g in ("Name", "Surn", "Patr"))
    } - GENERIC_NOUNS
    return not (
        named or ctx.names_location or ctx.names_org or ctx.facts or ctx.has_date_or_period()
    )


def _off_topic(ctx: Context) -> TopicVerdict | None:
    """The verdict when the reply misses the bar for the appeal's problem — by default, it fits
    worse than a random past answer would (``knowledge.topics``); None when on topic, or no
    judge, or the judge abstains."""
    if ctx.topic is None or ctx.appeal is None:
        return None
    verdict = ctx.topic.verdict(ctx.appeal.text, ctx.text)
    return verdict if verdict is not None and ctx.topic_bar.misses(verdict) else None


def _reports_past(ctx: Context, i: int) -> bool:
    return any(t.pos in ("VERB", "PRTS") and "past" in t.tag for t in ctx.doc.by_sentence[i])


@register("NO_SPECIFICS")
def no_specifics(ctx: Context) -> None:
    if not _anchored(ctx):
        ctx.add(
            "NO_SPECIFICS",
            "major",
            0,
            len(ctx.text),
            "Нет конкретики: не названы ни место (адрес, парадная), ни исполнитель, ни срок — "
            "такой ответ подошёл бы к любому обращению этой темы.",
        )
        return
    doc = ctx.doc
    kinds = {f.kind for f in ctx.facts}
    action = ctx.any_action or bool(ctx.resolved)
    place = ctx.names_place or ctx.names_location
    org = ctx.names_org
    # a result (done, confirmed or not) or a date: something the citizen can hold on to
    when = (
        ctx.done_action
        or ctx.state_result
        or bool(ctx.confirmed or ctx.not_confirmed)
        or "date" in kinds
        or ctx.has_date_or_period()
    )
    signals = action + place + org + when
    overlap = True
    if ctx.appeal_doc is not None:
        nouns = {t.key for t in doc.tokens if t.pos == "NOUN"} - GENERIC_NOUNS
        appeal_nouns = {t.key for t in ctx.appeal_doc.tokens if t.pos == "NOUN"} - GENERIC_NOUNS
        overlap = bool(nouns & appeal_nouns) or ctx.names_location
    if signals <= 1 or (signals == 2 and not overlap):
        missing = [
            name
            for name, ok in (
                ("действие", action),
                ("место", place),
                ("исполнитель", org),
                ("срок или результат", when),
            )
            if not ok
        ]
        ctx.add(
            "NO_SPECIFICS",
            "major",
            0,
            len(ctx.text),
            "Нет конкретики: не названы " + ", ".join(missing) + "; ответ подошёл бы к любому "
            "обращению этой темы.",
        )


@register("RATE_REQUEST")
def rate_request(ctx: Context) -> None:
    if ctx.solved and not ctx.future_work:
        return
    for m in ctx.find("RATE_REQUEST"):
        t = ctx.doc.tokens[m.first]
        if t.key == "оценить" and not _addressed_to_reader(t):
            continue  # «оценили» / «оценено» is a report, not a request
        ctx.add(
            "RATE_REQUEST",
            "minor",
            m.start,
            m.end,
            "Просьба оценить работу, хотя проблема ещё не решена.",
        )
        return


def _addressed_to_reader(t: Token) -> bool:
    """An imperative or infinitive («обратитесь», «обратиться»); pymorphy often reads the
    imperative «обратитесь» as a 2nd-person future, which is just as much a request."""
    return t.pos == "INFN" or "impr" in t.tag or "2per" in t.tag


def _anchored(ctx: Context) -> bool:
    """Something ties the reply to this case: a place (an address, «парадная № 3»), a date or
    period of the work, a norm, or an organisation named — unless all the reply says is the
    stock «все необходимые работы выполнены», which an organisation's name does not make
    concrete (the ЦУР standard: «the reply could be pasted under any appeal of that category»)."""
    if ctx.names_location or ctx.case_dates or _has_period(ctx):
        return True
    # a norm, an amount or a count («штраф 5000 рублей», «9 ям»): something to check
    if any(f.kind == "norm" or (f.kind == "number" and f.case) for f in ctx.facts):
        return True
    named_org = any(f.kind == "org" for f in ctx.facts)
    return named_org and not _stock_only(ctx)


def _has_period(ctx: Context) -> bool:
    """A period or a month/season without a calendar date («в течение 5 дней», «в мае»)."""
    return bool(_DATE_PERIOD.search(ctx.text))


def _stock_only(ctx: Context) -> bool:
    """The only action in the reply is a stock phrase («все необходимые работы выполнены»)."""
    stock = ctx.find("STOCK_RESULT")
    if not stock:
        return False
    # the stock sentence's own verbs («…по приведению в нормативное состояние выполнены») are
    # part of the formula; an action in another sentence («Люк закрыт.») is real content
    stock_sents = {ctx.doc.tokens[m.first].sent for m in stock}
    return not any(t.key in ACTION_KEYS and t.sent not in stock_sents for t in ctx.doc.tokens)
