"""Is every fact traceable and consistent? UNGROUNDED, CONTRADICTION.

What rules can do here (and what they cannot): a fact is grounded when its normalised form is
in the appeal or a source — an invented date, time, phone, norm or organisation is caught; a
fact that is in a source but misapplied (the right norm for the wrong case) is not. In a
generated draft two things only the executor can know are held to the sources too: a stated
cause («в результате прорыва трубы») must stand in a sentence of the appeal or a source, and
work reported done must not be what the sources only plan (or, when the sources are rules
alone, anything at all). CONTRADICTION
catches three patterns: «solved» next to «will be done» about the same problem, two deadlines
for one promise, and confirmation polarity opposite to the sources; contradictions that need
understanding (a different amount, the wrong agency) are beyond these rules.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re

from drafter.quality.context import Context
from drafter.quality.facts import KIND_RU, Fact, stated_causes
from drafter.quality.lexicon import (
    ACTION_KEYS,
    GENERIC_NOUNS,
    NON_ACTION_KEYS,
    NOT_A_FIX,
    PAPER_KEYS,
)
from drafter.quality.matcher import lexicon
from drafter.quality.polarity import reversals
from drafter.quality.registry import register
from drafter.quality.text import Doc, analyse

_DEADLINE_BEFORE = re.compile(r"(?:\bдо|\bпозднее|\bпозже|\bсрок\w*|\bк)\s*$", re.IGNORECASE)


def _in_quotes(text: str) -> str:
    """«text» for a message, once: a company read with its own quotes («СеверСтрой» after
    «подрядчик») is shown as it is written, not as ««СеверСтрой»»."""
    return text if text.startswith("«") and text.endswith("»") else f"«{text}»"


@register("UNGROUNDED")
def ungrounded(ctx: Context) -> None:
    if not ctx.generated and not (ctx.sources or ctx.answer_sources):
        return  # a person's reply: we only check it against sources when there are some
    g = ctx.grounding
    where = "в обращении и источниках" if ctx.sources or ctx.answer_sources else "в обращении"
    for f in ctx.facts:
        found = g.where(f)
        if found == "source" or _date_of_a_grounded_act(ctx, f):
            continue
        what = f"{KIND_RU[f.kind]} {_in_quotes(f.text.strip())}"
        if found == "other_case":
            msg = (
                f"Не подтверждено: {what} взят{_ending(f.kind)} из ответа по другому обращению — "
                "в этом обращении и в нормативных источниках этого нет."
            )
        else:
            msg = f"Не подтверждено: {what} — этого нет {where}."
        ctx.add("UNGROUNDED", "blocker", f.start, f.end, msg)
    _weekday_of_a_date(ctx)
    if not ctx.generated:
        return  # the executor knows the causes and the work done; a draft can only copy them
    for c in stated_causes(ctx.text):
        if not g.has_cause(c):
            ctx.add(
                "UNGROUNDED",
                "blocker",
                c.start,
                c.end,
                f"Не подтверждено: причина «{c.text.strip()}» — её нет {where}.",
            )
    _claim_of_work_pending(ctx)
    _named_person(ctx, where)


# A person named in a draft («мастер Кузнецов В. А.», «директор Смирнова Ольга Николаевна»): the
# executor knows who did what; a draft can only copy the name, and the initials with it.
_PATRONYMIC = r"[А-ЯЁ][а-яё]+(?:вич|вн|ичн)[а-яё]*"
_CAP = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
_PERSON = re.compile(
    rf"(?<![А-ЯЁа-яё.])(?:(?P<s1>{_CAP})\s+(?P<i1>[А-ЯЁ])\.\s*(?P<j1>[А-ЯЁ])\."
    rf"|(?P<i2>[А-ЯЁ])\.\s*(?P<j2>[А-ЯЁ])\.\s*(?P<s2>{_CAP})"
    rf"|(?P<s3>{_CAP})\s+(?P<i3>{_CAP})\s+(?P<j3>{_PATRONYMIC})"
    rf"|(?P<i4>{_CAP})\s+(?P<j4>{_PATRONYMIC})\s+(?P<s4>{_CAP}))(?![А-ЯЁа-яё])"
)
# «ул. Н. А. Островского», «имени С. М. Кирова»: a name inside an address or an institution's name
_NAMED_AFTER = re.compile(
    r"(?:ул\.|улиц\w*|пр\.|пр-т|проспект\w*|пер\.|переул\w*|пл\.|площад\w*|бульвар\w*|наб\."
    r"|набережн\w*|имени|им\.)\s*$",
    re.IGNORECASE,
)


def _persons(text: str) -> list[tuple[int, int, str, str, bool]]:
    """(start, end, surname, initials, written out) of the people ``text`` names by surname with
    initials or with first name and patronymic (written out); not a street or a school named
    after someone."""
    out = []
    for m in _PERSON.finditer(text):
        if _NAMED_AFTER.search(text[max(0, m.start() - 20) : m.start()]):
            continue
        n = next(i for i in "1234" if m[f"s{i}"])
        surname = analyse(m[f"s{n}"].lower().replace("ё", "е"))
        if surname.known and not surname.person:
            continue  # «Уважаемая Ольга Петровна»: a word of the sentence, not a surname
        initials = (m[f"i{n}"][0] + m[f"j{n}"][0]).lower()
        out.append((m.start(), m.end(), m[f"s{n}"].lower(), initials, n in "34"))
    return out


def _same_surname(a: str, b: str) -> bool:
    """One surname in two cases («Петрова», «Петровой»; «Кузнецов», «Кузнецову»)."""
    stem = len(os.path.commonprefix([a, b]))
    return stem >= 4 and stem >= max(len(a), len(b)) - 3


def _named_person(ctx: Context, where: str) -> None:
    if not ctx.generated:
        return
    texts = [*ctx.sources, *ctx.answer_sources]
    if ctx.appeal:
        texts += [ctx.appeal.text, ctx.appeal.author_name or ""]
    joined = "\n".join(texts)
    known = [(s, i, full) for _, _, s, i, full in _persons(joined)]
    # a surname the texts give alone («мастер Сидоров»), not a street named after someone («ул.
    # Захарова» names no foreman Захаров)
    capitalised = {
        m.group().lower()
        for m in re.finditer(_CAP, joined)
        if not _NAMED_AFTER.search(joined[max(0, m.start() - 20) : m.start()])
    }
    for start, end, surname, initials, full in _persons(ctx.text):
        named = [(i, f) for s, i, f in known if _same_surname(s, surname)]
        # «Сорокина Нина Викторовна» for the texts' «Сорокина Н. В.»: a first name written out
        # from its initial is invented
        if any(i == initials and (f or not full) for i, f in named) or (
            not named and not full and any(_same_surname(w, surname) for w in capitalised)
        ):
            continue  # the texts' person, or a surname they give without initials
        ctx.add(
            "UNGROUNDED",
            "blocker",
            start,
            end,
            f"Не подтверждено: имя «{ctx.text[start:end]}» — его нет {where}.",
        )


_ACT_DATE_AFTER = re.compile(r"\s*от\s*")
_ACT_DATE_BEFORE = re.compile(r"\s*(?:г\.|года)?\s*")
_FROM_BEFORE = re.compile(r"(?<![а-яё])от\s*$")


def _date_of_a_grounded_act(ctx: Context, f: Fact) -> bool:
    """«Федеральный закон № 59-ФЗ от 02.05.2006», «закон от 2 мая 2006 г. № 59-ФЗ»: the date
    beside a norm the sources cite is that act's own date, known wherever the act is."""
    if f.kind != "date":
        return False
    for n in ctx.facts:
        if n.kind != "norm" or not ctx.grounding.has(n):
            continue
        after = n.end <= f.start and _ACT_DATE_AFTER.fullmatch(ctx.text[n.end : f.start])
        before = (
            f.end <= n.start
            and _ACT_DATE_BEFORE.fullmatch(ctx.text[f.end : n.start])
            and _FROM_BEFORE.search(ctx.text[max(0, f.start - 4) : f.start])
        )
        if after or before:
            return True
    return False


