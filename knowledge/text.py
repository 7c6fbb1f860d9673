"""The one Russian text layer: normalisation, tokens, sentences with spans, Snowball stems, stop
words, lemmas, the morphological analyser, named entities and month names.

Shared by the lexical retriever, the embedders, the topic judge, drafter's understanding, the
checker (drafter.quality) and routing, so that one process holds one pymorphy3 analyser
(``morph``) and one natasha NER model (``ner_spans``), each loaded on first use. Everything
else here is pure and cheap to call many times.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from razdel import sentenize as _razdel_sentenize
from razdel import tokenize as _razdel_tokenize

from knowledge import regions as _regions

# Moderators mask personal data as runs of X; they carry no meaning for retrieval.
_MASK = re.compile(r"\b[XХ]{2,}\b")
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[0-9a-zа-я]", re.IGNORECASE)

# bm25s' Russian list plus words that appear in nearly every appeal and reply of a public
# portal (greetings, "please", the portal's boilerplate) and so only add noise to matching.
STOP_WORDS: frozenset[str] = frozenset(
    """
    а без более больше будет будто бы был была были было быть в вам вас вдруг ведь во вот впрочем
    все всегда всего всех всю вы где да даже два для до другой его ее ей ему если есть еще ж же за
    зачем здесь и из или им иногда их к как какая какой когда конечно кто куда ли лучше между меня
    мне много может можно мой моя мы на над надо наконец нас не него нее ней нельзя нет ни нибудь
    никогда ним них ничего но ну о об один он она они опять от перед по под после потом потому
    почти при про раз разве с сам свою себе себя сейчас со совсем так такой там тебя тем теперь то
    тогда того тоже только том тот три тут ты у уж уже хорошо хоть чего чем через что чтоб чтобы
    чуть эти этого этой этом этот эту я это эта который которая которые которых также весь вся
    свой своих ваш ваше вашего вашей ваши наш наша наше нашего нашей наши наших
    пожалуйста просьба прошу просим спасибо заранее здравствуйте добрый день уважаемый уважаемые
    уважаемая г гр ул д кв т е др пр им
    """.split()  # noqa: SIM905 - a word list reads better as text
)


def normalize(text: str) -> str:
    """Lower case, ё→е, masks and runs of whitespace removed."""
    text = _MASK.sub(" ", text)
    text = text.lower().replace("ё", "е")
    return _SPACES.sub(" ", text).strip()


def tokens(text: str, *, drop_stop: bool = False) -> list[str]:
    """Word tokens of normalised text (razdel), punctuation dropped."""
    out = [t.text for t in _razdel_tokenize(normalize(text)) if _WORD.search(t.text)]
    if drop_stop:
        out = [t for t in out if t not in STOP_WORDS]
    return out


_stemmer_local = threading.local()  # PyStemmer objects are not thread-safe


def _stemmer() -> Any:
    st = getattr(_stemmer_local, "stemmer", None)
    if st is None:
        import Stemmer

        st = _stemmer_local.stemmer = Stemmer.Stemmer("russian")
    return st


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return str(_stemmer().stemWord(word))


def stems(text: str, *, drop_stop: bool = True) -> list[str]:
    """Snowball stems of the content words of ``text`` (stop words dropped by default)."""
    return [stem(t) for t in tokens(text, drop_stop=drop_stop)]


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a text and where it stands: ``text == whole[start:stop]``."""

    start: int
    stop: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` — the one splitter of the checker, the support map and
    post-processing. razdel, with what official letters need beyond it:

    - a line break ends a sentence unless the letter is hard-wrapped (``_line_goes_on``):
      replies pasted from letters have headings and list items without a full stop;
    - a capital letter with a dot that razdel takes for an initial ends a sentence when it is a
      building's letter («литера А. Замечание устранено») or closes initials written after a
      surname («Иванов И.И. Тел. …»).
    """
    out: list[Sentence] = []
    for a, b in _lines(text):
        for s in _razdel_sentenize(text[a:b]):
            start = a + s.start
            for cut in _closing_letters(text, start, a + s.stop):
                out.append(Sentence(start, cut, text[start:cut]))
                start = cut
                while start < len(text) and text[start].isspace():
                    start += 1
            if start < a + s.stop:
                out.append(Sentence(start, a + s.stop, text[start : a + s.stop]))
    return [x for x in out if x.text.strip()]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    return [(s.start, s.stop) for s in split_sentences(text)]


_LINE_BREAK = re.compile(r"[ \t]*(?:\r?\n[ \t]*)+")


def _lines(text: str) -> list[tuple[int, int]]:
    """Spans of the text between line breaks that end a sentence."""
    out, start = [], 0
    for m in _LINE_BREAK.finditer(text):
        if not _line_goes_on(text, m.start(), m.end()):
            out.append((start, m.start()))
            start = m.end()
    out.append((start, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip()]


def _line_goes_on(text: str, brk_start: int, brk_end: int) -> bool:
    """A line break inside a sentence: the line before ends in a word or a comma and the next
    line starts in lower case («в ответ\nна Ваше обращение»). A blank line, a line ending in
    other punctuation or a capitalised next line ends the sentence."""
    before = text[brk_start - 1 : brk_start] if brk_start else ""
    after = text[brk_end : brk_end + 1]
    if after and _ends_in_function_word(text[max(0, brk_start - 20) : brk_start]):
        return True  # «факты указанные в\n\nобращении …», «в квартирах № 22 и\n№ 18»
    if text.count("\n", brk_start, brk_end) > 1 and before != ",":
        return False  # a blank line ends the sentence unless the line before ends in a comma
    if not before or not after:
        return False
    if after.islower():
        return before.isalnum() or before in ',«"('
    # «учреждение\n«Дирекция…»»: a quotation going on after a lower-case word
    return after in '«"(' and before.islower()


_LAST_WORD = re.compile(r"(?<![\w.-])([а-яё]{1,5})$")


def _ends_in_function_word(line_end: str) -> bool:
    """The line stops on a preposition or a conjunction: no sentence ends so."""
    m = _LAST_WORD.search(line_end)
    return m is not None and _tags(m[1])[0][0].split(",")[0] in ("PREP", "CONJ")


@lru_cache(maxsize=100_000)
def _tags(word: str) -> tuple[tuple[str, float], ...]:
    """pymorphy's parses of ``word`` as (tag, score), best first (cached: the splitter asks
    about the same few words again and again)."""
    return tuple((str(p.tag), p.score) for p in morph().parse(word)) or (("UNKN", 1.0),)


# «литера А. Замечание…», «корп. 2 лит. Б. Работы…»: a building's letter, not an initial
_BUILDING_LETTER = re.compile(r"(?i:литер[аеы]?|лит\.)\s*[А-ЯЁ]\.(?=\s+[А-ЯЁ«\"])")
# «Иванов И.И. Тел. …»: initials after a surname close the name (before one, «Л. Голикова»,
# they open it)
_INITIALS_AFTER_NAME = re.compile(
    r"(?<![\w.])[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+[А-ЯЁ]\.\s?[А-ЯЁ]\.(?=\s+[А-ЯЁ«\"])"
)


def _closing_letters(text: str, start: int, stop: int) -> list[int]:
    """Where a sentence razdel kept whole ends after a capital letter with a dot."""
    part = text[start:stop]
    cuts = {m.end() for m in _BUILDING_LETTER.finditer(part)}
    cuts |= {m.end() for m in _INITIALS_AFTER_NAME.finditer(part) if not _is_name(part, m)}
    return sorted(start + c for c in cuts if c < len(part.rstrip()))


def _is_name(part: str, m: re.Match[str]) -> bool:
    """The capitalised word after the initials is a name too («Иванов И.И. Петрова С.С.»
    lists people): not an end."""
    nxt = re.match(r"\s+([А-ЯЁ][а-яё]+)", part[m.end() :])
    if not nxt:
        return False
    return any(score >= 0.1 and ("Surn" in tag or "Name" in tag) for tag, score in _tags(nxt[1]))


@lru_cache(maxsize=1)
def morph() -> Any:
    """The process's one pymorphy3 analyser (its dictionaries take a while and memory to
    load: once per process, not once per user)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """Dictionary form (pymorphy3's most probable parse); the word itself if unknown."""
    parses = morph().parse(word)
    return parses[0].normal_form.replace("ё", "е") if parses else word


def lemmas(text: str, *, drop_stop: bool = True) -> list[str]:
    return [lemma(t) for t in tokens(text, drop_stop=drop_stop)]


class _Ner:
    """natasha's segmenter and news NER tagger (slovnet; the models ship in the package)."""

    def __init__(self) -> None:
        from natasha import NewsEmbedding, NewsNERTagger, Segmenter

        self.segmenter = Segmenter()
        self.tagger = NewsNERTagger(NewsEmbedding())
        # slovnet's taggers keep state while tagging: one text at a time
        self.lock = threading.Lock()


_ner_model: _Ner | None = None
_ner_loading = threading.Lock()


def _ner() -> _Ner:
    global _ner_model
    if _ner_model is None:
        with _ner_loading:  # two drafts starting together load it once
            if _ner_model is None:
                _ner_model = _Ner()
    return _ner_model


def ner_spans(text: str) -> list[tuple[str, int, int]]:
    """Named entities of ``text`` as (type, start, stop): type PER, LOC or ORG."""
    from natasha import Doc

    ner = _ner()
    with ner.lock:
        doc = Doc(text)
        doc.segment(ner.segmenter)
        doc.tag_ner(ner.tagger)
    return [(s.type, s.start, s.stop) for s in doc.spans]


# a sum of money needs one of these; the extractor is not run on a text without one
_MONEY_HINT = re.compile(r"руб|коп|(?<![а-яё])р\.|₽", re.IGNORECASE)
_money_model: Any = None
_money_lock = threading.Lock()


def money_spans(text: str) -> list[tuple[int, int, float]]:
    """Sums of money in roubles as (start, stop, amount): «1 500 руб. 50 коп.» is 1500.5,
    «40 тысяч рублей» 40000. natasha's MoneyExtractor on the process's one analyser (``morph``):
    on the labelled set it finds every sum the checker's number-and-unit regex found, and the
    «N тысяч рублей» it missed (README, «Russian text layer»)."""
    global _money_model
    # yargy parses every word it is given: only the words just before a rouble word are (a
    # whole letter costs 50 ms, the windows a few)
    windows: list[list[int]] = []
    for m in _MONEY_HINT.finditer(text):
        start = text.rfind(" ", 0, max(0, m.start() - 40)) + 1
        stop = min(len(text), m.end() + 12)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = stop
        else:
            windows.append([start, stop])
    if not windows:
        return []
    out = []
    with _money_lock:  # yargy's parser is not known to be thread-safe: one text at a time
        if _money_model is None:
            from natasha import MoneyExtractor

            _money_model = MoneyExtractor(morph())
        for start, stop in windows:
            out += [
                (start + m.start, start + m.stop, float(m.fact.amount))
                for m in _money_model(text[start:stop])
                if m.fact.currency == "RUB"
            ]
    return out


# the months, January first: as a dictionary names them and as a date writes them («14 января»)
MONTHS: tuple[str, ...] = (
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
)
MONTHS_GENITIVE: tuple[str, ...] = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)


def _month_forms(nominative: str) -> str:
    # «январь» → январ[ьяюеём]: the month in any case; «март», «август» take endings after it
    if nominative.endswith(("ь", "й")):
        return nominative[:-1] + "(?:ь|й|я|ю|е|ем|ём|ем)"
    return nominative + "(?:а|у|е|ом)?"


MONTH_WORD = r"(?:" + "|".join(_month_forms(m) for m in MONTHS) + r")(?![а-яё])"
"""A month's name in any case («января», «в марте», «май»): a regex, the one every date
grammar uses (match it case-insensitively)."""


def any_case(word: str) -> str:
    r"""A regex for ``word`` in any case: «линия» → лини\w{0,2}, «парадная» → парадн\w{0,3}."""
    if word.endswith(("ая", "яя", "ый", "ий", "ой", "ое", "ее")):
        return re.escape(word[:-2]) + r"\w{0,3}"
    return re.escape(word[:-1] if word[-1] in "аяоеьйиы" else word) + r"\w{0,2}"


_NOT_A_LETTER = r"(?![\wё-])"
# Kinds of street as letters write them, abbreviated («ул.», «ул», «пр-т») or not, in any case;
# a region's own («линия» in Петербург) come from its file (knowledge.regions).
STREET_KIND = (
    r"(?:(?:ул|пр|пр-к?т|просп|пер|наб|ш|пл|мкр-?н?|б-р|пр-д)\.|пр(?=\s*,)|(?:ул|пр-к?т|пер|наб|б-р|мкр)"
    + _NOT_A_LETTER
    + r"|(?:улиц[аеуыой]{1,2}|проспект\w{0,2}|переул(?:ок|ка|ке|ку|ком)|набережн\w{2,3}|шоссе|"
    r"бульвар\w{0,2}|площад(?:ь|и|ью)|проезд\w{0,2}|микрорайон\w{0,2}|тупик\w{0,2}|"
    r"алле(?:я|и|ю|е|ей)|тракт\w{0,2}"
    + "".join("|" + any_case(k) for k in _regions.street_kinds())
    + ")"
    + _NOT_A_LETTER
    + ")"
)
"""A street's kind (a regex; match it case-insensitively): the one list every address grammar
uses."""
BUILDING_PART = (
    r"(?:(?:кв|корп|лит|пом)\.|(?:квартир|подъезд|этаж|корпус|литер|секци|помещени)\w{0,3}"
    + "".join("|" + any_case(k) for k in _regions.building_parts())
    + ")"
)
"""A part of one building («кв.», «подъезд», «литера», a region's «парадная»): a regex."""
