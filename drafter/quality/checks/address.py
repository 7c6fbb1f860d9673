"""How the reply addresses the citizen: NO_GREETING, IMPOLITE."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise

from drafter.quality.context import Context
from drafter.quality.learned import MARKS, judge
from drafter.quality.lexicon import (
    ABBREVIATIONS_NOT_SHOUTING,
    ACT_CAPS,
    ACTION_KEYS,
    ANIMAL_KEYS,
    ANSWER_KEYS,
    APPEAL_HANDLING_KEYS,
    APPEAL_IDEA_NOUNS,
    APPEAL_NOUNS,
    APPEAL_SCORN_KEYS,
    CARE_KEYS,
    CHARACTER_FAULT_KEYS,
    CHILD_KEYS,
    CLAIM_NOUNS,
    CLOSED_KEYS,
    COGNITIVE_KEYS,
    COMPLAIN_KEYS,
    CONFUSE_KEYS,
    CONTACT_KEYS,
    COUNT_KEYS,
    DECENT_KEYS,
    DEIGN_KEYS,
    DRAMA_NOUNS,
    EASE_EFFORT_WORDS,
    EASE_WORDS,
    EVALUATIVE_OPENER_WORDS,
    EXCLAIM_WH_KEYS,
    EXPLAIN_KEYS,
    FAMILIAR,
    FEAR_KEYS,
    FLOOD_KEYS,
    FURTHER_KEYS,
    FUTILE_KEYS,
    GO_AWAY_KEYS,
    HARD_KEYS,
    HEDGE_KEYS,
    HINDER_KEYS,
    IDLE_WATCH_KEYS,
    IMPRESSION_KEYS,
    INFORM_KEYS,
    INSULT_KEYS,
    INSULT_TARGETED_KEYS,
    IRONIC_OPENERS,
    IRONIC_PRAISE_KEYS,
    IRONIC_STANCE_PHRASES,
    KIND_REPEAT_KEYS,
    LAUGH_KEYS,
    LECTURE_KEYS,
    LITTER_KEYS,
    LOADED_QUESTION_KEYS,
    LOOKUP_KEYS,
    MOCK_PRAISE_KEYS,
    MOVE_AWAY_KEYS,
    NORM_KEYS,
    NOTICE_KEYS,
    PERSON_KEYS,
    PLEA_WORDS,
    PRAISE_WORDS,
    REASON_KEYS,
    REFLECT_KEYS,
    REPEAT_KEYS,
    REPROACH_MODALS,
    RHETORICAL_START,
    SANCTION_KEYS,
    SARCASM_NOUNS,
    SELF_BLAME_KEYS,
    SERVANT_KEYS,
    SERVICE_WORDS,
    SHOULD_HAVE_KEYS,
    SHRUG_2PER_KEYS,
    SLOW_KEYS,
    SPIT_KEYS,
    TELL_OFF_KEYS,
    TELL_OFF_STOPS,
    UNFOUNDED_KEYS,
    WAVE_AWAY_KEYS,
    WRITE_KEYS,
)
from drafter.quality.registry import register
from drafter.quality.text import Token, lemma_key
from knowledge.text import morph

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
    quoted = [(q.start(), q.end()) for q in _QUOTED.finditer(ctx.text)]
    # the citizen's words in quotes («дворник, которого вы назвали «бездельником»») are not the
    # reply's voice
    for m in (m for m in ctx.find("INSULT") if not any(a <= m.start < b for a, b in quoted)):
        ctx.add(
            "IMPOLITE",
            "blocker",
            m.start,
            m.end,
            f"Оскорбительно: «{ctx.text[m.start : m.end]}» — так с заявителем говорить нельзя.",
        )
        return
    for m in (m for m in ctx.find("IMPOLITE") if not any(a <= m.start < b for a, b in quoted)):
        ctx.add(
            "IMPOLITE",
            "blocker",
            m.start,
            m.end,
            f"Невежливо: «{ctx.text[m.start : m.end]}» — не поучайте и не обвиняйте заявителя.",
        )
        return
    found = _belittles(ctx) or _talks_down(ctx) or _scolds(ctx) or _sneers(ctx) or _judges(ctx)
    if found is not None:
        s, e, why = found
        ctx.add("IMPOLITE", "blocker", s, e, f"Невежливо: «{ctx.text[s:e]}» — {why}.")
        return
    bare = _bare_address(ctx)
    if bare is not None:
        s, e = bare
        ctx.add(
            "IMPOLITE",
            "blocker",
            s,
            e,
            f"Невежливо: «{ctx.text[s:e][:80]}» — фраза обращена к заявителю, но ничего не "
            "сообщает по делу и звучит как оценка; скажите нейтрально, что сделано.",
        )
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
        # (session 10) two shouted words of three letters or more are a shout too («висело
        # ЧЕТЫРЕ ДНЯ»); «ОБ АР» in a list of abbreviations is not
        two_words = len(run) == CAPS_RUN - 1 and all(len(t.text) >= 3 for t in run)
        if (
            len(run) < CAPS_RUN
            and not two_words
            and not any(
                t.pos in ("PRCL", "INTJ") and len(t.text) >= CAPS_WORD or "impr" in t.tag
                for t in run
            )
        ):
            continue
        before = ctx.text[max(0, run[0].start - 80) : run[0].start]
        # an act or an organisation in capitals: half the run or more are its words («ОБЩЕСТВО С
        # ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ»), not one of them in a shout («ЭТО НЕ НАША ЗОНА
        # ОТВЕТСТВЕННОСТИ»)
        if 2 * sum(t.key in ACT_CAPS for t in run) >= len(run) or _ACT_BEFORE.search(before):
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
        return
    # what no rule names — irony, mock politeness, insinuation — the learned judge may still hear
    judged = judge("IMPOLITE").verdict(ctx.text, ctx.doc.sentences)
    if judged:
        score, (s, e) = judged
        ctx.add(
            "IMPOLITE",
            "blocker",
            s,
            e,
            f"{MARKS['IMPOLITE']}: «{ctx.text[s:e][:100]}» — так звучат ирония, упрёк или снисхождение "
            f"(оценка модели тона {round(100 * score)} из 100). Скажите нейтрально, что сделано.",
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
        # the stop word governs this verb, not another verb between them («не стесняйтесь
        # писать нам»; «не повод беспокоить» and «не надо писать» are told off)
        k = max((n for n, x in enumerate(same) if x.key in TELL_OFF_STOPS), default=-1)
        if (
            k >= 0
            and any(
                x.pos in ("VERB", "INFN") and x.key not in ("стоить", "следовать")  # «не стоит …»
                for x in same[k + 1 :]
            )
        ):
            same = []
        after = [x.key for x in toks[i + 1 : i + 3] if x.sent == t.sent]
        if (
            t.key in TELL_OFF_KEYS
            and (t.pos == "INFN" or "impr" in t.tag or "2per" in t.tag)  # «учите»: 2per too
            and (
                # the stop word in the verb's own clause: «Это не к нам — пишите в …» points
                # elsewhere, it does not tell the citizen off for writing
                any(
                    x.key in TELL_OFF_STOPS and not re.search(r"[,;:—–]", ctx.text[x.end : t.start])
                    for x in same
                )
                # «драматизировать не нужно»
                or (t.pos == "INFN" and after[:1] == ["не"] and after[1:] in (["нужно"], ["надо"]))
            )
            # «УК не может перекладывать расходы на жителей» is about someone else
            and not any(x.key in _NOT_AN_ORDER for x in same)
            # «не беспокойтесь», «не торопитесь с оплатой» reassure; «не жалуйтесь» does not
            and not (t.key in ("беспокоить", "торопить") and t.text.lower().endswith(("сь", "ся")))
            # «не пишите номер карты в комментариях»: what to write, not whether to write
            and not (
                t.key in ("писать", "написать")
                and i + 1 < len(toks)
                and toks[i + 1].pos == "NOUN"
                and toks[i + 1].key not in APPEAL_NOUNS
                and toks[i + 1].key not in INSULT_KEYS
            )
        ):
            start = same[0].start if same else t.start
            return start, t.end, "не отчитывайте заявителя за то, что он пишет"
        nxt = toks[i + 1 : i + 4]
        if (
            t.key == "мы"
            and [x.key for x in nxt[:2]] == ["вы", "не"]
            and len(nxt) == 3
            and nxt[2].pos in ("NOUN", "ADJF")
        ):
            return t.start, nxt[2].end, "это отповедь, а не ответ"
        if t.key == "вы" and nxt[:1] and nxt[0].key == "сам":
            # «вы сами поставили машину …», «Вы сами не передаёте показания» (not «вы сами
            # можете выбрать», «вы сами не обязаны»)
            verb = next(
                (
                    x
                    for k, x in enumerate(nxt[1:3], 1)
                    if x.pos == "VERB"
                    and x.key != "мочь"
                    and ("past" in x.tag or nxt[k - 1].key == "не")
                ),
                None,
            )
            # «если вы сами не успеваете …» offers help; «Вы сами выбрали дату визита»
            # confirms an appointment (session 11)
            if (
                verb is not None
                and not any(x.key == "если" and x.sent == t.sent for x in toks[max(0, i - 6) : i])
                and not any(x.key in _SLOT_NOUNS and x.sent == t.sent for x in toks[i : i + 8])
            ):
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


# «нам всё равно, как …», «мне всё равно.»: indifference (not «мы всё равно проверим»)
_INDIFFERENT = re.compile(
    r"\b(?:нам|мне)\s+(?:совершенно\s+|абсолютно\s+)?вс[её]\s+равно\s*(?:[,.!—–-]|$|"
    r"(?:как|что|где|когда|кто|куда|сколько)\b)",
    re.IGNORECASE,
)
# «плесень — ваша забота», «это ваши проблемы»: the citizen's trouble handed back to them
_YOUR_PROBLEM = re.compile(
    r"(?:[—–]|\bэто)\s+(?:только\s+)?ваш[аиеу]?\w*\s+(?:личн\w+\s+)?(?:забот|проблем|бед|трудност)"
    r"\w*\s*(?:[,.!;]|$)",
    re.IGNORECASE,
)
_SECOND = frozenset({"вы", "ваш"})
_FEAR_KEYS = frozenset(
    {"бояться", "боять", "волновать", "беспокоить", "переживать", "опасать", "стеснять"}
)
_NOT_AN_ORDER = frozenset({"мочь", "должный", "вправе", "право", "стать", "иметь"})
# «ещё бы», «надо же», «вот это», «да уж», «тоже мне»: ironic openers of two words
_IRONIC_PAIRS = (("еще", "бы"), ("надо", "же"), ("вот", "это"), ("да", "уж"), ("тоже", "я"))


def _order_like(t: Token) -> bool:
    """An imperative — pymorphy reads many («запомните», «следите») as 2nd-person plural."""
    return t.pos == "VERB" and ("impr" in t.tag or ("2per" in t.tag and "plur" in t.tag))


def _targets_citizen(sent: list[Token]) -> bool:
    """The sentence speaks to the citizen or about their appeal."""
    return any(
        x.key in _SECOND
        or x.key in APPEAL_NOUNS
        or ("2per" in x.tag and x.pos == "VERB")
        or ("impr" in x.tag and x.pos == "VERB")
        for x in sent
    )


def _reported(sent: list[Token], j: int) -> bool:
    """The citizen's own words retold: «Вы пишете, что дворник — бездельник», «дворника, которого
    вы назвали бездельником», «по вашим словам, …»."""
    for k, x in enumerate(sent[:j]):
        if x.key == "называть" or x.key == "назвать":
            return True
        if (
            x.key in ("писать", "сообщать", "утверждать", "указывать", "считать", "жаловать")
            and ("2per" in x.tag or any(y.key == "вы" for y in sent[max(0, k - 2) : k]))
            and any(y.key == "что" for y in sent[k + 1 : k + 3])
        ):
            return True
        if x.key == "слово" and k and sent[k - 1].key == "ваш":
            return True
    return False


def _confirmed(sent: list[Token]) -> bool:
    """«Как вы и сказали, …», «как вы просили, …», «Как Вы и предполагали, …» (session 11):
    the citizen's words confirmed."""
    if _in_order([x.key for x in sent], ("как", "вы", "и")):
        return True
    return any(
        x.key in ("сказать", "говорить", "просить", "писать", "написать")
        and "как" in [y.key for y in sent[max(0, k - 3) : k]]
        and "вы" in [y.key for y in sent[max(0, k - 2) : k]]
        for k, x in enumerate(sent)
    )


