"""Understand an appeal before drafting: who wrote it, where, what is wrong, what is asked.

The greeting needs the author's first name (and patronymic when known); the draft and the
checker need the place and the problem in a short phrase; the prompt differs for a problem to
fix and a request for information. Names are taken only from the ``author_name`` field, a
self-introduction («меня зовут …», «Я, …,») or the signature at the end — never from the body,
where the names are officials' and third persons'. natasha's NER (slovnet, models shipped in
the package) confirms signatures and finds settlements; pymorphy3 tells first names,
patronymics and surnames apart. Everything else is rules: they are cheap, explainable and
easy to fix when a region writes differently.
"""

from __future__ import annotations

import os
import re
import threading
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, Field

from drafter.domain import Appeal
from drafter.normalize import normalize_appeal_text

Kind = Literal["problem", "question"]
NameSource = Literal["field", "intro", "signature"]


class Understanding(BaseModel):
    author_name: str | None = None  # as written: «Петров И.И.», «Ирина», «Иванова Мария Петровна»
    first_name: str | None = None
    patronymic: str | None = None
    last_name: str | None = None
    greeting_name: str | None = None  # «Ирина», «Иван Петрович»; None when no first name is known
    name_source: NameSource | None = None
    address: str | None = None  # street + house, or the appeal's address field
    place: str | None = None  # a city object («школа № 5», «парк «Боева дача»») or a settlement
    problem: str = ""  # the problem or the question in one short phrase
    kind: Kind = "problem"
    kind_confidence: float = 0.5
    spans: dict[str, tuple[int, int]] = Field(default_factory=dict)  # in `text`, [start, end)
    text: str = ""  # the cleaned appeal text the spans point into


# ---------------------------------------------------------------- natasha, loaded once


class _Natasha:
    def __init__(self) -> None:
        from natasha import NewsEmbedding, NewsNERTagger, Segmenter

        self.segmenter = Segmenter()
        self.ner = NewsNERTagger(NewsEmbedding())
        # slovnet's taggers keep state while tagging; one lock keeps concurrent drafts safe.
        self.lock = threading.Lock()


_natasha: _Natasha | None = None
_natasha_lock = threading.Lock()


def _nlp() -> _Natasha:
    global _natasha
    if _natasha is None:
        with _natasha_lock:
            if _natasha is None:
                _natasha = _Natasha()
    return _natasha


_NER_HEAD, _NER_TAIL = 3000, 500  # places are named early, signatures late; a long letter
# in between would only slow the tagger down


def _ner_spans(text: str) -> list[tuple[str, int, int]]:
    from natasha import Doc

    parts = [(0, text)]
    if len(text) > _NER_HEAD + _NER_TAIL:
        parts = [(0, text[:_NER_HEAD]), (len(text) - _NER_TAIL, text[-_NER_TAIL:])]
    nlp = _nlp()
    out = []
    for offset, part in parts:
        with nlp.lock:
            doc = Doc(part)
            doc.segment(nlp.segmenter)
            doc.tag_ner(nlp.ner)
        out += [(s.type, offset + s.start, offset + s.stop) for s in doc.spans]
    return out


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


# ---------------------------------------------------------------- names

