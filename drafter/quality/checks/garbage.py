"""GARBAGE: empty, not Russian, repetition loops, echoed prompt or instructions, markup debris,
words in the wrong script, replies made of broken sentences.

These are the failure modes of a small base model; a reply with any of them is not a reply.
"""

from __future__ import annotations

import re
from collections import defaultdict

from drafter.quality.checks.echo import GREETING_WORDS, PREDICATE_POS, parrot_share
from drafter.quality.checks.substance import goes_elsewhere
from drafter.quality.context import Context
from drafter.quality.garbled import ScriptIssue, fragment_sentences, mixed_script_words
from drafter.quality.registry import register
from drafter.quality.text import Token, analyse

MIN_CYRILLIC_SHARE = 0.6  # of the letters outside URLs and e-mails
# A loop: most of the text is made of word sequences said before. Official letters repeat a
# long name now and then (a few % of their words); a looping model repeats itself wholesale.
NGRAM = 6
LOOP_SHARE = 0.4
LOOP_MIN_WORDS = 12
_URL = re.compile(
    r"https?://\S+|www\.\S+|\S+@\S+\.\w+|"
    r"[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.(?:ru|su|com|org|net|gov|info|online|рф)\b\S*"
)
_QUOTED = re.compile(r"«[^»]*»|\"[^\"]*\"")
_ROLE_LINE = re.compile(
    r"^\s*(?:#{1,6}\s*\S|```|\[/?INST\]|(?:Обращение|Ответ|Инструкци[яи]|Задача|Контекст|Источник\w*|"
    r"Пример\w*|Вопрос|Пользователь|Ассистент|Систем\w*|Черновик|Канал|Категория|Автор|Формат|"
    r"System|User|Assistant|Appeal|Answer|Reply|Context|Instruction)"
    # «Источник 1 (Жилищный кодекс, ст. 44):»: a numbered or annotated label is a label too
    r"\s*(?:№?\s*\d+\s*)?(?:\([^)\n]{0,80}\)\s*)?:)",
    re.IGNORECASE | re.MULTILINE,
)
_DEBRIS = re.compile(
    r"<\s*/?\s*(?:start_of_turn|end_of_turn|eos|bos|pad|s|unk|br|p|div|span|b|i|a)\b[^>]{0,40}>?|"
    r"<\|[^>]{0,30}\|>|\{\{|\}\}|#{2,}|\*\*|</?[A-Za-z][^>]{0,30}>|<(?=[A-Za-zА-Яа-я/|])|<\s*$|"
    r"\bОбращение\s*:|"
    # template slots left unfilled: «{deadline}», «[Ваше имя]», «<ФИО>»
    r"\{\s*[A-Za-z_][\w.]*\s*\}|\[[^\]\d\n]{0,10}[A-Za-zА-Яа-яЁё][^\]\d\n]{1,40}\]|"
    # literal escapes, a JSON object (also mid-line: «… в формате JSON {"prompt":...}», the real
    # model copying an injection's format, tests/test_injection.py inj-22), a «* * *» divider
    r"\\[ntr]|\\u[0-9a-fA-F]{4}|^\s*[\[{]\s*\"|\"\w+\"\s*:\s*[\"\d\[{]|\{\s*\"\w+\"\s*:|"
    r"\*\s+\*\s+\*",
    re.IGNORECASE | re.MULTILINE,
)
_LETTER = re.compile(r"[^\W\d_]")
_CYRILLIC = re.compile(r"[а-яёА-ЯЁ]")
_CHAR_RUN = re.compile(r"([^\sXХ0-9.\-_=*])\1{7,}")


@register("GARBAGE")
def garbage_empty(ctx: Context) -> None:
    if len(_LETTER.findall(ctx.text, 0, 2000)) < 2 or not ctx.doc.tokens:
        ctx.add("GARBAGE", "blocker", 0, len(ctx.text), "Ответ пуст: в нём нет текста.")
        ctx.stop = True


_WORD = re.compile(r"[^\W\d_]+")
_NOT_A_NAME = frozenset({"VERB", "INFN", "PRTS", "GRND", "ADJS"})


@register("GARBAGE")
def garbage_greeting_only(ctx: Context) -> None:
    # a base model often stops right after the greeting the prompt wrote for it; what is left
    # is a greeting and a name: short, every word a greeting word or a capitalised name
    if len(ctx.text) > 120 or re.search(r"\d", ctx.text):
        return
    words = _WORD.findall(ctx.text)
    if not 1 <= len(words) <= 6:
        return
    greetings = [w for w in words if GREETING_WORDS.match(w)]
    names = [w for w in words if not GREETING_WORDS.match(w)]
    # «Здравствуйте! Сделаем.», «Добрый день! Поправим.»: a capitalised verb (or the short
    # adjective the tagger reads «поправим» as) is a one-word answer, not a name
    if any(analyse(w.lower()).pos in _NOT_A_NAME for w in names):
        return
    if greetings and all(w[0].isupper() for w in names):
        ctx.add(
            "GARBAGE",
            "blocker",
            0,
            len(ctx.text),
            "В ответе только приветствие, ответа по сути нет.",
        )
        ctx.stop = True


