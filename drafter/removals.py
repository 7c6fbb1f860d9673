"""What a post-processing step removed from a text, for the draft's trace.

Each step of drafter.postprocess returns the text it kept; what it cut is the difference
between its input and its output, word by word. Words are compared without their punctuation
and case, so a step that only mends spacing or strips markup («**Ответ**») removes nothing;
a removed run is reported as it stood in the input.

    text = noted(removals, "drop_copied", "скопировано из обращения", text, drop_copied(text, …))
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from drafter.domain import Removal, RemovalStage

if TYPE_CHECKING:
    from drafter.executor_facts import Restored
    from drafter.grounding import SentenceSupport

_WORD = re.compile(r"\S+")
_NON_WORD = re.compile(r"[^\w]+")


def removed_runs(before: str, after: str) -> list[str]:
    """The runs of ``before``'s words that ``after`` no longer has, in order."""
    old = [(m, _key(m.group())) for m in _WORD.finditer(before)]
    old = [(m, k) for m, k in old if k]
    new = [k for w in _WORD.findall(after) if (k := _key(w))]
    matcher = difflib.SequenceMatcher(None, [k for _, k in old], new, autojunk=False)
    runs = []
    for op, i1, i2, _, _ in matcher.get_opcodes():
        if op in ("delete", "replace"):
            runs.append(before[old[i1][0].start() : old[i2 - 1][0].end()])
    return runs


def noted(
    removals: list[Removal] | None, stage: RemovalStage, reason: str, before: str, after: str
) -> str:
    """``after``, having added to ``removals`` (when kept) what it lacks of ``before``."""
    if removals is not None and after != before:
        removals += [
            Removal(stage=stage, reason=reason, text=t) for t in removed_runs(before, after)
        ]
    return after


def _key(word: str) -> str:
    return _NON_WORD.sub("", word.lower().replace("ё", "е"))


def grounding_removals(dropped: Sequence[SentenceSupport]) -> list[Removal]:
    """The sentences grounding dropped, each with what in it nothing supports: a fact
    («дата «14 мая»»), a claim of work done or a cause (drafter.pipeline_grounding marks them)."""
    return [
        Removal(
            stage="grounding",
            reason=f"не подтверждено: {'; '.join(r.unsupported)}",
            text=r.sentence,
        )
        for r in dropped
    ]


def replaced_by_facts(restored: Sequence[Restored]) -> list[Removal]:
    """The sentences that gave way to the executor's own sentence: it says the lost fact."""
    return [
        Removal(
            stage="restore_facts",
            reason=(
                f"говорило обратное фактам исполнителя; на его месте: «{r.sentence}»"
                if r.reversed
                else f"заменено предложением из фактов исполнителя: «{r.sentence}»"
            ),
            text=r.replaced,
        )
        for r in restored
        if r.replaced is not None
    ]


def restated_removals(sentences: Sequence[str]) -> list[Removal]:
    """The sentences that said again what another sentence of the reply says in full."""
    return [
        Removal(stage="drop_restated", reason="повторяет другое предложение ответа", text=s)
        for s in sentences
    ]
