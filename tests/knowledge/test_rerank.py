"""Label-aware re-ranking: neighbourhood voting among retrieved past answers."""

from __future__ import annotations

import pytest

from knowledge.rerank import label_rerank, label_votes


def ranked(*rows: tuple[str, float]) -> list[tuple[str, float, dict[str, int]]]:
    return [(cid, score, {"lexical": i}) for i, (cid, score) in enumerate(rows, 1)]


# "lone" scores best but its label has one vote; the "snow" label fills the neighbourhood
CANDS = ranked(("lone", 3.0), ("s1", 2.5), ("s2", 2.0), ("s3", 1.5), ("reg", 1.0), ("s4", 0.5))
LABELS = {"lone": "light", "s1": "snow", "s2": "snow", "s3": "snow", "s4": "snow", "reg": None}


def test_votes_are_shares_of_the_neighbourhood():
    assert label_votes(CANDS, LABELS, neighbours=6) == {"light": 1 / 6, "snow": 4 / 6}
    assert label_votes(CANDS, LABELS, neighbours=2) == {"light": 0.5, "snow": 0.5}
    # few candidates: small shares, a label is not trusted on the word of two answers
    assert label_votes(CANDS[:2], LABELS, neighbours=50) == {"light": 0.02, "snow": 0.02}


def test_a_label_that_dominates_the_neighbourhood_is_promoted():
    out = label_rerank(CANDS, LABELS, weight=2.4, neighbours=6, repeat=1.0)
    assert [c for c, _, _ in out][:2] == ["s1", "s2"]
    assert out[0][1] == pytest.approx(2.5 + 2.4 * 4 / 6)  # the bonus is part of the score
    assert out[0][2] == {"lexical": 2}  # the retrievers' ranks are kept for diagnostics


def test_weight_zero_or_no_labels_keeps_the_fused_order():
    order = [c for c, _, _ in CANDS]
    assert [c for c, _, _ in label_rerank(CANDS, LABELS, weight=0.0)] == order
    assert [c for c, _, _ in label_rerank(CANDS, {}, weight=5.0)] == order


def test_unlabelled_candidates_keep_their_score():
    out = {c: s for c, s, _ in label_rerank(CANDS, LABELS, weight=2.4, neighbours=6)}
    assert out["reg"] == 1.0
    assert out["lone"] == pytest.approx(3.0 + 2.4 / 6)
    # only "s1" is labelled: it alone moves (past "lone"), the unlabelled keep their order
    one = label_rerank(CANDS, {"s1": "snow"}, weight=6.0, neighbours=6)
    assert [c for c, _, _ in one] == ["s1", "lone", "s2", "s3", "reg", "s4"]
    assert [s for _, s, _ in one][1:] == [3.0, 2.0, 1.5, 1.0, 0.5]


def test_repeat_zero_diversifies_the_top_by_label():
    # repeat 0: the bonus goes to the first answer of a label only, so after s1 the lone
    # "light" answer (3.0 + 2.4/6) beats s2 (2.0, no bonus left; with it: 3.6)
    diverse = [c for c, _, _ in label_rerank(CANDS, LABELS, weight=2.4, neighbours=6, repeat=0)]
    assert diverse[:3] == ["s1", "lone", "s2"]
    same = [c for c, _, _ in label_rerank(CANDS, LABELS, weight=2.4, neighbours=6, repeat=1)]
    assert same[:4] == ["s1", "s2", "lone", "s3"]


def test_k_limits_the_output():
    assert len(label_rerank(CANDS, LABELS, weight=1.0, k=2)) == 2
    assert label_rerank([], LABELS) == []


def test_label_of_falls_back_to_the_category():
    from knowledge.index import label_of

    assert label_of({"reason": "Снег", "category": "Благоустройство"}) == "Снег"
    assert label_of({"category": "Благоустройство"}) == "Благоустройство"
    assert label_of({"reason": "", "category": "Двор"}) == "Двор"
    assert label_of({"kind": "regulation"}) is None
    assert label_of({"agency": "ЖА", "reason": "Снег"}, field="agency") == "ЖА"


def test_the_settings_reach_the_index(tmp_path):
    from drafter.factories import make_index
    from drafter.settings import RetrievalSettings, Settings
    from knowledge.embedders.fake import HashingEmbedder

    settings = Settings(
        data_dir=tmp_path,
        retrieval=RetrievalSettings(label_field="agency", label_weight=1.5, projection=False),
    )
    settings.ensure_dirs()
    idx = make_index(settings, embedder=HashingEmbedder())
    assert (idx.label_field, idx.label_weight, idx.use_projection) == ("agency", 1.5, False)
    assert idx.dense_weight == settings.retrieval.dense_weight
    idx.close()