def _belittles(ctx: Context) -> tuple[int, int, str] | None:
    """Word classes and constructions of contempt, as (start, end, why): a name for the citizen
    or their appeal («нытик», «дурацкая жалоба», «ерунду пишете»), indifference («нам плевать»,
    «не ваше дело», «никого не интересует»), condescension («вы, видимо, не в курсе», «любой
    школьник знает»), blame («по вашей вине», «такие жильцы, как вы»), mockery («ну конечно»,
    «какие мы нежные»), threats for writing, and «не нравится — переезжайте». Quoted text and
    the citizen's own words retold are not the reply's voice."""
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(ctx.text)]
    appeal_keys = ctx.appeal_doc.key_set if ctx.appeal_doc is not None else frozenset()
    for i, sent in enumerate(ctx.doc.by_sentence):
        s, e = ctx.doc.sentences[i]
        keys = [x.key for x in sent]
        kset = set(keys)
        question = ctx.text[s:e].rstrip().endswith("?")
        for j, x in enumerate(sent):
            if any(a <= x.start < b for a, b in quoted) or _reported(sent, j):
                continue
            negated = j > 0 and sent[j - 1].key in ("не", "ни")
            nxt = keys[j + 1 : j + 3]
            if x.key in appeal_keys and not (kset & _SECOND):
                continue  # the citizen's own word about someone else
            # «ул. Лёни Голикова»: a name, not «лень»
            if x.key in INSULT_KEYS and not (j and x.person and x.text[:1].isupper()):
                return x.start, x.end, "так о заявителе и его обращении не говорят"
            # «Очень смешно.», «Забавно.»: the whole sentence is the evaluation
            if (
                x.key in INSULT_TARGETED_KEYS
                and not negated
                and "если" not in kset  # «если вы недовольны ответом, …»
                and (_targets_citizen(sent) or len(sent) <= 3)
            ):
                return x.start, x.end, "не высмеивайте заявителя и его обращение"
            if x.key in GO_AWAY_KEYS and _order_like(x) and not negated:
                return x.start, x.end, "заявителя прогоняют"
            # «пустая жалоба», «нелепые претензии», «идея бредовая»
            if (
                x.key in APPEAL_SCORN_KEYS
                and not negated
                and (
                    (j + 1 < len(sent) and sent[j + 1].key in APPEAL_IDEA_NOUNS)
                    or (j and sent[j - 1].key in APPEAL_IDEA_NOUNS and x.pos in ("ADJF", "ADJS"))
                )
            ):
                return x.start, x.end, "не высмеивайте обращение заявителя"
            # «упёрлись, как баран», «олухи вроде вас», «вам подобные»
            if x.key in ANIMAL_KEYS and j and keys[j - 1] == "как":
                return x.start, x.end, "так о заявителе не говорят"
            if x.key == "вроде" and nxt[:1] == ["вы"]:
                return s, e, "так о заявителе не говорят"
            # «посмеялись над вашим письмом»
            if x.key in LAUGH_KEYS and "над" in keys[j + 1 : j + 3] and kset & _SECOND:
                return s, e, "насмешка над заявителем"
            # «пеняйте на себя», «претензии к себе»
            if x.key in SELF_BLAME_KEYS and "себя" in keys[j + 1 : j + 4]:
                return s, e, "не обвиняйте заявителя"
            # «вы уже всем надоели своими письмами» (not «вам надоело ждать»)
            if x.key in ("надоесть", "надоедать") and (
                any(y.key == "вы" and "nomn" in y.tag for y in sent[:j]) or kset & APPEAL_NOUNS
            ):
                return s, e, "грубо"
            # «одному вам холодно», «вам одной всё не так»
            if (
                x.key == "вы"
                and any(y.text.lower() in ("одному", "одной") for y in sent[max(0, j - 1) : j + 2])
                and x.text.lower() == "вам"
            ):
                return s, e, "заявителя выставляют единственным недовольным"
            # «не вам решать», «не вам указывать»
            if (
                x.key == "не"
                and nxt[:1] == ["вы"]
                and sent[j + 1].text.lower() == "вам"
                and (j + 2 < len(sent) and sent[j + 2].pos == "INFN")
            ):
                return s, e, "отповедь заявителю"
            # «вы как маленький», «как ребёнок»
            if (
                x.key == "вы"
                and nxt[:1] == ["как"]
                and (j + 2 < len(sent) and sent[j + 2].key in CHILD_KEYS | {"маленький", "дитя"})
            ):
                return s, e, "снисходительно"
            # «ваше хамство», «это ваша вина» (pymorphy reads «вина» as «вино»)
            if (
                j
                and keys[j - 1] == "ваш"
                and (
                    x.key in ("хамство", "грубость", "наглость") or x.text.lower().startswith("вин")
                )
                and "не" not in keys[max(0, j - 3) : j]
            ):
                return s, e, "не обвиняйте заявителя"
            if x.key in SPIT_KEYS and not negated and kset & {"я", "мы", "вы", "ваш"}:
                return x.start, x.end, "пренебрежение к заявителю"
            if x.key in SHRUG_2PER_KEYS and "2per" in x.tag:
                return x.start, x.end, "не отмахивайтесь от беды заявителя"
            if x.key in WAVE_AWAY_KEYS and "вы" in keys[max(0, j - 3) : j + 3]:
                return x.start, x.end, "не отмахивайтесь от того, что видит заявитель"
            # «не ваше дело», «не вашего ума дело»
            if (
                x.key == "не"
                and nxt[:1] == ["ваш"]
                and nxt[1:]
                and nxt[1] in ("дело", "ум", "забота")
            ):
                return x.start, sent[j + 2].end, "это отповедь, а не ответ"
            # «ваше мнение никого не интересует»
            if (
                x.key == "никто"
                and nxt[:1] == ["не"]
                and nxt[1:]
                and nxt[1]
                in (
                    "интересовать",
                    "волновать",
                    "держать",  # «вас никто не держит»
                )
            ):
                return x.start, sent[j + 2].end, "пренебрежение к заявителю"
            # «такие жильцы, как вы», «таких нытиков, как вы»
            if (
                x.key == "такой"
                and keys[j + 2 : j + 4] == ["как", "вы"]
                # not praise: «такие жители, как вы, делают район лучше»
                and not any(y.key in _PRAISE_KEYS for y in sent)
            ):
                return x.start, sent[j + 3].end, "не причисляйте заявителя к виноватым"
            # «все виноваты, кроме вас», «никто, кроме вас, не жалуется»
            if x.key == "кроме" and nxt[:1] == ["вы"] and kset & {"виноватый", "довольный"}:
                return s, e, "насмешка над заявителем"
            # «по вашей вине», «сами виноваты» (not «вы ни в чём не виноваты»)
            if (
                x.key == "виноватый"
                and kset & {"сам", "вы"}
                and not any(y.key in ("не", "ни") for y in sent[:j])
            ):
                return s, e, "не обвиняйте заявителя"
            if (
                x.key == "вина"
                and j
                and keys[j - 1] == "ваш"
                and "не" not in keys[max(0, j - 3) : j]
            ):
                return s, e, "не обвиняйте заявителя"
        # «вы, видимо, не в курсе», «вам, наверное, сложно понять», «очевидно, вы не читали»
        if (
            kset & HEDGE_KEYS
            and "вы" in kset
            and ("не" in kset or kset & HARD_KEYS)
            and kset & COGNITIVE_KEYS
            and not kset & {"если", "мочь", "извинить", "ошибка"}  # «…, это наша ошибка»
        ):
            return s, e, "снисходительно: не гадайте, чего заявитель не знает"
        orders = [x for x in sent if _order_like(x)]
        # «Хватит строить из себя жертву», «не стройте из себя эксперта»
        if "строить" in kset and _in_order(keys, ("из", "себя")):
            return s, e, "не приписывайте заявителю притворство"
        # «Поменьше эмоций, побольше фактов», «советуем меньше сидеть в интернете»
        if (sent and sent[0].text.lower() in ("поменьше", "побольше")) or (
            kset & {"советовать", "рекомендовать"}
            and any(x.text.lower() in ("меньше", "поменьше") for x in sent)
        ):
            return s, e, "не поучайте заявителя"
        # «Вы вообще понимаете …?», «Чего вы от нас хотите?»
        if (
            question
            and "вы" in kset
            and ("вообще" in kset or (_in_order(keys, ("от", "мы")) and "хотеть" in kset))
        ):
            return s, e, "насмешливый вопрос к заявителю; ответьте прямо"
        # «Не надоело вам …?», «Не лень вам …?» (not «Не могли бы вы …?»)
        if (
            question
            and sent[0].key == "не"
            and "вы" in kset
            and not kset & {"мочь", "подсказать", "уточнить", "хотеть"}
        ):
            return s, e, "упрёк в форме вопроса; ответьте прямо"
        # «Может, вам ещё и ковровую дорожку постелить?»
        if question and "вы" in kset and _in_order(keys, ("еще", "и")):
            return s, e, "насмешливый вопрос к заявителю; ответьте прямо"
        # «Придётся вам привыкнуть к шуму», «смиритесь»
        if kset & {"привыкнуть", "смирить"} and "вы" in kset and not kset & {"мочь", "если"}:
            return s, e, "не отмахивайтесь от беды заявителя"
        # «Хотелось бы видеть от вас меньше претензий»
        for j, x in enumerate(sent[:-1]):
            if x.text.lower() in ("меньше", "поменьше") and any(
                y.key in APPEAL_NOUNS for y in sent[j + 1 : j + 3]
            ):
                return s, e, "не упрекайте заявителя за обращения"
        # «вот и радуйтесь», «радуйтесь, что вообще свет есть»
        for j, x in enumerate(sent):
            if x.text.lower().startswith("радуйт") and (
                keys[j + 1 : j + 2] == ["что"] or keys[max(0, j - 2) : j] == ["вот", "и"]
            ):
                return s, e, "насмешка над заявителем"
        # «С вами бесполезно разговаривать», «вам бессмысленно объяснять»
        if kset & {"бесполезно", "бессмысленно"} and "вы" in kset:
            return s, e, "пренебрежение к заявителю"
        # «Ваши претензии мы читать устали»
        if "устать" in kset and (kset & APPEAL_NOUNS or kset & {"читать", "отвечать", "объяснять"}):
            return s, e, "раздражение: не жалуйтесь на заявителя ему самому"
        # «Вы, как всегда, всем недовольны», «вы вечно жалуетесь»
        if (
            "вы" in kset
            and kset & {"всегда", "обычно", "вечно", "постоянно"}
            and kset & {"недовольный", "жаловать", "ныть", "придирать"}
        ):
            return s, e, "не выставляйте заявителя вечно недовольным"
        # «Жаловаться — это ваше хобби?»
        if "хобби" in kset and kset & WRITE_KEYS:
            return s, e, "насмешка над заявителем"
        # «Вы бы ещё президенту написали»
        if _in_order(keys, ("вы", "бы", "еще")):
            return s, e, "насмешка над заявителем"
        # «Вы нам всю статистику портите своими жалобами»
        if "портить" in kset and kset & {"вы", "свой"} and any("2per" in x.tag for x in sent):
            return s, e, "не обвиняйте заявителя"
        # «делайте ремонт за свой счёт» (not «вы можете поставить шлагбаум за свой счёт»)
        if orders and _in_order(keys, ("за", "свой", "счет")) and "мочь" not in kset:
            return s, e, "заявителя отсылают прочь"
        # «Вы ничего не понимаете в …», «вы до сих пор не поняли» (not «если вы не знаете
        # номер договора», «возможно, вы не знаете, что с 1 мая …», «вы не видели объявление?»)
        if (
            not question
            and any(y.key == "вы" and "nomn" in y.tag for y in sent)
            and not kset & {"если", "мочь", "возможно", "вероятно", "может", "извинить", "ошибка"}
        ):
            for j, x in enumerate(sent[1:], 1):
                if (
                    x.key in COGNITIVE_KEYS
                    and x.pos == "VERB"
                    and keys[j - 1] == "не"
                    and keys[j + 1 : j + 2] not in (["что"], ["о"], ["об"], ["как"])
                ):
                    return s, e, "снисходительно: заявителю говорят, что он не понимает"
        # «Ваши жалобы никто читать не будет»
        if "никто" in kset and "не" in kset and _in_order(keys, ("ваш",)) and kset & APPEAL_NOUNS:
            for j, x in enumerate(sent[:-1]):
                if x.key == "ваш" and sent[j + 1].key in APPEAL_NOUNS:
                    return s, e, "пренебрежение к обращению"
        # «Мы сами знаем, что делать»
        if _in_order(keys, ("мы", "сам", "знать")):
            return s, e, "пренебрежение к заявителю"
        # «Лучше бы работали, а не жалобы писали»
        for j in range(len(sent) - 2):
            if keys[j : j + 2] == ["а", "не"] and keys[j + 2] in APPEAL_NOUNS and kset & WRITE_KEYS:
                return s, e, "не упрекайте заявителя за обращения"
        # «Хотите чистый подъезд — не мусорьте»: a condition on the citizen's behaviour
        if any(x.key == "хотеть" and "2per" in x.tag for x in sent) and any(
            _order_like(x) and j and keys[j - 1] == "не" for j, x in enumerate(sent)
        ):
            return s, e, "не поучайте заявителя"
        # «Нормальные люди в таких случаях звонят …»: the citizen measured against «normal people»
        if (
            len(sent) >= 2
            and sent[0].key in DECENT_KEYS
            and sent[1].key in PERSON_KEYS
            and not any(x.key in _SERVICE_KEYS for x in sent)
        ):
            return s, e, "не поучайте заявителя"
        # «Вы ошибаетесь» — as «Вы не правы» (not «Вы не ошиблись: счёт завышен»)
        for j, x in enumerate(sent):
            if (
                x.key in ("ошибаться", "ошибать", "ошибиться", "ошибить")
                and "2per" in x.tag
                and not (j and keys[j - 1] == "не")
                and "если" not in kset
            ):
                return s, e, "не говорите заявителю, что он ошибается; объясните, как есть"
        # «такие, как вы, снова накидают» (not «спасибо таким, как вы»)
        for j, x in enumerate(sent[:-2]):
            if (
                x.key == "такой"
                and keys[j + 1 : j + 3] == ["как", "вы"]
                and not any(y.key in _PRAISE_KEYS for y in sent)
            ):
                return s, e, "не причисляйте заявителя к виноватым"
        # «… и без ваших советов», «без ваших указаний разберёмся»
        if _in_order(keys, ("без", "ваш")) and kset & {"совет", "указание", "подсказка"}:
            return s, e, "пренебрежение к заявителю"
        # «Вы бы на себя посмотрели» (not «вы бы могли …», «нам бы хотелось»)
        for j, x in enumerate(sent[:-2]):
            if (
                x.key == "вы"
                and keys[j + 1] == "бы"
                and sent[j + 2].pos == "VERB"
                and "past" in sent[j + 2].tag
                and not kset & {"мочь", "хотеть"}
                and not question
            ):
                return s, e, "не упрекайте заявителя"
        # «Лучше бы спасибо сказали» (not «лучше бы мы …»)
        if (
            len(sent) >= 3
            and keys[:2] == ["хороший", "бы"]
            and "мы" not in kset
            and any(y.pos == "VERB" and "past" in y.tag and "plur" in y.tag for y in sent)
        ):
            return s, e, "не упрекайте заявителя"
        # «Нечего было шуметь», «нечего тут рассуждать» (not «бояться нечего», «нечего бояться»)
        for j, x in enumerate(sent[:-1]):
            if x.key == "нечего":
                nxt_verb = next(
                    (y for y in sent[j + 1 : j + 4] if y.pos == "INFN"),
                    None,
                )
                if nxt_verb is not None and nxt_verb.key not in _FEAR_KEYS:
                    return s, e, "не отчитывайте заявителя"
        # «а вы только критикуете», «вы только и делаете, что жалуетесь»
        for j, x in enumerate(sent[:-2]):
            if keys[j : j + 2] == ["вы", "только"] and any(
                "2per" in y.tag for y in sent[j + 2 : j + 4]
            ):
                return s, e, "не упрекайте заявителя"
        # «Это не жалоба, а какой-то донос»: the appeal called something else
        for j in range(len(sent) - 2):
            if (
                keys[j] == "не"
                and keys[j + 1] in APPEAL_NOUNS
                and keys[j + 2] == "а"
                and any(y.key in ("какой-то", "сплошной", "очередной") for y in sent[j + 3 :])
            ):
                return s, e, "насмешка над обращением"
        # «Вы не первый год тут живёте, должны знать», «как собственник, Вы обязаны знать», «Вам
        # должно быть известно» (not «вы не обязаны знать номер договора»)
        if (
            "вы" in kset
            and kset & {"должный", "обязать", "обязанный"}
            and kset & {"знать", "понимать", "помнить", "известно", "известный", "осознавать"}
            and not kset & {"если", "мочь"}
            and not any(
                x.key in ("должный", "обязать", "обязанный") and j and keys[j - 1] == "не"
                for j, x in enumerate(sent)
            )
        ):
            return s, e, "не поучайте заявителя"
        # «Нам некогда читать ваши письма»
        if (
            "некогда" in kset
            and "мы" in kset
            and (kset & WRITE_KEYS or kset & APPEAL_NOUNS or "читать" in kset)
        ):
            return s, e, "пренебрежение к обращению"
        # «Займитесь чем-нибудь полезным вместо писем»
        for j, x in enumerate(sent[:-1]):
            if x.key == "вместо" and sent[j + 1].key in APPEAL_NOUNS and orders:
                return s, e, "не упрекайте заявителя за обращения"
        # «Сначала оплатите долг, потом требуйте»
        if (
            "сначала" in kset
            and "потом" in kset
            and any(x.key in ("требовать", "жаловать", "писать") for x in orders)
        ):
            return s, e, "не поучайте заявителя"
        # «Стыдно должно быть …», «как вам не стыдно» (not «нам стыдно за двор»)
        if "стыдно" in kset and not kset & {"мы", "я"}:
            return s, e, "не стыдите заявителя"
        # «Ничего с вами не случится»
        if "ничего" in kset and _in_order(keys, ("с", "вы", "не")):
            return s, e, "не отмахивайтесь от беды заявителя"
        # «Мы тут работаем, а не ваши письма читаем»
        for j in range(len(sent) - 3):
            if keys[j : j + 3] == ["а", "не", "ваш"] and keys[j + 3] in APPEAL_NOUNS:
                return s, e, "пренебрежение к обращению"
        # «Подумаешь, …», «Ишь чего захотели», «Ох уж эти …», «Ещё бы вам было тепло», «Браво»
        if sent and (
            sent[0].key in IRONIC_OPENERS
            and not (sent[0].key == "подумать" and "2per" not in sent[0].tag)
            or any(tuple(keys[:2]) == p for p in _IRONIC_PAIRS)
        ):
            return s, e, "насмешливый тон"
        # a verb to «ты»: «подумаешь», «знаешь» (pymorphy reads «пень» as an order, not these)
        for x in sent:
            if (
                x.pos == "VERB"
                and "2per" in x.tag
                and "sing" in x.tag
                and "impr" not in x.tag
                and not any(a <= x.start < b for a, b in quoted)
            ):
                return x.start, x.end, "к заявителю обращаются на «вы»"
        # «без ваших советов обойдёмся», «разберёмся без вас»
        if (
            (_in_order(keys, ("без", "ваш")) or _in_order(keys, ("без", "вы")))
            and kset & {"обойти", "разобрать", "справить"}
            and "не" not in kset  # «без ваших фото нам не разобраться»
            and not question
        ):
            return s, e, "пренебрежение к заявителю"
        # «Сначала разберитесь, а потом пишите»
        if (
            "сначала" in kset
            and kset & WRITE_KEYS
            and any(
                x.key in COGNITIVE_KEYS | {"разобрать", "выяснить", "изучить", "подумать"}
                for x in orders
            )
        ):
            return s, e, "не поучайте заявителя"
        # «Вам бы законы подучить» (not «не могли бы вы», «нам бы хотелось»)
        for j, x in enumerate(sent[:-1]):
            if (
                x.key == "вы"
                and sent[j + 1].key == "бы"
                and not question
                and not kset & {"мочь", "хотеть"}
            ) and any(y.pos == "INFN" for y in sent[j + 2 : j + 5]):
                return s, e, "не упрекайте заявителя"
        # «Разжёвываем ещё раз», «в который раз объясняем»
        if (
            kset & EXPLAIN_KEYS
            and (_in_order(keys, ("еще", "раз")) or _in_order(keys, ("который", "раз")))
            and any(x.key in EXPLAIN_KEYS and "1per" in x.tag for x in sent)
        ):
            return s, e, "раздражение: заявителю объясняют «ещё раз»"
        # «это знает каждый, кто хоть раз открывал кодекс», «любой понимает»: the citizen below
        # what everyone knows (not «чтобы каждый житель знал, куда звонить»)
        if (
            kset & {"каждый", "любой", "всякий"}
            and any(
                x.key in ("знать", "понимать") and "pres" in x.tag and "3per" in x.tag for x in sent
            )
            and not kset & {"чтобы", "если", "мочь"}
        ):
            return s, e, "не поучайте заявителя"
        # «Надеемся, теперь Вы поняли …» (not «теперь вы можете …»)
        if (
            "теперь" in kset
            and "вы" in kset
            and kset & {"понять", "понимать", "понятно", "уяснить", "усвоить"}
            and not kset & {"мочь", "если"}
            and not question
        ):
            return s, e, "снисходительно"
        # «азы, которые стоит знать каждому», «это должен знать каждый»
        if (
            kset & {"каждый", "любой", "всякий"}
            and kset & {"знать", "понимать"}
            and kset
            & {
                "стоить",
                "должный",
                "надо",
                "следовать",
                "нужно",
            }
        ):
            return s, e, "не поучайте заявителя"
        # «Думать надо было, когда покупали», «надо было смотреть»
        if (
            "быть" in kset
            and kset & {"надо", "нужно", "следовать", "стоить"}
            and any(x.key in SHOULD_HAVE_KEYS and x.pos == "INFN" for x in sent)
        ):
            return s, e, "не упрекайте заявителя"
        # «Идите жалуйтесь куда хотите»
        if orders and "куда" in kset and kset & {"хотеть", "угодный", "угодно"}:
            return s, e, "заявителя отсылают прочь"
        # «Ещё одно такое письмо — и ваш аккаунт заблокируют», «за такие обвинения …»
        for j, x in enumerate(sent[1:], 1):
            if (
                x.key in APPEAL_NOUNS | {"обвинение"}
                and keys[j - 1] in ("такой", "подобный", "очередной", "один")
                and kset & SANCTION_KEYS
                and kset & (_SECOND | {"клевета"})  # not «такие обращения передаём в полицию»
            ):
                return s, e, "заявителю угрожают за обращение"
        # «Следите лучше за своими детьми», «смотрите внимательнее»: advice from above (not
        # «Лучше напишите администрации ТЦ»: where to write, REDIRECT's matter — session 15)
        for j, x in enumerate(sent):
            if (
                _order_like(x)
                and any(
                    y.pos == "COMP" and y.key in ("хороший", "внимательный")
                    for y in sent[max(0, j - 1) : j + 2]
                )
                and x.key != "быть"
                and not (x.key in CONTACT_KEYS and _points_on(sent, j))
            ):
                return s, e, "не поучайте заявителя"
        # «Запомните раз и навсегда», «усвойте», «зарубите себе на носу»
        if orders and (
            _in_order(keys, ("раз", "и", "навсегда"))
            or _in_order(keys, ("на", "будущее"))
            or any(x.key in LECTURE_KEYS for x in orders)
        ):
            return s, e, "не поучайте заявителя"
        # «Оставьте нас в покое», «не мешайте (нам) работать»
        if any(x.key == "оставить" for x in orders) and "покой" in kset:
            return s, e, "заявителя прогоняют"
        if (
            any(x.key == "мешать" for x in orders)
            and _in_order(keys, ("не", "мешать"))
            and ("работать" in kset)
        ):
            return s, e, "заявителя прогоняют"
        # «Ждите, как все»
        for j, x in enumerate(sent[:-2]):
            if _order_like(x) and keys[j + 1 : j + 3] in (["как", "все"], ["как", "весь"]):
                return s, e, "грубо"
        # «могли бы и сами …», «хотите сухой двор — возьмите лопату и … сами»
        if _in_order(keys, ("мочь", "бы", "и", "сам")) or (
            orders and "сам" in kset and any(x.key == "хотеть" and "2per" in x.tag for x in sent)
        ):
            return s, e, "заявителю предлагают сделать работу самому"
        # «Тема закрыта», «разговор окончен»
        # (session 10) «Вопрос исчерпан.», «Вопрос закрыт.» as a sentence of its own
        if (
            kset & {"тема", "разговор", "дискуссия"} or (len(sent) <= 3 and "вопрос" in kset)
        ) and kset & CLOSED_KEYS:
            return s, e, "заявителю не дают говорить"
        # «Цирк какой-то, а не обращение»: the appeal called something else
        if (
            3 <= len(sent) <= 7
            and sent[0].pos == "NOUN"
            and sent[0].key not in APPEAL_NOUNS
            and keys[-3:-1] == ["а", "не"]
            and keys[-1] in APPEAL_NOUNS
        ):
            return s, e, "насмешка над обращением"
        # «как можно не понимать»
        if _in_order(keys, ("как", "можно", "не")) and kset & COGNITIVE_KEYS:
            return s, e, "снисходительно"
        # «любой школьник знает», «даже ребёнок поймёт»
        if kset & {"любой", "каждый", "даже"} and kset & CHILD_KEYS and kset & COGNITIVE_KEYS:
            return s, e, "снисходительно: заявителя сравнивают с ребёнком"
        # «культурные люди мусор мимо бака не бросают», «взрослый человек должен знать»
        for j, x in enumerate(sent[:-1]):
            if (
                x.key in DECENT_KEYS
                and x.pos in ("ADJF", "NOUN")
                and sent[j + 1].key in PERSON_KEYS
                and kset & ({"не", "должный", "обязанный"} | COGNITIVE_KEYS)
            ):
                return s, e, "не поучайте заявителя"
        # «не нравится — переезжайте»
        if _in_order(keys, ("не", "нравить")) and any(
            x.key in MOVE_AWAY_KEYS and "impr" in x.tag for x in sent
        ):
            return s, e, "заявителя отсылают прочь"
        # «будете и дальше писать — подадим на вас в суд»
        if kset & SANCTION_KEYS and (
            _in_order(keys, ("на", "вы"))
            or any(x.key in WRITE_KEYS and "2per" in x.tag for x in sent)
            or ("быть" in kset and any("2per" in x.tag for x in sent) and kset & WRITE_KEYS)
        ):
            return s, e, "заявителю угрожают за обращение"
        # «прекратите заваливать нас письмами»
        if kset & FLOOD_KEYS and kset & APPEAL_NOUNS and kset & {"мы", "вы"}:
            return s, e, "не отчитывайте заявителя за то, что он пишет"
        # «Ну конечно, …», «Ну да, ну да», «Ага, …»
        if sent and (sent[0].key == "ну" or sent[0].key == "ага"):
            return s, e, "насмешливый тон"
        # «Какие мы нежные», «Какая неожиданность!», «вот это открытие»
        if not question and _in_order(keys, ("вот", "это")) and kset & SARCASM_NOUNS:
            return s, e, "ирония над заявителем"
        if (
            not question
            and len(sent) >= 2
            and sent[0].key == "какой"
            and (
                sent[1].key in SARCASM_NOUNS
                or (sent[1].key == "мы" and len(sent) >= 3 and sent[2].pos in ("ADJF", "ADJS"))
            )
        ):
            return s, e, "ирония над заявителем"
        # «Вы кто такой, чтобы …»
        if _in_order(keys, ("кто", "такой")) and "вы" in kset:
            return s, e, "грубо"
    for m in (_INDIFFERENT.search(ctx.text), _YOUR_PROBLEM.search(ctx.text)):
        if m:
            return m.start(), m.end(), "пренебрежение к заявителю"
    return None