@register("GARBAGE")
def garbage_not_russian(ctx: Context) -> None:
    text = _URL.sub(" ", ctx.text)
    letters = len(_LETTER.findall(text))
    if letters < 2:
        return
    share = len(_CYRILLIC.findall(text)) / letters
    other = _OTHER_CYRILLIC.findall(text)
    if len(other) >= 2:  # «і», «ї», «є», «ә», «қ»: Ukrainian, Kazakh … written in Cyrillic
        ctx.add(
            "GARBAGE",
            "blocker",
            0,
            len(ctx.text),
            f"Ответ не на русском языке: буквы другого языка («{''.join(sorted(set(other)))}»).",
        )
        return
    run = _latin_run(ctx)
    if share >= MIN_CYRILLIC_SHARE and run is not None:
        ctx.add(
            "GARBAGE",
            "blocker",
            run[0],
            run[1],
            f"В ответе фраза не на русском языке: «{ctx.text[run[0] : run[1]][:40]}».",
        )
        return
    if share < MIN_CYRILLIC_SHARE:
        ctx.add(
            "GARBAGE",
            "blocker",
            0,
            len(ctx.text),
            f"Ответ не на русском языке: кириллица — {share:.0%} букв.",
        )


_OTHER_CYRILLIC = re.compile(r"[іїєґўәғқңөұүһІЇЄҐЎӘҒҚҢӨҰҮҺ]")
LATIN_RUN = 4  # Latin words in a row outside URLs: a sentence in another language


def _latin_run(ctx: Context) -> tuple[int, int] | None:
    """The first run of ``LATIN_RUN`` Latin words in a row (addresses of sites, e-mails and
    quoted names aside): «Let me know if you need anything else»."""
    # a site's address or a quoted name («CHAMPAGNE & OYSTERS BAR NoIR») is not a sentence
    urls = [(m.start(), m.end()) for rx in (_URL, _QUOTED) for m in rx.finditer(ctx.text)]
    run: list[Token] = []
    for t in ctx.doc.tokens:
        latin = t.pos == "LATN" and t.text.isalpha() and not any(a <= t.start < b for a, b in urls)
        if latin and (not run or run[-1].sent == t.sent):
            run.append(t)
            if len(run) >= LATIN_RUN:
                return run[0].start, run[-1].end
        else:
            run = [t] if latin else []
    return None


@register("GARBAGE")
def garbage_loops(ctx: Context) -> None:
    toks = ctx.doc.tokens
    words = [t.text.lower() for t in toks]
    # the same word four times in a row
    run = 1
    for i in range(1, len(words)):
        run = run + 1 if words[i] == words[i - 1] else 1
        if run == 4:
            ctx.add(
                "GARBAGE",
                "blocker",
                toks[i - 3].start,
                toks[i].end,
                f"Повтор: слово «{toks[i].text}» повторяется подряд.",
            )
            return
    if len(words) >= LOOP_MIN_WORDS:
        seen: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for i in range(len(words) - NGRAM + 1):
            seen[tuple(words[i : i + NGRAM])].append(i)
        repeated = [False] * len(words)
        first_repeat = None
        for where in seen.values():
            for i in where[1:]:  # every occurrence after the first is a repeat
                first_repeat = i if first_repeat is None else min(first_repeat, i)
                for k in range(i, i + NGRAM):
                    repeated[k] = True
        share = sum(repeated) / len(words)
        if share >= LOOP_SHARE and first_repeat is not None:
            ctx.add(
                "GARBAGE",
                "blocker",
                toks[first_repeat].start,
                toks[-1].end,
                f"Зацикливание: {share:.0%} текста повторяет уже сказанное.",
            )
            return
    sents = [ctx.sentence_text(i).lower() for i in range(len(ctx.doc.sentences))]
    first: dict[str, int] = {}
    for i, s in enumerate(sents):
        key = re.sub(r"\W+", " ", s).strip()
        if len(key.split()) >= 8:  # «Дверь закрывается, имеет плотный притвор.» may recur
            if key in first:
                a, b = ctx.doc.sentences[i]
                ctx.add("GARBAGE", "blocker", a, b, "Предложение повторяется дословно.")
                return
            first[key] = i
    m = _CHAR_RUN.search(ctx.text)
    if m:
        ctx.add(
            "GARBAGE", "blocker", m.start(), m.end(), "Повтор одного символа — мусор генерации."
        )


