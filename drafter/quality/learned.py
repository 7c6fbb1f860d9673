r"""The learned judges: how likely a reply is to read as rude (IMPOLITE) or as a brush-off
(OTPISKA), where no hand rule fired.

Hand rules find what they were written for and stay at about a third of new wordings of irony,
mock politeness and insinuation (README «Checker rules»), and at .57–.70 of new brush-off
formulas (four rules passes, evals/checker_validity.md). Each judge is a logistic regression
over two TF-IDF blocks (sublinear term frequency, each block L2-normalised): character n-grams
of 2–5 within words, which carry word forms the labels never showed, and words and word pairs,
which tell «видимо, письмо не дошло» from «видимо, вы опять не прочитали». Both are fitted by
``python -m evals.fit_judges`` on the labelled replies of the dev split; the weights ship in
``data/<code>_judge.json``. Scoring needs no library of its own (no scikit-learn at run time)
and takes about half a millisecond a reply. The checks ask a judge only where their rules found
nothing (``checks/address.py`` for tone; ``checks/substance.py`` for brush-offs, and only when
the reply states nothing checkable — see there).

The analysis below is scikit-learn's, to the character: ``char_wb`` (lower-case,
whitespace-split words padded with one space each side, every n-gram of each padded word, a
word shorter than n once) and ``word`` with the token pattern ``\b\w+\b``. A test checks the
scores against scikit-learn's.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from knowledge.text import MONTH_WORD

DATA = Path(__file__).resolve().parent / "data"
JUDGED_CODES = ("IMPOLITE", "OTPISKA")
# the start of every message a judge writes: evals tell its flags from the rules' by it
MARKS = {
    "IMPOLITE": "Тон ответа может задеть заявителя",
    "OTPISKA": "Ответ читается как отписка",
}
JUDGE_MARK = MARKS["IMPOLITE"]


def weights_path(code: str) -> Path:
    return DATA / f"{code.lower()}_judge.json"


_WHITE = re.compile(r"\s\s+")
_WORD = re.compile(r"\b\w+\b")
# the salutation that opens a reply («Здравствуйте!», «Уважаемая Анна Петровна!», «Добрый
# день, Иван,»): NO_GREETING's business, not tone's. The labelled rude replies mostly lack one
# and the polite ones mostly have one, so a judge that saw it learnt «no greeting» as rudeness
# («Яму засыпали 5 мая.» scored 0.88); it reads what follows the salutation only.
_SALUTATION = re.compile(
    r"^\s*[^.!?\n]{0,40}?\b(?:здравствуй|добр(?:ый|ое|ого)\s+(?:день|вечер|утро|дня|времени)"
    r"|приветству|уважаем)\w*[^.!?\n]{0,60}?(?:[.!?]+|,|\n)\s*",
    re.IGNORECASE,
)


# Dates and house numbers name the case, not the tone; the probes' rude and polite replies
# carried different ones («придёт 14», «дома 62»), and the judge learnt them. Numbers read as
# «0» and month names as «месяца» (leave-one-round-out on dev: recall .55 → .59 at the same
# precision, polite near misses flagged 4 → 3 of 84).
_DIGITS = re.compile(r"\d+")
_MONTH = re.compile(r"(?<![а-яё])" + MONTH_WORD, re.IGNORECASE)
# A name in quotes («Жилкомсервис», «Благоустройство города») names the case's body, which
# differs from region to region, not the tone: it reads as «Имя». A quoted word in lower case is
# kept — «Ваши «срочные» заявки» is the citizen's word held up in scare quotes.
_QUOTED_NAME = re.compile(r"«[A-ZА-ЯЁ0-9][^«»\n]{0,80}»")


def without_salutation(text: str) -> str:
    return _SALUTATION.sub("", text, count=1)


def judged_text(text: str) -> str:
    """What a judge reads: the reply after its salutation, names in quotes, numbers and months
    masked."""
    body = _QUOTED_NAME.sub("«Имя»", without_salutation(text))
    return _MONTH.sub("месяца", _DIGITS.sub("0", body))


@dataclass(frozen=True)
class Block:
    """One TF-IDF block: its analyser's parameters and, per term, its idf and weight."""

    analyzer: str  # "char_wb" or "word"
    ngram_range: tuple[int, int]
    idf: dict[str, float]
    coef: dict[str, float]

    def terms(self, text: str) -> Counter[str]:
        lo, hi = self.ngram_range
        grams: Counter[str] = Counter()
        low = text.lower()
        if self.analyzer == "word":
            words = _WORD.findall(low)
            for n in range(lo, hi + 1):
                grams.update(" ".join(words[i : i + n]) for i in range(len(words) - n + 1))
            return grams
        for word in _WHITE.sub(" ", low).split():
            padded = f" {word} "
            for n in range(lo, hi + 1):
                if len(padded) <= n:
                    grams[padded] += 1  # a short word counts once, whole, as in scikit-learn
                    break
                grams.update(padded[i : i + n] for i in range(len(padded) - n + 1))
        return grams

    def logit(self, text: str) -> float:
        weights = {
            g: (1.0 + math.log(c)) * self.idf[g]
            for g, c in self.terms(text).items()
            if g in self.idf
        }
        norm = math.sqrt(sum(w * w for w in weights.values()))
        return sum(w * self.coef[g] for g, w in weights.items()) / norm if norm else 0.0