_INITIALS = re.compile(r"^[А-ЯЁ]\.(?:\s?[А-ЯЁ]\.)?$")
_NAME_WORD = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
_NAME_TOKEN = rf"(?:{_NAME_WORD}|[А-ЯЁ]\.\s?(?:[А-ЯЁ]\.)?)"
_NAME_SEQ = rf"{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,2}}"
_INTRO = re.compile(
    rf"(?i:меня зовут|мо[её] ф\.?и\.?о\.?\s*:?|(?:^|[.!?\n]\s*)я\s*,)\s*(?P<name>{_NAME_SEQ})"
)
_CLOSING = (
    r"(?i:с уважением|заранее (?:благодар\w+|спасибо)|спасибо(?: заранее| большое)?|благодарю|"
    r"всего доброго|жду ответа|жду ответ)"
)
# The name must make up the whole last sentence or line, after an optional closing formula:
# a name inside a sentence («… не отвечает глава Сидоров П.И.») is never the author's.
_SIGNATURE = re.compile(
    rf"(?:(?:^|[.!?…]\s*|\n\s*)(?P<name>{_NAME_SEQ})"
    rf"|{_CLOSING}\s*[,.!:—-]*\s*(?P<name2>{_NAME_SEQ})(?:,[^\n.!?]{{1,40}})?)"
    r"(?:[\s,]*(?i:тел\.?|т\.)?\s*[+\d()\s-]{6,})?(?:\s*\d\d\.\d\d\.\d{2,4}\s*(?:г\.?)?)?[\s.,!)]*$"
)
# A line that is nothing but a full name: «Кондрашова Юлия Михайловна. Получаю пособие …»
_NAME_LINE = re.compile(rf"(?m)^(?P<name>{_NAME_SEQ})\s*[.,]?\s*(?:$|(?=[А-ЯЁ]))")


_PATR_END = re.compile(r"(?:вна|вич|чна|ична|ьич)$")
_SURN_END = re.compile(
    r"(?:ов|ова|ев|ева|ёв|ёва|ин|ина|ын|ына|ский|ская|цкий|цкая|ко|ук|юк|их|ых)$"
)


# The orders a Russian name is written in; a role per word, «I» for initials.
_NAME_PATTERNS = (
    ("Surn", "Name", "Patr"),
    ("Name", "Patr", "Surn"),
    ("Name", "Patr"),
    ("Surn", "Name"),
    ("Name", "Surn"),
    ("Name",),
    ("Surn", "I"),
    ("I", "Surn"),
)


def _roles(tok: str) -> dict[str, tuple[float, object]]:
    """Role → (weight, parse) for one word; only nominative parses: signatures, self-introductions and
    the author field name the author in the nominative, and «Петров» is not «(нет) Петров»."""
    if _INITIALS.match(tok):
        return {"I": (1.0, None)}
    out: dict[str, tuple[float, object]] = {}
    for p in _morph().parse(tok):
        for role in ("Name", "Patr", "Surn"):
            if role in p.tag and "nomn" in p.tag:
                w = p.score + 0.5
                if w > out.get(role, (0.0, None))[0]:
                    out[role] = (w, p)
    # names pymorphy does not know («Жежеров», «Виталиевна»): judge by the ending
    if "Patr" not in out and _PATR_END.search(tok):
        out["Patr"] = (0.3, None)
    if "Surn" not in out and _SURN_END.search(tok):
        out["Surn"] = (0.3, None)
    return out


def _parse_name(raw: str) -> tuple[str | None, str | None, str | None] | None:
    """(first, patronymic, last) in the nominative, or None when ``raw`` is not a person's name."""
    toks = re.findall(rf"{_NAME_WORD}|[А-ЯЁ]\.\s?(?:[А-ЯЁ]\.)?", raw)
    roles = [_roles(t) for t in toks]
    best, best_w = None, 0.0
    for pattern in _NAME_PATTERNS:
        if len(pattern) != len(toks) or any(r not in rs for r, rs in zip(pattern, roles)):
            continue
        w = sum(rs[r][0] for r, rs in zip(pattern, roles)) / len(toks)
        if w > best_w:
            best, best_w = pattern, w
    if best is None:
        return None
    found: dict[str, str] = {}
    for role, tok in zip(best, toks):
        found[role] = tok
    return found.get("Name"), found.get("Patr"), found.get("Surn")


def _greeting(first: str | None, patr: str | None) -> str | None:
    if not first:
        return None
    return f"{first} {patr}" if patr else first


_ABBREV_BEFORE = re.compile(
    r"(?:(?<![\wё])(?i:ул|с|д|г|п|х|ст|пер|пр|просп|пос|пгт|дер|им|наб|пл|мкр|р-н|обл|ш|б-р|пр-т)"
    r"|(?<![\wё])[А-ЯЁ])\.\s*$"
)