_WEEKDAY = r"(понедельник|вторник|сред[ау]|четверг|пятниц[ау]|суббот[ау]|воскресенье)"
_WEEKDAY_BEFORE = re.compile(r"(?i)(?<![а-яё])" + _WEEKDAY + r"[\s,(]{0,3}$")
_WEEKDAY_AFTER = re.compile(r"(?i)^[\s,(]{0,3}(?:в\s+|во\s+)?" + _WEEKDAY + r"(?![а-яё])")
_WEEKDAYS = ("пон", "вто", "сре", "чет", "пят", "суб", "вос")


def _weekday_of_a_date(ctx: Context) -> None:
    """«в пятницу, 12 марта» where 12 March of the case's year is a Thursday: the weekday is a
    fact of its own, and the reply's is wrong. The year is the date's, else the one a source
    gives to the same day; a date no text gives a year is left alone."""
    years = {
        (f.key[1], f.key[2]): f.key[3]
        for f in ctx.grounding.case.facts
        if f.kind == "date" and f.key[3]
    }
    for f in ctx.facts:
        if f.kind != "date":
            continue
        _, d, m, y = f.key
        year = y or years.get((d, m))
        named = _WEEKDAY_BEFORE.search(ctx.text[max(0, f.start - 20) : f.start]) or (
            _WEEKDAY_AFTER.search(ctx.text[f.end : f.end + 20])
        )
        if not (year and named):
            continue
        try:
            day = dt.date(year, m, d)
        except ValueError:
            continue
        if not named[1].lower().startswith(_WEEKDAYS[day.weekday()]):
            ctx.add(
                "UNGROUNDED",
                "blocker",
                f.start,
                f.end,
                f"Не подтверждено: «{named[1]}» — {f.text.strip()} {year} года другой день недели.",
            )
            return