_SERVICE_KEYS = frozenset(lemma_key(w) for w in SERVICE_WORDS)
_DIGIT = re.compile(r"\d")
# thanks and praise: «спасибо таким, как вы», «такие жители, как вы, делают район лучше»
_PRAISE_KEYS = frozenset(lemma_key(w) for w in PRAISE_WORDS)


def _speaks_to_citizen(t: Token) -> bool:
    """«вы» (not «указанный Вами»), a verb to «вы», or an order to «вы» (plural: pymorphy reads
    «пень» as a singular order)."""
    if t.key == "вы":
        return "ablt" not in t.tag
    return t.pos == "VERB" and "plur" in t.tag and ("2per" in t.tag or "impr" in t.tag)


def _bare_address(ctx: Context) -> tuple[int, int] | None:
    """A sentence said to the citizen with no fact in it and no word of service, courtesy or
    procedure (``SERVICE_WORDS``): what is left is an evaluation of the citizen — «Вы в своём
    уме?», «Голову включите», «Жалуйтесь сколько угодно», «Сидите дома, раз скользко». Quoted
    text and the citizen's words retold are not the reply's voice."""
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(ctx.text)]
    for i, sent in enumerate(ctx.doc.by_sentence):
        s, e = ctx.doc.sentences[i]
        text = ctx.text[s:e].rstrip()
        if not sent or _DIGIT.search(text):
            continue
        # a single «!» ends a wish or an invitation («Ждём вас!», «Отдыхайте с удовольствием!»);
        # «!!» is shouting and is caught on its own
        if text.endswith("!") and not text.endswith("!!"):
            continue
        if text.endswith("?") and _factual_question(sent, text):
            continue  # «Вы передавали показания за март?» asks for a fact (session 11)
        if any(x.key in _SERVICE_KEYS for x in sent) or _confirmed(sent):
            continue  # a word of service, or the citizen's words confirmed («Как вы и сказали»)
        if _reports_work(sent):
            continue  # «проведена проверка …, о чем Вы подтверждаете лично» (spb-3158690)
        if _points_elsewhere(ctx, i, sent):
            continue  # «О причине отключения узнавайте в их диспетчерской»: REDIRECT's matter
        for j, x in enumerate(sent):
            if (
                _speaks_to_citizen(x)
                and not any(a <= x.start < b for a, b in quoted)
                and not _reported(sent, j)
            ):
                return s, e
    return None


