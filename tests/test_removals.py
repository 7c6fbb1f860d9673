"""What a post-processing step removed, as the trace reports it: words gone, not spacing or
markup mended."""

from __future__ import annotations

from drafter.domain import Removal
from drafter.postprocess import clean_draft
from drafter.removals import removed_runs


def test_a_removed_run_is_reported_as_it_stood():
    assert removed_runs("Яму заделают , до 20 мая. Обращение: ещё", "Яму заделают до 20 мая.") == [
        "Обращение: ещё"
    ]
    assert removed_runs("а б в г", "а в") == ["б", "г"]


def test_mended_spacing_and_markup_remove_nothing():
    assert removed_runs("**Яму** заделают , до 20 мая .", "Яму заделают, до 20 мая.") == []


def test_clean_draft_names_each_step_that_cut_and_returns_the_same_text():
    raw = "Ответ: Яму заделают до 20 мая.\nОбращение: у дома 7 тоже яма"
    removals: list[Removal] = []
    assert clean_draft(raw, removals=removals) == clean_draft(raw)
    assert [(r.stage, r.reason, r.text) for r in removals] == [
        ("clean_draft", "ярлык «Ответ:» в начале", "Ответ:"),
        ("clean_draft", "модель начала новый раздел или пример", "Обращение: у дома 7 тоже яма"),
    ]
