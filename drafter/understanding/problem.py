"""What: the problem or the question in one short phrase, and whether the appeal is a problem
to fix or a request for information."""

from __future__ import annotations

import re
from typing import Literal

from drafter.understanding.names import INTRO
from knowledge.text import split_sentences

Kind = Literal["problem", "question"]

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
    return [(s.start, s.stop) for s in split_sentences(text)]


def kind_of(text: str) -> tuple[Kind, float]:
    sentences = [text[a:b] for a, b in _sentences(text)]
    rhetorical = sum(1 for x in sentences if _RHETORICAL.search(x))
    questions = len(_QUESTION_CUES.findall(text)) + sum(
        1 for x in sentences if x.rstrip().endswith("?") and not _RHETORICAL.search(x)
    )
    problems = len(_PROBLEM_CUES.findall(text)) + rhetorical
    if questions > problems:
        return "question", round(0.5 + 0.5 * (questions - problems) / (questions + problems + 1), 2)
    return "problem", round(0.5 + 0.5 * (problems - questions) / (questions + problems + 1), 2)


def problem_phrase(
    text: str, kind: Kind, skip: list[tuple[int, int]]
) -> tuple[str, tuple[int, int]]:
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
        score -= 1 if INTRO.search(body) else 0  # «Меня зовут Оксана, я многодетная мать»
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