def _signature(text: str) -> tuple[int, int] | None:
    """Span of the author's name at the very end: «… Заранее спасибо. Ирина», «С уважением, Петров И.И.»."""
    start = max(0, len(text) - 160)
    m = _SIGNATURE.search(text, start)
    if m is None:
        return None
    group = "name" if m.group("name") else "name2"
    if _ABBREV_BEFORE.search(text, max(0, m.start(group) - 12), m.start(group)):
        return None  # «ул. Ломакина», «с. Дичня», «… Т.В.»: a street, a village, someone's initials
    return m.start(group), m.end(group)


def _is_per(span: tuple[int, int], per_spans: list[tuple[int, int]]) -> bool:
    return any(s <= span[0] and span[1] <= e + 1 for s, e in per_spans)


_VK_MENTION = re.compile(r"\[(?:id|club|public|event)\d+\|([^\]]{1,100})\]")


def _text_candidates(text: str, per_spans: list[tuple[int, int]]):
    """(raw, parsed, source, span) for names in the text, surest first."""
    for m in _INTRO.finditer(text):
        if parsed := _parse_name(m.group("name")):
            yield m.group("name"), parsed, "intro", m.span("name")
    span = _signature(text)
    if span is not None:
        raw = text[span[0] : span[1]].strip()
        parsed = _parse_name(raw)
        if parsed is None and re.fullmatch(_NAME_WORD, raw) and _is_per(span, per_spans):
            parsed = (raw, None, None)  # a first name pymorphy does not know, but NER does
        if parsed:
            yield raw, parsed, "signature", span
        return  # a last line that is no name is the end of the letter: no looking further up
    for m in _NAME_LINE.finditer(text, max(0, len(text) - 300)):
        parsed = _parse_name(m.group("name"))
        if parsed and parsed[0] and (parsed[1] or parsed[2]):  # a full name, not a lone word
            yield m.group("name"), parsed, "signature", m.span("name")


def _find_name(appeal: Appeal, text: str, per_spans: list[tuple[int, int]]):
    if appeal.author_name and appeal.author_name.strip():
        raw = appeal.author_name.strip()
        return raw, _parse_name(raw), "field", None
    # «[id123|Сергей Иванов]» tags someone — an official, a neighbour — never the author
    tagged = [m.group(1).strip() for m in _VK_MENTION.finditer(appeal.text)]
    for raw, parsed, source, span in _text_candidates(text, per_spans):
        if not any(raw in t or t in raw for t in tagged):
            return raw, parsed, source, span
    return None, None, None, None


# ---------------------------------------------------------------- place