@register("GARBAGE")
def garbage_markup(ctx: Context) -> None:
    for rx, what in ((_ROLE_LINE, "строка разметки или инструкции"), (_DEBRIS, "остатки разметки")):
        m = rx.search(ctx.text)
        if m:
            s, e = m.start(), m.end()
            while s < e and ctx.text[s].isspace():
                s += 1
            ctx.add(
                "GARBAGE",
                "blocker",
                s,
                max(e, s + 1),
                f"В ответе {what}: «{ctx.text[s:e].strip()[:40]}».",
            )
            return


@register("GARBAGE")
def garbage_echo(ctx: Context) -> None:
    """Lines of the prompt repeated in the draft, except what the appeal or sources say."""
    if not ctx.prompt:
        return
    allowed = "\n".join([*ctx.sources, ctx.appeal.text if ctx.appeal else ""]).lower()
    low = ctx.text.lower()
    lines = [ln.strip().lower() for ln in ctx.prompt.splitlines() if ln.strip()]
    # the prompt's last line is where the reply starts (an answer prefix such as a greeting)
    for line in lines[:-1]:
        if len(line) < 20 or line in allowed:
            continue
        i = low.find(line)
        if i >= 0:
            ctx.add(
                "GARBAGE",
                "blocker",
                i,
                i + len(line),
                f"Ответ повторяет текст подсказки: «{ctx.text[i : i + 60]}…».",
            )
            return


@register("GARBAGE")
def garbage_parrots_the_appeal(ctx: Context) -> None:
    """The reply mostly repeats the citizen's own words back: a base model's favourite non-answer."""
    found = parrot_share(ctx)
    if found:
        start, share = found
        ctx.add(
            "GARBAGE",
            "blocker",
            start,
            len(ctx.text),
            f"Ответ пересказывает обращение словами жителя ({share:.0%} текста), а не отвечает на него.",
        )


# a statement needs a predicate: a verb, short participle, gerund, short adjective, predicative
# or an adverb used as one («Освещение исправно.»). Not a full participle: «торговля в местах,
# не предназначенных для торговли» describes and states nothing (0 of 4,000 real replies have
# only those)
_DASH_PREDICATE = re.compile(r"\w\s+[—–-]\s+\w")


@register("GARBAGE")
def garbage_no_statement(ctx: Context) -> None:
    # «Здравствуйте! Ремонт фасада.», «Здравствуйте! 5 парадная»»: the small model's fragments.
    # Only for drafts: 5 of 26,972 real replies have no predicate, and some of them are terse
    # but whole («Колодец в нормативном состоянии.»)
    if not ctx.generated or not ctx.doc.tokens:
        return
    # «Вопрос уборки двора на контроле администрации.», «Это вопрос сетевой организации.»: a
    # stock formula says something (a brush-off, a redirect — their own codes), it is no fragment
    if ctx.find("BRUSH_OFF") or ctx.find("REDIRECT_WHOSE"):
        return
    # «Это к Росреестру.», «Вопрос к Водоканалу.»: where to go with the going left out is a
    # hand-off (REDIRECT's), not a fragment
    if goes_elsewhere(ctx) is not None:
        return
    # «Ближайший пункт — у ТЦ «Планета», в 300 метрах»: a dash between words is a predicate
    if not any(t.pos in PREDICATE_POS for t in ctx.doc.tokens) and not _DASH_PREDICATE.search(
        ctx.text
    ):
        ctx.add(
            "GARBAGE",
            "blocker",
            0,
            len(ctx.text),
            "Это не ответ, а обрывок: в тексте нет ни одного сказуемого — ничего не сообщается.",
        )


# a word cut short at the very end: «…и приняли реш». A reply ends in punctuation, a closing
# quote or bracket, or at least a whole dictionary word (a signature, «Приложение: фото»)
_LAST_WORD = re.compile(r"([А-Яа-яЁё]+)\s*$")


@register("GARBAGE")
def garbage_truncated(ctx: Context) -> None:
    # only drafts: a model stopped by its token limit; a person's reply that ends oddly is
    # still whole
    if not ctx.generated:
        return
    m = _LAST_WORD.search(ctx.text)
    if not m or not m.group(1).islower():
        return
    if not ctx.doc.tokens or ctx.doc.tokens[-1].known:
        return
    ctx.add(
        "GARBAGE",
        "blocker",
        m.start(1),
        m.end(1),
        f"Ответ оборван на полуслове: «{m.group(1)}».",
    )


