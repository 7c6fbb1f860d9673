"""What the checks look at: the draft analysed once, the appeal, the sources, and shared signals.

Signals several checks need (is the problem solved? is work promised? is there a date?) are
computed lazily here, once, so that checks stay small and agree with each other.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from drafter.domain import Appeal, Channel, Violation
from drafter.quality.facts import Fact, extract_facts
from drafter.quality.grounding import Grounding
from drafter.quality.lexicon import (
    ACTION_KEYS,
    NON_ACTION_KEYS,
    NOT_A_FIX,
    ORG_KEYS,
    PAPER_KEYS,
    PLACE_KEYS,
)
from drafter.quality.matcher import Match, lexicon
from drafter.quality.request import CheckRequest, TopicJudge
from drafter.quality.text import Doc, Token
from knowledge import regions
from knowledge.text import MONTH_WORD, any_case
from knowledge.topics import AT_FLOOR, TopicBar

_DATE_PERIOD = re.compile(
    r"\bв\s+течение\b|\bдо\s+конца\b|\bк\s+концу\b|\bне\s+позднее\b|\bне\s+позже\b|\bв\s+срок\s+до\b|"
    r"\b(?:в|на|к)\s+(?:\d{4}|" + MONTH_WORD + r"|I{1,3}V?\s+квартал|\d\s+квартал)|"
    # a season is a when with its year only («летом 2026 года»; «в летний период» is not: the
    # labelling convention)
    r"\b(?:в|на|к)?\s*(?:весн|весен|лет|летн|осен|зим)\w*(?:\s+[а-яё]+)?\s+\d{4}|"
    # «в двухнедельный срок», «в трёхдневный срок», «в месячный срок»: a period as an adjective
    r"\bв\s+[а-яё]*(?:дневн|недельн|месячн|суточн)\w*\s+срок|"
    # «в первой декаде марта», «до середины апреля», «в начале мая»: a named part of a month
    r"\b(?:перв|втор|треть|последн)\w*\s+декад\w*\s+"
    + MONTH_WORD
    + r"|\b(?:середин|начал|конц)\w*\s+"
    + MONTH_WORD
    + r"|"
    # «к девяти вечера», «до шести утра»: a time of day in words
    r"\b(?:к|до|в|с)\s+(?:час\w*|дв\w+|тр\w+|четыр\w+|пят\w+|шест\w+|сем\w+|восьм\w+|"
    r"девят\w+|десят\w+|одиннадцат\w+|двенадцат\w+)\s+(?:утра|вечера|часов|дня|ночи)\b|"
    # «в квитанции за июль»: the month the work shows up in; «до четырнадцатого марта»
    r"\bза\s+" + MONTH_WORD + r"|\b[а-яё]+(?:ого|ое|ье)\s+" + MONTH_WORD + r"|"
    # «сбросят в четверг»: a day of this week
    r"\bв(?:о)?\s+(?:понедельник|вторник|сред[уы]|четверг|пятниц[уы]|суббот[уы]|воскресенье)\b|"
    r"\b(?:сегодня|завтра|послезавтра)\b|\b\d{4}\s+год|\bдо\s+\d|"
    # «за 5 рабочих дней», «через 2 недели», «в 14:20»: a period or a time of day is a when
    r"\b(?:за|через)\s+(?:\d+|[а-яё]+)\s+(?:(?:рабоч|календарн)\w*\s+)?"
    r"(?:дн|день|сут|час|недел|месяц|мес\.)|\b\d{1,2}:\d{2}\b",
    re.IGNORECASE,
)


# «Ваше сообщение от 24.11.2020»: the date of the appeal itself says nothing about the work
_APPEAL_REF = re.compile(
    r"(?:обращени|сообщени|проблем|заявк|письм)\w*[^.!?\n]{0,40}?\bот\s*$", re.IGNORECASE
)
# where in a building or a street: «парадная № 3», «на 12 этаже», «в четвёртой парадной», «л/к 1»
# a region's word for an entrance («парадная» in Петербург: knowledge/regions)
_REGION_PARTS = "".join("|" + any_case(k) for k in regions.building_parts())
_LOCATION = re.compile(
    r"(?:\bкв\.|\bквартир\w*|\bподъезд\w*|\bэтаж\w*|\bкорп\.|\bкорпус\w*|\bл/к|"
    r"\bлестничн\w+\s+клетк\w*|\bлит\.|\bлитер\w*|\bсекци\w*" + _REGION_PARTS + r")\s*№?\s*\d+"
    r"|\d+(?:-?\w{1,3})?\s*(?:(?:подъезд|этаж|квартир|секци)\w*" + _REGION_PARTS + ")"
    r"|(?<![а-яё])(?:д\.|д\b|дом)\s*,?\s*№?\s*\d+"  # «Большой Казачий пер., д. 6»
    r"|\b(?:перв|втор|трет|четв[её]рт|пят|шест|седьм|восьм|девят|десят)\w*\s+"
    r"(?:(?:подъезд|этаж)\w*" + _REGION_PARTS + ")",
    re.IGNORECASE,
)


@dataclass
class Context:
    text: str
    appeal: Appeal | None = None
    sources: Sequence[str] = ()
    answer_sources: Sequence[str] = ()  # past answers to other cases: ground generic facts only
    generated: bool = True
    prompt: str | None = None
    topic: TopicJudge | None = None
    topic_bar: TopicBar = AT_FLOOR
    violations: list[Violation] = field(default_factory=list)
    stop: bool = False  # a check may end the run (nothing else is meaningful)
    # GARBAGE found the model's own instructions echoed («Ты — специалист … Напиши …»): the
    # text speaks to the model, not to the citizen, so its «ты» and orders are not rudeness
    echoed_instructions: bool = False

    @classmethod
    def of(cls, request: CheckRequest) -> Context:
        return cls(
            text=request.text or "",
            appeal=request.appeal,
            sources=request.sources,
            answer_sources=request.answer_sources,
            generated=request.generated,
            prompt=request.prompt,
            topic=request.topic,
            topic_bar=request.topic_bar,
        )

    @cached_property
    def doc(self) -> Doc:
        return Doc(self.text)

    @property
    def channel(self) -> Channel | None:
        return self.appeal.channel if self.appeal else None

    @cached_property
    def appeal_doc(self) -> Doc | None:
        return Doc(self.appeal.text) if self.appeal else None

    @cached_property
    def facts(self) -> list[Fact]:
        return extract_facts(self.text)

    @cached_property
    def grounding(self) -> Grounding:
        return Grounding(self.grounding_texts, list(self.answer_sources))

    @cached_property
    def grounding_texts(self) -> list[str]:
        """The case's texts a fact may come from: the sources and the appeal with its card."""
        texts: list[str] = list(self.sources)
        if self.appeal:
            texts += [self.appeal.text, self.appeal.address or "", self.appeal.agency or ""]
            texts += [self.appeal.author_name or ""]
        return texts

    def find(self, name: str) -> list[Match]:
        """Matches of one lexicon list in the draft (cached per list)."""
        cache: dict[str, list[Match]] = self.__dict__.setdefault("_found", {})
        if name not in cache:
            cache[name] = lexicon(name).find(self.doc)
        return cache[name]

    def add(self, code: str, severity: str, start: int, end: int, message: str) -> None:
        self.violations.append(
            Violation(code=code, severity=severity, start=start, end=end, message=message)  # type: ignore[arg-type]
        )

    # --- shared signals --------------------------------------------------------------------

    def sentence_text(self, i: int) -> str:
        s, e = self.doc.sentences[i]
        return self.text[s:e]

    def has_date_or_period(self, i: int | None = None) -> bool:
        """A date, a year or a period in sentence ``i`` (or anywhere)."""
        if i is None:
            return any(f.kind == "date" for f in self.facts) or bool(_DATE_PERIOD.search(self.text))
        s, e = self.doc.sentences[i]
        return any(f.kind == "date" and s <= f.start < e for f in self.facts) or bool(
            _DATE_PERIOD.search(self.text[s:e])
        )

    @cached_property
    def case_dates(self) -> list[Fact]:
        """Dates in the reply other than the date of the appeal («Ваше обращение от …»)."""
        return [
            f
            for f in self.facts
            if f.kind == "date"
            and not _APPEAL_REF.search(self.text[max(0, f.start - 80) : f.start])
        ]

    @cached_property
    def names_location(self) -> bool:
        """An address or a numbered part of a building: the reply is about *this* place."""
        return any(f.kind == "address" for f in self.facts) or bool(_LOCATION.search(self.text))

    @cached_property
    def resolved(self) -> list[Match]:
        """«Проблема устранена», «работы выполнены» — and not negated."""
        toks = self.doc.tokens
        return [
            m
            for m in self.find("RESOLVED")
            if not _negated(toks, m.first)
            # «необходимо выполнить работы» shares lemmas with «выполнены работы»: tense decides
            and any("past" in t.tag for t in toks[m.first : m.last + 1])
        ]

    @cached_property
    def not_confirmed(self) -> list[Match]:
        return self.find("NOT_CONFIRMED")

    @cached_property
    def confirmed(self) -> list[Match]:
        return [m for m in self.find("CONFIRMED") if not _negated(self.doc.tokens, m.first)]

    @cached_property
    def future_work(self) -> list[int]:
        """Sentences that promise work: a future or planned action verb."""
        out = []
        planned = {
            self.doc.tokens[m.first].sent
            for m in self.find("PLANNED")
            if not _negated(self.doc.tokens, m.first)  # «не планируется»
        }
        for i, toks in enumerate(self.doc.by_sentence):
            if i in planned or _promises(toks):
                out.append(i)
        return out

    @cached_property
    def done_action(self) -> bool:
        """Some work is reported as done (past tense / short participle of an action verb)."""
        toks = self.doc.tokens
        for i, t in enumerate(toks):
            if (
                t.pos in ("VERB", "PRTS")
                and "past" in t.tag
                and t.key not in NON_ACTION_KEYS
                and t.key not in PAPER_KEYS  # «направлено в …» moves a paper, not the problem
                and not _negated(toks, i)
                and not _after_future_be(toks, i)
            ):
                return True
        return bool(self.resolved)

    @cached_property
    def solved(self) -> bool:
        """The problem itself is fixed: «устранено», «мусор вывезли» — not just inspected or passed on."""
        if self.resolved:
            return True
        toks = self.doc.tokens
        return any(
            t.key in ACTION_KEYS
            and t.key not in NOT_A_FIX
            and ("past" in t.tag)
            and not _negated(toks, i)
            and not _after_future_be(toks, i)
            for i, t in enumerate(toks)
        )

    @cached_property
    def any_action(self) -> bool:
        return any(t.key in ACTION_KEYS for t in self.doc.tokens)

    @cached_property
    def names_place(self) -> bool:
        return any(f.kind == "address" for f in self.facts) or bool(self.doc.key_set & PLACE_KEYS)

    @cached_property
    def names_org(self) -> bool:
        return any(f.kind == "org" for f in self.facts) or bool(self.doc.key_set & ORG_KEYS)

    @cached_property
    def state_result(self) -> bool:
        """A checked state: «находится в удовлетворительном состоянии», «течи отсутствуют»."""
        return bool(self.find("STATE_RESULT"))

    @cached_property
    def brush_off_sentences(self) -> frozenset[int]:
        """The sentences a brush-off formula stands in. «Ваше обращение рассмотрено в
        соответствии с 59-ФЗ, ст. 161 ЖК РФ и ПП № 491.»: laws cited for the procedure inside the
        brush-off itself explain nothing to the citizen."""
        return frozenset(self.doc.tokens[m.first].sent for m in self.find("BRUSH_OFF"))

    @cached_property
    def brush_off_tokens(self) -> frozenset[int]:
        """The tokens of the brush-off formulas, by their index in the document."""
        return frozenset(i for m in self.find("BRUSH_OFF") for i in range(m.first, m.last + 1))

    @cached_property
    def substance(self) -> bool:
        """Anything checkable: work done or promised with a date, a norm explained, a fact.
        The brush-off's own words are not: its verbs («проведена проверка», «проведена работа
        по недопущению»), and in its sentence the place it restates, the law it cites and the
        bare confirmation («По вопросу ямы у дома 5 приняты необходимые меры», «Проведена
        проверка, информация подтвердилась, приняты меры»)."""
        formula = self.brush_off_tokens
        formula_sents = self.brush_off_sentences
        toks = self.doc.tokens
        done = any(
            t.pos in ("VERB", "PRTS")
            and "past" in t.tag
            and t.key not in NON_ACTION_KEYS
            and t.key not in PAPER_KEYS
            and i not in formula
            and not _negated(toks, i)
            and not _after_future_be(toks, i)
            for i, t in enumerate(toks)
        ) or any(m.first not in formula and m.last not in formula for m in self.resolved)
        return (
            done
            or self.state_result
            or any(self.has_date_or_period(i) for i in self.future_work)
            or bool(self.case_dates)
            or any(
                f.kind in ("address", "norm") and self.doc.sentence_of(f.start) not in formula_sents
                for f in self.facts
            )
            or any(toks[m.first].sent not in formula_sents for m in self.confirmed)
            or bool(self.not_confirmed)
        )