_STREET_TYPE = (
    r"(?i:ул\.?|улиц[аеуы]|пр-т\.?|пр-кт\.?|просп\.?|проспект[аеу]?|пер\.?|переул(?:ок|ка|ке)|"
    r"б-р|бульвар[аеу]?|ш\.|шоссе|пл\.|площад[ьи]|наб\.?|набережн(?:ая|ой|ую)|проезд[аеу]?|"
    r"мкр-?н?\.?|микрорайон[аеу]?|тупик[аеу]?|аллея|аллеи|тракт[аеу]?|линия|линии)(?![\wё])"
)
_HOUSE = (
    r"(?:,?\s*(?:д\.?|дом[ау]?|№)?\s*\d+(?:\s?[а-дА-Д](?![\wё]))?(?:\s*/\s*\d+)?(?=[^\wё]|$|[кК]\d)"
    r"(?:\s*[/,]?\s*(?:(?:корпус|корп\.?|к\.?)\s*\d+|стр\.?\s*\d+|(?:литера|лит\.?)\s*[А-Я](?![\wё])))*)"
)
_MONTH = r"(?i:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)"
_STREET_NAME = (
    rf"(?:\d+(?:-?(?:го|е|й|я))?\s+{_MONTH}|(?:\d+[- ]?(?:го|й|я|лет)\s+)?[А-ЯЁ0-9][\wё.-]*)"
    r"(?:\s+[А-ЯЁ][\wё-]*){0,2}"
)
_ADDRESS_A = re.compile(rf"(?<![\wё]){_STREET_TYPE}\s+{_STREET_NAME}{_HOUSE}?")
_ADDRESS_B = re.compile(
    rf"(?<![\wё])[А-ЯЁ][\wё-]+(?:ая|ий|ый|ой|ов|ев|ин)\s+{_STREET_TYPE}{_HOUSE}?"
)
_SETTLEMENT = r"(?:г\.?|город[аеу]?|с\.|село|сел[аеу]|д\.|деревн[яиеюй]|п\.|пос\.|посел(?:ок|ка|ке)|х\.|хутор[аеу]?)"
_ADDRESS_AFTER = re.compile(r"(?:по адресу|адрес)\s*:?\s*", re.IGNORECASE)
# «по адресу: Садовая, 12» without a street type
_ADDRESS_FREE = re.compile(r"[^\n.;!?]{3,80}?\d+[а-яА-Я]?(?=\s|,|$|\.)")
_OBJECT = re.compile(
    r"(?<![\wё])(?P<head>школ[аеуыой]+|гимнази[яиею]|лице[йяюе]|детск(?:ий|ого|ом)\s+сад(?:а|у|е)?|"
    r"детск(?:ая|ой|ую)\s+площадк[аеиуой]+|парк[аеу]?|сквер[аеу]?|поликлиник[аеиуой]+|больниц[аеуыой]+|"
    r"амбулатори[яиею]|ФАП[аеу]?|стадион[аеу]?|рын(?:ок|ка|ке)|библиотек[аеиуой]+|"
    r"дом[аеу]? культуры|ДК|кладбищ[аеуы]|пляж[аеу]?|останов(?:ка|ки|ке|ку|очн\w+ павильон\w*)|"
    r"мост[аеу]?|подъезд[аеу]?|парадн(?:ая|ой|ую)|двор[аеу]?)"
    r"(?P<tail>\s*(?:№\s*\d+|«[^»]{1,60}»|\"[^\"]{1,60}\"|имени\s+[А-ЯЁ][\wё.]+(?:\s+[А-ЯЁ][\wё.]+)?|"
    r"(?-i:[А-ЯЁ][а-яё-]+(?:\s+[А-ЯЁ][а-яё-]+)?)))?",
    re.IGNORECASE,
)


def _find_address(text: str) -> tuple[str, tuple[int, int]] | None:
    found = None
    # «по адресу: …» is the surest sign; the street right after it wins over any other
    for m in _ADDRESS_AFTER.finditer(text):
        window = text[m.end() : m.end() + 120]
        street = _ADDRESS_A.search(window) or _ADDRESS_B.search(window)
        if street and street.start() < 40:
            found = (m.end() + street.start(), m.end() + street.end())
        elif (free := _ADDRESS_FREE.match(window)) is not None:
            found = (m.end(), m.end() + free.end())
        if found:
            break
    if found is None:
        for rx in (_ADDRESS_A, _ADDRESS_B):
            if (m := rx.search(text)) is not None:
                found = m.span()
                break
    if found is None:
        return None
    start, end = found
    # keep «г. Курск, » / «село Ивановка, » that directly precede the street
    pre = re.search(
        rf"(?<![\wё]){_SETTLEMENT}\s*[А-ЯЁ][\wё-]+,?\s*$", text[max(0, start - 40) : start]
    )
    if pre:
        start = max(0, start - 40) + pre.start()
    while (
        end > start
        and text[end - 1] in " ,."
        and not re.search(r"(?<![\wё])\w\.$", text[start:end])
    ):
        end -= 1  # «ул. Свободы.» ends the sentence; «… д.» or «А.» would be cut wrong
    return text[start:end], (start, end)


