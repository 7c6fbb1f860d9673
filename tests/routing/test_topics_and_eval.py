"""The ИМ taxonomy matcher and the routing eval's bookkeeping, on synthetic data."""

from __future__ import annotations

import json

import pytest
from tqdm import tqdm

from drafter.errors import InvalidInput
from drafter.routing.topics import TopicMatcher, merge_taxonomies, read_taxonomy
from evals.routing import Dataset, evaluate


def test_taxonomy_file_drops_priority_marks(taxonomy_file):
    tax = read_taxonomy(taxonomy_file)
    assert "Ямы во дворах" in tax and not any("★" in t for t in tax)


@pytest.mark.parametrize("content", ["[1, 2]", '{"тема": 5}', "не json"])
def test_bad_taxonomy_files(tmp_path, content):
    path = tmp_path / "t.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InvalidInput):
        read_taxonomy(path)


def test_merge_keeps_the_first_group():
    assert merge_taxonomies([{"А": "1"}, {"А": "2", "Б": "3"}]) == {"А": "1", "Б": "3"}


def test_matcher_ranks_by_shared_stems():
    m = TopicMatcher({"Ямы во дворах": "Благоустройство", "Льготные лекарства": "Здравоохранение"})
    [yard, pills] = m.suggest(["Во дворе яма", "Не выдают льготное лекарство в аптеке"])
    assert yard.label == "Ямы во дворах" and yard.group == "Благоустройство"
    assert pills.label == "Льготные лекарства"
    assert yard.candidates[0].confidence >= yard.candidates[1].confidence


def test_eval_reports_every_method_and_target(synthetic):
    rows = synthetic(20)
    ds = Dataset(
        "synthetic",
        [r["text"] for r in rows],
        {"responsible_body": [r["body"] for r in rows], "category": [r["cat"] for r in rows]},
        [r["topic"] for r in rows],
        {r["topic"]: r["cat"] for r in rows},
    )
    with tqdm(total=3, disable=True) as bar:
        out = evaluate(ds, 2, bar)
    json.dumps(out)  # what --json prints
    for target in ("responsible_body", "category"):
        t = out["targets"][target]
        for method in ("majority", "tfidf_lr", "ours"):
            assert 0.0 <= t[method]["top1"] <= t[method]["top3"] <= 1.0
        # three evenly sized classes: the majority guess is right a third of the time at best
        assert t["majority"]["top1"] < 0.5 < t["ours"]["top1"]
    z = out["topic_zero_shot"]
    assert z["names_only"]["top1"] > z["majority"]["top1"]