def _negated(tokens: list[Token], i: int) -> bool:
    """«не» within the two words before token ``i`` in the same sentence."""
    sent = tokens[i].sent
    for j in range(max(0, i - 2), i):
        if tokens[j].key in ("не", "нет") and tokens[j].sent == sent:
            return True
    return False


def _after_future_be(tokens: list[Token], i: int) -> bool:
    """«будут выполнены»: a short participle after future «быть» is a promise, not a report."""
    sent = tokens[i].sent
    return any(
        t.key == "быть" and "futr" in t.tag and t.sent == sent for t in tokens[max(0, i - 3) : i]
    )


def _promises(toks: list[Token]) -> bool:
    for k, t in enumerate(toks):
        # «передадим информацию», «направим запрос»: moving a paper is not work on the problem
        if (
            t.key in ACTION_KEYS
            and t.key not in PAPER_KEYS
            and not any(x.key in ("не", "нет") for x in toks[max(0, k - 3) : k])
        ):
            if "futr" in t.tag:  # perfective present = future: «устраним», «выполнят»
                return True
            # «будет/будут выполнено», «будет произведена»
            if t.pos in ("PRTS", "INFN") and any(
                x.key == "быть" and "futr" in x.tag for x in toks[max(0, k - 3) : k]
            ):
                return True
    return False
