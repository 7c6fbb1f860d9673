"""Does the reply help? OTPISKA, REDIRECT, NO_DEADLINE, NO_SPECIFICS, RATE_REQUEST."""

from __future__ import annotations

import re
from functools import lru_cache

from drafter.quality.checks.echo import parrot_share
from drafter.quality.context import _DATE_PERIOD, Context, _promises
from drafter.quality.facts import Fact
from drafter.quality.learned import MARKS, judge
from drafter.quality.lexicon import (
    ACTION_KEYS,
    CONTACT_KEYS,
    CONTACT_TARGETS,
    FIX_KEYS,
    FORMULA_NOUNS,
    GENERIC_ACTORS,
    GENERIC_NOUNS,
    HANDOFF_BODIES,
    HANDOFF_OWNERS,
    HANDOFF_PARTIES,
    INTENT_KEYS,
    LOOKUP_KEYS,
    LOOKUP_TARGETS,
    NON_ACTION_KEYS,
    NOT_A_FIX,
    ORG_KEYS,
    PAPER_KEYS,
    PAPER_NOUNS,
    PAPER_NOUNS_IF_YOURS,
    PROCESS_IF_NOUN,
    PROCESS_KEYS,
    PROCESS_NOUNS,
    PROCESS_PAPERS,
    REPORTING_KEYS,
    RESPONSIBLE_KEYS,
    VISIT_KEYS,
    VISIT_NOUNS,
    WHOSE_NOUNS,
    WORK_NOUNS,
)
from drafter.quality.matcher import Match
from drafter.quality.registry import register
from drafter.quality.text import Token
from knowledge.text import MONTH_WORD, morph
from knowledge.topics import FLOOR as TOPIC_FLOOR
from knowledge.topics import TopicVerdict