# where a pointer sends the citizen: «в их диспетчерской», «к тепловикам», «через Госуслуги»
_TO = frozenset({"в", "во", "к", "ко", "у", "через"})


def _points_on(sent: Sequence[Token], j: int) -> bool:
    """The word at ``j`` has where to after it: «в» / «к» / «у» / «через» and a noun, or a noun
    in the dative right after it («напишите администрации ТЦ»)."""
    nxt = sent[j + 1 : j + 5]
    for k, y in enumerate(nxt):
        if y.key in _TO and k + 1 < len(nxt) and nxt[k + 1].pos in ("NOUN", "NPRO", "ADJF", "PRTF"):
            return True
    return bool(nxt) and nxt[0].pos == "NOUN" and nxt[0].key not in ("вы", "мы")


def _points_elsewhere(ctx: Context, i: int, sent: Sequence[Token]) -> bool:
    """(session 15) The sentence points the citizen somewhere — a contact or look-up verb with
    where to («О причине отключения узнавайте в их диспетчерской», «звоните в Горгаз»), «вам к
    тепловикам», or an organisation named («у вас занимается ООО «Лифт-Сервис»»): a hand-off,
    REDIRECT's to judge, not an evaluation of the citizen."""
    s, e = ctx.doc.sentences[i]
    if any(f.kind == "org" and s <= f.start < e for f in ctx.facts):
        return True
    for j, x in enumerate(sent):
        if x.key in CONTACT_KEYS | LOOKUP_KEYS and _points_on(sent, j):
            return True
        # «Вам к тепловикам», «вам в МФЦ»: where to, the going left out
        to = ("в", "во", "к", "ко")
        if x.key == "вы" and "datv" in x.tag:
            lead = _key_at(sent, j + 1) if j + 1 < len(sent) and sent[j + 1].pos == "PREP" else ""
            if lead in to or (not lead and _key_at(sent, j + 2) in to):  # «вам скорее в …»
                return True
    return False