def _find_place(
    text: str, loc_spans: list[tuple[int, int]], avoid: list[tuple[int, int]]
) -> tuple[str, tuple[int, int]] | None:
    best = None
    for m in _OBJECT.finditer(text):
        head = m.group("head")
        words = head.split()
        lemma_words = [_object_lemma(w) if not w.isupper() else w for w in words]
        if len(lemma_words) == 2:  # «детского сада» → «детский сад»
            adj = _morph().parse(words[0])[0].inflect({"nomn", "sing", _gender(lemma_words[1])})
            lemma_words[0] = adj.word if adj else lemma_words[0]
        phrase = " ".join(lemma_words) + (m.group("tail") or "")
        named = bool(m.group("tail"))
        if best is None or (named and not best[2]):
            best = (phrase, m.span(), named)
        if named:
            break
    if best:
        return best[0], best[1]
    for s, e in loc_spans:
        if any(a <= s < b for a, b in avoid) or re.search(
            rf"{_STREET_TYPE}\s*$", text[max(0, s - 15) : s]
        ):
            continue  # «ул. Сумская» is a street of the address, not a place of its own
        return text[s:e], (s, e)
    return None


def _object_lemma(word: str) -> str:
    # «парке» is also «парка» (a kind of coat) to pymorphy; the object word keeps its stem
    forms = {p.normal_form for p in _morph().parse(word.lower())}
    return min(forms, key=lambda f: (-len(os.path.commonprefix([f, word.lower()])), len(f)))


def _gender(noun: str) -> str:
    p = _morph().parse(noun)[0]
    return p.tag.gender or "masc"


# ---------------------------------------------------------------- problem and kind

_GREETING = re.compile(
    r"^\s*(?:здравствуйте|добрый (?:день|вечер|утро)|доброе утро|добрый|привет\w*|"
    r"уважаем\w+[^.!?,]{0,60}|обращаюсь к вам[^.!?]{0,80})\s*[,.!]*\s*",
    re.IGNORECASE,
)
_QUESTION_CUES = re.compile(
    r"подскажите|разъясните|разъяснить|объясните|сообщите|скажите|уточните|интересует|"
    r"хотел[аио]? бы узнать|хочу узнать|как (?:получить|оформить|записаться|подать|узнать)|"
    r"куда (?:обратиться|обращаться)|имею ли|могу ли|можно ли|положен[аоы]? ли|будет ли|"
    r"какие документы|на каком основании|в какие сроки|в каком порядке|предоставить информацию|"
    r"дать разъяснени|прошу сообщить|прошу разъяснить|прошу дать ответ",
    re.IGNORECASE,
)
_PROBLEM_CUES = re.compile(
    r"не работа\w+|нет (?:света|воды|отопления|газа|освещения)|отсутству\w+|слома\w+|разбит\w*|"
    r"ям[аыу]\b|ямы|мусор\w*|свалк\w+|грязь|не убира\w+|не вывоз\w+|не чист\w+|протека\w+|теч[её]т|"
    r"затоп\w+|прорыв\w*|авари\w+|опасн\w+|невозможно|нарушен\w*|шум\w*|собак\w*|разруш\w+|"
    r"порыв\w*|не горит|не горят|холодн\w+|не греют|провал\w*|упал\w*|без (?:воды|света|тепла)|"
    r"безобрази\w+|ужасн\w+|прошу (?:устранить|отремонтировать|убрать|починить|спилить|вывезти|"
    r"восстановить|заменить|установить|обязать|привлечь|навести порядок)",
    re.IGNORECASE,
)
# A request with no content of its own: it says what to do, never what is wrong.
_GENERIC_REQUEST = re.compile(
    r"(?i)^\W*(?:прошу|просим|просьба)?\W*(?:вас\W+)?(?:разобраться|принять меры|помочь|помогите|"
    r"примите меры|дать ответ|решить (?:этот |данный )?вопрос|отреагировать)"
)
# Questions that are complaints: «Сколько можно терпеть???», «Когда это закончится?!»
_RHETORICAL = re.compile(
    r"(?i)\?{2,}|\?!|!\?|сколько (?:можно|это будет|еще|ещё)|доколе|когда (?:же|уже|наконец|это "
    r"(?:закончится|прекратится))|почему бы|кто (?:ответит|будет отвечать)|вы в курсе"
)
_MAX_PROBLEM_WORDS = 14


