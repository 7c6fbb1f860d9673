"""``evals.rule_coverage`` on a tiny fixture: three hand-made labelled replies."""

from __future__ import annotations

import json
from pathlib import Path

from evals.rule_coverage import Unit, render, run

_NO = {"value": False, "reason": "fixture"}
_YES = {"value": True, "reason": "fixture"}
_CODES = ("OTPISKA", "REDIRECT", "NO_DEADLINE", "UNGROUNDED", "IMPOLITE", "GARBAGE")


def _row(id: str, split: str, reply: str, **labels: bool) -> dict:
    return {
        "id": id,
        "source": "probe",
        "split": split,
        "generated": False,
        "appeal": "Во дворе на Садовой улице яма на дороге, прошу заделать.",
        "reply": reply,
        "labels": {c: _YES if labels.get(c) else _NO for c in _CODES},
    }


def _fixture(tmp_path: Path) -> Path:
    rows = [
        # a brush-off labelled as one: «ваше обращение рассмотрено» fires and is right
        _row("a", "dev", "Здравствуйте! Ваше обращение рассмотрено.", OTPISKA=True),
        # the same phrase, labelled no brush-off by a (deliberately) wrong label: fires, wrong
        _row("b", "test", "Здравствуйте! Ваше обращение рассмотрено.", OTPISKA=False),
        # a repair done: RESOLVED clears OTPISKA and the label agrees
        _row("c", "dev", "Здравствуйте! Работы выполнены, яма заделана 3 марта."),
    ]
    path = tmp_path / "labels.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def _unit(table: list[Unit], kind: str, rule: str, code: str) -> Unit:
    return next(u for u in table if (u.kind, u.rule, u.code) == (kind, rule, code))


def test_counts_firing_and_agreement_per_split(tmp_path: Path) -> None:
    table = run(_fixture(tmp_path))
    brush = _unit(table, "BRUSH_OFF", "ваше обращение рассмотрено", "OTPISKA")
    assert (brush.by_split["dev"].fired, brush.by_split["dev"].right) == (1, 1)
    assert (brush.by_split["test"].fired, brush.by_split["test"].right) == (1, 0)
    done = _unit(table, "RESOLVED", "работы выполнены", "OTPISKA")
    assert (done.by_split["dev"].seen, done.by_split["dev"].fired) == (1, 1)
    assert done.by_split["dev"].right == 1
    # the check that flagged the brush-off, once per split
    otpiska = [u for u in table if u.kind == "check" and u.code == "OTPISKA" and u.fired]
    assert [u.fired for u in otpiska] == [2]


def test_reports_uncovered_and_wrong_rules(tmp_path: Path) -> None:
    table = run(_fixture(tmp_path))
    never = _unit(table, "REDIRECT", "обратитесь в", "REDIRECT")
    assert not never.covered
    text = render(table)
    uncovered = text.split("== uncovered")[1].split("== wrong")[0]
    assert "«обратитесь в»" in uncovered
    assert "«ваше обращение рассмотрено»" not in uncovered
    # right once (dev), wrong once (test): not wrong *more* than right
    wrong = text.split("== wrong")[1].split("== per list")[0]
    assert "«ваше обращение рассмотрено»" not in wrong