def _key_at(sent: Sequence[Token], j: int) -> str:
    return sent[j].key if j < len(sent) else ""


_INFORMAL = re.compile(r"(?i)\b(?:привет\w*|ребят\w*|здаров\w*|салют)\b")


def _informal_appeal(ctx: Context) -> bool:
    """The citizen wrote in a chat's register: greeted with «привет», called the agency
    «ребят(а)», or wrote without a single capital letter."""
    if ctx.appeal is None:
        return False
    text = ctx.appeal.text
    return bool(_INFORMAL.search(text)) or (any(c.isalpha() for c in text) and text == text.lower())


def _reports_work(sent: Sequence[Token]) -> bool:
    """The sentence reports the agency's work done («проведена проверка», «мастер заменил
    кран»): it says something по делу, however it turns to the citizen. Not when it orders
    the citizen about («Разуйте глаза: площадку давно убрали») or the work is theirs («а вы
    сами хоть раз убирали за собой?»)."""
    if any("impr" in x.tag for x in sent):
        return False
    for i, x in enumerate(sent):
        if x.key not in ACTION_KEYS or "past" not in x.tag:
            continue
        if x.pos == "PRTS" or (x.pos == "VERB" and not any(y.key == "вы" for y in sent[:i])):
            return True
    return False


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


_PLEA_KEYS = frozenset(lemma_key(w) for w in PLEA_WORDS)
# «ради одной скамейки мы перекроим весь бюджет», «мы бросим все дела», «мы бы ни за что не
# заметили»: a promise blown up past sense is irony, with «конечно»/«разумеется» to mark it
_HYPERBOLE = (
    ("ради", "один"),
    ("бросить", "все", "дело"),
    ("бросить", "дело"),
    ("ни", "за", "что"),
)


@lru_cache(maxsize=4096)
def _only_singular_order(word: str) -> bool:
    """Every likely reading of the word is a singular imperative («напиши», «звони», «сообщи»);
    not «пень» (a noun too) or «Жени» (a name)."""
    parses = [p for p in morph().parse(word) if p.score >= 0.05]
    return bool(parses) and all(
        p.tag.POS == "VERB" and "impr" in p.tag and "sing" in p.tag for p in parses
    )


def _scolds(ctx: Context) -> tuple[int, int, str] | None:
    """Cold or scolding ways of talking down, as (start, end, why) (session 9): the explanation
    repeated with impatience («как Вам уже неоднократно разъяснялось», «повторно разъясняем»),
    the appeal judged («Ваши претензии необоснованны»), silence threatened for more appeals, a
    rule said with «!», the citizen's character blamed («вследствие Вашей халатности»), «мы не
    нянька», «других ответов не будет», ironic hyperbole («разумеется, ради одной скамейки мы
    перекроим весь бюджет») and «ты» in a greeting or an order («Здравствуй», «напиши нам»).
    Quoted text and the citizen's words retold are not the reply's voice."""
    quoted = [(q.start(), q.end()) for q in _QUOTED.finditer(ctx.text)]
    for i, sent in enumerate(ctx.doc.by_sentence):
        if not sent:
            continue
        s, e = ctx.doc.sentences[i]
        text = ctx.text[s:e].rstrip()
        keys = [x.key for x in sent]
        kset = set(keys)
        own = [
            (j, x)
            for j, x in enumerate(sent)
            if not any(a <= x.start < b for a, b in quoted) and not _reported(sent, j)
        ]
        for j, x in own:
            low = x.text.lower()
            # «повторно разъясняем», «как Вам уже неоднократно разъяснялось», «вновь сообщаем»:
            # a word of repetition right at a verb of telling said by the agency (1st person, or
            # the impersonal «разъяснялось»), unless the repeat is kind («повторим подробнее»)
            if (
                x.key in INFORM_KEYS
                and (
                    "1per" in x.tag
                    or (x.pos == "VERB" and "past" in x.tag and low.endswith(("лось", "лись")))
                )
                and not kset & KIND_REPEAT_KEYS
                and _repeat_at(ctx, sent, j)
            ):
                return s, e, "раздражение: заявителю объясняют «в который раз»"
            # «Ваши претензии необоснованны», «ваши доводы голословны» (not «не необоснованны»)
            if (
                x.key in UNFOUNDED_KEYS
                and not (j and keys[j - 1] == "не")
                and kset & _SECOND
                and kset & (APPEAL_NOUNS | CLAIM_NOUNS)
            ):
                return s, e, "не давайте оценок обращению заявителя; скажите, что проверено"
            # «вследствие Вашей халатности», «по причине Вашей недобросовестности»
            if (
                x.key in CHARACTER_FAULT_KEYS
                # «по собственной безответственности» is «по Вашей» said to the citizen
                and {"ваш", "собственный"} & set(keys[max(0, j - 3) : j])
                and "не" not in keys[max(0, j - 4) : j]
            ):
                return s, e, "не обвиняйте заявителя"
            # «УК не нянька», «мы не волшебники»
            if x.key in SERVANT_KEYS and j and keys[j - 1] == "не":
                return s, e, "это отповедь, а не ответ"
            # «Здравствуй», «Привет», «напиши нам», «звони»: the citizen as «ты» («Привет» to a
            # citizen who wrote «Привет, ЦУР!» or «ребят, …» answers in their register — session 15)
            if (
                low == "здравствуй"
                or (low == "привет" and not _informal_appeal(ctx))
                or (
                    x.pos == "VERB"
                    and "impr" in x.tag
                    and "sing" in x.tag
                    and len(low) >= 3  # «см.» is «смотрите», cut short
                    and _clause_start(ctx, sent, j)
                    and _only_singular_order(low)
                )
            ):
                return x.start, x.end, "к заявителю обращаются на «вы»"
        if len(own) < len(sent) // 2:
            continue  # mostly quoted or retold
        # «Ваши жалобы на соседей не имеют под собой никаких оснований» (not «оснований для
        # перерасчёта не имеется»: the appeal itself is not what is judged there)
        for j, x in enumerate(sent[:-1]):
            if (
                x.key == "ваш"
                and sent[j + 1].key in APPEAL_NOUNS | CLAIM_NOUNS
                and _in_order(keys[j + 2 :], ("не", "иметь"))
                and "основание" in keys[j + 2 :]
            ):
                return s, e, "не давайте оценок обращению заявителя; скажите, что проверено"
        # «Ответ на Ваш вопрос очевиден»
        # (not «Очевидно, вы правы»: a parenthetical agreeing with the citizen)
        if (
            any(x.key == "очевидный" and x.pos == "ADJS" for x in sent)
            and kset & _SECOND
            and kset & (APPEAL_NOUNS | {"ответ"})
        ):
            return s, e, "снисходительно"
        # «не подкреплено ничем, кроме эмоций», «в письме одни эмоции»
        if "эмоция" in kset and kset & {"кроме", "только", "лишь", "один", "сплошной"}:
            return s, e, "не давайте оценок обращению заявителя"
        # «Ущерб причинён в результате ненадлежащего исполнения Вами обязанностей»
        if (
            "ненадлежащий" in kset
            and any(x.key == "вы" and "ablt" in x.tag for x in sent)
            and "не" not in kset
        ):
            return s, e, "не обвиняйте заявителя"
        # «Подобные обращения отвлекают специалистов от важных дел»
        # (the appeal is the subject: not «обращение по вопросу предметов, мешающих парковке»)
        if (
            any(
                x.key in HINDER_KEYS
                and x.pos == "VERB"  # a finite verb, not «мешающих»
                and any(y.key in APPEAL_NOUNS for y in sent[max(0, j - 3) : j])
                for j, x in enumerate(sent)
            )
            and kset & (_SECOND | {"такой", "подобный", "очередной"})
            and "не" not in kset
        ):
            return s, e, "не упрекайте заявителя за обращения"
        # «Просим впредь внимательнее относиться к …», «будьте аккуратнее» (not a request to all
        # residents: «просим водителей быть внимательнее»)
        if (
            any(x.key in CARE_KEYS and x.pos == "COMP" for x in sent)
            and (
                "впредь" in kset
                or any(_order_like(x) for x in sent)
                or kset & {"советовать", "рекомендовать"}
            )
            and not kset & (PERSON_KEYS | {"мы", "все", "весь"})
        ):
            return s, e, "не поучайте заявителя"
        # «Вы, видимо, путаете управляющую компанию с аварийной службой»
        if kset & HEDGE_KEYS and kset & CONFUSE_KEYS and "вы" in kset:
            return s, e, "снисходительно: не гадайте, что заявитель путает"
        # «Для особо внимательных повторяем»
        for j, x in enumerate(sent[:-2]):
            if (
                x.key == "для"
                and sent[j + 1].key in ("особо", "особенно")
                and sent[j + 2].pos == "ADJF"
            ):
                return s, e, "насмешка над заявителем"
        # «Ваше право жаловаться дальше», «жалуйтесь дальше»
        for j, x in enumerate(sent[:-1]):
            if x.key == "жаловать" and sent[j + 1].text.lower() in ("дальше", "далее"):
                return s, e, "пренебрежение к заявителю"
        # «Менять ничего не будем.»: a bare refusal for a sentence
        if (
            len(sent) <= 5
            and {"ничего", "не"} <= kset
            and any("1per" in x.tag and "plur" in x.tag for x in sent)
        ):
            return s, e, "отказ без объяснения звучит как отповедь"
        # «в случае дальнейших обращений переписка будет прекращена», «повторные обращения
        # останутся без ответа»
        further = any(
            x.key in FURTHER_KEYS and sent[j + 1].key in APPEAL_NOUNS | {"необоснованный"}
            for j, x in enumerate(sent[:-1])
        )
        if further and (
            {"переписка", "прекратить"} <= kset
            or _in_order(keys, ("без", "ответ"))
            or _in_order(keys, ("без", "рассмотрение"))
            or kset & UNFOUNDED_KEYS
        ):
            return s, e, "заявителю грозят, что ему перестанут отвечать"
        # «Других ответов не будет», «больше отвечать не будем», «разъяснений больше не будет»
        if (
            kset & ANSWER_KEYS
            and kset & {"другой", "большой", "иной", "впредь"}  # «больше» is «большой»
            and _in_order(keys, ("не", "быть"))
            and not kset & {"если", "мочь"}
        ):
            return s, e, "заявителю отказываются отвечать"
        # «Парковаться на тротуаре запрещено!», «Показания надо передавать каждый месяц!»
        if (
            text.endswith("!")
            and not text.endswith("!!")
            and kset & NORM_KEYS
            and not any(x.key in _PLEA_KEYS for x in sent)
            and not kset & {"мы", "я"}
            # «Мы проверим!» is a promise; «Напоминаем: … запрещено!» is still the rule shouted
            and not any("1per" in x.tag and x.key not in INFORM_KEYS for x in sent)
        ):
            return s, e, "правило с восклицательным знаком звучит как окрик; скажите спокойно"
        kind = bool(kset & KIND_REPEAT_KEYS)
        question = text.endswith("?")
        # «мы уже отвечали Вам на этот вопрос трижды», «это уже пятое Ваше обращение»: a count
        # next to «уже», said of the citizen's appeals or of the answers to them
        if (
            "уже" in kset
            and kset & COUNT_KEYS
            and kset & (APPEAL_NOUNS | INFORM_KEYS | {"раз"})
            and kset & _SECOND
            and not kind
            and not any(x.key == "вы" and "nomn" in x.tag for x in sent)  # «Вы уже дважды …»
        ):
            return s, e, "раздражение: заявителю пересчитывают его обращения"
        # «Вам следовало заранее уточнить …», «Вы должны были передать показания …», «Информацию
        # можно было найти самостоятельно»: what the citizen should have done (not «Вас должны
        # были предупредить»: the agency's fault)
        if not question and not kset & {"если", "мы", "я"} and _should_have(sent):
            return s, e, "не упрекайте заявителя в том, что он должен был сделать"
        # «Нарушение допущено … Вами», «то есть Вами» (not «нарушений, допущенных Вами, нет»)
        if (
            kset & {"нарушение", "правонарушение"}
            and kset & {"допустить", "совершить"}
            and any(x.key == "вы" and "ablt" in x.tag for x in sent)
            and "не" not in kset
        ):
            return s, e, "не обвиняйте заявителя"
        # «Ваши домыслы оставляем без комментариев»
        if _in_order(keys, ("без", "комментарий")) and kset & {"оставить", "оставлять"}:
            return s, e, "пренебрежение к обращению"
        # «Вы не удосужились прочитать договор», «потрудитесь прочитать», «соизвольте»
        if kset & DEIGN_KEYS and (kset & _SECOND or any(_order_like(x) for x in sent)):
            return s, e, "насмешка над заявителем"
        # «Прежде чем требовать от УК, навели бы порядок …», «прежде чем обвинять, …»
        for j, x in enumerate(sent[:-2]):
            if keys[j : j + 2] == ["прежде", "чем"] and sent[j + 2].key in COMPLAIN_KEYS:
                return s, e, "не поучайте заявителя"
        # «Рады, что у Вас есть время следить …»: the citizen's free time mocked
        if (
            "время" in kset
            and (_in_order(keys, ("у", "вы")) or "свободный" in kset)
            and any(x.key in IDLE_WATCH_KEYS and x.pos == "INFN" for x in sent)
            and "если" not in kset
        ):
            return s, e, "насмешка над заявителем"
        # «Благодарим за столь ценное замечание о том, что в январе холодно»
        if kset & {"спасибо", "благодарить"} and any(
            x.key in IRONIC_PRAISE_KEYS and ("Supr" in x.tag or (j and keys[j - 1] == "столь"))
            for j, x in enumerate(sent)
        ):
            return s, e, "ирония над заявителем"
        # «Учитесь пользоваться личным кабинетом»: a lesson ordered
        for j, x in enumerate(sent[:-1]):
            if (
                x.key in ("учить", "научить")
                and _order_like(x)
                and x.text.lower().endswith("сь")
                and any(y.pos == "INFN" for y in sent[j + 1 : j + 3])
            ):
                return s, e, "не поучайте заявителя"
        # «Вопрос не к нам.», «Это не к нам.»: the whole sentence turns the citizen away
        if len(sent) <= 4 and keys[-3:] == ["не", "к", "мы"]:
            return s, e, "заявителя отсылают прочь одной фразой"
        # «Разумеется, ради одной скамейки мы перекроим весь бюджет», «мы бы, конечно, ни за что
        # не заметили»
        if kset & {"конечно", "разумеется"} and any(_in_order(keys, h) for h in _HYPERBOLE):
            return s, e, "ирония над заявителем"
        # (session 15) «фонтан, конечно, важнее всех остальных проблем»: the citizen's matter
        # raised above all others, with «конечно» to mark the irony (not «лучше всего»)
        if kset & {"конечно", "разумеется"} and any(
            x.pos == "COMP" and keys[j + 1 : j + 3] == ["весь", "остальной"]
            for j, x in enumerate(sent)
        ):
            return s, e, "ирония над заявителем"
        # «мусор в колодцы сметают сами жители»: the problem put on the residents, the citizen
        # among them (not «снег с козырьков убирают сами собственники»: a duty, not a fault)
        for j, x in enumerate(sent[:-1]):
            if (
                x.key == "сам"
                and sent[j + 1].key in PERSON_KEYS
                and "plur" in sent[j + 1].tag
                and any(y.key in LITTER_KEYS and y.pos == "VERB" for y in sent)
                and not kset & {"если", "мы"}
            ):
                return s, e, "не перекладывайте вину на жителей"
        # «есть над чем подумать», «стоит задуматься», «задумайтесь»: the citizen told to reflect
        # (not «подумайте, какое время Вам удобно», «стоит подумать о замене счётчика»: advice)
        if any(x.key in REFLECT_KEYS for x in sent) and not kset & {"мы", "если"}:
            brood = [x for x in sent if x.key in REFLECT_KEYS and x.key != "подумать"]
            told = (
                _in_order(keys, ("есть", "над"))
                or any(_order_like(x) for x in brood)
                or any(
                    x.key in ("стоить", "следовать")
                    and any(y in brood and y.pos == "INFN" for y in sent[j + 1 : j + 3])
                    for j, x in enumerate(sent)
                )
            )
            if told:
                return s, e, "не поучайте заявителя"
        # «Поздравляем, Вы обнаружили мусор во дворе», «Восхищаемся Вашей наблюдательностью»,
        # «Спасибо, что открыли нам глаза»: praise for noticing what is plain (not a holiday's)
        praised = kset & MOCK_PRAISE_KEYS and kset & NOTICE_KEYS
        eyes_opened = _in_order(keys, ("открыть", "мы", "глаз"))
        if (praised or eyes_opened) and not kset & {"праздник", "день", "победа"}:
            return s, e, "насмешка над заявителем"
        # «Повторяем для невнимательных»: the reader put among the slow
        for j, x in enumerate(sent[:-1]):
            if x.key == "для" and sent[j + 1].key in SLOW_KEYS and "plur" in sent[j + 1].tag:
                return s, e, "снисходительно"
        # «Надеемся, теперь понятно.»: as «Надеемся, теперь Вы поняли» — said of nothing but the
        # reader's grasp (not «Надеемся, теперь порядок начисления понятен; если остались
        # вопросы, позвоните»)
        if (
            "надеять" in kset
            and "теперь" in kset
            and kset & {"понятно", "ясно", "понятный"}
            and "если" not in kset
            and not any(x.pos == "NOUN" for x in sent)
        ):
            return s, e, "снисходительно"
        # «Не стоило так волноваться из-за пары пакетов»: the citizen's worry called needless
        # (the past «стоило»; «не стоит беспокоиться, мастер придёт» reassures)
        for j, x in enumerate(sent[:-1]):
            if (
                x.key == "стоить"
                and "past" in x.tag
                and j
                and keys[j - 1] == "не"
                and any(y.key in _FEAR | WRITE_KEYS for y in sent[j + 1 : j + 4])
            ):
                return s, e, "не отмахивайтесь от беспокойства заявителя"
        # «следить за регистрацией надо самой»: the citizen's own duty told to them in person
        for j, x in enumerate(sent[:-1]):
            if (
                x.key in ("надо", "нужно", "следовать")
                and sent[j + 1].text.lower() in ("самой", "самому")
                and not kset & {"мы", "если", "мочь"}
            ):
                return s, e, "не перекладывайте вину на заявителя"
    return None


