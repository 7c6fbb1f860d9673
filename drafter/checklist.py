"""«Что нужно узнать для ответа по существу»: the checklist a problem report without facts gets.

No model can know whether the pothole was filled; the executor can find out. What to find out is
learnt from how the same topic was answered before: the retrieved past answers (already judged
on topic by the pipeline) are read for the kinds of fact they state — an inspection, its date,
the result, the term of the work, who does it, the rule — and each kind becomes an item, with
how many of those answers stated it. The rule that applies (the best regulation found) is an
item of its own. The three things every answer по сути needs (what is done, by whom, by when)
are always asked, so an appeal the index knows nothing about still gets a useful list.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from drafter.domain import ChecklistItem
from knowledge import regions

if TYPE_CHECKING:
    from knowledge.types import Hit


@dataclass(frozen=True)
class _Kind:
    label: str
    pattern: re.Pattern[str]


# the kinds of fact past answers state, in the order an answer по сути tells them
_KINDS = (
    _Kind(
        "Была ли проверка или выезд на место, и когда",
        re.compile(r"(?i)(?<![а-яё])(?:провер\w+|обследова\w+|осмотр\w*|выезд\w*|комисси\w+)"),
    ),
    _Kind(
        "Что установлено на месте (результат проверки)",
        re.compile(
            r"(?i)(?<![а-яё])(?:установлен\w*|выявлен\w*|(?:не )?подтверди\w+|зафиксирован\w*)"
        ),
    ),
    _Kind(
        "Что уже сделано (работы выполнены, проблема устранена)",
        re.compile(
            r"(?i)(?<![а-яё])(?:выполнен\w*|устранен\w*|восстановлен\w*|отремонтирован\w*|"
            r"убран\w*|вывезен\w*|заменен\w*|очищен\w*|демонтирован\w*|произведен\w*)"
        ),
    ),
    _Kind(
        "Что и в какой срок будет сделано (дата или период)",
        re.compile(
            r"(?i)(?<![а-яё])(?:запланирован\w*|включен\w* в план|будет (?:выполнен|произвед|"
            r"устранен|отремонтирован)\w*|в срок до|до \d{1,2}[. ]|в течение|в \d{4} год)"
        ),
    ),
    _Kind(
        "Кто выполняет работы (организация, подрядчик)",
        re.compile(
            r"(?i)(?<![а-яё])(?:подрядн\w+|подрядчик\w*|управляющ\w+ компани\w+|ООО|АО|ГУП|МУП|"
            r"ГБУ|МБУ|служб\w+|"
            + regions.alternation([*regions.org_forms(), *regions.abbreviations().values()])
            + r")"
        ),
    ),
    _Kind(
        "Куда и как жителю проверить результат (контакт, номер заявки)",
        re.compile(r"(?i)(?<![а-яё])(?:телефон\w*|тел\.|заявк\w+|диспетчер\w*|горяч\w+ лини\w+)"),
    ),
)
# what every answer по сути needs, and the kinds above that already ask it
_ALWAYS = (
    ("Что сделано или будет сделано по обращению", (2, 3)),
    ("Кто выполняет", (4,)),
    ("Срок: дата, к которой проблему устранят", (3,)),
)


def checklist(hits: Sequence[Hit]) -> list[ChecklistItem]:
    """What to find out, learnt from the past answers and the rule among ``hits``."""
    answers = [h for h in hits if h.chunk.kind == "answer"]
    items: list[ChecklistItem] = []
    asked: set[int] = set()
    for i, kind in enumerate(_KINDS):
        stating = [h for h in answers if kind.pattern.search(h.chunk.text)]
        if stating:
            asked.add(i)
            items.append(
                ChecklistItem(
                    label=kind.label,
                    why=f"так отвечали на {len(stating)} из {len(answers)} похожих обращений",
                    sources=[h.chunk.id for h in stating],
                )
            )
    for label, covered_by in _ALWAYS:
        if not asked.intersection(covered_by):
            items.append(ChecklistItem(label=label, why="без этого ответ не по существу"))
    rule = next((h for h in hits if h.chunk.kind != "answer"), None)
    if rule is not None:
        title = " ".join((rule.chunk.title or rule.chunk.doc_id).split())[:160]
        items.append(
            ChecklistItem(
                label=f"Какое правило применимо: {title}",
                why="найденная норма; назовите её в ответе кратко, своими словами",
                sources=[rule.chunk.id],
            )
        )
    return items


__all__ = ["checklist"]
