"""The dev golden set, built from ../shared/data (skipped when the data is absent)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.dataset import load_dataset
from evals.golden import build, main

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
pytestmark = pytest.mark.skipif(not (DATA / "spb_gorod").exists(), reason="no ../shared/data")


def test_golden_set_is_big_varied_and_has_real_references():
    items = build(DATA)
    assert len(items) >= 60
    assert len({i.appeal.category for i in items}) >= 5
    with_ref = [i for i in items if i.reference_reply]
    assert len(with_ref) >= 60
    assert all(i.reply == i.reference_reply for i in with_ref)  # scorable by --replies-only
    kursk = [i for i in items if i.id.startswith("kursk-")]
    assert kursk and all(
        i.reference_reply is None and i.appeal.channel.value == "pos" for i in kursk
    )
    assert len({i.id for i in items}) == len(items)


def test_golden_file_is_deterministic_and_loads_as_a_dataset(tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    assert main(["--out", str(a), "--data", str(DATA)]) == 0
    assert main(["--out", str(b), "--data", str(DATA)]) == 0
    assert a.read_bytes() == b.read_bytes()
    first = json.loads(a.read_text(encoding="utf-8").splitlines()[0])
    assert {"id", "appeal", "reference_reply", "reply"} <= set(first)
    assert len(load_dataset(a)) == len(build(DATA))
