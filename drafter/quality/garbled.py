"""Garbled words and broken sentences: what a small model's slips look like in a reply.

``mixed_script_words`` finds words in the wrong script («трубопrovода», «сoбрание» with a Latin
«o», «修复»); ``fragment_sentences`` finds sentences cut mid-phrase («Указанный дом включен в
Региональную.», «П. 2.5.2.»). The checker's GARBAGE blocks a draft with them; the drafting
pipeline repairs a look-alike letter instead of regenerating the reply.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from drafter.quality.lexicon import (
    COMPOUND_PREPOSITIONS,
    ENDLESS_CONJUNCTIONS,
    EXCHANGE_STEMS,
    FRAGMENT_ABBREVIATIONS,
    FRAGMENT_SET_PHRASES,
    HOMOGLYPHS_LATIN_TO_CYRILLIC,
    ITEM_WORDS,
    LATIN_WORDS_ALLOWED,
    LOOKALIKE_ORG_FORMS,
    MODAL_SHORT,
    ONE_LETTER_FUNCTION_WORDS,
    POINTING_ADJECTIVES,
    PREPOSITIONS_ALONE,
    ROMAN_LETTERS,
    SUBSTANTIVE_ADJECTIVES,
)
from drafter.quality.text import WORD, analyse
from knowledge.text import morph, sentence_spans

ScriptKind = Literal["mixed", "homoglyph", "foreign"]


@dataclass(frozen=True, slots=True)
class ScriptIssue:
    """A word (or run of words) in the wrong script, with its span in the text.

    ``kind``: ``"mixed"`` — one word switches alphabet in its middle («трубопrovода»,
    «подъезdа»); ``"homoglyph"`` — a word of one alphabet with look-alike letters of the other
    («сoбрание» with a Latin «o»); ``fixed`` is then the word with them replaced, so a caller
    can repair it; ``"foreign"`` — letters of another writing system («修复», Arabic, Korean …)
    or English words inside Russian prose («Ремонт of the roof», «уберут tomorrow»)."""

    start: int
    end: int
    text: str
    kind: ScriptKind
    fixed: str | None = None


_CYR_TO_LAT = {v: k for k, v in HOMOGLYPHS_LATIN_TO_CYRILLIC.items()}
# a word of letters of any alphabet with inner hyphens or apostrophes
# (a word stuck to digits is a house number or a code — «5a», «M12» — and is left alone)
_ANY_WORD = re.compile(r"(?<!\w)[^\W\d_]+(?:[-'’][^\W\d_]+)*(?!\w)")
# where Latin is at home: addresses of sites and mail, and quoted names («ООО "Smart Service"»)
_LATIN_HOME = re.compile(
    r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|"
    r"\b[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:ru|su|com|org|net|gov|info|online|рф)\b\S*|"
    r"«[^»\n]{0,80}»|\"[^\"\n]{0,80}\"|“[^”\n]{0,80}”"
)
# writing systems a Russian reply never has (Latin is judged word by word, Greek letters are
# symbols: «α», «Ω»)
_FOREIGN_SCRIPTS = (
    "CJK",
    "HIRAGANA",
    "KATAKANA",
    "HANGUL",
    "ARABIC",
    "HEBREW",
    "THAI",
    "DEVANAGARI",
    "GEORGIAN",
    "ARMENIAN",
    "IDEOGRAPHIC",
    "FULLWIDTH",
    "BOPOMOFO",
)


def _script(ch: str) -> str:
    """ "cyr", "lat", "foreign" or "" (digits, punctuation, symbols such as «µ»)."""
    if "а" <= ch.lower() <= "я" or ch in "ёЁ":
        return "cyr"
    if "a" <= ch.lower() <= "z":
        return "lat"
    if ord(ch) < 0x2E80 and not ("\u0590" <= ch <= "\u0fff" or "\u10a0" <= ch <= "\u10ff"):
        return ""  # Latin-1 symbols, Greek, other Cyrillic (Ukrainian: its own check), …
    name = unicodedata.name(ch, "")
    return "foreign" if name.startswith(_FOREIGN_SCRIPTS) else ""


def _is_roman(word: str) -> bool:
    return all(c in ROMAN_LETTERS for c in word)


def _word_issue(word: str) -> tuple[ScriptKind, str | None] | None:
    """How one hyphen-free word mixes Latin and Cyrillic, if it does."""
    scripts = [_script(c) for c in word]
    cyr, lat = scripts.count("cyr"), scripts.count("lat")
    if not cyr or not lat or _is_roman(word):
        return None
    # the alphabet with fewer letters is the intruder; all its letters look-alikes → a homoglyph
    minority, table = ("lat", HOMOGLYPHS_LATIN_TO_CYRILLIC) if lat <= cyr else ("cyr", _CYR_TO_LAT)
    letters = [c for c, s in zip(word, scripts, strict=True) if s == minority]
    if all(c in table for c in letters):
        return "homoglyph", "".join(
            table.get(c, c) if s == minority else c for c, s in zip(word, scripts, strict=True)
        )
    # a switch of alphabet onto a lower-case letter is inside a word («трубопrovода»); onto a
    # capital it is a brand written in two parts («СтройTech», «ТехноPark»)
    for i in range(1, len(word)):
        a, b = scripts[i - 1], scripts[i]
        if a in ("cyr", "lat") and b in ("cyr", "lat") and a != b and word[i].islower():
            return "mixed", None
    return None


def mixed_script_words(text: str) -> list[ScriptIssue]:
    """Words in the wrong script in Russian prose, in text order, with spans.

    - ``mixed``: a word switching alphabet onto a lower-case letter («трубопrovода»); brands in
      two parts («СтройTech»), Roman numerals («XIХ») and hyphenated compounds («Wi-Fi-роутер»,
      «QR-код») are not;
    - ``homoglyph``: every letter of the minority alphabet is a look-alike («сoбрание»,
      «ЖИЛИЩНИK»), ``fixed`` the repaired word; a lone lower-case Latin «a», «c», «o», «y»
      between Cyrillic words is one too, and so is an org form in Latin look-alikes («OOO»);
    - ``foreign``: a run of letters of another writing system («修复»), or a run of Latin words
      with a lower-case word that is no file format or «e-mail» («of the roof», «tomorrow»)
      outside site and mail addresses and quotes; capitalised Latin words are names
      («Grundfos», «WhatsApp», «Smart Service») and pass.
    """
    out: list[ScriptIssue] = []
    home = [(m.start(), m.end()) for m in _LATIN_HOME.finditer(text)]
    addresses = [(a, b) for a, b in home if text[a] not in '«"“']

    def at_home(start: int, end: int) -> bool:  # «Ссылкаhttps://…»: glued to an address
        return any(a < end and start < b for a, b in home)

    def at_address(start: int, end: int) -> bool:
        return any(a < end and start < b for a, b in addresses)

    # letters of other writing systems, one span per run (spaces and their punctuation inside)
    i = 0
    while i < len(text):
        if _script(text[i]) == "foreign":
            j = i + 1
            while j < len(text) and (
                _script(text[j]) == "foreign"
                or text[j] == " "
                and j + 1 < len(text)
                and _script(text[j + 1]) == "foreign"
            ):
                j += 1
            out.append(ScriptIssue(i, j, text[i:j], "foreign"))
            i = j
        else:
            i += 1
    # Latin and Cyrillic, word by word (a URL's or a quoted name's letters are at home)
    # an English sentence is garbage_not_russian's; here: English words inside Russian prose
    bare = _LATIN_HOME.sub(" ", text)
    cyrillic_text = sum(1 for c in bare if _script(c) == "cyr") >= 2 * max(
        1, sum(1 for c in bare if _script(c) == "lat")
    )
    latin_run: list[re.Match[str]] = []

    def close_run() -> None:
        if latin_run and any(
            w.group().islower()
            and w.group().lower() not in LATIN_WORDS_ALLOWED
            and len(w.group()) >= 2
            for w in latin_run
        ):
            a, b = latin_run[0].start(), latin_run[-1].end()
            out.append(ScriptIssue(a, b, text[a:b], "foreign"))
        latin_run.clear()

    prev_end = 0
    for m in _ANY_WORD.finditer(text):
        w = m.group()
        kinds = [_word_issue(part) for part in re.split(r"[-'’]", w)]
        found = next((k for k in kinds if k), None)
        if at_home(m.start(), m.end()) and not (found and not at_address(m.start(), m.end())):
            # Latin is at home in addresses and quoted names, but a word of a quoted name that
            # mixes alphabets is still garbled («ТСЖ «Pассвет»» with a Latin «P»)
            close_run()
            continue
        scripts = {_script(c) for c in w} - {""}
        if found:
            close_run()
            kind, _ = found
            fixed = None
            if kind == "homoglyph":
                # each part repaired on its own: «сoбрание-кoнференция»
                fixed = "".join(
                    (k[1] or p) if (k := _word_issue(p)) else p for p in re.split(r"([-'’])", w)
                )
            out.append(ScriptIssue(m.start(), m.end(), w, kind, fixed))
        elif scripts == {"lat"} and cyrillic_text:
            gap = text[prev_end : m.start()]
            if latin_run and not re.fullmatch(r"[ ,]*", gap):
                close_run()
            as_cyrillic = "".join(HOMOGLYPHS_LATIN_TO_CYRILLIC.get(c, "?") for c in w)
            if as_cyrillic in LOOKALIKE_ORG_FORMS:
                # «OOO «Чистый дом»»: the org form typed in Latin look-alikes
                close_run()
                out.append(ScriptIssue(m.start(), m.end(), w, "homoglyph", as_cyrillic))
            elif len(w) == 1 and w in "acoy" and w in HOMOGLYPHS_LATIN_TO_CYRILLIC:
                # «работы выполнены, a мусор вывезен»: a Latin «a» for the Russian «а»
                close_run()
                out.append(
                    ScriptIssue(m.start(), m.end(), w, "homoglyph", HOMOGLYPHS_LATIN_TO_CYRILLIC[w])
                )
            else:
                latin_run.append(m)
        else:
            close_run()
        prev_end = m.end()
    close_run()
    out.sort(key=lambda x: x.start)
    return out


@dataclass(frozen=True, slots=True)
class Fragment:
    """A sentence cut short or left without its substance, with its span and why (Russian, for
    the reviewer's message)."""

    start: int
    end: int
    text: str
    why: str


# what may close a sentence after its last word without it being part of a name or a quote
_PLAIN_END = re.compile(r"[\s.!?;:…,-]*")
_ITEM_ALONE = "номер пункта без текста"
# by stem: a participle's lemma key is its verb («проживающих» → «проживать»)
_SUBSTANTIVE_STEMS = tuple(sorted(w[:-2] for w in SUBSTANTIVE_ADJECTIVES))
_DOUBLE_DOT = re.compile(r"\d\.\.(?!\.)\s*$")
# a number with its case ending: «с 20-го», «к 5-му», «на 3-й»
_ORDINAL = re.compile(r"\d+-[а-я]{1,3}")


@lru_cache(maxsize=20_000)
def _only_function_word(word: str) -> bool:
    """Every likely parse of ``word`` is a preposition, a conjunction no sentence ends on or
    «не»/«ни»: «на», «для», «или», «чтобы». A preposition that is also an adverb («против») or
    a conjunction that is an introductory word («конечно») does not count."""
    parses = [p for p in morph().parse(word)[:4] if p.score >= 0.05]
    return bool(parses) and all(
        p.tag.POS == "PREP"
        or p.tag.POS == "CONJ"
        and word in ENDLESS_CONJUNCTIONS
        or p.tag.POS == "PRCL"
        and word in ("не", "ни")
        for p in parses
    )


def fragment_sentences(text: str, sentences: list[tuple[int, int]] | None = None) -> list[Fragment]:
    """Sentences of ``text`` (the shared splitter's) that are broken pieces, in text order.

    A fragment is a sentence that
    - is an item number alone: «П. 2.5.2.», «Пункт 2.4.3.» (item words and numbers only);
    - ends on a preposition, a conjunction or «не»: «вывезен в.», «работы выполнены и.»;
    - ends on «обязан», «должны», «вправе» with nothing it obliges to;
    - ends on a full adjective or participle with no noun after it, right after a preposition
      («включен в Региональную.», «на ближайшие.») or after another adjective of its case
      («Следующие дополнительные.»);
    - ends on a number followed by two full stops («2.3.7..»: a list cut and glued);
    - is the text's last sentence and ends on a colon («Сообщаем следующее:»).

    Not fragments: a last word that is an abbreviation with its full stop («г.», «ул.», «т.д.»,
    «и т. п.», «ст.»), a number («д. 5», «ст. 161 ЖК РФ.»), a name or a quote ending in »/")/»,
    fixed phrases («в основном», «в дальнейшем»), a substantivised adjective («к дежурному»),
    a toponym after its preposition («на Невском»), a heading with a colon that a list follows,
    a line without a full stop (a heading, a list item, a hard-wrapped letter's line).

    ``sentences``: the spans of the shared splitter when the caller has them (``Doc.sentences``).
    """
    out: list[Fragment] = []
    spans = sentence_spans(text) if sentences is None else sentences
    last_text_end = len(text.rstrip())
    for i, (a, b) in enumerate(spans):
        sent = text[a:b]
        words = list(WORD.finditer(sent))
        if not words:
            continue
        following = WORD.search(text, spans[i + 1][0]) if i + 1 < len(spans) else None
        why = _fragment_why(
            sent,
            words,
            is_last=a + len(sent.rstrip()) >= last_text_end,
            next_word=following.group() if following else None,
        )
        if why:
            out.append(Fragment(a, b, sent.strip(), why))
    return [f for f in out if not _numbered_clause(text, f, spans, out)]


def _numbered_clause(
    text: str, frag: Fragment, spans: list[tuple[int, int]], frags: list[Fragment]
) -> bool:
    """«п. 5.1. Собственники обязаны …» on a line of its own: the splitter cut a numbered
    clause after its number; the number is no fragment when its line goes on with a whole
    sentence."""
    if frag.why != _ITEM_ALONE:
        return False
    line_start = text.rfind("\n", 0, frag.start) + 1
    if text[line_start : frag.start].strip():
        return False  # mid-line: «Здравствуйте! Ст. 161. П. 3.1. …»
    nxt = next(((a, b) for a, b in spans if a >= frag.end), None)
    if nxt is None or "\n" in text[frag.end : nxt[0]]:
        return False
    return not any(f.start == nxt[0] for f in frags)


def _fragment_why(
    sent: str, words: list[re.Match[str]], *, is_last: bool, next_word: str | None
) -> str | None:
    lows = [w.group().lower().replace("ё", "е") for w in words]
    body = sent.rstrip()
    last = words[-1]
    tail = sent[last.end() :]
    plain = _PLAIN_END.fullmatch(tail) is not None
    if (
        plain
        and lows[0] in ITEM_WORDS
        and any(w.isdigit() for w in lows)
        and all(w.isdigit() or w in ITEM_WORDS for w in lows)
        # «(п. 3.2. Правил …», «ст. 161. Жилищного кодекса»: the citation goes on
        and not (next_word and next_word[:1].isupper() and _genitive(next_word.lower()))
    ):
        return _ITEM_ALONE
    if _DOUBLE_DOT.search(body):
        return "номер с двумя точками — обрывок списка"
    if is_last and body.endswith(":"):
        return "двоеточие, а за ним ничего"
    # a line without a full stop is a heading, a list item or a hard-wrapped letter's line
    # (the splitter cuts those at blank lines), and a colon opens a list: neither is cut short
    if not plain or ":" in tail or not (is_last or re.search(r"[.!?…]", tail)):
        return None
    word, low = last.group(), lows[-1]
    if word.isdigit() or not any("а" <= c <= "я" for c in low):
        return None
    if _ORDINAL.fullmatch(low):
        return None  # «кататься можно будет с 20-го»: a day or an item, its noun said before
    if len(low) == 1:
        # «вывезен в.», «выполнены и.»; not initials («В.»), «XIX в.», «д. 5, к.» or «на о.»
        before = analyse(lows[-2]) if len(lows) > 1 else None
        if (
            word in ONE_LETTER_FUNCTION_WORDS
            and before is not None
            and before.pos not in ("NUMB", "LATN", "PREP")
            and len(lows[-2]) > 1
        ):
            return f"обрывается на «{word}»"
        return None
    if tail.lstrip().startswith(".") and low in FRAGMENT_ABBREVIATIONS:
        return None
    if low in MODAL_SHORT and not (len(lows) > 1 and lows[-2] == "не"):
        # «мы не обязаны.», «так быть не должно.» are whole
        return f"«{word}» — и не сказано, что именно"
    if low not in PREPOSITIONS_ALONE and _only_function_word(low):
        return f"обрывается на «{word}»"
    if len(lows) == 1 and (
        analyse(low).pos == "PREP"
        or low in ENDLESS_CONJUNCTIONS
        or analyse(low).pos == "PRCL"
        and low not in ("да", "нет", "ну", "вот")
    ):
        # «Согласно.», «Также.»: a preposition or a particle left alone (not «Да.»)
        return f"«{word}» — одно служебное слово"
    a = analyse(low)
    pointing = low.startswith(POINTING_ADJECTIVES) and a.pos in ("ADJF", "PRTF")
    if pointing and not ("neut" in a.tag and "sing" in a.tag):
        return f"«{word}» — а что именно, не сказано"
    for n in (3, 2):
        if len(lows) >= n and tuple(lows[-n:]) in COMPOUND_PREPOSITIONS:
            # «По вашему обращению по вопросу.», «Работы выполнят в течение.»
            return f"обрывается на «{' '.join(w.group() for w in words[-n:])}»"
    if a.pos not in ("ADJF", "PRTF") or "Subx" in a.tag or low.startswith(_SUBSTANTIVE_STEMS):
        return None
    if "Apro" in a.tag:
        return None  # «за своё», «на всё», «при этом»: pronouns stand alone
    prev = [analyse(w) for w in lows[:-1]]
    # the noun said before is the adjective's: «подвал чистый, сухой» (a predicate), «замена
    # двери на новую» (an exchange); not «Работы запланированы на ближайшие.»
    fits = any(p.pos == "NOUN" and _fits(w, low) for p, w in zip(prev, lows, strict=False))
    exchange = any(w.startswith(EXCHANGE_STEMS) for w in lows)
    k = len(prev) - 1
    # the adjective's own words back to what governs it: «на ближайшие два», «в жилые и нежилые»
    while k >= 0 and (prev[k].pos in ("ADJF", "PRTF", "NUMR", "ADVB") or lows[k] in ("и", "или")):
        k -= 1
    if k >= 0 and prev[k].pos == "PREP":
        if (lows[k], low) in FRAGMENT_SET_PHRASES or fits and exchange:
            return None
        if word[0].isupper() and ("loct" in a.tag or "datv" in a.tag or "gent" in a.tag):
            # «на Невском», «по Садовой», «до Заречного»: a street or district by its adjective
            # (not the accusative: «включен в Региональную.» lost its noun)
            return None
        return f"«{lows[k]} {word}» — прилагательное без существительного"
    # (not the neuter singular: «не самое страшное», «главное» are nouns of their own)
    neuter = "neut" in a.tag and "sing" in a.tag
    if (
        not fits
        and prev
        and prev[-1].pos in ("ADJF", "PRTF")
        and not word[0].isupper()
        and not neuter
        and _agree(lows[-2], low)
    ):
        return f"«{words[-2].group()} {word}» — прилагательные без существительного"
    return None


def _fits(noun: str, adjective: str) -> bool:
    """The noun can be what the adjective describes: the same number, and gender in the
    singular, in some parse of each (case aside: «замена двери на новую»; «окна» is plural as
    well as a genitive singular)."""
    nouns = _forms(noun, ("NOUN",))
    return any(
        number == n_number and (number == "plur" or gender == n_gender)
        for number, gender in _forms(adjective, ("ADJF", "PRTF"))
        for n_number, n_gender in nouns
    )


@lru_cache(maxsize=20_000)
def _forms(word: str, pos: tuple[str, ...]) -> frozenset[tuple[str, str]]:
    """(number, gender) of the likely parses of ``word`` as one of ``pos``."""
    return frozenset(
        (_number(str(p.tag)), next((g for g in ("masc", "femn", "neut") if g in p.tag), ""))
        for p in morph().parse(word)[:6]
        if p.tag.POS in pos and p.score >= 0.02
    )


@lru_cache(maxsize=20_000)
def _genitive(word: str) -> bool:
    return any("gent" in p.tag for p in morph().parse(word)[:3] if p.score >= 0.05)


@lru_cache(maxsize=20_000)
def _agree(first: str, second: str) -> bool:
    """Two adjectives that can stand in one case and number («следующие дополнительные»)."""

    def forms(word: str) -> set[tuple[str, str]]:
        return {
            (_case(str(p.tag)), _number(str(p.tag)))
            for p in morph().parse(word)[:4]
            if p.tag.POS in ("ADJF", "PRTF") and p.score >= 0.05
        }

    return bool(forms(first) & forms(second))


_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


def _case(tag: str) -> str:
    return next((c for c in _CASES if c in tag), "")


def _number(tag: str) -> str:
    return "plur" if "plur" in tag else "sing"