def _sentences(text: str) -> list[tuple[int, int]]:
    from razdel import sentenize

    return [(s.start, s.stop) for s in sentenize(text)]


def _kind(text: str) -> tuple[Kind, float]:
    sentences = [text[a:b] for a, b in _sentences(text)]
    rhetorical = sum(1 for x in sentences if _RHETORICAL.search(x))
    questions = len(_QUESTION_CUES.findall(text)) + sum(
        1 for x in sentences if x.rstrip().endswith("?") and not _RHETORICAL.search(x)
    )
    problems = len(_PROBLEM_CUES.findall(text)) + rhetorical
    if questions > problems:
        return "question", round(0.5 + 0.5 * (questions - problems) / (questions + problems + 1), 2)
    return "problem", round(0.5 + 0.5 * (problems - questions) / (questions + problems + 1), 2)


def _problem(text: str, kind: Kind, skip: list[tuple[int, int]]) -> tuple[str, tuple[int, int]]:
    cues = _QUESTION_CUES if kind == "question" else _PROBLEM_CUES
    candidates = []
    for s, e in _sentences(text):
        if any(a <= s < b or s <= a < e for a, b in skip if (b - a) > (e - s) // 2):
            continue  # the signature or the self-introduction
        m = _GREETING.match(text, s, e)
        s2 = m.end() if m and m.end() <= e else s
        body = text[s2:e].strip()
        if len(body.split()) < 3 or re.fullmatch(
            r"(?i)(?:заранее )?спасибо\W*|с уважением\W*", body
        ):
            continue
        score = 2 if (kind == "question" and body.endswith("?")) else 0
        score += 1 if cues.search(body) else 0
        score -= 2 if _GENERIC_REQUEST.match(body) else 0
        score -= 1 if _INTRO.search(body) else 0  # «Меня зовут Оксана, я многодетная мать»
        candidates.append((score, s2, e))
    if not candidates:
        return "", (0, 0)
    best = max(candidates, key=lambda c: (c[0], -c[1]))
    if best[0] <= 0:  # no sentence stands out: the first with content, unless it is a bare request
        best = next((c for c in candidates if c[0] == 0), best)
    _, s, e = best
    words = text[s:e].split()
    phrase = " ".join(words[:_MAX_PROBLEM_WORDS]).rstrip(",;:—-")
    if len(words) > _MAX_PROBLEM_WORDS:
        phrase += "…"
    return phrase[:1].upper() + phrase[1:], (s, e)


# ---------------------------------------------------------------- the entry point


def understand(appeal: Appeal) -> Understanding:
    text = normalize_appeal_text(appeal.text)
    spans = _ner_spans(text) if text else []
    per = [(s, e) for t, s, e in spans if t == "PER"]
    loc = [(s, e) for t, s, e in spans if t == "LOC"]
    out = Understanding(text=text)

    raw, parsed, source, name_span = _find_name(appeal, text, per)
    if raw:
        out.author_name, out.name_source = raw, source
        if parsed:
            out.first_name, out.patronymic, out.last_name = parsed
            out.greeting_name = _greeting(out.first_name, out.patronymic)
        if name_span:
            out.spans["author_name"] = name_span

    if appeal.address and appeal.address.strip():
        out.address = appeal.address.strip()
    elif (found := _find_address(text)) is not None:
        out.address, out.spans["address"] = found
    avoid = [out.spans["address"]] if "address" in out.spans else []
    if (place := _find_place(text, loc, avoid)) is not None:
        out.place, out.spans["place"] = place

    out.kind, out.kind_confidence = _kind(text)
    skip = [name_span] if name_span else []
    out.problem, span = _problem(text, out.kind, skip)
    if span != (0, 0):
        out.spans["problem"] = span
    return out


__all__ = ["Understanding", "understand"]