# «включено в график / план / программу»: work scheduled, not done
# «назначена на 12.07»: set for a day
_SCHEDULED = re.compile(
    r"(?i)включ\w*\s+(?:\w+\s+)?в\s+(?:план|график|программ|перечень)|назначен\w*\s+на\s"
)


def _claim_of_work_pending(ctx: Context) -> None:
    """«Работы выполнены», «бригада устранила течь» while the executor's facts only plan the work
    («до 18.05», «включена в график», «заявка передана»), or while the sources are rules that
    say nothing of this case: the draft reports as done what nobody said is done. The brush-off
    formula («приняты меры») is OTPISKA's, not a fact."""
    if not ctx.sources:
        return
    docs = [Context(text=t) for t in ctx.sources if t]
    if any(d.solved or d.state_result or d.resolved for d in docs):
        return  # something is reported done: the draft's claim may be that
    if any(_pending(d) for d in docs):
        why = "источники говорят, что работы только запланированы, а не выполнены"
    elif not any(f.kind in _CASE_KINDS for d in docs for f in d.facts) and any(
        _a_rule(d) for d in docs
    ):
        why = "источники — только правила, о выполненной работе в них ничего нет"
    else:
        return
    formula = set(ctx.brush_off_sentences)
    if not any(_pending(d) for d in docs):
        # «обязанность установлена Правилами № 491»: a sentence that cites a norm tells the rule
        formula |= {ctx.doc.sentence_of(f.start) for f in ctx.facts if f.kind == "norm"}
        formula |= _set_by_a_document(ctx)
    # a day the sources give to the work itself, not as a deadline («вывоз — 11.03.2026», not
    # «до 20.03.2026»): the draft may report the work done that day
    done_on = {
        f.key[1:3]  # day and month: «вывезли 11 марта» is «вывоз — 11.03.2026»
        for d in docs
        for f in d.facts
        if f.kind == "date" and not _DEADLINE_BEFORE.search(d.text[max(0, f.start - 20) : f.start])
    }
    reported = _reported_work(docs)
    for i, (s, e) in enumerate(ctx.doc.sentences):
        sentence = Context(text=ctx.text[s:e])
        if any(f.kind == "date" and f.key[1:3] in done_on for f in sentence.facts):
            continue
        if _what_is_worked_on(sentence) & reported:
            continue  # «сняли асфальт» where a source lists «демонтаж асфальта» with no date
        done = sentence.solved or _already_done(sentence)
        if done and _told_already(sentence, ctx, docs):
            continue
        if done and i not in formula and not _until(sentence) and not _may_be(sentence):
            claim = ctx.text[s:e].strip()[:80]
            ctx.add("UNGROUNDED", "blocker", s, e, f"Не подтверждено: «{claim}» — {why}.")
            return