# «…по вопросу «Неудовлетворительное состояние парадной», сообщаем следующее.» and the end:
# the answer announced never comes (1 of 26,972 real replies; common in the small model's drafts)
# (the present of announcing — «сообщаем», «информирует» —, not «о решении Вам сообщат»: a
# later answer promised after what the reply says)
_ANNOUNCED_AT_END = re.compile(
    r"(?:сообща(?:ем|ет|ют)|информиру(?:ем|ет|ют))(?:\s+следующее)?\s*[.:]?$", re.IGNORECASE
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
    if _points_where_asked(ctx):
        return  # «Где посмотреть статус заявки?» — «в личном кабинете на сайте УК»: the answer
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
    empty = _process_only(ctx)
    if empty is None:
        empty = _nothing_of_the_case(ctx)
    if empty is not None:
        s, e = ctx.doc.sentences[empty]
        ctx.add(
            "OTPISKA",
            "blocker",
            s,
            e,
            f"Отписка: «{ctx.text[s:e].strip()}» — ответ говорит только о движении обращения "
            "(получено, рассмотрено, передано, решение принято) или обещает работу без "
            "обязательств; что сделано с проблемой или когда будет сделано, не сказано.",
        )
        return
    if checkable(ctx) or any(ctx.has_date_or_period(i) for i in _more_promises(ctx)):
        return  # «учтено: …, работы начнутся в 2026 году»: a dated promise is substance
    # «Протечку кровли над квартирой 45 дома 12 устранят в рабочем порядке»: a formula inside a
    # promise of named work at a named place is an undated promise (NO_DEADLINE), not a brush-off
    found = [
        m
        for m in ctx.find("BRUSH_OFF")
        if not _concrete_promise(ctx, ctx.doc.tokens[m.first].sent)
        and not _finding_announced(ctx, m)
    ]
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
    if undated and not (
        ctx.names_place or ctx.names_location or _names_who(ctx) or _names_what(ctx)
    ):
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
        return
    # No rule named a formula, and the reply states nothing checkable (``ctx.substance``: no
    # work reported done, no dated promise, no address or norm outside a formula, no finding).
    # Brush-offs come in more wordings than rules can list — four passes lifted their own rounds
    # and left new writers at .57–.70 recall — so the learned judge reads the rest. Only here:
    # a thin report of work done («Замечания устранены.») has substance and is not asked about
    # (the judge alone flags 463 of 26,972 real portal replies, almost all such reports).
    judged = judge("OTPISKA").verdict(ctx.text, ctx.doc.sentences)
    if judged:
        score, (s, e) = judged
        ctx.add(
            "OTPISKA",
            "blocker",
            s,
            e,
            f"{MARKS['OTPISKA']}: «{ctx.text[s:e][:100]}» — ни что сделано, ни что и когда "
            f"будет сделано, не сказано (оценка модели {round(100 * score)} из 100). Напишите, "
            "что сделано или будет сделано с проблемой, кем и когда.",
        )


def _concrete_promise(ctx: Context, i: int) -> bool:
    """Sentence ``i`` promises work and names where: an address of the case in it, and a thing
    that is not a formula's noun («Протечку кровли над квартирой 45 дома 12 по ул. Лесной
    устранят …»; not «Ваше обращение по адресу … будет рассмотрено в рабочем порядке»)."""
    if i not in ctx.future_work:
        return False
    s, e = ctx.doc.sentences[i]
    toks = ctx.doc.by_sentence[i]
    return any(f.kind == "address" and s <= f.start < e for f in ctx.facts) and any(
        t.pos == "NOUN" and t.key not in _FORMULA | _ABSTRACT | _APPEAL_FACTS | _ADDRESS_NOUNS
        for t in _past_the_topic(ctx, toks)
    )


def _finding_announced(ctx: Context, m: Match) -> bool:
    """The formula ``m`` announces a finding after a colon or dash in its sentence: «Провели
    проверку: ошибок в начислении нет», «Проверка проведена — давление 2,5 атмосферы» (a
    negation, a number or a short adjective: what was found), not «Приняты меры: работа
    ведётся»."""
    return _finding_after_colon(ctx, ctx.doc.tokens[m.first].sent, m.end)


# «по вопросу: Неисправный лифт по адресу: ул. …, д. 3»: the portal's restated topic, not a finding
_TOPIC_LABEL = re.compile(r"(?i)(?:вопрос[уа]?|адресу|теме|категории)\s*$")


def _finding_after_colon(
    ctx: Context, i: int, start: int, named: frozenset[int] = frozenset()
) -> bool:
    """Past ``start``, sentence ``i`` opens a colon or dash clause that states a finding:
    «нет» («ошибок нет»), «не» before a past verb or short participle («не выявлено»), a
    number or a short adjective («исправен») — not a promise («приняты меры: не допустим …»)."""
    _, e = ctx.doc.sentences[i]
    cut = next(
        (
            k
            for k in range(start, e)
            # a clause's colon or dash (not «https://…»), not after the restated topic's label
            if (ctx.text[k] in "—–" or ctx.text[k : k + 2] in (": ", ":\n"))
            and not _TOPIC_LABEL.search(ctx.text[max(0, k - 12) : k])
        ),
        None,
    )
    if cut is None:
        return False
    rest = [t for t in ctx.doc.by_sentence[i] if t.start > cut]
    return any(
        t.key == "нет"
        or (t.pos == "NUMB" and id(t) not in named)
        or t.pos == "ADJS"
        or (
            t.key == "не"
            and k + 1 < len(rest)
            and rest[k + 1].pos in ("VERB", "PRTS")
            and "past" in rest[k + 1].tag
        )
        for k, t in enumerate(rest)
    )


def checkable(ctx: Context) -> bool:
    """The reply states something checkable beyond its procedure (``_checkable_by``): the gate
    of OTPISKA's last rules and of its learned judge, stricter than ``Context.substance`` (which
    REDIRECT still reads)."""
    return _checkable_by(ctx) is not None


def _checkable_by(ctx: Context) -> str | None:
    """What checkable the reply states, in a word, or None: ``Context.substance`` read sentence
    by sentence. The detail a brush-off is dressed in is not checkable: a sentence whose every
    verb is the procedure's (``_verb_kind``: the appeal received, registered, considered by a
    named body, a check or a talk held, a visit made, a step finished) keeps its dates, numbers
    and places to itself («Ваше обращение, зарегистрированное 14.06 за № 45-7712, рассмотрено
    управлением благоустройства», «12 июня проведена выездная проверка … дом № 5 по ул.
    Боевой») unless it promises an answer by a date or sends a paper on one; the appeal's own
    date is none of the case wherever it stands («обращение, поступившее 11 июня …»); the
    appeal told back, the citizen's act thanked for («Спасибо, что поделились …»), a state named
    as the aim («приведение в нормативное состояние») and a law quoted in general
    (``_applied``) say nothing of what was found or done; a verb reported done counts only when
    it is not the procedure's in its sentence («ответ подготовлен», «Мы вас услышали»). A
    decision with its content («Отказано: …», «принято отрицательное решение …») and a request
    for the missing detail («Уточните номер дома») are checkable."""
    doc = ctx.doc
    if not doc.tokens:
        return None
    if ctx.not_confirmed:
        return "not confirmed"
    if any(ctx.has_date_or_period(i) for i in ctx.future_work):
        return "dated promise"
    formula = ctx.brush_off_tokens
    formula_sents = ctx.brush_off_sentences
    citing = {
        i
        for i, (s, e) in enumerate(doc.sentences)
        if any(f.kind == "norm" and s <= f.start < e for f in ctx.facts)
    }
    index = {id(t): j for j, t in enumerate(doc.tokens)}
    states = [m for m in ctx.find("STATE_RESULT") if not _a_target(doc.tokens, m.first)]
    named = _named_numbers(ctx)
    for i, sent in enumerate(doc.by_sentence):
        toks = _past_the_retelling(ctx, sent)
        if not toks:
            continue
        spoken = {id(t) for t in toks} - _thanked_for(ctx, toks)
        verbs = [(k, t) for k, t in _sentence_verbs(toks) if id(t) in spoken]
        kinds = {_verb_kind(ctx, toks, k) for k, _ in verbs}
        if any(t.pos == "ADJS" and t.key == "известный" for t in toks):
            kinds.add("process")  # «Проблема … известна и находится на контроле»
        if _finding_after_that(toks, set(), named) or _finding_after_colon(
            ctx, i, toks[0].start, named
        ):
            kinds.add("other")  # «Проверка показала, что …», «Провели проверку: нарушений нет»
        if any(_decided(toks, k) for k, _ in verbs):
            return "decision"
        if _asks_for_details(toks):
            return "request for details"
        if kinds == {"process"} and not any(
            "futr" in t.tag or _after_be(toks, k) or t.key in PAPER_KEYS for k, t in verbs
        ):
            # the procedure done, its dates and places with it; not an answer promised by a
            # date («ответ направят не позднее 12 марта») or a paper sent on one («Информацию
            # передали в налоговую 6 мая»: REDIRECT's and NO_DEADLINE's to judge)
            continue
        for k, t in verbs:
            if (
                t.pos in ("VERB", "PRTS")
                and "past" in t.tag
                and t.key not in NON_ACTION_KEYS | PAPER_KEYS
                and index[id(t)] not in formula
                and not _negated(toks, k)
                and not _after_be(toks, k)
                and _verb_kind(ctx, toks, k) != "process"
                and not (i in citing and t.key in _SETS_A_RULE)  # «порядок определён законом»
            ):
                return f"done: {t.text}"
        start = toks[0].start
        e = doc.sentences[i][1]
        if any(
            start <= m.start < e and m.first not in formula and m.last not in formula
            for m in ctx.resolved
        ):
            return "resolved"
        if any(start <= m.start < e for m in states):
            return "state"
        if i not in formula_sents and any(start <= m.start < e for m in ctx.confirmed):
            return "confirmed"
        for f in ctx.facts:
            if not start <= f.start < e or (f.kind == "date" and _the_laws_own(ctx, f, citing)):
                continue
            if f.kind == "date" and not _APPEAL_OWN.search(
                ctx.text[max(0, f.start - 80) : f.start]
            ):
                return f"date: {ctx.text[f.start : f.end]}"
            if f.kind == "address" and i not in formula_sents:
                return f"address: {ctx.text[f.start : f.end]}"
            if f.kind == "norm" and i not in formula_sents and _applied(ctx, toks, citing):
                return f"norm: {ctx.text[f.start : f.end]}"
    return None


def _applied(ctx: Context, toks: list[Token], citing: set[int]) -> bool:
    """The norm in the sentence ``toks`` is applied to something particular: a number that is
    not the law's own (its articles, its number, its date: «не менее 20 метров»), a negation
    («если в помещении никто не зарегистрирован»), a place. Not the law quoted in general —
    whose powers, what a law governs («дорожная деятельность … относится к вопросам местного
    значения», «порядок … определён Федеральным законом от 08.11.2007 № 257-ФЗ»): a legal
    dump says nothing of the case."""
    s, e = toks[0].start, toks[-1].end
    laws = [
        (f.start, f.end)
        for f in ctx.facts
        if s <= f.start < e and (f.kind == "norm" or _the_laws_own(ctx, f, citing))
    ]
    if any(f.kind == "address" and s <= f.start < e for f in ctx.facts):
        return True
    return any(
        (t.pos == "NUMB" and not any(a <= t.start < b for a, b in laws))
        or (t.key in _NEGATIONS and not _litotes(toks, j))
        for j, t in enumerate(toks)
    )


# the appeal's own date: «Ваше обращение от 12.03», «обращение, зарегистрированное 14.06 за №»,
# «заявка, поступившая 11 июня через платформу …»
_APPEAL_OWN = re.compile(
    r"(?i)(?:обращени|сообщени|заявк|письм|жалоб|запрос)\w*[^.!?\n]{0,40}?"
    r"(?:\bот|поступивш\w*|зарегистрированн\w*|направленн\w*|полученн\w*|датированн\w*)\s*$"
)


# what the citizen is asked for when something is missing: «уточните номер дома», «пришлите
# фото» (not «сообщите, если повторится»: no detail named)
_DETAIL_KEYS = frozenset({"уточнить", "указать", "прислать", "приложить", "предоставить"})


def _asks_for_details(toks: list[Token]) -> bool:
    """The sentence asks the citizen for what is missing — a verb of giving details said to
    them («Уточните номер дома», «Пришлите фото») or a new appeal «с указанием …» («разместите
    новое сообщение с указанием точных координат места проблемы») — and does not open on a
    condition («Если протечка повторится, укажите …»): what is missing is said, and why
    nothing was done."""
    if toks[0].key in ("если", "при") or (
        toks[0].key == "в" and toks[1:2] and toks[1].key == "случай"
    ):
        return False
    return any(
        # said to «Вы»: «уточните», «пришлите» (not «показания пришли 27-го», which the tagger
        # also reads as an order)
        (t.key in _DETAIL_KEYS and t.text.lower().endswith("те") and "past" not in t.tag)
        or (t.key == "с" and j + 1 < len(toks) and toks[j + 1].key in ("указание", "уточнение"))
        for j, t in enumerate(toks)
    )


def _named_numbers(ctx: Context) -> frozenset[int]:
    """The number tokens that name when or where, not what was found: a date's, an address's,
    one after «№» («12 июня», «дом № 5 по ул. Боевой», «школа № 21»)."""
    spans = [(f.start, f.end) for f in ctx.facts if f.kind in ("date", "address")]
    spans += [m.span(1) for m in _NUMBERED.finditer(ctx.text)]
    return frozenset(
        id(t) for t in ctx.doc.tokens if t.pos == "NUMB" and any(s <= t.start < e for s, e in spans)
    )


# what a state is brought to: «приведение в нормативное состояние», «поддержание в исправном …»
_TO_A_STATE = frozenset({"приведение", "привести", "приводить", "поддержание", "поддерживать"})


def _a_target(toks: list[Token], j: int) -> bool:
    """The state matched at ``j`` is the aim of bringing something to it, not a state found."""
    return any(x.key in _TO_A_STATE for x in toks[max(0, j - 4) : j])


def _thanked_for(ctx: Context, toks: list[Token]) -> set[int]:
    """The tokens of the «что»-clause after thanks («Спасибо, что поделились своей ситуацией»,
    «Благодарим за то, что сообщили …»): the citizen's act, not the agency's."""
    if not any(t.key in _THANKS for t in toks[:3]):
        return set()
    at = next((k for k, t in enumerate(toks) if t.key == "что"), None)
    if at is None or at > 6:
        return set()
    out = set()
    for k in range(at, len(toks)):
        out.add(id(toks[k]))
        if k + 1 < len(toks) and any(
            c in ctx.text[toks[k].end : toks[k + 1].start] for c in ",;:—–"
        ):
            break
    return out


# the words of an address («квартира», «дом», «улица»): where, not what
_ADDRESS_NOUNS = frozenset(
    {"дом", "квартира", "улица", "ул", "подъезд", "корпус", "проспект", "пр", "переулок"}
    | {"шоссе", "бульвар", "площадь", "набережная", "строение", "этаж", "д", "кв"}
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
    sent elsewhere («обратитесь в …», «звоните в …», «подробности смотрите на сайте …», «это
    вопрос сетевой организации»), or the appeal passed to another body with no word on when the
    citizen hears back («обращение перенаправлено в управляющую компанию»). None when the agency
    acts itself — the problem is solved or dated work is promised (a pointer elsewhere is then
    extra help, «если снова потечёт, звоните в аварийную службу») — or passed the appeal on and
    says by when the citizen hears back."""
    if ctx.resolved or _acts_itself(ctx):
        return None
    dated = ctx.has_date_or_period()
    forwarded = _forwarded(ctx)
    asked_where = _asks_where(ctx)
    # «Как подать показания?» — «в личном кабинете на сайте …», «Куда звонить?» — «горячая линия
    # …»: where to look or call is the answer itself, even in one sentence (sending the citizen
    # to someone else, «помогут в МФЦ», «обратитесь в МФЦ», still needs more: ``asked_where``)
    asked = asked_where or _asks_where(ctx, one_line=True)
    for m in ctx.find("REDIRECT"):
        toks = ctx.doc.tokens[m.first : m.last + 1]
        if any(t.key in CONTACT_KEYS | LOOKUP_KEYS and not _addressed_to_reader(t) for t in toks):
            continue  # «вы обратились в …», «мы позвонили в …», «специалисты уточнят в …»
        if forwarded and dated:
            continue  # the agency passed it on itself and says when the citizen hears back
        if asked_where and any(t.key in CONTACT_KEYS for t in toks):
            continue  # «куда звонить?» — «звоните в диспетчерскую»: the pointer is the answer
        if _a_right(ctx, m.first):
            continue
        if _draws_attention(ctx.doc.tokens, m.first) or _advice_if_again(ctx, m.first):
            continue
        if _to_ourselves(ctx.doc.tokens, m.first):
            continue
        return m.start, m.end, False
    if not ctx.substance:
        for m in ctx.find("REDIRECT_WHOSE"):
            where = ctx.doc.tokens[m.first : m.last + 1]
            if (asked or _we_will_act(ctx)) and any(t.key in LOOKUP_TARGETS for t in where):
                continue  # «поможем …, пароль можно восстановить в личном кабинете»: extra help
            if _we_act(ctx, m.first):
                continue  # «Мы занимаемся этим вопросом»: «этим вопросом» is ours, not whose
            return m.start, m.end, False
        for m in ctx.find("REDIRECT_DUTY"):
            toks = ctx.doc.tokens
            handled = any(
                t.key in ("принимать", "рассматривать", "решать")
                for t in toks[m.first : m.last + 1]
            )
            yours = any(x.key == "ваш" for x in toks[max(0, m.first - 2) : m.first])
            if asked or (handled and yours):
                continue  # «куда жаловаться?» — «жалобы принимает ГЖИ»; «ваша жалоба …»
            if _we_act(ctx, m.first):
                continue  # «Мы занимаемся этим вопросом»: the agency itself, no one else
            if _names_a_body(ctx, m.first, own=False):
                return m.start, m.end, False
    # (where to go, the going left out — «По этому вопросу — в МФЦ» — answers «куда?», not
    # «как оформить?»: sending the citizen to a body needs ``asked_where``)
    told = (
        None
        if ctx.substance
        else (None if asked else _told_elsewhere(ctx) or _needs_to_go(ctx))
        or (None if asked_where else goes_elsewhere(ctx))
    )
    if told is None and not asked and not ctx.substance:
        told = _duty_elsewhere(ctx) or _put_on_another(ctx)
    if told is None and not asked:
        # «Подробная информация размещена на сайте …» and nothing else («размещена» is the
        # only thing «done», so ``ctx.substance`` cannot judge it)
        told = _posted_there(ctx)
    if told is not None:
        return told[0], told[1], False
    sent = None if asked_where else _sent_elsewhere(ctx)
    if sent is not None:
        return sent[0], sent[1], False
    if forwarded and not dated:
        return forwarded[0][0], forwarded[0][1], True
    return None


def _points_where_asked(ctx: Context) -> bool:
    """The appeal asks where or how, and the reply names where to look or call (a personal
    account, a site, a hotline: the look-up pointers ``redirect_marker`` lets pass for it); or
    it asks where («Куда сдать батарейки?») and the reply names the places by name or address
    («в торговых центрах «Мега» и «Кольцо»»)."""
    if not _asks_where(ctx, one_line=True):
        return False
    named = (
        ctx.names_location
        or bool(_QUOTED_NAME.search(ctx.text))
        or _names_who(ctx)
        or bool(ctx.doc.key_set & _PERSON_ASKED)  # «справку выдаёт МФЦ»
    )
    if named and ctx.appeal is not None and _WHERE_QUESTION.search(ctx.appeal.text):
        return True
    return any(
        any(t.key in LOOKUP_TARGETS for t in ctx.doc.tokens[m.first : m.last + 1])
        for m in ctx.find("REDIRECT_WHOSE")
    )


# a proper name in quotes: «Мега», «Водоканал»
_QUOTED_NAME = re.compile(r"«[А-ЯЁA-Z][^»]{1,60}»")


def _acts_itself(ctx: Context) -> bool:
    """Work on the problem is reported done by a finite verb or short participle («восстановлено»,
    «лифт запустили»; not a full participle: «домофон, установленный на двери, не обслуживаем»;
    not an inspection or a paper moved), or work is promised with a date."""
    toks = ctx.doc.tokens
    fixed = any(
        t.key in ACTION_KEYS
        and t.key not in NOT_A_FIX  # «проведено обследование» and then «обратитесь в …»
        and t.pos in ("VERB", "PRTS")
        and "past" in t.tag
        and not _negated(toks, i)
        for i, t in enumerate(toks)
    )
    if fixed or any(ctx.has_date_or_period(i) for i in ctx.future_work):
        return True
    # promises in other verbs and visits, dated by a date of the case — not a law's («по ст. 16
    # закона от 29.12.2004 № 189-ФЗ участок переходит в собственность …» promises nothing)
    norms = {ctx.doc.sentence_of(f.start) for f in ctx.facts if f.kind == "norm"}
    return any(
        ctx.has_date_or_period(i) and i not in norms for i in _more_promises(ctx) | _visits(ctx)
    )


# someone of ours coming to the problem: «слесарь приедет 3 марта», «бригада выедет сегодня»
_VISIT_KEYS = frozenset({"приехать", "выехать", "прийти", "подъехать", "зайти"})


def _visits(ctx: Context) -> set[int]:
    """Sentences where someone comes to the place (a future visit, not the citizen's: «вы
    придёте» is 2nd person; not a paper: «ответ придёт до 15 марта») — with a date, as much
    the agency acting as work promised."""
    out = set()
    for i, toks in enumerate(ctx.doc.by_sentence):
        for k, t in enumerate(toks):
            if t.key in _VISIT_KEYS and "futr" in t.tag and "3per" in t.tag:
                who = _subject(toks, k, ctx.text)
                if who is None or who.key not in PAPER_NOUNS | PROCESS_PAPERS:
                    out.add(i)
    return out


# «Куда звонить, если ночью прорвало трубу?», «К кому обращаться …?»: the citizen asks where to go
_WHERE_QUESTION = re.compile(
    # (not the reproach «Куда смотрит администрация?», «куда вы глядите?»: no place is asked)
    r"\b(?:куда(?!\s+(?:(?:же|вы|они)\s+){0,2}(?:смотр|гляд)(?:ит|ят|ите|ишь|ел\w*)\b)|к\s+кому|"
    r"в\s+как\w+\s+(?:организаци|служб|орган)\w*)\b[^?]*\?|"
    r"\bкуда\s+(?:звонить|обращаться|писать|жаловаться)|"
    # «Где записаться к врачу …?», «Где можно оплатить …?» (asked: «где есть ямы» is no question)
    r"\bгде\s+(?:можно\s+|мне\s+)?(?!есть\b)[а-яё]+(?:ть|ться)\b[^?!\n]{0,200}\?|"
    # «кто отвечает за уборку …», «не знаю, кто должен менять счётчик»: who is asked for
    # (session 15) «кто нас обслуживает?», «кто содержит эту дорогу?»
    r"\bкто\s+(?:[а-яё]+\s+)?(?:должен|обязан|отвечает|занимается|обслуживает|содержит)\b|"
    # «По какому телефону узнать …?», «На каком сайте посмотреть …?», «какой номер …?»
    r"\b(?:по\s+)?как(?:ой|ому|ом)\s+(?:телефон|номер|сайт)\w*[^?!\n]{0,200}\?|"
    # «Можно ли подать заявку в выходные?», «Могу ли я отказаться …?»: a yes-or-no about the
    # citizen's own step, answered by how to take it
    r"\b(?:можно|могу|можем)\s+ли\b",
    re.IGNORECASE,
)


def _asks_where(ctx: Context, one_line: bool = False) -> bool:
    """The appeal asks where to go («куда звонить?»), or asks how to do something («Как
    переоформить лицевой счёт?») and the reply explains more than where to go (``one_line``:
    or not): then «подайте заявление в МФЦ» is part of the answer."""
    if ctx.appeal is None or ctx.appeal_doc is None:
        return False
    if _WHERE_QUESTION.search(ctx.appeal.text):
        return True
    toks = ctx.appeal_doc.tokens
    # «Как переоформить …?», «Что делать?», «Что нужно, чтобы …?»
    asks_how = any(
        t.key in ("как", "что")
        and any(
            (x.pos == "INFN" or x.key in ("нужно", "надо", "необходимо")) and x.sent == t.sent
            for x in toks[i + 1 : i + 5]
        )
        for i, t in enumerate(toks)
    )
    greeting = {ctx.doc.tokens[m.first].sent for m in ctx.find("GREETING")}
    content = [
        i
        for i in range(len(ctx.doc.sentences))
        if i not in greeting and not _courtesy_only(ctx.doc.by_sentence[i])
    ]
    return asks_how and (one_line or len(content) >= 2)


# sympathy and thanks: «Сочувствуем, это очень неприятно», «Спасибо за обращение»
_COURTESY = frozenset(
    {"сочувствовать", "понимать", "спасибо", "благодарить", "извинить", "жаль", "сожалеть"}
)
_COURTESY_NOUNS = frozenset({"обращение", "сигнал", "внимание", "терпение", "понимание"})


def _courtesy_only(toks: list[Token]) -> bool:
    """(session 15) A sentence of sympathy or thanks that names nothing («Сочувствуем, это очень
    неприятно»): it explains nothing, so a reply of it and «Рекомендуем обратиться в УК» to
    «что делать?» says no more than where to go."""
    return any(t.key in _COURTESY for t in toks) and all(
        t.pos != "NOUN" or t.key in _COURTESY_NOUNS for t in toks
    )


# «Как получить справку?», «Как поменять счётчик?», «Где оплатить …?»: an infinitive right after
# the question word, in a question (not «как долго ждать», «что делать с ямой», «так как есть»)
_PROCEDURE_QUESTION = re.compile(
    r"(?i)(?<!так\s)\b(?:как|где)\s+(?:(?:мне|нам)\s+)?(?!есть\b)[а-яё]+(?:ть|ться|чь)\b[^?!\n]{0,200}\?"
)


def _asked_verbs(ctx: Context) -> frozenset[str]:
    """The verbs of the appeal's how/where question («Как записаться …?» → «записать»): the
    reply that tells where to do just that answers it."""
    if ctx.appeal is None or ctx.appeal_doc is None:
        return frozenset()
    spans = [m.span() for m in _PROCEDURE_QUESTION.finditer(ctx.appeal.text)]
    return frozenset(
        t.key
        for t in ctx.appeal_doc.tokens
        if t.pos == "INFN" and any(s <= t.start < e for s, e in spans)
    )


def _asks_procedure(ctx: Context) -> bool:
    return ctx.appeal is not None and bool(_PROCEDURE_QUESTION.search(ctx.appeal.text))


def _sent_elsewhere(ctx: Context) -> tuple[int, int] | None:
    """A verb said to the citizen that sends them elsewhere, with where to: «звоните в …»,
    «подайте заявку через …», «свяжитесь с …», «обращайтесь туда», «звоните им»; or one that
    sends them to look it up: «подробности смотрите на сайте …», «узнать можно по телефону …».
    Not «напишите нам в …»: writing back to the agency is no redirect."""
    toks = ctx.doc.tokens
    asked = _asked_verbs(ctx)
    for i, t in enumerate(toks):
        if not _addressed_to_reader(t) or _negated(toks, i) or _a_right(ctx, i):
            continue
        if _draws_attention(toks, i) or _advice_if_again(ctx, i) or _to_ourselves(toks, i):
            continue
        if t.key in asked:
            continue  # «Как записаться к терапевту?» — «Записаться можно через Госуслуги …»
        if t.key == "записать" and (ctx.substance or not t.text.lower().endswith(("ся", "сь"))):
            continue  # «С 15 апреля принимает второй эндокринолог. Записаться можно …»: help
            # beside the answer; alone («запишитесь к главному врачу») it sends the citizen on;
            # «терапевт может записать Вас в лист ожидания» is someone else signing them up
        after = [x for x in toks[i + 1 : i + 4] if x.sent == t.sent]
        if (
            t.key in CONTACT_KEYS
            and any(x.key in PAPER_NOUNS | PAPER_NOUNS_IF_YOURS for x in after)
            and _to_the_reader(toks, i)
        ):
            # «подать жалобу на управляющую компанию в жилинспекцию»: the paper and what it is
            # about come between the verb and where to — look on to the clause's end
            after = _to_clause_end(ctx, toks, i, 7)
        # «Звоните 102», «вызывайте скорую по номеру 103», «сообщите о нарушении по телефону
        # 102»: an emergency service's number is another body — unless the agency reports its
        # own work beside it («бригада выехала в 14:20. Если запах сильный, звоните 104»: the
        # standard's advice)
        end = _emergency_number(ctx, toks, i) if t.key in CONTACT_KEYS | _CALL_KEYS else 0
        if end and not _own_work_beside(ctx, t.sent):
            return t.start, end
        if t.key in _CALL_KEYS and not ctx.substance and after and after[0].key in ("в", "во"):
            return t.start, after[-1].end  # «сообщайте в пожарную охрану»
        near = [x for x in toks[max(0, i - 4) : i + 4] if x.sent == t.sent]
        if t.key == "оставить" and not any(x.key in PAPER_NOUNS for x in near):
            continue  # «оставьте жалобу в …» sends on; «оставьте машину в …» does not
        if t.key in CONTACT_KEYS and _target_before(toks, i):
            # «к нему и следует обращаться», «туда и звоните»: where to, said first
            return toks[max(0, i - 3)].start, t.end
        if t.key in CONTACT_KEYS:
            for x in after:
                # «напишите нам», «направить новое обращение с указанием адреса»: back to us
                if x.key in ("мы", "наш", "новый", "повторный", "первичный", "дополнительный"):
                    break
                if x.key == "на" and t.key in ("подать", "подавать", "жаловать", "пожаловать"):
                    continue  # «подать заявление на перерасчёт», «жаловаться на соседа»: what
                    # for or about whom, not where to
                if x.key in CONTACT_TARGETS or (t.key == "связать" and x.key in ("с", "со")):
                    return t.start, x.end
                if "datv" in x.tag and x.key in _PERSON_ASKED | (ORG_KEYS - GENERIC_ACTORS):
                    return t.start, x.end  # «звоните участковому», «напишите в УК» said so
                if _recipient(ctx, after, x):
                    return t.start, x.end  # «напишите администрации ТЦ», «подрядчику — ООО …»
        elif t.key in _GO_KEYS and _to_the_reader(toks, i):
            # «Вам следует лично явиться в абонентский отдел ООО …», «подойдите к мастеру
            # участка»: going there said to the citizen, with a body to go to
            after = [x for x in toks[i + 1 : i + 7] if x.sent == t.sent]
            if any(x.key in ("мы", "наш") for x in after):
                continue
            for k, x in enumerate(after[:-1]):
                if x.key in ("в", "во", "к", "ко") and any(
                    a_body_by_name(y, after_to=x.key in ("к", "ко")) or y.key in ORG_KEYS
                    for y in after[k + 1 : k + 4]
                ):
                    return t.start, after[min(k + 3, len(after) - 1)].end
        elif t.key in LOOKUP_KEYS and not ctx.substance:
            near = [x for x in toks[max(0, i - 6) : i + 7] if x.sent == t.sent]
            target = next((x for x in near if x.key in LOOKUP_TARGETS), None)
            if target is None:
                target = _body_asked(toks, i)
            if target is not None:
                return min(t.start, target.start), max(t.end, target.end)
        elif t.key in _GET_KEYS and not ctx.substance and _info_sought(toks, i):
            target = _body_asked(toks, i)
            if target is not None:
                return min(t.start, target.start), max(t.end, target.end)
    return None


# going somewhere in person, said to the citizen: «явитесь в абонентский отдел», «подойдите к
# мастеру участка» (keys without -ся)
_GO_KEYS = frozenset(
    {"явить", "являть", "прийти", "приходить", "подойти", "подходить", "съездить", "приехать"}
    | {"приезжать", "отправить"}
)
# what the citizen is told to send on besides the appeal's own papers: «направьте это
# пожелание подрядчику»
_SENT_ON = PAPER_NOUNS | PAPER_NOUNS_IF_YOURS | {"пожелание", "претензия", "замечание", "просьба"}


def _recipient(ctx: Context, after: list[Token], x: Token) -> bool:
    """``x`` is the body a contact verb sends the citizen to, in the dative without a
    preposition («напишите администрации ТЦ «Июнь»», «направить это пожелание подрядчику — ООО
    «Урал-Строй»»): the first noun after the verb or after what is sent, that may be dative (the
    tagger's first reading of «администрации» is the genitive), and a body — by name or kind, or
    a generic one with an organisation named right after it."""
    nouns = [y for y in after if y.pos == "NOUN"]
    if not nouns:
        return False
    sent_on = nouns[0].key in _SENT_ON and len(nouns) > 1 and x is nouns[1]
    if x is not nouns[0] and not sent_on:
        return False
    if not _may_be_dative(x.text):
        return False
    if x.key in _PERSON_ASKED | (ORG_KEYS - GENERIC_ACTORS) | HANDOFF_BODIES | HANDOFF_PARTIES:
        return True
    if x.key in GENERIC_ACTORS:
        k = after.index(x)
        return any("Orgn" in y.tag or a_body_by_name(y) for y in after[k + 1 : k + 3]) or any(
            f.kind == "org" and x.end <= f.start <= x.end + 4 for f in ctx.facts
        )
    return False


@lru_cache(maxsize=20_000)
def _may_be_dative(word: str) -> bool:
    """Some reading of the word form is dative («администрации», «подрядчику»)."""
    return any("datv" in p.tag for p in morph().parse(word.lower()))


# telling or calling out, said to the citizen with where to: «сообщите в …», «вызывайте …»
_CALL_KEYS = frozenset({"сообщить", "сообщать", "вызвать", "вызывать"})
# the emergency services' numbers (police, fire, ambulance, gas, the single number)
_EMERGENCY = frozenset({"01", "02", "03", "04", "101", "102", "103", "104", "112"})


def _own_work_beside(ctx: Context, i: int) -> bool:
    """The reply has substance, or a sentence other than ``i`` reports the agency's work."""
    return ctx.substance or any(
        _reports_past(ctx, j) for j in range(len(ctx.doc.sentences)) if j != i
    )


def _emergency_number(ctx: Context, toks: list[Token], i: int) -> int:
    """The end of an emergency number in the clause of the verb at ``i`` (0 when none)."""
    for x in _to_clause_end(ctx, toks, i, 7):
        if x.pos == "NUMB" and x.text in _EMERGENCY:
            return x.end
    return 0


# «информацию … можно получить у сетевой организации»: getting what the citizen asked from a body
_GET_KEYS = frozenset({"получить", "получать", "запросить"})
_INFO_NOUNS = frozenset({"информация", "сведение", "разъяснение", "справка", "консультация"})


def _info_sought(toks: list[Token], i: int) -> bool:
    """Information is what the verb at ``i`` gets («информацию … можно получить»)."""
    return any(x.key in _INFO_NOUNS and x.sent == toks[i].sent for x in toks[max(0, i - 8) : i + 4])


def _body_asked(toks: list[Token], i: int) -> Token | None:
    """The body the look-up verb at ``i`` sends the citizen to, anywhere in its sentence after
    «в» / «у» («уточнить сроки Вы можете в управляющей компании», «узнать у участкового»)."""
    sent = [x for x in toks if x.sent == toks[i].sent]
    for k, x in enumerate(sent[:-1]):
        if x.key in ("в", "во", "у"):
            nxt = sent[k + 1 : k + 3]
            # «у сетевой организации», «в АО «Газпром …»» (the tagger's organisation names)
            body = next(
                (y for y in nxt if y.key in ORG_KEYS | _PERSON_ASKED or "Orgn" in y.tag), None
            )
            if body is not None:
                return body
    return None


# who else the citizen is sent to ask, beyond ``ORG_KEYS`` («узнать у участкового», «у
# регионального оператора», «в расчётном центре», «в регистратуре поликлиники»)
_PERSON_ASKED = frozenset(
    {"участковый", "диспетчер", "старший", "председатель", "оператор", "центр", "фонд"}
    | {"поликлиника", "регистратура", "мфц"}
)


# what makes an infinitive the reader's: «Вы вправе подать …», «Вам необходимо направить …»
_READER_CUES = frozenset(
    {"вы", "мочь", "вправе", "следовать", "необходимо", "нужно", "надо", "рекомендовать"}
    | {"можно", "стоить", "просить"}
)


def _to_the_reader(toks: list[Token], i: int) -> bool:
    """The verb at ``i`` is said to the citizen: an imperative or 2nd person, or an infinitive
    after «вы», «можете», «вправе», «необходимо» … — not «Администрация была вынуждена
    обратиться с исковым заявлением в суд», the agency's own step."""
    t = toks[i]
    if t.pos != "INFN":
        return True
    return any(x.key in _READER_CUES and x.sent == t.sent for x in toks[max(0, i - 4) : i])


def _target_before(toks: list[Token], i: int) -> bool:
    """«к нему и следует обращаться»: «к» / «в» and a pronoun or a body just before the verb."""
    before = [x for x in toks[max(0, i - 4) : i] if x.sent == toks[i].sent]
    return any(
        x.key in ("к", "в")
        and k + 1 < len(before)
        and (before[k + 1].key in ("он", "она", "они") or before[k + 1].key in _PERSON_ASKED)
        for k, x in enumerate(before)
    )


def _to_clause_end(ctx: Context, toks: list[Token], i: int, n: int) -> list[Token]:
    """Up to ``n`` tokens after ``i`` in its sentence, stopping at a comma or a dash."""
    out: list[Token] = []
    for x in toks[i + 1 : i + 1 + n]:
        if x.sent != toks[i].sent or any(c in ctx.text[toks[i].end : x.start] for c in ",;—–"):
            break
        out.append(x)
    return out


def _a_right(ctx: Context, i: int) -> bool:
    """«ошибка подтвердилась, перерасчёт в апреле. Вы вправе обратиться в суд»: the citizen's
    right («вправе» at or right before token ``i``) after the agency's own finding or work is
    no hand-off of the problem. After a rule explained and nothing checked or done («не входит
    в компетенцию …, вы вправе обратиться в суд»), or alone, it still is one."""
    toks = ctx.doc.tokens
    # a sum counted («перерасчёт сделан: 860 рублей вернутся …») or «3 марта УК составила акт о
    # затоплении» is the agency's work too
    return _acted(ctx) and any(
        x.key == "вправе" and x.sent == toks[i].sent for x in toks[max(0, i - 2) : i + 1]
    )


def _negated(toks: list[Token], i: int) -> bool:
    return any(x.key == "не" and x.sent == toks[i].sent for x in toks[max(0, i - 2) : i])


def _draws_attention(toks: list[Token], i: int) -> bool:
    """«Обратите внимание: …», «Обращаем Ваше внимание, что …»: the verb of «обратиться» without
    its -ся, with «внимание» for its object — a note to the reader, not where to go."""
    t = toks[i]
    return (
        t.key in ("обратить", "обращать")
        and not t.text.lower().endswith(("ся", "сь"))
        and any(x.key == "внимание" and x.sent == t.sent for x in toks[i + 1 : i + 3])
    )


def _to_ourselves(toks: list[Token], i: int) -> bool:
    """«позвоните в нашу диспетчерскую», «напишите нам»: «наш» / «мы» right after the contact
    verb — the citizen is sent to the answering agency itself (its dispatcher, its office), not
    elsewhere."""
    return toks[i].key in CONTACT_KEYS and any(
        x.key in ("мы", "наш") and x.sent == toks[i].sent for x in toks[i + 1 : i + 4]
    )


def _acted(ctx: Context) -> bool:
    """The agency did or found something of its own on the case: solved it, confirmed or did
    not confirm it, counted a sum, or took a dated step (not a paper's date: «выдано Разрешение
    № 95921 от 03.08.2019» is no step taken)."""
    return (
        ctx.solved
        or bool(ctx.confirmed)
        or bool(ctx.not_confirmed)
        or any(
            f.kind == "number" and _reports_past(ctx, ctx.doc.sentence_of(f.start))
            for f in ctx.facts
        )
        or any(
            _reports_past(ctx, ctx.doc.sentence_of(f.start))
            and not ctx.text[max(0, f.start - 4) : f.start].rstrip().endswith("от")
            for f in ctx.case_dates
        )
    )


def _advice_if_again(ctx: Context, i: int) -> bool:
    """«12 февраля мастер замерил температуру: +20, это норма. Если станет холоднее, позвоните в
    диспетчерскую»: where to call on a condition («если», «в случае») after the agency's own
    finding or work is advice for next time beside the answer (the standard: call 104 if the
    smell is strong), not a hand-off of this problem; alone it still is one."""
    toks = ctx.doc.tokens
    sent = [x for x in toks[:i] if x.sent == toks[i].sent]
    opens = next(
        (
            k
            for k, x in enumerate(sent)
            if x.key == "если" or (x.key == "случай" and k and sent[k - 1].key == "в")
        ),
        None,
    )
    if opens is None or any(x.key == "вправе" for x in sent[opens:]):
        return False  # «…, такое лицо вправе обратиться в суд»: a right, ``_a_right``'s matter
    # the problem coming back, not the citizen's own status or view: «в случае, если Вы
    # являетесь собственником, вы вправе обратиться в суд» still sends them on
    yours = any(x.key in ("вы", "ваш") for x in sent[opens:])
    return not yours and _acted(ctx)


def _forwarded(ctx: Context) -> list[tuple[int, int]]:
    """Spans of «обращение направлено / передано / отправлено …», «мы переслали вашу жалобу …»:
    a paper (the appeal, the information) moved by a past-tense verb, in one sentence — to
    someone other than the agency's own work queue («передано в работу» is a brush-off, not a
    hand-off); not «ранее направленное обращение» (a full participle describes)."""
    toks = ctx.doc.tokens
    out = []
    for i, t in enumerate(toks):
        # «информация доведена до управляющей компании» (a body that says which; «доведена до
        # ответственных служб» is the brush-off's formula, not a hand-off)
        brought = t.key == "довести" and _brought_to_a_body(toks, i)
        if not (t.key in PAPER_KEYS or brought) or "past" not in t.tag:
            continue
        if t.pos not in ("PRTS", "VERB"):
            continue
        after = [x.key for x in toks[i + 1 : i + 3]]
        if after[:2] in (["в", "работа"], ["на", "исполнение"]):
            continue  # into the agency's own queue: a brush-off, not a hand-off
        if after[:2] == ["на", "рассмотрение"] and not _names_a_body(ctx, i):
            continue  # «зарегистрировано и направлено на рассмотрение»: to whom, not said
        if after[:1] == ["для"] and not _names_a_body(ctx, i, own=False):
            continue  # «направлено для организации работы», «передано для принятия мер»: what
            # for, not to whom («организации» there is a verbal noun, not a body)
        if _to_own_people(ctx, i):
            continue  # «передано ответственному специалисту», «ответ направлен вам»
        moved = _thing_moved(ctx, i)
        if moved is None:
            continue
        if moved.key == "запрос" and not _names_a_body(ctx, i, own=False):
            continue  # «направлены запросы в соответствующие службы»: the agency asks, to no
            # body that says which — its own step, not the appeal handed on
        if _answer_sent(ctx, i):
            continue  # «Ответ на Ваше обращение … будет направлен почтой»: to the citizen
        k = toks.index(moved)
        yours = any(x.key == "ваш" for x in toks[max(0, k - 2) : k])
        if moved.key in PAPER_NOUNS or (moved.key in PAPER_NOUNS_IF_YOURS and yours):
            out.append((min(moved.start, t.start), max(moved.end, t.end)))
    return out


def _answer_sent(ctx: Context, i: int) -> bool:
    """The paper verb at ``i`` moves the answer: the first noun of its clause before it that no
    preposition governs is «ответ» («Ответ на Ваше обращение подготовлен и будет направлен»)."""
    toks = ctx.doc.tokens
    before = [x for x in toks[:i] if x.sent == toks[i].sent]
    for k, x in enumerate(before):
        if x.pos != "NOUN":
            continue
        governed = any(y.pos == "PREP" for y in before[max(0, k - 2) : k])
        if not governed:
            return x.key in PROCESS_PAPERS - PAPER_NOUNS_IF_YOURS
    return False


# who inside the agency a paper goes to, and the citizen it goes back to
_OWN_PEOPLE = frozenset(
    {"специалист", "сотрудник", "исполнитель", "ответственный", "вы", "дворник", "мастер"}
    | {"коллега"}
    | {"руководство", "руководитель", "подразделение"}
)


def _names_a_body(ctx: Context, i: int, own: bool = True) -> bool:
    """The sentence of token ``i`` names a body (a word of ``ORG_KEYS`` or an organisation);
    ``own=False``: a body that says which, not one of the agency's own people or units
    («занимается специалист отдела»)."""
    toks = ctx.doc.tokens
    s, e = ctx.doc.sentences[toks[i].sent]
    keys = ORG_KEYS if own else (ORG_KEYS | _PERSON_ASKED) - GENERIC_ACTORS - _OWN_PEOPLE
    sent = [x for x in toks if x.sent == toks[i].sent]
    return (
        any(x.key in keys for x in sent)
        or any(f.kind == "org" and s <= f.start < e for f in ctx.facts)
        or (not own and (_qualified_actor(sent) or any(a_body_by_name(x) for x in sent)))
    )


# whose duty: «Вопросы по начислениям … решает энергосбытовая компания», «Жалобы на такси
# рассматривает министерство транспорта» (``REDIRECT_DUTY`` reads only a short gap)
_DUTY_KEYS = frozenset({"решать", "рассматривать", "принимать", "курировать", "заниматься"})
_MATTERS = frozenset({"вопрос", "жалоба", "претензия", "заявление", "обращение", "спор"})


def _duty_elsewhere(ctx: Context) -> tuple[int, int] | None:
    """A present-tense duty verb whose subject, after it, is a body that says which, about
    matters named before it («Вопросы по начислениям за электроэнергию решает энергосбытовая
    компания»): whose duty it is, and nothing more — not «мы», not negated."""
    toks = ctx.doc.tokens
    for i, t in enumerate(toks):
        if t.key not in _DUTY_KEYS or t.pos != "VERB" or "pres" not in t.tag:
            continue
        if "3per" not in t.tag or _negated(toks, i) or _we_act(ctx, i):
            continue
        before = [x for x in toks[:i] if x.sent == t.sent]
        if not any(x.key in _MATTERS for x in before):
            continue
        after = _to_clause_end(ctx, toks, i, 5)
        subject = next((x for x in after if x.pos == "NOUN" and "nomn" in x.tag), None)
        if subject is None:
            continue
        k = after.index(subject)
        s, e = ctx.doc.sentences[t.sent]
        if (
            a_body_by_name(subject)
            or _qualified_actor(after[: k + 1])
            or any(f.kind == "org" and s <= f.start < e for f in ctx.facts)
        ):
            return t.start, subject.end
    return None


# «другая организация», «сторонняя служба»: someone else, unnamed — still not us
_OTHER_QUALIFIERS = frozenset({"другой", "сторонний", "иной"})
# what the agency says of itself: «вопрос не наш», «площадка не городская»
_OURS = frozenset({"наш", "городской", "муниципальный", "районный"})
_OBLIGED = frozenset({"должный", "обязанный", "обязать"})
# a thing's level or owner that is not the agency's: «дорога региональная», «здание частное»
_NOT_OURS = frozenset(
    {"частный", "региональный", "областной", "краевой", "федеральный", "республиканский"}
    | {"ведомственный"}
)
# whose property is not someone else's: «принадлежит городу», «принадлежит Вам»
_OURS_OR_YOURS = frozenset({"мы", "вы", "город", "муниципалитет", "администрация", "житель"})


def _agrees(noun: Token, adj: Token) -> bool:
    """The adjective can be the noun's predicate: the same gender, or both plural."""
    if "plur" in noun.tag:
        return "plur" in adj.tag
    return any(g in noun.tag and g in adj.tag for g in ("masc", "femn", "neut"))


# a home is the citizen's maybe: «Счётчики в квартире должен поверять собственник» states a
# rule about owners, the one who wrote among them
_HOMES = frozenset({"квартира", "помещение", "жилье", "комната", "счетчик", "дом", "балкон"})


def _a_party(ctx: Context, sent: list[Token], k: int) -> bool:
    """``sent[k]`` is someone other than the agency the matter can be put on: a body by name
    (``a_body_by_name``, with the parties said by what they are: «энергетики», «застройщик»),
    an owner not of a home (``HANDOFF_OWNERS``: «собственник участка», «его владелец»), an
    organisation the reply names, or a generic body with a field or «другая» before it
    («ресурсоснабжающая организация», «другая организация»)."""
    t = sent[k]
    if t.key in ("мы", "наш", "вы", "ваш"):
        return False
    if a_body_by_name(t):
        return True
    if t.key in HANDOFF_OWNERS:
        # not of a home: «собственник квартиры» may be the citizen
        return not any(x.key in _HOMES for x in sent)
    if any(f.kind == "org" and f.start <= t.start < f.end for f in ctx.facts):
        return True
    if t.key in GENERIC_ACTORS and k > 0 and sent[k - 1].pos == "ADJF":
        before = sent[k - 1].key
        return before in _OTHER_QUALIFIERS or before not in _VAGUE_QUALIFIERS
    return False


def _kept(ctx: Context) -> bool:
    """The agency keeps the matter: it promises its own step in the first person («проверим»,
    «поможем»; not only «ответим») or that the appeal will be handled («Жалоба будет
    проработана», «обращение будет рассмотрено»)."""
    if _we_will_act(ctx):
        return True
    for sent in ctx.doc.by_sentence:
        future = any(x.key == "быть" and "futr" in x.tag for x in sent)
        if (
            future
            and any(x.key in PAPER_NOUNS and "nomn" in x.tag for x in sent)
            and any(x.pos == "PRTS" for x in sent)
        ):
            return True
    return False


def _put_on_another(ctx: Context) -> tuple[int, int] | None:
    """The matter put on someone else, whatever the wording, in a reply with nothing of its own
    (the caller's gate): whose responsibility it is by a present verb with that party for its
    subject («за качество воды отвечает АО «Водоканал»», «фонарь обслуживает другая
    организация», «Этим участком занимается его собственник»), whose duty by «должен / обязан»
    and an infinitive («закрывать входы должен его владелец»), whose matter by a noun before the
    party in the genitive («Провода — сфера энергетиков», «Отлов — полномочие министерства»,
    «Шумные соседи — забота участкового»), or «не наш(а), а …» / «не городская» beside the party
    («Вопрос не наш, а Томскводоканала»). Not what the agency says of itself («мы», «наш»),
    not a duty denied («не обязан»), not the citizen's («вы должны …»)."""
    if _kept(ctx):
        return None
    for i, sent in enumerate(ctx.doc.by_sentence):
        keys = [x.key for x in sent]
        if "если" in keys or any(x.key in ("мы", "вы") and "nomn" in x.tag for x in sent):
            continue  # a condition; what the agency or the citizen does
        for k, t in enumerate(sent):
            negated = k > 0 and keys[k - 1] in ("не", "ни")
            # whose responsibility: a present verb, the party its subject (nominative)
            if (
                t.key in RESPONSIBLE_KEYS
                and t.pos == "VERB"
                and "pres" in t.tag
                and "3per" in t.tag
                and not negated
                and (t.key != "отвечать" or "за" in keys)
                and (t.key != "нести" or "ответственность" in keys)
            ):
                for j, x in enumerate(sent):
                    if j != k and "nomn" in x.tag and _a_party(ctx, sent, j):
                        return t.start, x.end if j > k else t.end
            # whose duty: «должен / обязан» and an infinitive, the party its subject
            obliged = t.key in _OBLIGED and t.pos in ("ADJS", "PRTS") and not negated
            if obliged and any(x.pos == "INFN" for x in sent):
                for j, x in enumerate(sent):
                    if "nomn" in x.tag and _a_party(ctx, sent, j):
                        return min(t.start, x.start), max(t.end, x.end)
            # whose matter: the noun, then the party in the genitive (adjectives between)
            if t.key in WHOSE_NOUNS and not negated and "gent" not in t.tag:
                for j in range(k + 1, min(k + 4, len(sent))):
                    x = sent[j]
                    undeclined = "Fixd" in x.tag or x.pos == ""
                    if ("gent" in x.tag or undeclined) and _a_party(ctx, sent, j):
                        return t.start, x.end  # «обязанность ТСЖ»: no case to read
                    if x.pos != "ADJF":  # «полномочие республиканского министерства»
                        break
            # «Качество связи — вопрос к оператору связи»: the matter, then where it goes
            if (
                t.key in _MATTER_OPENERS
                and k + 2 < len(sent)
                and keys[k + 1] in ("к", "ко")
                and any(
                    a_body_by_name(y, after_to=True) or _a_party(ctx, sent, k + 2 + n)
                    for n, y in enumerate(sent[k + 2 : k + 4])
                )
                and not any(x.pos in _VERBAL for x in sent[k + 1 :])
            ):
                return t.start, sent[k + 2].end
            # «Дорога региональная», «Здание частное», «Это частная территория»: the thing is
            # someone else's, said by its level or owner (not «областное ГКУ»: a body's name)
            if t.key in _NOT_OURS and t.pos in ("ADJF", "ADJS") and not negated:
                prev = sent[k - 1] if k else None
                nxt = sent[k + 1] if k + 1 < len(sent) else None
                ends = nxt is None or any(c in ctx.text[t.end : nxt.start] for c in ",;:—–")
                said_of = (
                    prev is not None
                    and prev.pos == "NOUN"
                    # a thing, not a party: «Перевозчик частный, работает как считает нужным»
                    # is a shrug, not the matter put on someone
                    and not (a_body_by_name(prev) or prev.key in GENERIC_ACTORS | HANDOFF_OWNERS)
                    and _agrees(prev, t)
                    and (ends or (nxt is not None and nxt.pos not in ("NOUN", "ADJF")))
                )
                this_is = k > 0 and keys[k - 1] == "это" and nxt is not None and nxt.pos == "NOUN"
                if said_of or this_is:
                    return sent[k - 1].start, t.end
            # «Гаражи принадлежат частным лицам», «дорога на балансе области»: whose property
            owned = t.key == "принадлежать" and "pres" in t.tag and not negated
            owned_by = (
                [x for x in sent[k + 1 : k + 4] if x.pos == "NOUN" and _may_be_dative(x.text)][:1]
                if owned
                else []
            )
            if t.key == "баланс" and k > 0 and keys[k - 1] == "на" and not negated:
                owned_by = [x for x in sent[k + 1 : k + 2] if x.pos == "NOUN"]
            if owned_by and owned_by[0].key not in _OURS_OR_YOURS:
                return t.start, owned_by[0].end
            # «не наш, а …», «не городская»: beside the party said in the same sentence
            if t.key in _OURS and negated and t.pos in ("ADJF", "ADJS"):
                for j, x in enumerate(sent):
                    if j != k and _a_party(ctx, sent, j):
                        return sent[k - 1].start, max(t.end, x.end)
    return None


# what leaves a generic body unnamed: «соответствующая служба», «профильная организация»
_VAGUE_QUALIFIERS = frozenset(
    {"соответствующий", "ответственный", "профильный", "компетентный", "уполномоченный"}
    | {"данный", "этот", "ваш", "наш", "другой", "иной", "необходимый", "нужный", "структурный"}
    | {"специализированный", "сторонний", "подрядный", "обслуживающий"}
)


def _qualified_actor(sent: list[Token]) -> bool:
    """A generic body with a field that says which: «энергосбытовая компания», «ресурсоснабжающая
    организация», «аварийная служба газа» (not «соответствующая служба», «ваша организация»)."""
    return any(
        x.key in GENERIC_ACTORS
        and k > 0
        and sent[k - 1].pos == "ADJF"
        and sent[k - 1].key not in _VAGUE_QUALIFIERS
        for k, x in enumerate(sent)
    )


def _brought_to_a_body(toks: list[Token], i: int) -> bool:
    """«доведена до управляющей компании»: «до» and a body that says which right after the verb
    (not «до сведения главного врача», not «до ответственных служб»)."""
    after = [x for x in toks[i + 1 : i + 5] if x.sent == toks[i].sent]
    bodies = (ORG_KEYS | _PERSON_ASKED) - GENERIC_ACTORS - _OWN_PEOPLE
    return (
        bool(after)
        and after[0].key == "до"
        and not any(x.key == "сведение" for x in after)
        and any(x.key in bodies for x in after[1:])
    )


# telling the citizen something: «информацию Вам предоставят в АО …», «подскажут в УК»
_TELL_KEYS = frozenset({"предоставить", "предоставлять", "дать", "разъяснить", "подсказать"})


def _we_act(ctx: Context, i: int) -> bool:
    """«мы» is a subject in the sentence of token ``i``: the agency speaks of its own doing."""
    toks = ctx.doc.tokens
    return any(x.key == "мы" and "nomn" in x.tag and x.sent == toks[i].sent for x in toks)


_NEED_KEYS = frozenset({"нужно", "надо", "необходимо", "следовать"})

# «с этим в суд», «это к полиции», «с таким вопросом — к участковому»: where to, no verb
_THIS = frozenset({"это", "этот", "такой"})
# «Вопрос к Водоканалу.»: the matter opening its sentence, where to after it
_MATTER_OPENERS = frozenset({"вопрос", "просьба", "проблема", "жалоба"})
# a body in one word the dictionary does not know as a kind: «Росреестр», «Госжилинспекция»,
# «Жилстройнадзор»
_NAMED_BODY = re.compile(r"(?:(?:рос|гос|мин)[а-яё]{4,}|[а-яё]*надзор[а-яё]*)")
_NOT_BODIES = ("росси", "государств", "госуслуг", "министерств", "минут", "миним", "гост", "роспис")


# the utilities' one-word names a town's name is prefixed to: «Томскводоканал», «Мосэнергосбыт»
_COMPOUND_BODIES = tuple(b for b in HANDOFF_BODIES if len(b) >= 7)


def a_body_by_name(t: Token, after_to: bool = False) -> bool:
    """``t`` names a body the citizen can be sent to: a word of ``HANDOFF_BODIES`` or of the
    kinds that say which (``ORG_KEYS`` less the agency's own people and the generic words), a
    word the tagger marks as an organisation, or a one-word federal or state name («Росреестр»,
    «Госжилинспекция»); ``after_to`` (right after «к»): also a capitalised noun or an
    abbreviation in capitals («к Водоканалу», «к Горгазу»)."""
    bodies = (ORG_KEYS | _PERSON_ASKED | HANDOFF_BODIES | HANDOFF_PARTIES) - GENERIC_ACTORS
    bodies -= _OWN_PEOPLE
    if t.key in bodies or (t.pos == "NOUN" and "Orgn" in t.tag):
        return True
    if t.text[:1].isupper() and _NAMED_BODY.fullmatch(t.key) and not t.key.startswith(_NOT_BODIES):
        return True
    # a town's own utility by its one-word name: «Томскводоканал», «Мосэнергосбыт»
    if t.text[:1].isupper() and t.key.endswith(_COMPOUND_BODIES):
        return True
    return after_to and t.text[:1].isupper() and (t.pos in ("NOUN", "") or t.text.isupper())


# cases of a body after «в» that say where, not where to («в торговом центре»)
_NOT_TO = ("loct", "ablt", "datv", "gent")


def goes_elsewhere(ctx: Context) -> tuple[int, int] | None:
    """«Возмещение ущерба — спор между соседями, с этим в суд», «Шум ночью — это к полиции»,
    «Вопрос к Водоканалу», «Качество продуктов — к Роспотребнадзору», «Тут Вам в
    Роспотребнадзор»: «это» / «с этим» / «с таким вопросом», a matter opening its sentence, the
    reader («Вам») or a dash, then «в» / «к» a body, with no verb in the clause — where to go,
    the going left out (not «это к нам», not «с этим мы поможем»)."""
    toks = ctx.doc.tokens
    for i, t in enumerate(toks[:-1]):
        opener = t.key in _THIS or (
            t.key in _MATTER_OPENERS and (i == 0 or toks[i - 1].sent != t.sent)
        )
        reader = t.key == "вы" and "datv" in t.tag  # «Тут Вам в Роспотребнадзор»
        dash = (
            i > 0
            and t.key in ("к", "ко", "в", "во")
            and any(c in ctx.text[toks[i - 1].end : t.start] for c in "—–")
        )
        if not (opener or dash or reader):
            continue
        k = i if dash else i + 1
        if not dash and toks[k].key in ("вопрос", "просьба", "проблема", "жалоба"):
            k += 1  # «с таким вопросом — к участковому»
        if reader and k + 1 < len(toks) and toks[k].pos in ("ADVB", "CONJ", "PRCL"):
            k += 1  # «Тут вам скорее в жилинспекцию», «вам лучше к участковому»
        if k + 1 >= len(toks) or toks[k].key not in ("в", "во", "к", "ко"):
            continue
        to = toks[k].key in ("к", "ко")
        body = toks[k + 1]
        if body.sent != t.sent or not a_body_by_name(body, after_to=to):
            # «к мировому судье», «в расчётный центр»; a generic body with its field: «к
            # газовой службе» (not «к соответствующей службе»)
            if not (
                k + 2 < len(toks)
                and body.pos == "ADJF"
                and (
                    a_body_by_name(toks[k + 2], after_to=to)
                    or _qualified_actor([body, toks[k + 2]])
                )
            ):
                continue
            body = toks[k + 2]
        if dash and not to and "Fixd" not in body.tag and any(c in body.tag for c in _NOT_TO):
            continue  # «Ближайший пункт — в торговом центре»: where it is, not where to go
        clause = _to_clause_end(ctx, toks, i, 8)
        if any(x.pos in _VERBAL for x in clause) or any(x.key in ("мы", "наш") for x in clause):
            continue
        return t.start, body.end
    return None


# «информация размещена на сайте», «ответы собраны в разделе …», «сведения доступны в личном
# кабинете»: what the citizen asked lies elsewhere, to be looked up
_POSTED_KEYS = frozenset(
    {"разместить", "размещать", "опубликовать", "публиковать", "собрать", "доступный"}
    | {"представить", "выложить"}
)


def _posted_there(ctx: Context) -> tuple[int, int] | None:
    """A sentence says the information is posted where the citizen can look («Подробная
    информация размещена на официальном сайте администрации», «Ответы на частые вопросы собраны
    в разделе … на портале госуслуг»): in a reply with nothing else of substance, a pointer
    elsewhere instead of the answer."""
    toks = ctx.doc.tokens
    greeting = {j for m in ctx.find("GREETING") for j in range(m.first, m.last + 1)}
    greeted = {toks[j].sent for j in greeting}
    if _content_count(ctx, greeted) != 1:
        return None  # the pointer must be all the reply says
    if ctx.appeal is not None and re.search(r"(?i)\bгде\b", ctx.appeal.text):
        return None  # «где график отключений?» — «размещён на сайте …»: where is the answer
    for i, t in enumerate(toks):
        if t.key not in _POSTED_KEYS or t.pos not in ("PRTS", "VERB", "ADJS"):
            continue
        sent = [x for x in toks if x.sent == t.sent]
        if "futr" in t.tag or any(x.key == "быть" and "futr" in x.tag for x in sent):
            continue  # «Ответ … будет размещён на портале»: our own answer, promised
        where = next((x for x in sent if x.key in LOOKUP_TARGETS), None)
        # («Графики» is «графика» to the tagger)
        info = any(
            x.key in _INFO_NOUNS | {"ответ", "информация", "график", "графика"} for x in sent
        )
        if where is not None and info:
            return min(t.start, where.start), max(t.end, where.end)
    return None


def _we_will_act(ctx: Context) -> bool:
    """The agency promises its own step in the first person («поможем», «проверим», «заменим»;
    not only «ответим», «сообщим»): a look-up pointer beside it is extra help."""
    return any(
        t.pos == "VERB"
        and all(g in t.tag for g in ("futr", "1per", "plur"))
        and t.key not in _ANSWER_KEYS
        and not _negated(ctx.doc.tokens, i)
        for i, t in enumerate(ctx.doc.tokens)
    )


def _needs_to_go(ctx: Context) -> tuple[int, int] | None:
    """«Вам нужно в жилищную инспекцию», «Вам надо к участковому»: the reader's need and where
    to, with the verb of going left out (not «нужно в течение недели», not «к нам»)."""
    toks = ctx.doc.tokens
    for i, t in enumerate(toks[:-2]):
        if t.key not in _NEED_KEYS or not any(
            x.key in ("вы", "ваш") and x.sent == t.sent for x in toks[max(0, i - 2) : i]
        ):
            continue
        where, what = toks[i + 1], toks[i + 2]
        if any(x.pos in _VERBAL and x.sent == t.sent for x in toks[i + 1 :]):
            continue  # «Вам нужно в течение недели передать показания»: a verb of its own
        if where.key in ("в", "во", "к", "ко") and what.sent == t.sent:
            if what.key in ("мы", "наш") or what.pos not in ("NOUN", "ADJF"):
                continue
            return t.start, what.end
    return None


def _told_elsewhere(ctx: Context) -> tuple[int, int] | None:
    """«Подробную информацию о сроках Вам предоставят в АО «Газпром …»»: another body is to
    tell the citizen what they asked — the reply itself tells nothing."""
    toks = ctx.doc.tokens
    for i, t in enumerate(toks):
        if t.key not in _TELL_KEYS or _addressed_to_reader(t) or not _info_sought(toks, i):
            continue
        body = _body_asked(toks, i)
        if body is not None and any(x.key == "вы" and x.sent == t.sent for x in toks):
            return min(t.start, body.start), max(t.end, body.end)
    return None


def _to_own_people(ctx: Context, i: int) -> bool:
    """The paper verb at ``i`` sends it to the agency's own people («передано ответственному
    специалисту», «передан специалистам») or back to the citizen («ответ направлен вам
    почтой»), with no other body named in the sentence («специалистам ГЖИ» is a hand-off)."""
    toks = ctx.doc.tokens
    sent = [x for x in toks[i + 1 :] if x.sent == toks[i].sent]
    # «передано ответственному специалисту», «направлено на рассмотрение ответственным
    # специалистам», «передан в работу профильного подразделения»
    s, e = ctx.doc.sentences[toks[i].sent]
    if any(x.key in ("профильный", "структурный") for x in sent):
        # «в профильное управление администрации», «в структурное подразделение»: ours
        return not any(f.kind == "org" and s <= f.start < e for f in ctx.facts)
    if not any(x.key in _OWN_PEOPLE for x in sent):
        return False
    rest = [x for x in toks[i + 1 :] if x.sent == toks[i].sent]
    # (session 15) «коллегам из Росреестра»: a body by name is not ours
    named = any(x.key in ORG_KEYS - GENERIC_ACTORS or a_body_by_name(x) for x in rest)
    return not named and not any(f.kind == "org" and s <= f.start < e for f in ctx.facts)


def _thing_moved(ctx: Context, i: int) -> Token | None:
    """What the paper verb at ``i`` moves: the first noun right after it, unless a preposition
    comes first («передали вашу жалобу», «направлено исковое заявление»), else the nearest noun
    in the nominative or accusative before it («Информация о сосульках у дома 7 … направлена в
    адрес УК», «вашу заявку переслали …»)."""
    toks = ctx.doc.tokens
    for x in toks[i + 1 : i + 4]:
        if x.sent != toks[i].sent or x.pos == "PREP":
            break
        # not the one it went to: «передано региональному оператору», «передан специалисту»
        if x.pos == "NOUN" and ("nomn" in x.tag or "accs" in x.tag):
            return x
    before = [
        x
        for x in toks[:i]
        if x.sent == toks[i].sent
        and x.pos == "NOUN"
        and ("nomn" in x.tag or "accs" in x.tag)
        and "Abbr" not in x.tag  # «ул.»
    ]
    return before[-1] if before else None


@register("NO_DEADLINE")
def no_deadline(ctx: Context) -> None:
    n = len(ctx.doc.sentences)
    dated = [_dated(ctx, i) or (i + 1 < n and _dated(ctx, i + 1)) for i in range(n)]
    # «Крышу почистят 15 февраля. До этого у подъездов поставят ограждение.»: a when that
    # points back to a date said before is that date
    for i in range(n):
        if not dated[i] and _POINTS_TO_DATE.search(ctx.sentence_text(i)):
            dated[i] = any(_dated(ctx, j) for j in range(i))
    for i in range(n):
        if not dated[i] and _checks_what_was_ordered(ctx, i):
            dated[i] = any(_dated(ctx, j) for j in range(i))
    future_work = sorted(
        {i for i in ctx.future_work if not _habitual(ctx, i)}
        | {i for i in _more_promises(ctx) if not _routine(ctx, i)}
    )
    promised = set(future_work)
    # what the dated promises are about: a later sentence about the same work (its noun or its
    # verb) takes their date («… будут выполнены в срок до 20.04.2021. Работы будут выполнены
    # только при наличии финансирования.»)
    dated_work = _work_words(ctx, [i for i in promised if dated[i]])
    # «Тротуар переложат с 10 по 20 июля. После ремонта подрядчик уберёт мусор», «…заменят до
    # 15 июня, при установке проверят и ограждение»: a when that is the dated work itself
    for i in range(n):
        if not dated[i] and dated_work and _during_the_dated_work(ctx, i, dated_work):
            dated[i] = True
    not_a_promise = {ctx.doc.tokens[m.first].sent for m in ctx.find("CONDITIONAL_SANCTION")}
    not_a_promise |= {ctx.doc.sentence_of(m.start()) for m in _PLACEHOLDER.finditer(ctx.text)}
    # «Если канал забит, его прочистят.», «Если шум повторится, проверку проведут снова.»: work
    # on a condition the reply cannot know yet is no promise to date (vague timing still is:
    # «если погода позволит, сделаем в ближайшее время»)
    conditional = {i for i, toks in enumerate(ctx.doc.by_sentence) if _on_condition(toks)}
    # «Если течь подтвердится, трубу заменят.» and nothing dated or done: the condition is a
    # check of ours no one dated, so the promise hangs on nothing the citizen can wait for
    if not (
        ctx.has_date_or_period()
        or ctx.solved
        or any(
            ctx.doc.tokens[m.first].sent not in conditional
            for m in (*ctx.confirmed, *ctx.not_confirmed)
        )
        or any(_reports_past(ctx, j) for j in range(n) if j not in conditional)
    ):
        conditional = {i for i in conditional if not _on_our_finding(ctx.doc.by_sentence[i])}
    # «Ночью звоните в полицию по номеру 102: наряд приедет и составит протокол»: what follows
    # the citizen's own call, not work promised on the case
    conditional |= {
        i
        for i, toks in enumerate(ctx.doc.by_sentence)
        if any(
            t.pos != "INFN" and _addressed_to_reader(t) and t.key in CONTACT_KEYS | _CALL_KEYS
            for t in toks[:4]
        )
    }
    # «Как получить справку?» — «Справку выдадут в МФЦ в день обращения»: the future tells how
    # the procedure goes, it promises no work on a problem (a place of the case named — «у дома
    # 5 заменят» — still is one)
    if _asks_procedure(ctx):
        conditional |= {
            i
            for i in range(n)
            if not any(f.kind == "address" and ctx.doc.sentence_of(f.start) == i for f in ctx.facts)
        }
    hedges = {(m.start, m.end) for m in ctx.find("HEDGE")}

    def same_work(i: int) -> bool:
        return bool(dated_work & _work_words(ctx, [i])) or (
            bool(dated_work) and _the_work_again(ctx, i)
        )

    problem_confirmed = bool(ctx.confirmed) and not ctx.not_confirmed
    sev = "blocker" if problem_confirmed else "major"
    flagged: set[int] = set()
    for m in ctx.find("VAGUE_TIME"):
        i = ctx.doc.tokens[m.first].sent
        if (
            i not in promised
            and _reports_past(ctx, i)
            and not _promises_here(ctx.doc.by_sentence[i])
        ):
            continue  # «не исполнил предписание в установленные сроки»: a report, not a promise
        if i in not_a_promise or i in flagged or (dated[i] and not _undated_clause(ctx, m)):
            continue
        if i not in promised and _process_step(ctx, i):
            continue  # «Специалисты ознакомятся с ним в ближайшее время»: no work promised
        if i in conditional and ctx.has_date_or_period():
            # «В случае невыполнения работ в установленные сроки …» after a dated promise: the
            # sentence is about the date given, not a promise of its own
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
    for i in future_work:
        if dated[i] or i in flagged or i in not_a_promise or i in conditional or same_work(i):
            continue
        if _process_promise(ctx, i):
            continue
        flagged.add(i)
        s, e = ctx.doc.sentences[i]
        ctx.add("NO_DEADLINE", sev, s, e, "Работы обещаны, но не сказано, к какому сроку.")


# «на следующей неделе», «в этом месяце», «в текущем году»: a period the citizen can check
_RELATIVE_PERIOD = re.compile(
    r"\b(?:на|в|во|к)\s+(?:следующ|эт|текущ|ближайш)\w*\s+(?:недел|месяц|год|квартал|выходн)\w*"
    # «к выходным», «до Нового года», «к Новому году»: a day everyone can name
    r"|\bк\s+выходным\b|\b(?:до|к)\s+Нов\w+\s+год\w*"
    # «в первой половине апреля», «до второй половины мая»
    r"|\bполовин\w*\s+"
    + MONTH_WORD
    # «к первому числу следующего месяца», «до десятого числа»: a day of the month in words
    + r"|\b(?:к|ко|до|не\s+позднее)\s+[а-яё]+(?:ому|ого)\s+числ[а-яё]*"
    # «к пятнице», «до среды», «в четверг»: a day of this week
    r"|\b(?:к|ко|до|в|во|не\s+позднее)\s+(?:понедельник|вторник|сред[уыe]|четверг|пятниц"
    r"|суббот|воскресень)[а-яё]*"
    # «к началу отопительного сезона», «до окончания учебного года», «до конца летних каникул»:
    # by the start or end of a season everyone can date (not «после схода снега», «после
    # завершения отопительного сезона»: an open start, no date)
    r"|\b(?:к|до)\s+(?:начал[уа]|окончани[юя]|конц[уа]|завершени[юя])\s+(?:[а-яё]+\s+){0,2}?"
    r"(?:сезон|год|каникул)[а-яё]*"
    # «во втором квартале этого года», «в первом полугодии следующего года»
    r"|\b(?:квартал|полугоди)[а-яё]*\s+(?:эт|текущ|следующ|будущ)[а-яё]*\s+год",
    re.IGNORECASE,
)


_INSPECTIONS = frozenset({"проверка", "обследование", "осмотр"})

# «после ремонта», «при установке», «по окончании работ», «на время ремонта», «в ходе замены»
_DURING = frozenset({"после", "при"})
_DURING_TWO = frozenset(
    # the tagger's lemma of «во» is «в»
    {("в", "время"), ("по", "окончание"), ("по", "завершение"), ("на", "время"), ("в", "ход")}
)


def _during_the_dated_work(ctx: Context, i: int, dated_work: set[str]) -> bool:
    """Sentence ``i`` is timed by work already dated in the reply: «после / при / по окончании /
    на время» and a kind of work («ремонта», «установке», «работ») whose own object, if said, is
    the dated work's («после установки качелей» after «качели заменят до 15 июня»; not «после
    ремонта теплотрассы», another work with no date of its own)."""
    toks = ctx.doc.by_sentence[i]
    for k, t in enumerate(toks):
        if t.key not in _DURING and not (k and (toks[k - 1].key, t.key) in _DURING_TWO):
            continue
        nxt = toks[k + 1 : k + 4]
        if not nxt or not (nxt[0].key in WORK_NOUNS or nxt[0].key == "работа"):
            continue
        objects = [x for x in nxt[1:] if x.pos == "NOUN" and "gent" in x.tag]
        if all(x.key in dated_work for x in objects):
            return True
    return False


def _undated_clause(ctx: Context, m: Match) -> bool:
    """The vague time ``m`` stands in a clause of its own — between commas, semicolons or
    dashes, with its own promised work verb and no date — beside a dated one: «Стекло вставят
    20 мая, остальные недочёты будут устранены в рабочем порядке» (not «в ближайшее время, до
    20 мая»: no verb of its own)."""
    i = ctx.doc.tokens[m.first].sent
    s, e = ctx.doc.sentences[i]
    cuts = [s] + [s + k + 1 for k, c in enumerate(ctx.text[s:e]) if c in ",;—–"] + [e]
    lo = max(c for c in cuts if c <= m.start)
    hi = min(c for c in cuts if c >= m.end)
    clause = [t for t in ctx.doc.by_sentence[i] if lo <= t.start < hi]
    if not _promises(clause):
        return False
    return not (
        any(f.kind == "date" and lo <= f.start < hi for f in ctx.facts)
        or _DATE_PERIOD.search(ctx.text[lo:hi])
        or _RELATIVE_PERIOD.search(ctx.text[lo:hi])
    )


def _process_promise(ctx: Context, i: int) -> bool:
    """«Будет организовано соответствующее реагирование», «будет обеспечено взаимодействие»:
    what is promised is a step of the procedure (a formula's or a process noun: ``FORMULA_NOUNS``,
    ``PROCESS_NOUNS``), and the sentence names nothing of the case — no work promised. Not
    «ситуация будет исправлена», «вопрос будет решён»: the problem promised fixed is work (the
    convention)."""
    toks = ctx.doc.by_sentence[i]
    if not toks or not _names_nothing(ctx, toks):
        return False
    # an inspection is work by the convention («будет организована проверка»), not a formula
    process = (FORMULA_NOUNS | PROCESS_NOUNS) - {"срок", "дата"} - _INSPECTIONS
    subjects = [
        _subject(toks, k, ctx.text)
        for k, t in enumerate(toks)
        if t.pos in ("VERB", "PRTS", "INFN") and t.key not in ("быть", "являться")
    ]
    return bool(subjects) and all(x is not None and x.key in process for x in subjects)


def _process_step(ctx: Context, i: int) -> bool:
    """Every verb of sentence ``i`` reads, considers or answers the appeal («Специалисты
    ознакомятся с ним в ближайшее время», «ответим в ближайшее время»): a vague time for such a
    step is no undated work (the convention: a promise to answer is not work). Not «вопрос
    будет решён», «обращение будет исполнено»: the earlier rounds label those promised work."""
    toks = ctx.doc.by_sentence[i]
    verbs = [t for t in toks if t.pos in _VERBAL and t.key != "быть"]
    # «Ваше предложение заслуживает внимания и будет рассмотрено …»: the verbs that promise
    # (future, or a participle or infinitive after future «быть») are what is promised
    promised = [
        t for k, t in enumerate(toks) if t in verbs and ("futr" in t.tag or _after_be(toks, k))
    ]
    verbs = promised or verbs
    return bool(verbs) and all(t.key in _ANSWER_KEYS for t in verbs)


# reading, considering and answering the appeal (lemma keys, without -ся)
_ANSWER_KEYS = frozenset(
    {"ознакомить", "рассмотреть", "рассматривать", "изучить", "изучать", "ответить"}
    | {"отвечать", "связать", "перезвонить", "позвонить", "сообщить", "сообщать", "уведомить"}
    | {"информировать", "проинформировать", "получить", "зарегистрировать"}
)


def _dated(ctx: Context, i: int) -> bool:
    """A date or period in sentence ``i`` — the shared grammar's, or a relative one."""
    return ctx.has_date_or_period(i) or bool(_RELATIVE_PERIOD.search(ctx.sentence_text(i)))


# «до этого», «к этому сроку», «до этой даты», «после этого», «в тот же день»
_POINTS_TO_DATE = re.compile(
    r"(?i)\b(?:на\s+(?:это|то\s+же)\s+время|(?:до|к|после|с)\s+(?:этого|этому|этой|того\s+же)"
    r"(?:\s+(?:срок\w*|дат\w*|времен\w*|дня|числа))?|в\s+тот\s+же\s+день|тогда\s+же)\b"
)
# what is done over and over: «подметают ежедневно», «моют не реже раза в месяц»
_ROUTINE = re.compile(
    r"(?i)\b(?:ежедневно|еженедельно|ежемесячно|ежегодно|кажды[йеую]\w*|раз\s+в\s|раза\s+в\s"
    r"|не\s+реже|по\s+(?:понедельникам|вторникам|средам|четвергам|пятницам|субботам|"
    r"воскресеньям|будням|выходным))"
)


# «Исполнение проверит жилищная инспекция», «выполнение предписания проконтролируют» after
# «… устранить до 10 апреля»: the check of what was ordered follows the order's date
_CHECK_KEYS = frozenset({"проверить", "проверять", "проконтролировать", "контролировать"})
_EXECUTION = frozenset({"исполнение", "выполнение", "устранение", "соблюдение"})


def _checks_what_was_ordered(ctx: Context, i: int) -> bool:
    keys = {t.key for t in ctx.doc.by_sentence[i]}
    return bool(keys & _CHECK_KEYS) and bool(keys & _EXECUTION)


def _routine(ctx: Context, i: int) -> bool:
    """«лестницы подметают ежедневно, а моют не реже раза в месяц»: a routine or a rule told
    (the tagger reads «подметают», «организуют» as perfective futures as often as presents), not
    a promise — unless said with future «быть» («будут вывозить ежедневно»)."""
    return bool(_ROUTINE.search(ctx.sentence_text(i))) and not any(
        t.key == "быть" and "futr" in t.tag for t in ctx.doc.by_sentence[i]
    )


# «Работы выполнит УК «Дальдом»» after «Доводчик заменят до 14 марта»: «работы» names no new
# thing — it is the dated work again (not «остальные / другие работы»)
_OTHER_WORK = frozenset({"остальной", "другой", "прочий", "дополнительный", "также", "ещё", "еще"})


def _the_work_again(ctx: Context, i: int) -> bool:
    toks = ctx.doc.by_sentence[i]
    nouns = {t.key for t in toks if t.pos == "NOUN"}
    named = nouns & (_appeal_nouns(ctx) | WORK_NOUNS)
    return (
        "работа" in nouns
        and not named - {"работа"}
        and not any(t.key in _OTHER_WORK for t in toks)
        and any(_dated(ctx, j) for j in range(i))
    )


def _habitual(ctx: Context, i: int) -> bool:
    """«Мусор вывозится согласно графику»: the tagger reads the reflexive present of an
    imperfective as a perfective future («вы́возится»); a routine described, not a promise. True
    when every future work verb of the sentence is reflexive and nothing else promises."""
    toks = ctx.doc.by_sentence[i]
    fut = [t for t in toks if t.key in ACTION_KEYS and "futr" in t.tag]
    return (
        bool(fut)
        and all(t.text.lower().endswith(("ся", "сь")) for t in fut)
        and not any(t.key == "быть" and "futr" in t.tag for t in toks)
        and not any(ctx.doc.tokens[m.first].sent == i for m in ctx.find("PLANNED"))
    )


def _on_condition(toks: list[Token]) -> bool:
    """«Если …», «В случае …», «При условии …», «При невыполнении …»: what follows hangs on
    something not yet known."""
    keys = [t.key for t in toks[:3]]
    return (
        keys[:1] == ["если"]
        or keys[:2] in (["в", "случай"], ["при", "условие"])
        or (keys[:1] == ["при"] and len(keys) > 1 and keys[1].startswith("не"))
    )


# what the agency finds out: «если течь подтвердится», «в случае выявления нарушений»
_FINDING_KEYS = frozenset(
    {"подтвердить", "подтверждать", "выявить", "выявление", "подтверждение", "обнаружить"}
    | {"обнаружение", "оказаться", "установить", "установление"}
)


def _on_our_finding(toks: list[Token]) -> bool:
    """The condition of a conditional sentence is a finding («Если течь подтвердится», «В случае
    выявления нарушений»), up to its first comma-ended clause: four tokens suffice."""
    return any(t.key in _FINDING_KEYS for t in toks[:5])


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


def _names_what(ctx: Context) -> bool:
    """The reply names the thing the appeal is about («Деревья у школы … обрежут …» to an appeal
    about trees): a noun of the appeal other than the generic ones («работа», «проблема»)."""
    if ctx.appeal_doc is None:
        return False
    nouns = {t.key for t in ctx.doc.tokens if t.pos == "NOUN"} - GENERIC_NOUNS
    return bool(nouns & {t.key for t in ctx.appeal_doc.tokens if t.pos == "NOUN"})


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
    imperative «обратитесь» as a 2nd-person future, which is just as much a request. A present
    in «-ете» is what the citizen does, not what they are told to do («Вы пишете, что …»): an
    imperative never ends so («пишите», «звоните», «обращайтесь»)."""
    if "2per" in t.tag and "pres" in t.tag and t.text.lower().endswith(("ете", "ёте")):
        return False
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


# --- OTPISKA by construction: the reply talks only about the appeal --------------------------

_VERBAL = ("VERB", "INFN", "PRTS", "GRND")
_THANKS = frozenset({"спасибо", "благодарить", "благодарность", "извинение", "извинить"})


def _process_only(ctx: Context) -> int | None:
    """The first process sentence when every sentence of the reply is a greeting, thanks, a
    process sentence (the appeal received, registered, studied, passed on, decided on; someone
    will call; «в соответствии с законодательством») or a promise made on a condition that
    commits to nothing («ремонт будет выполнен по мере финансирования») — and at least one is a
    process sentence. None when any sentence says something about the problem: work done or
    dated, a date, a norm, a state found, an explanation. A bare result («Проблема решена.») is
    NO_SPECIFICS' business, a conditional promise alone is NO_DEADLINE's."""
    doc = ctx.doc
    if not doc.tokens or ctx.state_result or ctx.not_confirmed:
        return None
    brush_tokens = ctx.brush_off_tokens
    if any(m.first not in brush_tokens for m in ctx.resolved):
        return None  # a claimed result («проблема устранена»): NO_SPECIFICS says it is bare
    greeting = {doc.tokens[m.first].sent for m in ctx.find("GREETING")}
    brush = ctx.brush_off_sentences
    vague_norm = {doc.tokens[m.first].sent for m in ctx.find("VAGUE_NORM")}
    vague_tokens = {
        id(doc.tokens[j]) for m in ctx.find("VAGUE_NORM") for j in range(m.first, m.last + 1)
    }
    no_commitment = {doc.tokens[m.first].sent for m in ctx.find("NO_COMMITMENT")}
    first = None
    for i, toks in enumerate(doc.by_sentence):
        if not toks:
            continue
        toks = _past_the_retelling(ctx, toks)
        if not toks:
            # «Вы сообщили, что во дворе не вывозится мусор.»: the appeal told back (the
            # standard's step 2), its dates and places the citizen's, not the answer's
            first = i if first is None else first
            continue
        if _dated(ctx, i) or any(
            f.kind in ("date", "phone", "money") and doc.sentence_of(f.start) == i
            for f in ctx.facts
        ):
            return None  # a date, a period, a phone, a sum: something to hold on to
        # the law on how appeals are handled, cited to an appeal about something else
        appeals_law = any(
            f.kind == "norm" and doc.sentence_of(f.start) == i for f in ctx.facts
        ) and _about_appeals(ctx, toks)
        if not appeals_law and any(
            f.kind == "norm" and doc.sentence_of(f.start) == i for f in ctx.facts
        ):
            return None  # a rule explained with its norm: an answer
        verbs = _sentence_verbs(toks)
        kinds = {_verb_kind(ctx, toks, k) for k, _ in verbs}
        if any(t.pos == "ADJS" and t.key == "известный" for t in toks):
            # «Ситуация с вывозом мусора у дома 12 известна управляющей компании»: known to
            # someone, nothing said about it
            kinds.add("process")
        # «Уборка выполнена, мусор вывезен … в соответствии с графиком»: work reported done is
        # content even when a schedule or a norm is named vaguely beside it
        # (not a rule being set: «тарифы установлены в соответствии с законодательством»)
        done_here = any(
            _verb_kind(ctx, toks, k) == "work"
            and ("past" in t.tag or t.pos == "PRTS")
            and t.key not in _SETS_A_RULE
            for k, t in verbs
        )
        if (
            i in vague_norm
            and i not in no_commitment
            and not _promises_here(toks)
            and not _says_when_or_how_much(toks)
            and not done_here
        ):
            # «тарифы установлены в соответствии с законодательством», «сезон начинается в
            # установленном порядке»: a claim resting on an unnamed norm is a formula (a
            # promise is not: «подрядчик устранит трещины в установленном порядке»)
            kinds = {"process"}
        if _finding_after_that(toks, vague_tokens) or _finding_after_colon(ctx, i, toks[0].start):
            # «проверка показала, что лифт исправен», «Проверку провели: нарушений нет»
            kinds.add("other")
        if appeals_law:
            if not kinds or not kinds <= {"process"}:
                return None
            # «обращения рассматриваются в порядке, установленном Федеральным законом №
            # 59-ФЗ»: the law on how the appeal moves says nothing about the problem
            first = i if first is None else first
            continue
        if (
            kinds - {"process"}
            and not _done_to_the_case(ctx, toks, verbs)
            and i not in greeting
            and _names_nothing(ctx, toks)
        ):
            # «Работа в данном направлении будет продолжена», «реагирование будет обеспечено
            # своевременно», «доводы будут использованы в дальнейшей работе»: whatever the verb,
            # the sentence names nothing of the case — only the agency, the appeal, abstractions
            kinds = {"process"}
        if i in no_commitment and kinds <= {"work", "other", "process"}:
            # work on a condition nobody dates: no commitment; said of the appeal itself
            # («ваше обращение будет исполнено в порядке очереди») it is all the reply says
            about_appeal = any(
                (s := _subject(toks, k, ctx.text)) is not None and s.key in PAPER_NOUNS
                for k, _ in verbs
            )
            if about_appeal or "process" in kinds:
                first = i if first is None else first
            continue
        if "work" in kinds:
            if i in brush and i in vague_norm:
                continue
            return None
        if "other" in kinds:
            return None  # «участок находится в собственности …»: something is said
        if "process" in kinds or i in brush or i in vague_norm:
            first = i if first is None else first
            continue
        if i in greeting or toks[0].key in _THANKS or any(t.key in _THANKS for t in toks[:3]):
            continue
        named = [t for t in toks if t.pos == "NOUN" and t.key not in GENERIC_NOUNS]
        if named:
            return None  # a verbless sentence that names something: «Причина — засор стояка.»
    if first is not None and any(toks and toks[0].key == "если" for toks in doc.by_sentence):
        return None
    return first


# abstract nouns by their suffix («проблематика», «озабоченность», «реагирование»,
# «руководство»): they name no thing of the case unless the appeal has the same word
_ABSTRACT_SUFFIXES = ("ость", "ние", "тие", "ция", "ство", "ика", "изм")
# what the citizen is asked to give or check: a request for details names what is missing
_ASK_KEYS = frozenset(
    {"уточнить", "указать", "прислать", "приложить", "сообщить", "предоставить", "направить"}
)


def _appeal_stems(ctx: Context) -> frozenset[str]:
    """The first five letters of the appeal's content words (nouns, adjectives, verbs), less
    the ones every appeal has: a reply word with the same start names the appeal's thing."""
    if ctx.appeal_doc is None:
        return frozenset()
    words = {
        t.key
        for t in ctx.appeal_doc.tokens
        if t.pos in ("NOUN", "ADJF", "PRTF", "VERB", "INFN", "PRTS", "GRND") and len(t.key) >= 4
    }
    return frozenset(w[:5] for w in words - GENERIC_NOUNS - _TOO_WIDE)


def _names_the_case(ctx: Context, toks: list[Token], stems: frozenset[str]) -> bool:
    """The sentence ties itself to the case: a number, a negation (a finding), a decision, a
    name, an abbreviation or a word the dictionary does not know, a quoted title, a word of the
    appeal (by its first five letters), a kind of work, or a noun that is neither a formula's
    (``_FORMULA``) nor abstract by its suffix."""
    if _quotes(ctx, toks):
        return True
    rest = _past_the_topic(ctx, toks)
    denied = _denied_grounds(rest)
    for j, t in enumerate(rest):
        if _litotes(rest, j) or _negates_a_formula(ctx, rest, j) or id(t) in denied:
            continue
        if _marks_the_case(t):
            return True
        if t.pos not in ("NOUN", "ADJF", "PRTF"):
            continue
        formula = t.key in _FORMULA | _ABSTRACT | _APPEAL_FACTS | _OWN_PEOPLE or (
            t.key in _PUBLIC and t.key[:5] not in stems
        )
        if t.key == "связь" and 0 < j < len(rest) - 1 and rest[j - 1].key == "в":
            continue  # «в связи с …»: a compound preposition, not a thing
        if not formula and t.pos == "NOUN" and j > 0 and rest[j - 1].key == "по":
            return True  # «мероприятия по освобождению помещений»: what the work was
        if not formula and (t.key[:5] in stems or t.key in WORK_NOUNS):
            return True
        if t.pos == "NOUN" and not formula and not t.key.endswith(_ABSTRACT_SUFFIXES):
            return True
    return False


def _quotes(ctx: Context, toks: list[Token]) -> bool:
    """The sentence quotes a title or a name («…», "…")."""
    s, e = toks[0].start, toks[-1].end
    return "«" in ctx.text[s:e] or '"' in ctx.text[s:e]


def _marks_the_case(t: Token) -> bool:
    """A token that ties a sentence to its case whatever else it says: a number, a negation (a
    finding), a decision, a name, an abbreviation or a word the dictionary does not know."""
    return (
        t.pos == "NUMB"
        or t.key in ("не", "нет", "ни")
        or t.key in _DECISION_KEYS
        or any(g in t.tag for g in ("Name", "Surn", "Patr", "Geox", "Abbr"))
        or not t.known
    )


# the public in general: «Нам важно мнение каждого жителя» names no one of the case (unless the
# appeal speaks of them)
_PUBLIC = frozenset({"житель", "гражданин", "горожанин", "население"})
# what a refusal formula denies: «оснований для пересмотра нет», «повода для беспокойства нет»
_GROUNDS = frozenset({"основание", "повод"})


def _negates_a_formula(ctx: Context, toks: list[Token], j: int) -> bool:
    """«не» / «нет» at ``j`` denies a formula, not a fact of the case: «Оснований для пересмотра
    нет», «Позиция администрации не изменилась» (the subject a formula's noun) — no finding, as
    «нарушений не выявлено» is."""
    t = toks[j]
    if t.key == "нет":
        before = [x for x in toks[:j] if x.pos == "NOUN"]
        head = next(
            (
                x
                for k, x in enumerate(toks[:j])
                if x.pos == "NOUN" and (k == 0 or toks[k - 1].pos != "PREP")
            ),
            None,
        )
        return bool(before) and head is not None and head.key in _GROUNDS
    if t.key != "не" or j + 1 >= len(toks) or toks[j + 1].pos not in ("VERB", "PRTS"):
        return False
    subject = _subject(toks, j + 1, ctx.text)
    return subject is not None and subject.key in FORMULA_NOUNS | _GROUNDS


def _denied_grounds(toks: list[Token]) -> set[int]:
    """The tokens of «оснований для пересмотра нет», «повода для беспокойства нет»: a ground
    noun and what it is a ground for, up to the negation — the refusal's formula, whatever the
    «для …» says."""
    out: set[int] = set()
    for j, t in enumerate(toks):
        if t.key not in _GROUNDS:
            continue
        end = next((k for k in range(j + 1, len(toks)) if toks[k].key in ("нет", "не")), None)
        if end is not None and end - j <= 6:
            out |= {id(x) for x in toks[j : end + 1]}
    return out


def _litotes(toks: list[Token], j: int) -> bool:
    """«не остался без внимания», «не останется без ответа»: «не» with «без» two or three words
    on is an affirmation said twice, not a finding."""
    return toks[j].key == "не" and any(x.key == "без" for x in toks[j + 1 : j + 4])


def _done_to_a_thing(ctx: Context, toks: list[Token], k: int) -> bool:
    """A perfective past or a short participle (not after future «быть», not negated, not a
    verb of the paperwork) said of a thing, not of a formula's noun: «Объявление удалено»,
    «трос заменили» — whatever the verb, something was done to the case (not «руководство
    сделало выводы», «приняты решения»)."""
    t = toks[k]
    if not ("past" in t.tag or t.pos == "PRTS") or "perf" not in t.tag or _after_be(toks, k):
        return False
    if t.key in NON_ACTION_KEYS | REPORTING_KEYS | PAPER_KEYS or _process_verb(t):
        return False
    if any(x.key in ("не", "нет") for x in toks[max(0, k - 2) : k]):
        return False
    subject = _subject(toks, k, ctx.text)
    return subject is not None and subject.key not in (
        _FORMULA | _ABSTRACT | _APPEAL_FACTS | _OWN_PEOPLE
    )


def _nothing_of_the_case(ctx: Context) -> int | None:
    """The first content sentence when no sentence of the reply names anything of the case
    (``_names_the_case``) and none reports work done to it, a result, a finding or a fact —
    whatever its verbs («Руководство сделало надлежащие выводы из сложившейся ситуации»,
    «Обозначенная Вами проблематика находится в зоне внимания», «Разбираемся. Отпишемся по
    итогам.»). The structure, not the formula: the agency, its procedure and abstractions are
    all it speaks of. None when the reply asks the citizen for details (a request names what is
    missing) or there is no appeal to compare with."""
    doc = ctx.doc
    if ctx.appeal_doc is None or not doc.tokens:
        return None
    # a law cited with its article and its date («статьёй 10 Федерального закона от 02.05.2006
    # № 59-ФЗ») names the law, not the case: a brush-off dressed in citations is still one
    # (issue 11). A period in the sentence stays the case's («ответ направят в течение 30 дней —
    # так требует закон № 59-ФЗ»: when the citizen hears back).
    citing = {
        i
        for i, (s, e) in enumerate(doc.sentences)
        if any(f.kind == "norm" and s <= f.start < e for f in ctx.facts)
    }
    case_facts = [f for f in ctx.facts if not _the_laws_own(ctx, f, citing)]
    if case_facts or ctx.resolved or ctx.state_result or ctx.confirmed or ctx.not_confirmed:
        return None
    stems = _appeal_stems(ctx)
    if not stems:
        return None
    # the greeting's words and the name in it («Уважаемая Ольга Николаевна!») name nothing of
    # the case; the rest of its sentence is read (portal replies run on after «Пользователь!»)
    greeting = {j for m in ctx.find("GREETING") for j in range(m.first, m.last + 1)}
    greeted = {doc.tokens[j].sent for j in greeting}
    first = None
    # «Благодарим за активную гражданскую позицию!» and nothing else: thanks that name nothing
    # of the case are all the reply says
    thanks: list[int] = []
    for i, toks in enumerate(doc.by_sentence):
        if i in greeted:
            toks = [
                t
                for t in toks
                if id(t) not in {id(doc.tokens[j]) for j in greeting}
                and not any(g in t.tag for g in ("Name", "Surn", "Patr"))
                and not (t.text[:1].isupper() and t.key in GENERIC_NOUNS)
            ]
        if toks and any(t.key in _THANKS for t in toks[:3]):
            verbs = [(k, t) for k, t in enumerate(toks) if t.pos in _VERBAL]
            if not (_done_to_the_case(ctx, toks, verbs) or _names_the_case(ctx, toks, stems)):
                thanks.append(i)
            continue
        if not toks:
            continue
        toks = _past_the_retelling(ctx, toks)
        if not toks:
            continue  # the appeal told back: the citizen's words, not the answer
        # every fact left in a citing sentence is the law's (a fact of the case ended the
        # search above), so only a relative period can date it
        dated = (
            bool(_RELATIVE_PERIOD.search(ctx.sentence_text(i))) if i in citing else _dated(ctx, i)
        )
        if dated or "?" in ctx.sentence_text(i):
            return None
        if any(t.key in _ASK_KEYS and "impr" in t.tag for t in toks):
            return None  # «Уточните, пожалуйста, номер дома»: what is missing is said
        verbs = [(k, t) for k, t in enumerate(toks) if t.pos in _VERBAL]
        if i in citing:
            # a law's own words («собственник несёт бремя содержания имущества») are general:
            # the sentence names the case only by a word of the appeal or a kind of work
            names = any(
                t.pos in ("NOUN", "ADJF", "PRTF", "VERB", "INFN", "PRTS")
                and (t.key[:5] in stems or t.key in WORK_NOUNS)
                for t in _past_the_topic(ctx, toks)
            )
        else:
            names = _names_the_case(ctx, toks, stems)
        if _done_to_the_case(ctx, toks, verbs) or names:
            return None
        if any(_done_to_a_thing(ctx, toks, k) for k, _ in verbs):
            return None
        first = i if first is None else first
    if first is None and thanks and len(thanks) == _content_count(ctx, greeted):
        return thanks[0]
    return first


# an act's date: «от 02.05.2006 № 59-ФЗ», «от 18.07.2016 г. №»
_ACT_DATE = re.compile(r"(?i)\bот\s*$")
_ACT_NUMBER_AFTER = re.compile(r"^\s*(?:г\.|года)?\s*№")


def _the_laws_own(ctx: Context, f: Fact, citing: set[int]) -> bool:
    """A fact of a law's citation, not of the case: the norm itself, or the act's date
    between «от» and «№», in a sentence that cites a norm."""
    if _sentence_of(ctx, f.start) not in citing:
        return False
    if f.kind == "norm":
        return True
    return (
        f.kind == "date"
        and bool(_ACT_DATE.search(ctx.text[max(0, f.start - 4) : f.start]))
        and bool(_ACT_NUMBER_AFTER.match(ctx.text[f.end : f.end + 8]))
    )


def _sentence_of(ctx: Context, start: int) -> int:
    return next((i for i, (s, e) in enumerate(ctx.doc.sentences) if s <= start < e), -1)


def _content_count(ctx: Context, greeted: set[int]) -> int:
    """How many sentences are not a greeting alone (its words skipped, nothing left)."""
    greeting = {j for m in ctx.find("GREETING") for j in range(m.first, m.last + 1)}
    return sum(
        1
        for i, toks in enumerate(ctx.doc.by_sentence)
        if i not in greeted
        or any(id(t) not in {id(ctx.doc.tokens[j]) for j in greeting} for t in toks)
    )


# the nouns a formula is made of (``FORMULA_NOUNS`` and the lists it extends)
_FORMULA = (
    FORMULA_NOUNS | GENERIC_NOUNS | GENERIC_ACTORS | PAPER_NOUNS | PROCESS_NOUNS | PROCESS_PAPERS
)
# verbs that decide: «в установке отказано», «предложение поддержано» is an answer, however bare
_DECISION_KEYS = frozenset(
    {"отказать", "одобрить", "разрешить", "запретить", "поддержать", "удовлетворить"}
    | {"отклонить", "согласовать"}
)


def _done_to_the_case(ctx: Context, toks: list[Token], verbs: list[tuple[int, Token]]) -> bool:
    """Work reported done — past or a short participle not after future «быть» («надпись
    удалена»; not «будет продолжена») — other than a formula moved on («замечания переданы
    исполнителю», «информация направлена»)."""
    for k, t in verbs:
        if _verb_kind(ctx, toks, k) != "work" or _after_be(toks, k):
            continue
        if not ("past" in t.tag or t.pos == "PRTS") or t.key in _SETS_A_RULE:
            continue
        if t.pos == "PRTS" and _said_of_our_people(ctx, toks, k):
            continue  # «привлечены ответственные лица», «подключены профильные специалисты»
        if t.key in PAPER_KEYS:
            # what was moved, the appeal's topic aside («Ваш вопрос о компенсации за капремонт
            # передан …» moves the question, not the repair)
            before = [x for x in _past_the_topic(ctx, toks[:k]) if x.pos == "NOUN"]
            moved = before[-1] if before else _thing_moved(ctx, ctx.doc.tokens.index(toks[0]) + k)
            if moved is not None and moved.key in _FORMULA:
                continue
        return True
    return False


def _said_of_our_people(ctx: Context, toks: list[Token], k: int) -> bool:
    """The short participle at ``k`` is said of the agency's people, unnamed («К ситуации
    привлечены ответственные лица», «подключены профильные специалисты»): they were put to it,
    nothing was done to the case."""
    subject = _subject(toks, k, ctx.text)
    if subject is None:
        # the tagger often takes «лица», «специалисты» after the participle for a genitive: the
        # first noun after it in its clause is who was put to it
        subject = next((x for x in _to_clause_end(ctx, toks, k, 4) if x.pos == "NOUN"), None)
    return subject is not None and subject.key in _OWN_PEOPLE | GENERIC_ACTORS | {"лицо"}


# what an appeal is said to be about: «ваш вопрос о компенсации …», «обращение по уборке …»
_ABOUT = frozenset({"о", "об", "обо", "по", "про", "относительно", "касательно"})


def _past_the_topic(ctx: Context, toks: list[Token]) -> list[Token]:
    """The sentence less the appeal's topic named after a paper noun («Ваш вопрос о компенсации
    за капремонт передан …», «обращение по вопросу уборки снега рассмотрено»): that is the
    citizen's matter told back, up to the next verb or punctuation mark."""
    out: list[Token] = []
    skipping = False
    for j, t in enumerate(toks):
        if skipping:
            gap = ctx.text[toks[j - 1].end : t.start]
            if t.pos in _VERBAL or t.pos == "PRTF" or any(c in gap for c in ",;:—–()"):
                skipping = False
            else:
                continue
        out.append(t)
        nxt = toks[j + 1] if j + 1 < len(toks) else None
        if t.key in PAPER_NOUNS and nxt is not None and nxt.key in _ABOUT:
            skipping = True
    return out


def _names_nothing(ctx: Context, toks: list[Token]) -> bool:
    """Every noun of the sentence is a formula's (the agency, its people and procedure, the
    appeal, abstractions: ``_FORMULA``) and nothing else ties it to the case: no number, no
    negation (a finding: «нарушений не выявлено»), no decision, no name, no quoted title, no
    abbreviation or word the dictionary does not know (a body: «ГЖИ»). The appeal's topic named
    after a paper noun is the citizen's, not the reply's (``_past_the_topic``)."""
    if _quotes(ctx, toks):
        return False
    rest = _past_the_topic(ctx, toks)
    denied = _denied_grounds(rest)
    for j, t in enumerate(rest):
        if _litotes(rest, j) or _negates_a_formula(ctx, rest, j) or id(t) in denied:
            continue
        if _marks_the_case(t):
            return False
        if t.pos == "NOUN" and t.key not in _FORMULA | _ABSTRACT | _APPEAL_FACTS:
            return False
    return True


def _about_appeals(ctx: Context, toks: list[Token]) -> bool:
    """The sentence speaks of appeals («обращения граждан рассматриваются …») and the appeal
    does not (to «сколько рассматривают обращение?» that law is the answer)."""
    papers = PAPER_NOUNS - {"вопрос", "информация", "предложение"}
    if not any(t.key in papers for t in toks):
        return False
    return ctx.appeal_doc is None or not any(t.key in papers for t in ctx.appeal_doc.tokens)


# «Вы сообщили, что …», «Вы пишете о …», «В обращении Вы указываете …», «Как следует из
# Вашего обращения, …»: the citizen's words told back (lemma keys, without -ся)
_RETELL_KEYS = frozenset(
    {"сообщить", "сообщать", "писать", "написать", "указать", "указывать", "жаловать"}
    | {"пожаловать", "обратить", "обращать", "просить", "попросить", "спрашивать", "отметить"}
    | {"отмечать", "излагать", "изложить", "говорить", "утверждать", "следовать", "интересовать"}
)


def _past_the_retelling(ctx: Context, toks: list[Token]) -> list[Token]:
    """The sentence's tokens after the appeal told back: all of them when it does not open so,
    none when the retelling is the whole sentence, else those after its dash or semicolon («Вы
    сообщили о яме — её заделали 5 марта»). A retelling opens with «вы» (or «в обращении»,
    «из обращения») and a saying verb in the indicative within its first five words; «Вы можете
    обратиться …» is an infinitive, not told back."""
    head = toks[:6]
    # «В обращении Вы …», «Из Вашего обращения следует …»; not «В ответ на Ваше обращение
    # сообщает, что …», «По Вашему обращению сообщаем …»: the answer introduced
    frame = any(x.key == "вы" for x in head) or any(
        x.key in PAPER_NOUNS
        and x.key != "вопрос"
        and not any(y.key in ("на", "по") for y in head[max(0, k - 2) : k])
        for k, x in enumerate(head)
    )
    said = next(
        (
            k
            for k, x in enumerate(head)
            if x.key in _RETELL_KEYS
            and (x.pos == "PRTS" or (x.pos == "VERB" and ("past" in x.tag or "pres" in x.tag)))
            and "1per" not in x.tag  # «сообщаем, что …» introduces the answer
        ),
        None,
    )
    if not frame or said is None or toks[0].key == "как":
        return toks  # «Как вы и просили, урну поставили 18 мая»: no retelling
    nxt = toks[said + 1] if said + 1 < len(toks) else None
    if nxt is None or (
        nxt.key not in ("что", "о", "об", "про", "по", "на")
        and ":" not in ctx.text[toks[said].end : nxt.start]
    ):
        return toks  # the saying verb must introduce what was said
    for k in range(said + 1, len(toks) - 1):
        if any(c in ctx.text[toks[k].end : toks[k + 1].start] for c in "—–;"):
            return toks[k + 1 :]
    return []


_SETS_A_RULE = frozenset({"установить", "утвердить", "определить", "рассчитать", "начислить"})


def _finding_after_that(
    toks: list[Token], vague: set[int], named: frozenset[int] = frozenset()
) -> bool:
    """A «что»-clause that states something: a short adjective («что лифт исправен»), a
    negation («что нарушений нет»), a number, or — after «установлено», «показала» — a thing
    named outside an unnamed-norm formula («установлено, что качество горячего водоснабжения в
    соответствии с нормами»)."""
    for j, t in enumerate(toks):
        if t.key == "что" and t.pos == "CONJ":
            rest = toks[j + 1 :]
            established = j > 0 and toks[j - 1].key in _ESTABLISHED
            return any(
                x.pos == "ADJS"
                or x.key in ("не", "нет")
                or (x.pos == "NUMB" and id(x) not in named)
                or (
                    established
                    and x.pos == "NOUN"
                    and id(x) not in vague
                    and x.key not in GENERIC_NOUNS | PAPER_NOUNS | PROCESS_NOUNS
                )
                for x in rest
            )
    return False


# «установлено, что …», «проверка показала, что …»: what follows is a finding
_ESTABLISHED = frozenset({"установить", "выявить", "показать", "выяснить", "определить"})


_WEEKDAYS = frozenset(
    {"понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"}
    | {"ежедневно"}
)


def _says_when_or_how_much(toks: list[Token]) -> bool:
    """«убирают согласно графику: по вторникам и пятницам», «по нормативу 2,2 кубометра»."""
    return any(t.key in _WEEKDAYS or t.pos == "NUMB" for t in toks)


def _promises_here(toks: list[Token]) -> bool:
    return any(
        t.pos in _VERBAL
        and ("futr" in t.tag or any(x.key == "быть" and "futr" in x.tag for x in toks[:k]))
        for k, t in enumerate(toks)
    )


# what a promise is said of when it names nothing: «ситуация будет урегулирована»
_ABSTRACT = frozenset({"ситуация", "положение", "обстановка"})
# what the appeal said: «факты, изложенные в обращении, подтвердились» is about the appeal
_APPEAL_FACTS = frozenset({"факт", "довод", "сведение"})
# work verbs that said of the appeal move only the paper («заявка включена в реестр»; «включено в
# план работ» is PLANNED's, not a brush-off)
PLANNED_KEYS = frozenset({"включить"})
_STATUS = frozenset({"находить", "оставать", "остать", "стоять", "числить"})  # keys: -ся dropped


def _sentence_verbs(toks: list[Token]) -> list[tuple[int, Token]]:
    """The verbs of a sentence that say what happened or will, with their places: not the
    letter's «сообщаем» (a short participle of one is: «сообщено»), not «быть» or «являться»."""
    return [
        (k, t)
        for k, t in enumerate(toks)
        if t.pos in _VERBAL
        and (t.key not in REPORTING_KEYS or t.pos == "PRTS")
        and t.key not in ("быть", "являться")
    ]


def _verb_kind(ctx: Context, toks: list[Token], k: int) -> str:
    """«process» (about the appeal), «work» (on the problem) or «other» (anything else said)."""
    t = toks[k]
    if _purpose(ctx, toks, k):
        return "process"  # the aim, not a fact: «…, чтобы яма больше не мешала»
    if any(x.key in ("не", "нет") for x in toks[max(0, k - 2) : k]):
        return "other"  # «надписей не зафиксировано»: a finding
    if _decided(toks, k):
        return "other"  # «Отказано: участок частный», «принято решение об отказе в …»: an answer
    if _process_verb(t) or _everything(toks, k):
        return "process"
    if _identified(ctx, toks, k) or _step_finished(ctx, toks, k):
        return "process"  # «водитель установлен», «Проверка завершена»: what came of it?
    if _a_visit_only(ctx, toks, k):
        return "process"  # «Выезжали на место, побеседовали с жильцами»: what came of it?
    if t.pos == "PRTS" and t.key in REPORTING_KEYS and t.key not in ("быть", "являться"):
        return "process"  # «ответственные лица уведомлены»: told, not done
    subject = _subject(toks, k, ctx.text)
    if t.key in _TERM_KEYS and (
        any(x.key == "срок" for x in toks[:k])
        or (subject is not None and subject.key in _FORMULA | _ABSTRACT)
    ):
        # «Срок исполнения продлён.», «Реализация мероприятия перенесена на следующий этап»:
        # to when is what matters, not said (a date makes the sentence dated before this)
        return "process"
    reported = "past" in t.tag and not _after_be(toks, k)  # «надпись удалена»: done
    about = PAPER_NOUNS | PROCESS_PAPERS | _APPEAL_FACTS
    if subject is None and toks[0].pos == "NOUN":
        subject = toks[0]  # «Факты, указанные в обращении, частично подтвердились»
    if (
        subject is not None
        and subject.key in about
        and (t.key not in ACTION_KEYS or t.key in PLANNED_KEYS)
        and not any(ctx.doc.tokens[m.first].sent == t.sent for m in ctx.find("PLANNED"))
    ):
        # the appeal itself is what the verb is about, right before it: «заявка включена в
        # реестр», «факты, указанные в обращении, частично подтвердились», «ответ будет
        # размещён на портале»
        return "process"
    if (
        not reported
        and subject is not None
        and (
            subject.key in (PROCESS_NOUNS | _ABSTRACT) - {"срок", "дата"}
            or (subject.key in PAPER_NOUNS and t.key in _STATUS)
            or (subject.key in PAPER_NOUNS and subject is toks[k - 1 if k else 0])
            or (subject.key in PAPER_NOUNS and any(x.key == "ваш" for x in toks[:k]))
        )
        and t.key not in ACTION_KEYS
        and not _promise_verb(ctx, toks, k)
    ):
        # what happens to the appeal, not to the problem: «ваше обращение отработано»,
        # «решение вопроса требует дополнительного времени», «обращение находится в приоритете»
        return "process"
    if t.key == "работать" and any(
        x.key in GENERIC_ACTORS or x.key == "мы" or "1per" in t.tag for x in toks[:k]
    ):
        return "process"  # «специалисты работают»: busy with what, is not said
    near = [x for x in toks[max(0, k - 3) : k + 4] if x.pos == "NOUN"]
    # «по Вашему обращению проведены работы по зачистке»: the appeal the work was done on is
    # its occasion, not what was carried out, when the verb names a thing of its own (not
    # «по Вашему обращению проведён комплекс мероприятий»)
    occasion = [
        x
        for j, x in enumerate(toks[max(0, k - 3) : k], start=max(0, k - 3))
        if x.key in PAPER_NOUNS and any(y.key == "по" for y in toks[max(0, j - 2) : j])
    ]
    if occasion and any(
        x not in occasion and x.key not in _FORMULA | _ABSTRACT | PROCESS_NOUNS for x in near
    ):
        near = [x for x in near if x not in occasion]
    if t.key in PROCESS_IF_NOUN and any(x.key in PROCESS_NOUNS | PAPER_NOUNS for x in near):
        return "process"
    if (
        t.key in PROCESS_IF_NOUN
        and any(x.key == "работа" for x in toks[k + 1 : k + 3])
        and not any(x.key == "по" for x in toks[k + 1 : k + 4])
    ):
        return "process"  # «проведена работа» with no «по …»: which work is not said
    if (
        t.key not in ACTION_KEYS
        and not _promise_verb(ctx, toks, k)
        and any(
            x.key in (PROCESS_NOUNS | PAPER_NOUNS) - {"срок", "дата"} for x in toks[k + 1 : k + 5]
        )
    ):
        return "process"  # «ищет пути её решения», «обязалась принять меры»
    if t.key in PAPER_KEYS or t.key == "подготовить":
        moved = _thing_moved(ctx, ctx.doc.tokens.index(toks[0]) + k)
        if moved is None or moved.key in PAPER_NOUNS | PAPER_NOUNS_IF_YOURS | PROCESS_PAPERS:
            return "process"
        return "work"
    if t.key in ACTION_KEYS or _promise_verb(ctx, toks, k):
        return "work"
    if t.key in NON_ACTION_KEYS:
        return "process" if t.key in ("зарегистрировать", "изучить", "прорабатывать") else "other"
    return "other"


# «школа № 21», «маршрут № 46», «за № 45-7712»: the number after «№» names, it counts nothing
_NUMBERED = re.compile(r"№\s*([\w/.-]*\d[\w/.-]*)")
# the polarity of a decision: «принято отрицательное решение» says what was decided
_POLARITY = frozenset({"отрицательный", "положительный"})


def _decided(toks: list[Token], k: int) -> bool:
    """The verb at ``k`` reports a decision with its content: a verb that decides («Отказано:
    участок частный», «В замене отказано», «предложение поддержано», «заявление удовлетворено»)
    or «принять решение» with what was decided — its polarity («принято отрицательное решение»)
    or «о/об» and a thing that is not a formula's («принято решение об отказе в …», «о его
    восстановлении»; not «приняты необходимые управленческие решения», «принято решение о
    рассмотрении вопроса»)."""
    t = toks[k]
    if not ("past" in t.tag or t.pos == "PRTS"):
        return False
    if t.key == "согласовать":
        # «установка шлагбаума согласована» decides; «вопрос согласован с УК» is coordination
        subject = _subject(toks, k)
        return subject is not None and subject.key not in PAPER_NOUNS | PROCESS_PAPERS
    if t.key in _DECISION_KEYS:
        return True
    if t.key not in ("принять", "принимать"):
        return False
    at = next(
        (j for j in range(max(0, k - 3), min(len(toks), k + 4)) if toks[j].key == "решение"), None
    )
    if at is None:
        return False
    if any(x.key in _POLARITY for x in toks[max(0, at - 2) : at]):
        return True
    after = toks[at + 1 : at + 5]
    if not after or after[0].key not in ("о", "об", "обо"):
        return False
    thing = next((x for x in after[1:] if x.pos == "NOUN"), None)
    return (
        thing is not None and thing.key not in _FORMULA | _ABSTRACT | _APPEAL_FACTS | PROCESS_NOUNS
    )


def _identified(ctx: Context, toks: list[Token], k: int) -> bool:
    """«Перевозчиком водитель автобуса установлен»: «установлен» said of a person means found
    out who, not put up («установлены дорожные знаки»); nothing of what follows is said."""
    t = toks[k]
    if t.key != "установить" or not ("past" in t.tag or t.pos == "PRTS"):
        return False
    clause = _to_clause_start(ctx, toks, k)
    return any(x.pos == "NOUN" and "anim" in x.tag and "nomn" in x.tag for x in clause)


def _to_clause_start(ctx: Context, toks: list[Token], k: int) -> list[Token]:
    """The tokens of the clause before ``k`` (back to «,» «;» «:» «—»)."""
    lo = k
    while lo > 0 and not any(c in ctx.text[toks[lo - 1].end : toks[lo].start] for c in ",;:—–"):
        lo -= 1
    return toks[lo:k]


def _step_finished(ctx: Context, toks: list[Token], k: int) -> bool:
    """«Проверка завершена», «рассмотрение окончено»: a step of the procedure carried out or
    finished (its subject a procedure noun) — the step, not what it found."""
    t = toks[k]
    if t.key not in EXECUTE_KEYS | {"окончить", "провести"}:
        return False
    if not ("past" in t.tag or t.pos == "PRTS") or _after_be(toks, k):
        return False  # «Проверку … проведут в ближайшее время»: a promise, NO_DEADLINE's
    subject = _subject(toks, k, ctx.text)
    return subject is not None and subject.key in PROCESS_NOUNS - {"срок", "дата", "мера"}


# what carries out a visit or a talk named by its noun: «проведён рейд», «состоялась встреча»
_HOLD_KEYS = PROCESS_IF_NOUN | {"состоять", "осуществить", "осуществлять"}
# who goes out to do the work: «аварийная бригада выехала», «наряд прибыл»
_CREWS = frozenset({"бригада", "наряд", "экипаж", "расчёт", "расчет"})
# what tells an outcome in a sentence: «не», «нет», «ни» («течь не подтвердилась»)
_NEGATIONS = frozenset({"не", "нет", "ни"})


def _a_visit_only(ctx: Context, toks: list[Token], k: int) -> bool:
    """The verb at ``k`` reports a visit, a look or a talk as done («выехали на место»,
    «осмотрели территорию», «побеседовали с жильцами», «проведён рейд», «состоялась встреча») and
    its sentence says nothing of the outcome: no negation, no number, no state (a short adjective
    or participle of another verb), nothing after a colon or a dash («Выехали: течь не
    подтвердилась»). Work done beside it («выехали и засыпали яму») is judged by its own verb."""
    t = toks[k]
    if not ("past" in t.tag or t.pos == "PRTS") or _after_be(toks, k):
        return False
    if any(x.key == "уже" for x in toks[max(0, k - 2) : k]):
        return False  # «бригада уже выехала на ул. Лесную»: on its way, the work under way
    subject = _subject(toks, k, ctx.text)
    if subject is not None and subject.key in _CREWS:
        return False  # a crew sent out is sent to work, not to look
    near = toks[max(0, k - 3) : k + 4]
    if t.key not in VISIT_KEYS and not (
        t.key in _HOLD_KEYS and any(x.key in VISIT_NOUNS for x in near)
    ):
        return False
    # the house of an address is where, not what was found («посетили дом 9 по ул. Гоголя»);
    # of a step named by its noun («7 июня осуществлён выезд», «5 июня … проведена беседа»,
    # «12 июня проведён рейд») the day is when it was held and «школа № 21», «маршрут № 46»
    # name where or with whom (a number after «№» counts nothing). A thing looked at on a day
    # keeps its date («Мастер осмотрел кровлю дома 3 12 мая»: labelled an answer, s12sub-1)
    where = [(f.start, f.end) for f in ctx.facts if f.kind == "address"]
    if t.key in _HOLD_KEYS:
        where += [(f.start, f.end) for f in ctx.facts if f.kind == "date"]
        where += [m.span(1) for m in _NUMBERED.finditer(ctx.text)]
    for j, x in enumerate(toks):
        if j == k:
            continue
        if x.key in _NEGATIONS:
            return False
        if any(c.isdigit() for c in x.text) and not any(s <= x.start < e for s, e in where):
            return False
        if x.pos == "ADJS" or (x.pos == "PRTS" and x.key not in VISIT_KEYS | _HOLD_KEYS):
            return False
    s, e = toks[0].start, toks[-1].end
    if re.search(r"[:—–]", ctx.text[s:e]):
        return False
    # «Осмотрели дерево, оно здоровое»: a clause with no verb of its own that opens with what
    # it is about states how things are
    clause: list[Token] = []
    for j, x in enumerate(toks):
        clause.append(x)
        if j + 1 == len(toks) or re.search(r"[,;]", ctx.text[x.end : toks[j + 1].start]):
            if not any(y.pos in _VERBAL for y in clause) and clause[0].pos in ("NPRO", "NOUN"):
                return False
            clause = []
    return True


# what is done to a term: «срок продлён», «срок перенесён»
_TERM_KEYS = frozenset({"продлить", "продлевать", "перенести", "переносить", "изменить"})


def _purpose(ctx: Context, toks: list[Token], k: int) -> bool:
    """The verb at ``k`` is in a «чтобы»-clause («…, чтобы двор снова стал чистым»): the aim,
    not something done or found."""
    for j in range(k - 1, -1, -1):
        if toks[j].key == "чтобы":
            return True
        if any(c in ctx.text[toks[j].end : toks[j + 1].start] for c in ",;:—–"):
            return False
    return False


def _everything(toks: list[Token], k: int) -> bool:
    """«Сделаем всё, чтобы двор стал чистым», «делаем всё возможное»: «всё» is what the verb
    promises — no thing named (not «уберём все ямы»: «все» goes with a noun)."""
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    if nxt is None or nxt.text.lower() not in ("всё", "все"):
        return False
    after = toks[k + 2] if k + 2 < len(toks) else None
    return after is None or after.pos != "NOUN"


# verbs that carry work out, said of a kind of work: «работы продолжат», «ремонт начнётся»
EXECUTE_KEYS = frozenset(
    {"продолжить", "завершить", "закончить", "начать", "осуществить", "возобновить"}
)
_NOT_WORK = frozenset(
    {"мочь", "смочь", "стать", "рекомендовать", "просить", "напомнить"}
    # paying is no work on the problem: «их оплатят из фонда капремонта», «компенсируют 50 %»
    | {"оплатить", "оплачивать", "компенсировать", "возместить", "возмещать", "выплатить"}
    | {"выплачивать", "перечислить"}
)


def _appeal_nouns(ctx: Context) -> frozenset[str]:
    """The appeal's own nouns, less the ones every appeal has."""
    if ctx.appeal_doc is None:
        return frozenset()
    nouns = {t.key for t in ctx.appeal_doc.tokens if t.pos == "NOUN"}
    return frozenset(nouns - GENERIC_NOUNS - _TOO_WIDE)


def _after_be(toks: list[Token], k: int) -> bool:
    """«будет рассмотрено»: a short participle after future «быть» is a promise."""
    return any(x.key == "быть" and "futr" in x.tag for x in toks[max(0, k - 3) : k])


# process verbs only in their reflexive form: «разберёмся» (sort it out), not «завал разберут»
# (clear it away); «специалисты занимаются», not «занимает участок»
_REFLEXIVE_ONLY = frozenset({"разобрать", "разбирать", "занимать"})


def _process_verb(t: Token) -> bool:
    if t.key in _REFLEXIVE_ONLY:
        return t.text.lower().endswith(("ся", "сь"))
    return t.key in PROCESS_KEYS


def _promise_verb(ctx: Context, toks: list[Token], k: int) -> bool:
    """A verb that promises something done, in the two constructions replies promise work in: an
    indefinite-personal perfective future («проезд заасфальтируют», «работы продолжат») or one
    said of an organisation («подрядчик заасфальтирует»); a short participle after future «быть»
    said of a thing or of work («переход будет оборудован», «работы будут продолжены»; not «вопрос
    будет решён», «выполнение работ будет расценено как …»). Not a process verb («разберёмся»,
    «ответ будет направлен вам»)."""
    t = toks[k]
    if _we_will_short(t):
        return True  # «Ремонт подъезда выполним в приоритетном порядке», «Поправим.»
    if t.key in FIX_KEYS and _we_will(t) and not _negated(toks, k):
        return not _everything(toks, k)  # «Вопрос решим», «Сделаем.»; not «сделаем всё, чтобы …»
    if _process_verb(t) or t.key in NON_ACTION_KEYS | REPORTING_KEYS | _NOT_WORK:
        return False
    if _everything(toks, k):
        return False  # «сделаем всё, чтобы …»: no work named
    if t.key in _TELL_KEYS and _info_sought(toks, k):
        return False  # «информацию Вам предоставят …»: telling is no work
    if t.pos == "INFN" and any(x.key in INTENT_KEYS for x in toks[max(0, k - 2) : k]):
        return True  # «УК обещает починить дверь», «подрядчик планирует заасфальтировать»
    if t.pos == "INFN" and any(
        x.key == "обязать" and x.text.lower().endswith(("ся", "сь")) and not _negated(toks, j)
        for j, x in enumerate(toks[: k + 1])
        if k - 2 <= j < k
    ):
        return True  # «УК обязалась покрасить подъезд» (not «суд обязал», «не может обязать»)
    if t.key in PAPER_KEYS or t.key == "подготовить":
        moved = _thing_moved(ctx, ctx.doc.tokens.index(toks[0]) + k)
        if moved is None or moved.key in PAPER_NOUNS | PAPER_NOUNS_IF_YOURS | PROCESS_PAPERS:
            return False
        if t.pos == "VERB" and "futr" in t.tag and "perf" in t.tag:
            return True  # «мы направим бригаду»: people sent to the problem
    if t.pos == "VERB" and "futr" in t.tag and "perf" in t.tag and "1per" in t.tag:
        return "plur" in t.tag and "tran" in t.tag  # «мы добавим рейс»
    if t.pos == "VERB" and all(g in t.tag for g in ("futr", "perf", "3per")):
        # «работы по ремонту кровли начнутся …», «подсветка моста заработает снова …»
        subj = _subject(toks, k, ctx.text)
        work = (
            subj is not None
            and (subj.key in WORK_NOUNS or subj.key == "работа")
            and t.key in ACTION_KEYS | EXECUTE_KEYS
        )
        if t.text.lower().endswith(("ся", "сь")):
            # «работы начнутся»; not «мусор вывозится согласно графику», which the tagger
            # reads as a perfective future: a routine, not a promise
            return work
        if work or (subj is not None and subj.key in _appeal_nouns(ctx)):
            return True
        if "tran" not in t.tag:
            return False
        if "plur" in t.tag:
            return True
        return any(x.key in ORG_KEYS for x in toks) or any(
            f.kind == "org" and ctx.doc.sentence_of(f.start) == t.sent for f in ctx.facts
        )
    if t.pos != "PRTS" or not any(
        x.key == "быть" and "futr" in x.tag for x in toks[max(0, k - 3) : k]
    ):
        return False
    subject = _subject(toks, k, ctx.text)
    if subject is None:
        return False
    if subject.key in WORK_NOUNS or subject.key == "работа":
        # «работы будут продолжены»; not «устранение … будет расценено как нецелевое»
        return t.key in ACTION_KEYS | EXECUTE_KEYS
    if subject.key in PAPER_NOUNS | PROCESS_PAPERS | _ABSTRACT:
        return False  # «ответ будет размещён на портале», «ситуация будет урегулирована»
    # a thing, not an abstraction: not a generic noun, not a verbal noun («выполнение»)
    return subject.key not in GENERIC_NOUNS | PROCESS_NOUNS and not subject.key.endswith(
        ("ние", "тие")
    )


def _we_will(t: Token) -> bool:
    """A perfective future of the first person plural: «сделаем», «решим», «поправим» (the last
    read by the tagger as a short adjective, ``_we_will_short``)."""
    return _we_will_short(t) or (
        t.pos == "VERB" and all(g in t.tag for g in ("futr", "perf", "1per", "plur"))
    )


def _we_will_short(t: Token) -> bool:
    """«выполним», «исправим», «заменим»: the tagger reads the first person plural future as the
    short form of an «-имый» adjective («выполнимый»); in a reply it is the agency's promise."""
    return (
        t.pos == "ADJS"
        and t.key.endswith("имый")
        and t.text.lower().endswith("им")
        and "masc" in t.tag
        # a work verb («выполнимый» → «выполнить»), not telling: «поэтому объясним: …»
        and t.key[:-4] + "ить" in ACTION_KEYS | FIX_KEYS
    )


def _subject(toks: list[Token], k: int, text: str = "") -> Token | None:
    """The subject of the verb at ``k`` within its clause (``text`` given: clauses end at «,»
    «;» «:» «—»): the noun right before the verb, else the clause's first noun in the
    nominative, else one after the verb («ул.» and other abbreviations are not subjects)."""

    def cut(j: int) -> bool:  # a clause boundary between toks[j] and toks[j + 1]
        return bool(text) and any(c in text[toks[j].end : toks[j + 1].start] for c in ",;:—–")

    lo = k
    while lo > 0 and not cut(lo - 1):
        lo -= 1
    hi = k
    while hi + 1 < len(toks) and not cut(hi):
        hi += 1

    def nominative(x: Token) -> bool:
        # a noun opening the sentence is its subject whatever case the tagger guessed
        # («Работы по ремонту …» read as a genitive singular)
        return x.pos == "NOUN" and "Abbr" not in x.tag and ("nomn" in x.tag or x is toks[0])

    # right before the verb («…, работы начнутся в 2026 году»; the tagger's case aside when no
    # preposition governs it), else the head of the clause, not a nominative-looking word
    # inside its address («ул. Революции»)
    prev = toks[k - 1] if k > lo else None
    if (
        prev is not None
        and prev.pos == "NOUN"
        and not any(g in prev.tag for g in ("Abbr", "Surn", "Name", "Patr", "Geox"))
        and (k < 2 or toks[k - 2].pos != "PREP")
        and not any(c in prev.tag for c in ("datv", "ablt", "loct"))
    ):
        return prev
    before = next((x for x in toks[lo:k] if nominative(x)), None)
    return before or next((x for x in toks[k + 1 : hi + 1] if nominative(x)), None)


def _more_promises(ctx: Context) -> set[int]:
    """Sentences that promise work in words the action list does not hold: «проезд
    заасфальтируют», «работы по благоустройству будут продолжены», «переход будет оборудован» —
    said of the thing the appeal is about or of a kind of work. Not negated, not on the
    citizen's own step («соберите собрание, и УК поставит шлагбаум»)."""
    appeal = _appeal_nouns(ctx)
    out = set()
    for i, toks in enumerate(ctx.doc.by_sentence):
        if any(
            "impr" in t.tag and (t.text[:1].islower() or j == 0) and not _negated(toks, j)
            for j, t in enumerate(toks)
        ):
            # the citizen's own step («Соберите собрание, и УК поставит шлагбаум»; not «не
            # переживайте», a reassurance)
            continue
        nouns = {t.key for t in toks if t.pos == "NOUN"}
        # «Сделаем.», «Вопрос решим, спасибо за сигнал», «Заменим на днях»: the agency's own
        # promise whose object is the appeal's problem, left out or called «вопрос» /
        # «проблема» (a noun after a preposition is no object: «на днях», «за сигнал»)
        objects = {
            t.key for j, t in enumerate(toks) if t.pos == "NOUN" and not _after_preposition(toks, j)
        }
        left_out = objects <= PAPER_NOUNS | _ABSTRACT | _MATTER_OPENERS and any(
            _we_will(t) and (t.key in FIX_KEYS | ACTION_KEYS or _we_will_short(t)) for t in toks
        )
        if not (nouns & (appeal | WORK_NOUNS)) and not left_out:
            continue
        for k, t in enumerate(toks):
            if any(x.key in _CANNOT for x in toks[:k]):
                break  # «Посадить дерево здесь нельзя: корни повредят трубы»: why not, no promise
            if (
                "2per" not in t.tag
                and _promise_verb(ctx, toks, k)
                and not any(x.key in ("не", "нет") for x in toks[max(0, k - 3) : k])
            ):
                out.add(i)
                break
    return out


def _after_preposition(toks: list[Token], j: int) -> bool:
    """A preposition governs the noun at ``j`` (right before it, or before its adjective)."""
    before = [x for x in toks[max(0, j - 2) : j] if x.sent == toks[j].sent]
    return bool(before) and (
        before[-1].pos == "PREP"
        or (len(before) == 2 and before[0].pos == "PREP" and before[1].pos == "ADJF")
    )


# a refusal: what follows it in the sentence is the reason, not a promise
_CANNOT = frozenset({"нельзя", "невозможно", "недопустимо"})


# nouns every appeal has: overlap on them does not tie a promise to the problem
_TOO_WIDE = frozenset({"дом", "улица", "квартира", "двор", "житель", "человек"})