# An instruction to the model echoed as the reply: «Ты — специалист … Напиши вежливый ответ …
# поздоровайся, … укажи срок». A reply speaks to the citizen with «вы»; singular imperatives are
# the prompt's voice. Model meta-talk («Вот вариант ответа:») is the same failure.
ECHO_IMPERATIVES = 2
# what an instruction to the model is about («напиши ответ жителю»); a reply that says «ты» to
# the citizen («Слушай, не переживай») gives orders too, but about nothing of the sort: IMPOLITE
_TASK_WORDS = frozenset({"ответ", "житель", "заявитель", "черновик", "инструкция", "стандарт"})


@register("GARBAGE")
def garbage_instruction_or_meta(ctx: Context) -> None:
    if not ctx.generated:
        return
    orders = [t for t in ctx.doc.tokens if "impr" in t.tag and "sing" in t.tag and t.known]
    ctx.echoed_instructions = len(orders) >= ECHO_IMPERATIVES and bool(
        ctx.doc.key_set & _TASK_WORDS
    )
    meta = ctx.find("MODEL_META")
    if meta:
        m = meta[0]
        ctx.add(
            "GARBAGE",
            "blocker",
            m.start,
            m.end,
            f"В ответе слова модели о самой себе или о задании: «{ctx.text[m.start : m.end]}».",
        )
        return
    if ctx.echoed_instructions:
        ctx.add(
            "GARBAGE",
            "blocker",
            orders[0].start,
            orders[-1].end,
            "Ответ повторяет инструкцию модели («"
            + ", ".join(t.text for t in orders[:3])
            + "…»), а не отвечает жителю.",
        )


_SCRIPT_MESSAGES = {
    "mixed": "в слове смешаны русские и латинские буквы",
    "homoglyph": "латинские буквы вместо похожих русских (или наоборот)",
    "foreign": "слова не на русском языке",
}


@register("GARBAGE")
def garbage_mixed_script(ctx: Context) -> None:
    """Words in the wrong script inside Russian prose (``mixed_script_words``): «трубопrovода»,
    «выполнены 修复 работы», «Ремонт of the roof». In a draft every kind counts: the model's slip
    (a look-alike letter the pipeline repairs from the issue's ``fixed``). In a person's reply
    only another writing system counts («修复»): «по вonpocу», «со cm. 16» are slips of the
    keyboard or the scanner (12 of 27,000 real portal replies) the reader still reads. Skipped
    when the reply is already GARBAGE for not being Russian."""
    if any(v.code == "GARBAGE" for v in ctx.violations):
        return
    issues = [
        i
        for i in mixed_script_words(ctx.text)
        if ctx.generated or i.kind == "foreign" and not _LATIN_LETTER.search(i.text)
    ]
    if not issues:
        return
    first = issues[0]
    shown = ", ".join(_shown(i) for i in issues[:3]) + (" …" if len(issues) > 3 else "")
    ctx.add(
        "GARBAGE",
        "blocker",
        first.start,
        first.end,
        f"В ответе {_SCRIPT_MESSAGES[first.kind]}: {shown} — сбой генерации, текст так "
        "не отправляют.",
    )


_LATIN_LETTER = re.compile(r"[A-Za-z]")


def _shown(issue: ScriptIssue) -> str:
    if issue.kind == "homoglyph" and issue.fixed:
        return f"«{issue.text}» (надо «{issue.fixed}»)"
    return f"«{issue.text[:40]}»"


# Fragments (``fragment_sentences``) block a draft when there are FRAGMENTS_MIN of them, or
# when one is FRAGMENT_SHARE of its sentences (the greeting counts): «Здравствуйте! Мусор вывезен
# в.» One in a long reply may be the splitter's or pymorphy's mistake (on 26,972 real portal
# replies checked as drafts: 15 with one, 28 with two or more — those 28 one copied legal
# template with «(п. 2.3.7.. Пункт 2.4.3. … П. 2.5.2.», the text spb-3146433's draft came from).
FRAGMENTS_MIN = 2
FRAGMENT_SHARE = 0.3


@register("GARBAGE")
def garbage_fragments(ctx: Context) -> None:
    """A draft made of broken sentences: a legal text cut into pieces («Указанный дом включен в
    Региональную. … владелец жилого дома обязан. П. 2.5.2.»). Drafts only: a person's letter
    pasted with its line breaks splits into «sentences» that are lines."""
    if not ctx.generated or any(v.code == "GARBAGE" for v in ctx.violations):
        return
    frags = fragment_sentences(ctx.text, ctx.doc.sentences)
    total = max(len(ctx.doc.sentences), 1)
    if len(frags) < FRAGMENTS_MIN and not (frags and len(frags) / total >= FRAGMENT_SHARE):
        return
    shown = "; ".join(f"«{f.text[-50:]}» ({f.why})" for f in frags[:3])
    ctx.add(
        "GARBAGE",
        "blocker",
        frags[0].start,
        frags[-1].end,
        f"Ответ из обрывков фраз: {len(frags)} из {total} предложений оборваны или без смысла — "
        f"{shown}.",
    )