@dataclass(frozen=True)
class NgramJudge:
    blocks: tuple[Block, ...]
    intercept: float
    threshold: float

    def score(self, text: str) -> float:
        """P(violation) of the text as a whole (its salutation aside), 0..1."""
        body = judged_text(text)
        z = self.intercept + sum(b.logit(body) for b in self.blocks)
        return 1.0 / (1.0 + math.exp(-z))

    def flags(self, text: str) -> bool:
        return self.score(text) >= self.threshold

    def verdict(
        self, text: str, spans: list[tuple[int, int]]
    ) -> tuple[float, tuple[int, int]] | None:
        """Where the judge flags ``text``: its score and the span to point the reviewer at."""
        score = self.score(text)
        return (score, self.worst(text, spans)) if score >= self.threshold else None

    def worst(self, text: str, spans: list[tuple[int, int]]) -> tuple[int, int]:
        """The span (a sentence) whose removal lowers the score most, to point the reviewer
        at: the model was fitted on whole replies, and a sentence scored alone is too short
        to read."""
        return min(
            spans,
            key=lambda se: self.score(text[: se[0]] + text[se[1] :]),
            default=(0, len(text)),
        )


def judge_from(raw: dict[str, Any]) -> NgramJudge:
    """The judge of weights as ``evals.fit_judges`` writes them."""
    blocks = []
    for b in raw["blocks"]:
        lo, hi = b["ngram_range"]
        terms: dict[str, list[float]] = b["terms"]
        blocks.append(
            Block(
                analyzer=b["analyzer"],
                ngram_range=(int(lo), int(hi)),
                idf={g: v[0] for g, v in terms.items()},
                coef={g: v[1] for g, v in terms.items()},
            )
        )
    return NgramJudge(
        blocks=tuple(blocks), intercept=float(raw["intercept"]), threshold=float(raw["threshold"])
    )


_LOADED: dict[str, NgramJudge] = {}


def judge(code: str) -> NgramJudge:
    """The shipped judge for ``code`` (one of ``JUDGED_CODES``), read once."""
    if code not in _LOADED:
        raw = json.loads(weights_path(code).read_text(encoding="utf-8"))
        _LOADED[code] = judge_from(raw)
    return _LOADED[code]


@contextmanager
def judging_with(code: str, replacement: NgramJudge) -> Iterator[None]:
    """Run the checker with other weights for ``code``: how ``evals.fit_judges`` measures a
    judge fitted without the round it scores, through the checker as it ships."""
    before = _LOADED.get(code)
    _LOADED[code] = replacement
    try:
        yield
    finally:
        if before is None:
            _LOADED.pop(code, None)
        else:
            _LOADED[code] = before