# «приступил к работам», «работы начались»: work begun, not done
_START_KEYS = frozenset({"приступить", "начать", "начаться", "стартовать"})


def _told_already(sentence: Context, ctx: Context, docs: list[Context]) -> bool:
    """The sentence's verbs of work done («закрыли», «приступил») tell what is known already:
    the appeal says it in the past tense («почему закрыли проезд?» — «проезд закрыли, потому
    что …»), or they only say the work has begun and a source says so too («работы начаты»)."""
    toks = sentence.doc.tokens
    verbs = {
        t.key
        for i, t in enumerate(toks)
        if t.key in ACTION_KEYS
        and "past" in t.tag
        and t.key not in NOT_A_FIX
        and not any(p.key in ("не", "нет") for p in toks[max(0, i - 2) : i])
    }
    if not verbs:
        return False
    appeal = ctx.appeal_doc
    told = {t.key for t in appeal.tokens if "past" in t.tag} if appeal else set()
    if verbs <= told:
        return True
    begun = any(t.key in _START_KEYS or t.key == "начатый" for d in docs for t in d.doc.tokens)
    return verbs <= _START_KEYS and begun


# «может быть привлечена», «должна быть устранена»: what may or must be, not what was done
_MODAL_KEYS = frozenset({"мочь", "должный", "должен", "следовать", "обязанный", "обязан"})


def _may_be(d: Context) -> bool:
    toks = d.doc.tokens
    return any(
        t.key == "быть"
        and "INFN" in t.tag
        and any(p.key in _MODAL_KEYS for p in toks[max(0, i - 2) : i])
        for i, t in enumerate(toks)
    )


def _already_done(d: Context) -> bool:
    """«Снег с крыши уже сбросили», «асфальт уже переложили»: «уже» and a perfective verb in the
    past plural with no subject (the agency's crew; not the paperwork's: «уже направили»; not a
    telling «мы уже отвечали», not a purchase «УК уже купила») — done, whichever work verb it is."""
    toks = d.doc.tokens
    if not any(t.key == "уже" for t in toks):
        return False
    return any(
        t.pos == "VERB"
        and {"past", "perf", "plur"} <= set(t.tag.replace(" ", ",").split(","))
        and not any(p.key in ("мы", "они", "вы") for p in toks if p.sent == t.sent)
        and t.key not in NON_ACTION_KEYS
        and t.key not in PAPER_KEYS
        and not any(p.key in ("не", "нет") for p in toks[max(0, i - 2) : i])
        for i, t in enumerate(toks)
    )


def _a_rule(d: Context) -> bool:
    """The text states a rule: it cites a norm or names a kind of document that sets one
    («Правила благоустройства: …», «обязанность управляющей организации»). A source with
    neither and no case facts («Расчётный центр: перерасчёт 420 руб.») is an executor's note."""
    if any(f.kind == "norm" for f in d.facts):
        return True
    return any(t.key in _DOCUMENT_KEYS or t.key in _DUTY_KEYS for t in d.doc.tokens)


_DUTY_KEYS = frozenset({"обязанность", "обязанный", "обязан", "должный", "запрещаться", "запрет"})
# a clause of an executor's note: «демонтаж асфальта и замена бордюров на ул. Учебной, покрытие
# до 20 июля» is two
_CLAUSE_END = re.compile(r"[,;]")
_WHEN_WORDS = frozenset({"срок", "дата", "плановый", "планируемый"})


