"""Personal data out of an approved reply before it joins the past answers (drafter.learning).

What goes: the citizen's name in any form (the author as drafter.understanding finds it, and
the greeting's name whoever it is), third persons' full names (the checker's PII_LEAK finder:
pymorphy candidates confirmed by natasha's NER; officials named with their position stay),
private phones and any phone the appeal gives (organisations' numbers stay), e-mail addresses
and flat numbers. Each is replaced by a marker in brackets, so a reply that learns from it
reads as a template, not as someone's case.
"""

from __future__ import annotations

import re

from drafter.domain import Appeal
from drafter.quality.checks.privacy import FLAT, private_name_spans
from drafter.quality.context import Context
from drafter.quality.facts import extract_facts
from drafter.understanding import understand

NAME, PHONE, EMAIL, FLAT_NO = "[ФИО]", "[телефон]", "[e-mail]", "[№]"

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# a mobile number however it is written: «+7 917 123 45 67», «8(917)1234567», «9171234567»
_MOBILE = re.compile(r"(?<!\d)(?:\+7|8)?[\s(-]*9\d{2}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}(?!\d)")
_WORD = re.compile(r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?")
# «Здравствуйте, Ольга Викторовна!», «Уважаемый Иван Петрович,»: the greeting names the citizen
_GREETING = re.compile(
    r"(?P<hello>Здравствуйте|Добрый\s+(?:день|вечер)|Доброе\s+утро|Уважаем\w+)"
    r"[,\s]+(?:[А-ЯЁ][а-яё.]*(?:-[А-ЯЁ][а-яё]+)?\s*){1,3}(?P<end>[!,.])"
)


def redact(text: str, appeal: Appeal) -> str:
    """``text`` without the personal data of the citizen who wrote ``appeal`` and of third
    persons."""
    text = _GREETING.sub(_greeting, text)
    text = EMAIL_RE.sub(EMAIL, text)
    text = _phones(text, appeal)
    text = _flats(text)
    text = _third_persons(text, appeal)
    return _author(text, appeal)


def _greeting(m: re.Match[str]) -> str:
    hello = "Здравствуйте" if m.group("hello").startswith("Уважаем") else m.group("hello")
    return hello + ("!" if m.group("end") in "!." else ",")


def _phones(text: str, appeal: Appeal) -> str:
    own = re.sub(r"\D", "", " ".join([appeal.text, appeal.address or ""]))
    spans = [
        (f.start, f.end)
        for f in extract_facts(text)
        if f.kind == "phone" and ((f.mobile and not f.org_context) or f.key[1] in own)
    ]
    spans += [m.span() for m in _MOBILE.finditer(text)]
    return _replace(text, spans, PHONE)


def _flats(text: str) -> str:
    return _replace(text, [m.span(1) for m in FLAT.finditer(text)], FLAT_NO)


def _third_persons(text: str, appeal: Appeal) -> str:
    return _replace(text, list(private_name_spans(Context(text=text, appeal=appeal))), NAME)


def _author(text: str, appeal: Appeal) -> str:
    """Every capitalised word that is a form of the author's names («Смирновой», «Ольге»)."""
    u = understand(appeal)
    names = [appeal.author_name, u.author_name, u.first_name, u.patronymic, u.last_name]
    stems = {w.lower()[:4] for n in names if n for w in _WORD.findall(n) if len(w) > 2}
    if not stems:
        return text
    spans = [m.span() for m in _WORD.finditer(text) if m.group().lower()[:4] in stems]
    # initials right after a surname go with it: «Смирновой О.В.»
    spans = [(s, e + _initials_after(text, e)) for s, e in spans]
    return _replace(text, spans, NAME)


def _initials_after(text: str, end: int) -> int:
    m = re.match(r"\s+[А-ЯЁ]\.\s?(?:[А-ЯЁ]\.)?", text[end:])
    return m.end() if m else 0


def _replace(text: str, spans: list[tuple[int, int]], marker: str) -> str:
    """Each span (overlaps merged) replaced by ``marker``; markers side by side become one."""
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    for s, e in reversed(merged):
        text = text[:s] + marker + text[e:]
    return re.sub(rf"{re.escape(marker)}(?:\s+{re.escape(marker)})+", marker, text)