def _repeat_at(ctx: Context, sent: list[Token], j: int) -> bool:
    """A word of repetition in the verb's own phrase: up to three words before it with no comma
    between («как Вам уже неоднократно разъяснялось», «в очередной раз сообщаем»), or right
    after it («разъясняем повторно»)."""
    verb = sent[j]
    if any(x.key in REASON_KEYS for x in sent[j + 1 : j + 4]):
        return False  # «Сообщаем повторно, так как первое письмо вернулось»
    # «Информируем Вас в третий раз», «в который раз объясняем»
    for k in range(max(0, j - 4), min(len(sent) - 1, j + 5)):
        if sent[k].key in COUNT_KEYS | {"который"} and sent[k + 1].key == "раз":
            return True
    for x in sent[max(0, j - 3) : j]:
        if re.search(r"[,;:—–]", ctx.text[x.end : verb.start]):
            continue
        if x.key in REPEAT_KEYS:
            return True
    if j + 1 < len(sent) and sent[j + 1].key in REPEAT_KEYS:
        return not re.search(r"[,;:—–]", ctx.text[verb.end : sent[j + 1].start])
    return False


# an order opens its clause: «Если погаснет — напиши нам», «Сразу звони по 112»
_ORDER_LEAD = frozenset({"и", "а", "но", "то", "тогда", "сразу", "просто", "лучше", "еще", "не"})


def _clause_start(ctx: Context, sent: list[Token], j: int) -> bool:
    """The word opens a clause and does not start a noun phrase: real replies' typos read as
    singular orders («нарушенных прави законных интересов», «Дорожи указанные …»)."""
    x = sent[j]
    if j + 1 < len(sent) and sent[j + 1].pos in ("ADJF", "PRTF"):
        return False
    if j == 0:
        return True
    if x.text[:1].isupper():
        return False  # a name or a typo mid-sentence, not an order
    prev = sent[j - 1]
    return prev.key in _ORDER_LEAD or bool(re.search(r"[,;:—–]", ctx.text[prev.end : x.start]))


def _should_have(sent: list[Token]) -> bool:
    """«Вам следовало (бы) уточнить», «Вам стоило прочитать», «Вам нужно было прийти», «Вы
    должны были передать», «можно было найти самостоятельно»: a past modal of duty said to the
    citizen. «Вас должны были предупредить» (the agency's duty) and «записаться можно было до 1
    мая» (a fact) are not."""
    keys = [x.key for x in sent]
    dative = any(x.key == "вы" and "datv" in x.tag for x in sent)
    # «Вы должны были …», «Вы, как собственник, должны были …»: «вы» the subject of «должны»,
    # not «Вы правы: … Вас должны были предупредить»
    nominative = any(
        x.key == "вы"
        and "nomn" in x.tag
        and any(
            y.key == "должный" and not any(z.key == "вы" for z in sent[j + 1 : j + 1 + k])
            for k, y in enumerate(sent[j + 1 : j + 6])
        )
        for j, x in enumerate(sent)
    )
    past_be = any(x.key == "быть" and "past" in x.tag for x in sent)
    if dative and any(
        x.key in ("следовать", "стоить") and "past" in x.tag and "neut" in x.tag for x in sent
    ):
        return True
    if dative and past_be and set(keys) & {"надо", "нужно", "необходимо"}:
        return True
    # «Вы должны были получить уведомление» is the agency's duty to deliver, not the citizen's
    if (
        nominative
        and past_be
        and "должный" in keys
        and "не" not in keys
        and not set(keys) & _RECEIVE_KEYS
    ):
        return True
    return past_be and "можно" in keys and bool(set(keys) & {"самостоятельно", "сам"})


