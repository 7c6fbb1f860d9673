"""evals.checker_validity: the labelled set's shape, the counting, and what the script prints."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path

import pytest

from drafter.domain import Quality, Violation
from evals import checker_validity as cv

REQUIRED = {"id", "source", "split", "appeal", "reply", "generated", "codes", "labels"}


def _rows(path: Path = cv.LABELS) -> list[dict]:
    return cv.label_rows(path)


def test_every_record_has_a_label_and_a_reason_per_code():
    rows = _rows()
    assert len(rows) >= 400
    assert len({r["id"] for r in rows}) == len(rows)
    for r in rows:
        assert REQUIRED <= r.keys(), r["id"]
        assert r["split"] in cv.SPLITS and r["source"] in {"spb_final", "spb_interim", "probe"}
        assert r["reply"] is not None and r["appeal"].strip()
        for code in cv.CODES:
            label = r["labels"][code]
            assert isinstance(label["value"], bool) and label["reason"].strip(), (r["id"], code)
        assert r["codes"] == sorted(c for c in cv.CODES if r["labels"][c]["value"]), r["id"]


def test_test_split_has_thirty_positives_per_code_and_portal_replies_split_by_date():
    rows = _rows()
    test = [r for r in rows if r["split"] == "test"]
    positives = Counter(c for r in test for c in r["codes"])
    assert all(positives[c] >= 30 for c in cv.CODES), positives
    portal = [r for r in rows if r["source"] != "probe"]
    last_dev = max(r["date"] for r in portal if r["split"] == "dev")
    first_test = min(r["date"] for r in portal if r["split"] == "test")
    assert last_dev < first_test
    # small enough to read and review: one file per session's rounds (session 10's merge made a
    # single file of 5.5 MB), each well under 5 MB
    files = sorted(cv.LABELS.glob("*.jsonl"))
    assert len(files) >= 4 and all(f.stat().st_size < 4_000_000 for f in files)


def _fake_check(text: str, **_: object) -> Quality:
    """Flags OTPISKA on any reply with «рассмотрено» and nothing else."""
    vs = []
    if "рассмотрено" in text.lower():
        vs.append(Violation(code="OTPISKA", severity="blocker", start=0, end=1, message="отписка"))
    return Quality(score=50 if vs else 100, passed=not vs, violations=vs)


def _case(id_: str, reply: str, otpiska: bool, split: str = "test") -> dict:
    labels = {c: {"value": False, "reason": "нет"} for c in cv.CODES}
    labels["OTPISKA"] = {"value": otpiska, "reason": "проверка"}
    return {
        "id": id_,
        "source": "probe",
        "split": split,
        "date": None,
        "channel": "vk",
        "author": None,
        "generated": True,
        "appeal": "Яма у дома 5 по ул. Мира.",
        "reply": reply,
        "sources": [],
        "answer_sources": [],
        "codes": ["OTPISKA"] if otpiska else [],
        "labels": labels,
    }


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def test_counts_against_the_labels(tmp_path):
    path = _write(
        tmp_path / "labels.jsonl",
        [
            _case("tp", "Обращение рассмотрено.", True),
            _case("fn", "Мы разберёмся.", True),
            _case("fp", "Рассмотрено: яму заделали 5 мая.", False),
            _case("tn", "Яму заделали 5 мая.", False),
            _case("dev", "Обращение рассмотрено.", True, split="dev"),
        ],
    )
    res = cv.run("test", path, check=_fake_check)
    f = res["codes"]["OTPISKA"]
    assert (f.tp, f.fp, f.fn, f.tn) == (1, 1, 1, 1)
    assert f.precision == 0.5 and f.recall == 0.5 and not f.meets_goal
    assert [v.case.id for v in f.false_pos] == ["fp"]
    assert [v.case.id for v in f.false_neg] == ["fn"]
    assert res["codes"]["GARBAGE"].precision is None  # nothing flagged, nothing labelled
    assert cv.run("dev", path, check=_fake_check)["replies"] == 1


@pytest.fixture
def small_slice(tmp_path) -> Path:
    """A few real labelled records of each split: the script on a slice of the real set."""
    rows = _rows()
    picked = []
    for split in cv.SPLITS:
        mine = [r for r in rows if r["split"] == split]
        picked += [r for r in mine if r["source"] != "probe"][:3]
        picked += [r for r in mine if r["source"] == "probe"][:5]
    return _write(tmp_path / "slice.jsonl", picked)


@pytest.fixture
def tiny_portal(tmp_path, monkeypatch) -> Path:
    """Portal records with outcomes in two sub-categories, read by evals.validate_outcomes."""
    final = "Окончательный ответ"
    recs = []
    for i in range(12):
        pushed = i % 3 == 0
        recs.append(
            {
                "id": 100 + i,
                "category": "Благоустройство",
                "reason": "Мусор" if i % 2 else "Яма",
                "responsible_org": "Администрация",
                "address": "",
                "petitions": [{"dt": "2020-11-01", "text": "Яма у дома 5"}]
                + ([{"dt": "2020-11-09", "text": "Не сделано"}] if pushed else []),
                "answers": [
                    {
                        "dt": "2020-11-05",
                        "kind": final,
                        "text": "Рассмотрено." if pushed else f"Яму у дома {i} заделали 4 ноября.",
                    }
                ],
                "final_status": "Завершено" if pushed else "Завершено: Пользователь удовлетворен",
            }
        )
    path = tmp_path / "appeals.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in recs)
    import evals.validate_outcomes as vo

    monkeypatch.setattr(vo, "appeals_path", lambda: path)
    return path


def test_table_rows_per_code_and_auc_lines(small_slice, tiny_portal, capsys):
    assert cv.main(["--labels", str(small_slice)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("split test: 8 replies (3 portal, 5 probes)")
    header = next(line for line in out.splitlines() if line.startswith("code "))
    assert header.split() == [
        "code",
        "labelled",
        "flagged",
        "tp",
        "fp",
        "fn",
        "precision",
        "recall",
        "goal",
    ]
    rows = [
        line.split() for line in out.splitlines() if line.split()[:1] in ([c] for c in cv.CODES)
    ]
    assert [r[0] for r in rows] == list(cv.CODES)
    for r in rows:
        labelled, flagged, tp, fp, fn = map(int, r[1:6])
        assert tp + fn == labelled and tp + fp == flagged
        assert r[-1] == "met" or r[-2:] == ["NOT", "met"]
    assert "ROC AUC → satisfied within strata" in out
    for strata in ("all", "sub-category", "organisation", "sub-category × organisation"):
        assert any(line.strip().startswith(strata) for line in out.splitlines()), strata


def test_dev_flag_errors_and_json(small_slice, capsys):
    assert (
        cv.main(["--labels", str(small_slice), "--split", "dev", "--errors", "--no-outcomes"]) == 0
    )
    out = capsys.readouterr().out
    assert out.startswith("split dev: 8 replies")
    for code in cv.CODES:
        assert f"== {code}: " in out
    assert "ROC AUC" not in out
    assert cv.main(["--labels", str(small_slice), "--json", "--no-outcomes"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["split"] == "test" and data["replies"] == 8
    assert set(data["codes"]) == set(cv.CODES)
    for f in data["codes"].values():
        assert f["tp"] + f["fn"] == f["support"] and len(f["false_neg"]) == f["fn"]
    assert set(data["by_source"]) == {"portal", "probe"}