def _reported_work(docs: list[Context]) -> frozenset[str]:
    """What the sources' notes list as work with no date, deadline or plan: «демонтаж асфальта
    и замена бордюров, покрытие до 20 июля» reports the first two done (the executor's facts
    name work done so). A clause with a date is left to the day the draft gives (``done_on``);
    one with a plan or a deadline is pending, and so is one whose next clause is only its when
    («вывоз у д. 7, срок — до 14.06»)."""
    out: set[str] = set()
    for d in docs:
        for s, e in d.doc.sentences:
            clauses = [Context(text=c) for c in _CLAUSE_END.split(d.text[s:e]) if c.strip()]
            later = [_undone(c) for c in clauses]
            for i, c in enumerate(clauses):
                work = _what_is_worked_on(c) - _WHEN_WORDS
                if later[i] or _a_rule(c):
                    continue
                nxt = clauses[i + 1] if i + 1 < len(clauses) else None
                if nxt is not None and later[i + 1] and not _what_is_worked_on(nxt) - _WHEN_WORDS:
                    continue
                out |= work
    return frozenset(out)


def _undone(c: Context) -> bool:
    """A clause that plans its work or dates it (a day, an hour, a year: «капремонт кровли —
    2027 г.»)."""
    return _pending(c) or any(f.kind in ("date", "time") or _a_year(f) for f in c.facts)


_YEAR = re.compile(r"(?:19|20)\d\d\s*(?:г\.?|год\w*)", re.IGNORECASE)


def _a_year(f: Fact) -> bool:
    return f.kind == "number" and bool(_YEAR.fullmatch(f.text.strip()))


def _what_is_worked_on(d: Context) -> frozenset[str]:
    """The nouns a text works on, outside its addresses and organisations' names and beyond
    the generic ones: «асфальт», «бордюр»."""
    names = [(f.start, f.end) for f in d.facts if f.kind in ("address", "org")]
    return frozenset(
        t.key
        for t in d.doc.tokens
        if t.pos == "NOUN"
        and t.key not in GENERIC_NOUNS
        and not any(a <= t.start < b for a, b in names)
    )


# facts that describe one case: a source with none of them is a rule
_CASE_KINDS = frozenset({"date", "address", "time", "doc"})


# documents that set a rule: «установлена Правилами», «предусмотрено законом»
_DOCUMENT_KEYS = frozenset(
    {"правило", "закон", "кодекс", "постановление", "приказ", "распоряжение", "норма"}
    | {"стандарт", "регламент", "санпин", "гост", "снип", "положение", "договор"}
)


def _set_by_a_document(ctx: Context) -> set[int]:
    """Sentences where a passive participle's agent is a document («обязанность установлена
    Правилами № 491»): they tell a rule, not work done."""
    toks = ctx.doc.tokens
    return {
        t.sent
        for t, nxt in itertools.pairwise(toks)
        if t.pos == "PRTS" and nxt.key in _DOCUMENT_KEYS and "ablt" in nxt.tag
    }


def _until(d: Context) -> bool:
    """«остановку перенесли до 30 сентября», «проезд закрыт до 1 июня»: a state that lasts until
    a date, not work finished."""
    return any(
        f.kind == "date" and re.search(r"\bдо\s*$", d.text[max(0, f.start - 5) : f.start])
        for f in d.facts
    )


def _pending(d: Context) -> bool:
    """The text plans work or moves a paper: «до 18.05.2027», «включена в график», «заявка
    передана в аварийную службу», «будет заменена»."""
    toks = d.doc.tokens
    if d.future_work or _SCHEDULED.search(d.text):
        return True
    if any(t.key in PAPER_KEYS and "past" in t.tag for t in toks):
        return True
    return any(
        f.kind == "date" and _DEADLINE_BEFORE.search(d.text[max(0, f.start - 20) : f.start])
        for f in d.facts
    )


def _ending(kind: str) -> str:
    """Agreement of «взят» with the fact's noun: адрес/телефон взят, дата взята, число взято."""
    return {"date": "а", "number": "о", "norm": "а", "org": "а", "doc": "", "time": "о"}.get(
        kind, ""
    )


@register("CONTRADICTION")
def contradiction(ctx: Context) -> None:
    if _solved_but_promised(ctx) or _two_deadlines(ctx):
        return
    if not _against_sources(ctx):
        _turned_around(ctx)


