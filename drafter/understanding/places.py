"""Where: the address (street and house, with the settlement before it) and a place — a city
object («школа № 5», «парк «Боева дача»») or a settlement natasha tags."""

from __future__ import annotations

import os
import re

from knowledge.text import MONTH_WORD, STREET_KIND, morph

_STREET_TYPE = r"(?i:" + STREET_KIND + ")"
_HOUSE = (
    r"(?:,?\s*(?:д\.?|дом[ау]?|№)?\s*\d+(?:\s?[а-дА-Д](?![\wё]))?(?:\s*/\s*\d+)?(?=[^\wё]|$|[кК]\d)"
    r"(?:\s*[/,]?\s*(?:(?:корпус|корп\.?|к\.?)\s*\d+|стр\.?\s*\d+|(?:литера|лит\.?)\s*[А-Я](?![\wё])))*)"
)
_MONTH = r"(?i:" + MONTH_WORD + ")"
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


def find_address(text: str) -> tuple[str, tuple[int, int]] | None:
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
            if (hit := rx.search(text)) is not None:
                found = hit.span()
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


def find_place(
    text: str, loc_spans: list[tuple[int, int]], avoid: list[tuple[int, int]]
) -> tuple[str, tuple[int, int]] | None:
    best = None
    for m in _OBJECT.finditer(text):
        head = m.group("head")
        words = head.split()
        lemma_words = [_object_lemma(w) if not w.isupper() else w for w in words]
        if len(lemma_words) == 2:  # «детского сада» → «детский сад»
            adj = morph().parse(words[0])[0].inflect({"nomn", "sing", _gender(lemma_words[1])})
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
    forms = {p.normal_form for p in morph().parse(word.lower())}
    closest: str = min(forms, key=lambda f: (-len(os.path.commonprefix([f, word.lower()])), len(f)))
    return closest


def _gender(noun: str) -> str:
    p = morph().parse(noun)[0]
    return p.tag.gender or "masc"