# «Вы должны были получить уведомление»: the citizen receives, the duty is the sender's
_RECEIVE_KEYS = frozenset({"получить", "получать"})
_EASE_KEYS = frozenset(lemma_key(w) for w in EASE_WORDS)
_EASE_EFFORT_KEYS = frozenset(lemma_key(w) for w in EASE_EFFORT_WORDS)
_EVALUATIVE_OPENER_KEYS = frozenset(lemma_key(w) for w in EVALUATIVE_OPENER_WORDS)
_YOU_EMPHATIC = re.compile(r"\b(?:ваш\w*|вам|вас|вы)-то\b", re.IGNORECASE)
# groups a condescending reply holds up as slow: «справляются даже пенсионеры»
_SLOW_GROUP_KEYS = frozenset({"пенсионер", "бабушка", "дедушка", "старушка", "старик"})
# «Ваши «срочные» заявки», «Ваш «ужасный потоп»»: the citizen's own words held up in quotes
_SCARE_QUOTES = re.compile(r"\bваш\w*\s+«[^»]{1,30}»", re.IGNORECASE)
# a question that asks for facts or offers help («Удобно ли Вам …?», «Не могли бы Вы …?»)
_REQUEST_KEYS = frozenset(
    {"мочь", "ли", "уточнить", "подсказать", "сообщить", "удобно", "удобный", "прислать"}
    | {"написать", "указать", "хотеть", "нужно", "нужный", "можно", "вопрос", "помощь"}
)
# a short question that heads an explanation («Что это значит?», «Почему так?»); «Что за …?»
# is no heading
_HEADING_QUESTION_KEYS = frozenset({"почему", "когда", "где", "куда", "как", "что", "сколько"})
# «остальные жильцы», «другие соседи», «кто-то»: the citizen pointed at as one of (or apart
# from) other people
_OTHERS_KEYS = frozenset({"остальной", "другой", "весь"})
_SOMEONE_KEYS = frozenset({"кто-то", "кое-кто"})
# the agency speaking of itself, or a polite frame: a hedge there is no sneer («Видимо,
# произошёл сбой», «Очевидно, вы правы», «Наверное, Вы имеете в виду дом 14», «если …»)
_NOT_A_SNEER_KEYS = frozenset(
    {"мы", "я", "ошибка", "сбой", "извинить", "извинение", "сожаление", "если", "мочь", "правый"}
    | {"правильно", "иметь"}
)
# what the citizen is doubted at: knowing, reading, finding, learning («Вы, судя по всему, читали
# по диагонали», «Вас, видимо, никто не учил»), not feeling or receiving («Вы, наверное, устали
# ждать», «Видимо, письмо до Вас не дошло»)
_DOUBTED_DOING_KEYS = COGNITIVE_KEYS | {"искать", "найти", "учить", "научить", "забыть", "путать"}
# «а не по Вашему желанию», but not «в подвал, а не в Вашу квартиру» (a place)
_PLACE_PREPOSITIONS = frozenset({"в", "на", "у", "под", "над", "из", "от", "к"})


def _doubts_citizen(sent: Sequence[Token]) -> bool:
    """The sentence is about what the citizen knows, reads or finds («Квитанцию Вы … читали»,
    «читать объявления у Вас нет времени», «Вас никто не учил»), or about their appeal («Ваша
    жалоба … не соответствует действительности»). Not «Вам» or «Вами»: «Видимо, Вам не пришло
    СМС» is about the mailing; not the citizen's things or feelings («Ваш счётчик неисправен»,
    «Вы, наверное, устали ждать»)."""
    keys = [x.key for x in sent]
    you = any(x.key == "вы" and "datv" not in x.tag and "ablt" not in x.tag for x in sent)
    if you and any(x.key in _DOUBTED_DOING_KEYS and x.pos in ("VERB", "INFN") for x in sent):
        return True
    # «Писать в администрацию из-за одной плитки — это, согласитесь, перебор»: the act of writing
    if any(x.key in WRITE_KEYS and x.pos == "INFN" for x in sent):
        return True
    return any(
        x.key == "ваш" and keys[j + 1 : j + 2] and keys[j + 1] in APPEAL_NOUNS | CLAIM_NOUNS
        for j, x in enumerate(sent)
    )


def _about_others(sent: Sequence[Token]) -> bool:
    """«Остальные жильцы почему-то не жалуются», «Похоже, кто-то сидит с секундомером»: the
    citizen as «someone» or set against the other residents."""
    if any(x.key in _SOMEONE_KEYS for x in sent):
        return True
    return any(x.key in _OTHERS_KEYS and y.key in PERSON_KEYS for x, y in pairwise(sent))


def _speaks_to(sent: Sequence[Token]) -> bool:
    """«Вы», «Вам», «ваш», «по-вашему» or a verb to «вы»: the sentence is said to the citizen."""
    return any(
        x.key in ("вы", "ваш", "по-вашему")
        or (x.pos == "VERB" and ("2per" in x.tag or "impr" in x.tag))
        for x in sent
    )


def _sneers(ctx: Context) -> tuple[int, int, str] | None:
    """General marks of a put-down that do not depend on the words of the insult (session 10),
    as (start, end, why): a stance word of doubt or irony in a sentence about the citizen
    («Квитанцию Вы, судя по всему, читали по диагонали», «Остальные жильцы почему-то не
    жалуются»), a question that asks nothing («И как, по-Вашему, мы должны …?», «Кому сейчас
    легко?»), an evaluative opener over what the citizen did («Жаль, что Вы не нашли времени
    …»), the citizen's wish set aside with «а не» («по постановлению, а не по Вашему
    желанию»), the citizen's task called easy («Всё просто, если немного подумать») and the
    citizen's words held up in quotes («Ваши «срочные» заявки»). Quoted text and the citizen's
    words retold are not the reply's voice."""
    quoted = [(q.start(), q.end()) for q in _QUOTED.finditer(ctx.text)]

    def inside_quotes(pos: int) -> bool:
        return any(a <= pos < b for a, b in quoted)

    for i, sent in enumerate(ctx.doc.by_sentence):
        own = [
            x for j, x in enumerate(sent) if not inside_quotes(x.start) and not _reported(sent, j)
        ]
        if not own or len(own) < len(sent) / 2:
            continue  # mostly quoted or retold
        s, e = ctx.doc.sentences[i]
        text = ctx.text[s:e].rstrip()
        keys = [x.key for x in own]
        kset = set(keys)
        stance = bool(kset & (HEDGE_KEYS - {"вероятно"})) or any(
            p in text.lower() for p in IRONIC_STANCE_PHRASES
        )
        if (
            stance
            and not kset & _NOT_A_SNEER_KEYS
            and not _in_order(keys, ("как", "вы"))  # «Как вы, наверное, знаете, …»
            and (_doubts_citizen(own) or _about_others(own))
        ):
            return s, e, "ирония или сомнение в адрес заявителя; скажите, что проверено"
        if (
            text.endswith("?")
            and not inside_quotes(len(text) - 1 + s)
            and not kset & _REQUEST_KEYS
            and not _factual_question(own, text)  # «Вы получили квитанцию за апрель?» (s11)
        ):
            # a question at the citizen, or a short one that asks nothing («Кому сейчас
            # легко?»); not a heading of a how-to answer («Как быть в такой ситуации?»)
            heading = not _speaks_to(own) and (
                any(x.pos == "INFN" for x in own)
                or (keys[0] in _HEADING_QUESTION_KEYS and keys[1:2] != ["за"])
            )
            if _speaks_to(own) or (len(own) <= 4 and not heading):
                return s, e, "риторический вопрос к заявителю звучит как упрёк; ответьте прямо"
        for j, x in enumerate(own[:3]):
            if (
                x.key in _EVALUATIVE_OPENER_KEYS
                and "что" in keys[j + 1 : j + 3]
                and not kset & {"мы", "я"}  # «Нам жаль, что вы столкнулись с этим»
                and any(
                    (y.key == "вы" and "nomn" in y.tag) or y.key in PERSON_KEYS
                    for y in own[j + 2 :]
                )
            ):
                return s, e, "оценка поступков заявителя; скажите нейтрально, что сделано"
        for j in range(len(own) - 2):
            nxt = own[j + 2] if own[j + 2].key not in _PLACE_PREPOSITIONS - {"по"} else None
            if (
                keys[j : j + 2] == ["а", "не"]
                and nxt is not None
                and (
                    nxt.key == "ваш"
                    or (j + 3 < len(own) and nxt.pos == "PREP" and keys[j + 3] == "ваш")
                )
            ):
                return s, e, "желание заявителя отметают; объясните правило нейтрально"
        # «Ещё одно подобное письмо — и разговаривать будем через участкового», «Ещё одна такая
        # жалоба — и …»: what follows the next appeal is a threat whatever it names
        if (
            keys[:2] == ["еще", "один"]
            and any(x.key in APPEAL_NOUNS for x in own[2:5])
            and re.search(r"[—–-]\s*и\b", text)
        ):
            return s, e, "заявителю угрожают за следующее обращение"
        # «Разумный человек в такой ситуации сначала позвонил бы …»: the citizen measured
        # against what a sensible person would have done
        if "бы" in kset and any(
            x.key in DECENT_KEYS and y.key in PERSON_KEYS for x, y in pairwise(own)
        ):
            return s, e, "заявителя сравнивают с «разумным человеком»; не поучайте"
        # «Прочтите объявление ещё раз, по слогам», «Соберитесь и прочитайте ответ ещё раз»:
        # told to read again, with no «пожалуйста»
        if (
            any(_order_like(x) and x.key in COGNITIVE_KEYS for x in own)
            and (_in_order(keys, ("еще", "раз")) or "слог" in kset)
            and not kset & _PLEA_KEYS
        ):
            return s, e, "заявителю велят перечитать; объясните сами"
        # «С личным кабинетом справляются даже пенсионеры, справитесь и Вы»: the citizen set
        # below a group held to be slow
        if any(
            x.key == "даже" and y.key in PERSON_KEYS | CHILD_KEYS | _SLOW_GROUP_KEYS
            for x, y in pairwise(own)
        ) and any(x.key == "вы" and "nomn" in x.tag for x in own):
            return s, e, "снисходительно: заявителя сравнивают с теми, кто «даже» справляется"
        if kset & _EASE_KEYS and kset & _EASE_EFFORT_KEYS and not kset & {"мы", "понимать"}:
            return s, e, "снисходительно: задачу заявителя называют простой"
    # «С Вашей-то пунктуальностью», «Вам-то виднее»: the emphatic «-то» on the citizen is irony
    m = _YOU_EMPHATIC.search(ctx.text)
    if m and not inside_quotes(m.start()):
        return m.start(), m.end(), "ирония над заявителем"
    m = _SCARE_QUOTES.search(ctx.text)
    if m:
        return m.start(), m.end(), "слова заявителя высмеяны кавычками"
    return None