def _turned_around(ctx: Context) -> None:
    """A sentence that restates a source sentence the other way round (drafter.quality.polarity):
    «установлено согласно правил» where the executor's facts say «допущены нарушения Правил»."""
    for r in reversals(ctx.text, ctx.sources, doc=ctx.doc)[:1]:
        ctx.add(
            "CONTRADICTION",
            "blocker",
            r.start,
            r.end,
            f"Ответ говорит обратное источнику («{r.word}»): там сказано «{r.source_sentence[:120]}».",
        )


def _solved_but_promised(ctx: Context) -> bool:
    claims = [(m, "проблема решена") for m in ctx.resolved] + [
        (m, "факты не подтвердились") for m in ctx.not_confirmed
    ]
    if not claims or not ctx.future_work:
        return False
    extra = {ctx.doc.tokens[m.first].sent for m in lexicon("ADDITIONAL_WORK").find(ctx.doc)}
    for i in ctx.future_work:
        if extra & {i, i - 1, i - 2}:
            continue  # «также», «капитальный ремонт»: more work, not the same work again
        promised = _specific_nouns(ctx, i)
        for m, said in claims:
            j = ctx.doc.tokens[m.first].sent
            if j == i or j in extra:
                continue
            claimed = _specific_nouns(ctx, j)
            if promised and claimed and not promised & claimed:
                continue  # the promise is about something else («светильник будет демонтирован»)
            s, e = ctx.doc.sentences[i]
            ctx.add(
                "CONTRADICTION",
                "blocker",
                min(m.start, s),
                max(m.end, e),
                f"Противоречие: сказано «{ctx.text[m.start : m.end]}» ({said}), и тут же обещаны "
                f"работы: «{ctx.text[s:e][:80]}».",
            )
            return True
    return False


def _specific_nouns(ctx: Context, i: int) -> set[str]:
    return {t.key for t in ctx.doc.by_sentence[i] if t.pos == "NOUN"} - GENERIC_NOUNS


def _two_deadlines(ctx: Context) -> bool:
    promised = set(ctx.future_work)
    deadlines = [
        f
        for f in ctx.facts
        if f.kind == "date"
        and ctx.doc.sentence_of(f.start) in promised
        and _DEADLINE_BEFORE.search(ctx.text[max(0, f.start - 20) : f.start])
    ]
    days = {(f.key[1], f.key[2]) for f in deadlines}
    if len(days) >= 2:
        a, b = (
            deadlines[0],
            next(
                f
                for f in deadlines
                if (f.key[1], f.key[2]) != (deadlines[0].key[1], deadlines[0].key[2])
            ),
        )
        ctx.add(
            "CONTRADICTION",
            "blocker",
            a.start,
            b.end,
            f"Два разных срока для одного обещания: «{a.text}» и «{b.text}».",
        )
        return True
    return False


def _against_sources(ctx: Context) -> bool:
    if not ctx.sources:
        return False
    draft_no, draft_yes = ctx.not_confirmed, ctx.confirmed
    if not (draft_no or draft_yes):
        return False
    src_yes = src_no = False
    for text in ctx.sources:
        d = Doc(text)
        no = lexicon("NOT_CONFIRMED").find(d)
        src_no = src_no or bool(no)
        yes = [m for m in lexicon("CONFIRMED").find(d) if not _neg(d, m.first)]
        src_yes = src_yes or bool(yes)
    if draft_no and src_yes and not src_no:
        m = draft_no[0]
        ctx.add(
            "CONTRADICTION",
            "blocker",
            m.start,
            m.end,
            f"Ответ говорит «{ctx.text[m.start : m.end]}», а источники — что нарушение подтвердилось.",
        )
        return True
    if draft_yes and src_no and not src_yes:
        m = draft_yes[0]
        ctx.add(
            "CONTRADICTION",
            "blocker",
            m.start,
            m.end,
            f"Ответ говорит «{ctx.text[m.start : m.end]}», а источники — что факты не подтвердились.",
        )
        return True
    return False


def _neg(d: Doc, i: int) -> bool:
    return any(d.tokens[j].key in ("не", "нет") for j in range(max(0, i - 2), i))