# session 11: word classes of ``_judges`` as lemma keys (verbs without -ся)
_FEAR = frozenset(lemma_key(w) for w in FEAR_KEYS)
_LOADED_QUESTION = frozenset(lemma_key(w) for w in LOADED_QUESTION_KEYS)
_APPEAL_HANDLING = frozenset(lemma_key(w) for w in APPEAL_HANDLING_KEYS)
# what the agency knows or can, in a retort («Мы и сами знаем», «Мы тоже умеем читать»)
_KNOW_HOW_KEYS = frozenset(
    lemma_key(w) for w in ("знать", "уметь", "понимать", "разбираться", "разобраться")
)
_APOLOGY_OR_FINDING = frozenset(
    {"извинение", "извинить", "сожаление", "ошибка", "соответствовать", "действительность"}
)
# a visit's date or time the citizen chose: «Вы сами выбрали дату визита мастера»
_SLOT_NOUNS = frozenset({"дата", "время", "час", "срок"})
# «Как хорошо, что Вы сразу позвонили!», «Как приятно, что …!»
_GLAD_KEYS = _PRAISE_KEYS | frozenset(
    lemma_key(w) for w in ("хорошо", "здорово", "замечательно", "приятно", "отлично", "рады")
)
# «тратить время», «отнимать время»
_SPEND_KEYS = frozenset({"тратить", "потратить", "отнимать", "отнять", "терять", "потерять"})
# «ну», «а», «вот» before the wh-word of an exclamation («А какой Вы внимательный!»)
_EXCLAIM_LEAD = frozenset({"ну", "а", "вот", "и", "да"})
# a guess, a condition or the agency's own part: «Возможно, Вы не знаете …», «Если Вы не
# получили …», «Мы не поняли Вас»
_NOT_A_VERDICT_KEYS = frozenset(
    {"если", "возможно", "мочь", "может", "вероятно", "наверное", "извинить", "мы", "я"}
)
# «ваше обращение», «подобные жалобы», «такие письма» (not «по Вашему обращению»: a frame)
_APPEAL_DETERMINERS = frozenset({"ваш", "подобный", "такой", "этот"})
_FRAME_PREPOSITIONS = frozenset({"по", "на", "в", "с", "к"})
_QUESTION_WORDS = frozenset(
    {"что", "как", "какой", "сколько", "кто", "почему", "зачем", "где", "куда", "когда", "откуда"}
    | {"кому", "чей", "каков"}
)


def _factual_question(sent: Sequence[Token], text: str) -> bool:
    """«Вы получили квитанцию за апрель?», «Вы передавали показания за март?»: a plain yes/no
    question about something the citizen did, asked to get the fact — the citizen as subject,
    a past verb and its object, no question word, no negation, no verb of knowing or opinion and
    no particle that loads it («Вы вообще читали договор?», «А Вы сами-то убираете …?»)."""
    keys = [x.key for x in sent]
    if not keys or keys[0] in _EXCLAIM_LEAD or "-то" in text:
        return False
    kset = set(keys)
    if kset & _QUESTION_WORDS or kset & _LOADED_QUESTION or "не" in kset:
        return False
    if any(x.text.lower().startswith("сам") or x.key in COGNITIVE_KEYS for x in sent):
        return False
    return (
        any(x.key == "вы" and "nomn" in x.tag for x in sent)
        and any(x.pos == "VERB" and "past" in x.tag for x in sent)
        and any(x.pos == "NOUN" for x in sent)
    )


def _judges(ctx: Context) -> tuple[int, int, str] | None:
    """General marks of a put-down, session 11, as (start, end, why): an exclamation at the
    citizen opened by a wh-word («Что бы мы без Вас делали!»), futility over what the citizen
    does («Торопить нас бесполезно», «Тут и объяснять нечего»), the citizen judged unable to
    understand («Вы так и не поняли …», «Вы снова путаете»), the citizen's own choice held up as
    the cause («Квартиру у трамвайной линии Вы выбрали сами»), a guess about the citizen
    («Такое ощущение, что Вы пишете нам от скуки»), the citizen's appeal judged instead of
    handled («Ваши письма мы уже знаем наизусть», «Подобные обращения только отнимают время»)
    and the citizen told off for drama («Не надо устраивать трагедию»). Quoted text and the
    citizen's words retold are not the reply's voice."""
    quoted = [(q.start(), q.end()) for q in _QUOTED.finditer(ctx.text)]
    for i, sent in enumerate(ctx.doc.by_sentence):
        own = [
            x
            for j, x in enumerate(sent)
            if not any(a <= x.start < b for a, b in quoted) and not _reported(sent, j)
        ]
        if not own or len(own) < len(sent) / 2:
            continue
        s, e = ctx.doc.sentences[i]
        text = ctx.text[s:e].rstrip()
        keys = [x.key for x in own]
        kset = set(keys)
        you = any(x.key == "вы" and "nomn" in x.tag for x in own)
        to_you = bool(kset & {"вы", "ваш"})
        # «Что бы мы без Вас делали!», «Какой Вы внимательный!»: a wish or thanks ends in «!»
        # too, but does not open with a wh-word
        lead = next((k for k in keys if k not in _EXCLAIM_LEAD), "")
        if (
            text.endswith("!")
            and not text.endswith("!!")
            and lead in EXCLAIM_WH_KEYS
            and to_you
            and not kset & _GLAD_KEYS  # «Как хорошо, что Вы сразу позвонили!»
        ):
            return s, e, "восклицание в адрес заявителя звучит как насмешка"
        # «Кто бы сомневался, что виновата снова УК»: a wh-word with «бы» said, not asked;
        # not «кто бы ни обратился», «как бы то ни было»
        if (
            lead in EXCLAIM_WH_KEYS
            and keys[keys.index(lead) + 1 : keys.index(lead) + 2] == ["бы"]
            and not text.endswith("?")
            and "ни" not in kset
        ):
            return s, e, "ирония вместо ответа"
        # «Надеемся, теперь даже Вам всё ясно»: the citizen set below everyone; not «даже
        # если Вы …»
        if any(x.key == "даже" and y.key == "вы" for x, y in pairwise(own)):
            return s, e, "снисходительно: «даже Вам»"
        # «Мы тоже умеем читать законы», «Мы и сами знаем»: a retort to the citizen about what
        # the agency knows or can; not «Мы тоже заметили, что фонарь мигает» (agreement)
        if any(
            x.key == "мы"
            and y.key in ("тоже", "и", "сам")
            and any(z.key in _KNOW_HOW_KEYS for z in own[j + 2 : j + 5])
            for j, (x, y) in enumerate(pairwise(own))
        ):
            return s, e, "отповедь заявителю"
        # «Вынуждены тратить время на разъяснение очевидных вещей», «отнимают время»: the
        # citizen as a waste of the agency's time; not «чтобы не тратить Ваше время», not «Мы
        # ценим, что вы потратили время на обращение»
        for j, x in enumerate(own[:-1] if not you and not kset & _GLAD_KEYS else []):
            if (
                x.key in _SPEND_KEYS
                and "время" in keys[j + 1 : j + 3]
                and "ваш" not in keys[j + 1 : j + 3]
                and "не" not in keys[max(0, j - 2) : j]
            ):
                return s, e, "заявителю дают понять, что он отнимает время"
        # «Можете жаловаться хоть в ООН», «пишите хоть президенту»: the citizen's right waved
        # away
        if any(x.key in COMPLAIN_KEYS and y.key == "хоть" for x, y in pairwise(own)):
            return s, e, "право заявителя жаловаться отметают"
        # «Ваша улица — не центр вселенной», «Дворник — не робот для Ваших поручений»,
        # «Вопросы о погоде — не к нам»: a short «X — не Y» with nothing по делу
        if (
            re.match(r"[^,:;—–]{2,60}\s[—–]\s+не\s", text)
            and len(own) <= 9
            and not _DIGIT.search(text)
            and ":" not in text  # «Акт — не пустая формальность: по нему УК возместит ущерб»
            and not kset & (_SERVICE_KEYS | REASON_KEYS | {"а", "но", "поэтому"})
        ):
            return s, e, "отповедь вместо ответа"
        # «Торопить нас бесполезно», «Тут и объяснять нечего»; not «Бояться нечего»
        for j, x in enumerate(own):
            if x.key in FUTILE_KEYS and any(
                y.pos == "INFN" and y.key not in _FEAR for y in own[max(0, j - 3) : j + 4]
            ):
                return s, e, "заявителю дают понять, что говорить с ним бесполезно"
        # «Вы так и не поняли, о чём Вам писали», «Вы снова путаете»; not «Возможно, Вы не
        # знаете …», «Если Вы не получили …»
        if you and not kset & _NOT_A_VERDICT_KEYS:
            for j, x in enumerate(own):
                if x.pos != "VERB" or "impr" in x.tag:
                    continue
                if x.key in CONFUSE_KEYS or (
                    x.key in COGNITIVE_KEYS
                    and "не" in keys[max(0, j - 3) : j]
                    and ("past" in x.tag or "pres" in x.tag)
                ):
                    return s, e, "заявителю выносят приговор, что он не понимает; объясните сами"
        # «Квартиру у трамвайной линии Вы выбрали сами»: the citizen's own past act as the
        # cause; not «Вы можете сами передать …», «Если Вы сами …»
        if (
            you
            and "сам" in kset
            and not kset & ({"если", "мочь", "можно", "вправе", "право"} | _SLOT_NOUNS)
            and any(x.pos == "VERB" and "past" in x.tag for x in own)
        ):
            return s, e, "вину перекладывают на заявителя"
        # «Такое ощущение, что Вы пишете нам от скуки»
        if kset & IMPRESSION_KEYS and to_you:
            return s, e, "догадки о заявителе вместо ответа по делу"
        # «Ваши письма мы уже знаем наизусть», «Подобные обращения только отнимают время»,
        # «Ваша претензия смехотворна»: the appeal is talked about and not handled
        if (
            not _DIGIT.search(text)
            and not text.endswith("?")
            and any(
                keys[j] in _APPEAL_DETERMINERS
                and keys[j + 1] in APPEAL_NOUNS - {"заявитель", "вопрос"}
                and not (j and keys[j - 1] in _FRAME_PREPOSITIONS)
                for j in range(len(keys) - 1)
            )
            and not kset & (_APPEAL_HANDLING | _PRAISE_KEYS)  # «Ваше письмо помогло нам»
            # an apology or a finding of a check: «Вашу заявку мы потеряли — приносим
            # извинения», «Ваше обращение не соответствует действительности»
            and not kset & _APOLOGY_OR_FINDING
            and not any(x.pos in ("PRTS", "PRTF") for x in own)
            and "без внимания" not in text.lower()
        ):
            return s, e, "обращение заявителя оценивают вместо того, чтобы ответить по нему"
        # «Не надо устраивать трагедию», «Хватит разводить панику»
        if (
            kset & DRAMA_NOUNS
            and kset & TELL_OFF_STOPS
            and any(x.pos == "INFN" or _order_like(x) for x in own)
        ):
            return s, e, "заявителя отчитывают за «драму»; ответьте по делу"
    return None
