"""Reference metrics on pairs worked out by hand."""

from __future__ import annotations

import pytest

from evals.metrics import (
    chrf,
    context_recall,
    levenshtein,
    reference_scores,
    rouge_l,
    string_similarity,
    word_recall,
)


def test_chrf_identical_disjoint_and_a_hand_computed_pair():
    assert chrf("Мусор вывезут завтра", "Мусор вывезут завтра") == pytest.approx(1.0)
    assert chrf("абв", "где") == 0.0
    # orders 1–3 exist: F1 = 2/3 (a, b of 3), F2 = 1/2 (ab of 2), F3 = 0; β only matters when P ≠ R
    assert chrf("abc", "abd") == pytest.approx((2 / 3 + 1 / 2 + 0) / 3)


def test_chrf_weighs_recall_over_precision():
    ref = "мусор вывезут"
    # a hypothesis that holds the whole reference scores higher than one that is half of it
    assert chrf("мусор вывезут завтра утром", ref) > chrf("мусор", ref)


def test_chrf_ignores_whitespace():
    assert chrf("мусор  вывезут", "мусор\nвывезут") == pytest.approx(1.0)


def test_rouge_l_on_russian_words():
    # LCS «мусор вывезли» = 2: P = 2/3, R = 1 → F1 = 0.8
    assert rouge_l("Мусор вывезли вчера", "мусор вывезли") == pytest.approx(0.8)
    assert rouge_l("a b c d", "a c d e") == pytest.approx(0.75)
    assert rouge_l("дорога", "мусор") == 0.0
    assert rouge_l("Ёлку убрали", "елку убрали") == pytest.approx(1.0)
    # inflected forms are the same word (Snowball stems), as rouge_score's stemmer does in English
    assert rouge_l("опора очищена", "Опоры очищены") == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("a", "b", "d"),
    [("kitten", "sitting", 3), ("", "abc", 3), ("abc", "", 3), ("улица", "улицы", 1), ("same", "same", 0),
     ("абвгд", "бвгде", 2), ("дом", "домик", 2)],
)  # fmt: skip
def test_levenshtein(a, b, d):
    assert levenshtein(a, b) == d


def test_string_similarity():
    assert string_similarity("kitten", "sitting") == pytest.approx(1 - 3 / 7)
    assert string_similarity("", "") == 1.0
    assert string_similarity("abc", "xyz") == 0.0


def test_context_recall_counts_found_reference_contexts():
    refs = ["Вывоз мусора два раза в неделю", "Ремонт кровли за счёт фонда"]
    got = ["По правилам вывоз мусора проводится два раза в неделю, по вторникам"]
    assert word_recall(refs[0], got[0]) == 1.0
    assert context_recall(refs, got) == 0.5
    assert context_recall(refs, []) == 0.0
    assert context_recall([], got) is None


def test_reference_scores_leave_out_what_has_no_reference():
    s = reference_scores("Мусор вывезут", None)
    assert s == {"chrf": None, "rouge_l": None, "string_similarity": None, "context_recall": None}
    s = reference_scores("Мусор вывезут", "Мусор вывезут", ["мусор"], ["мусор вывезут"])
    assert s["chrf"] == pytest.approx(1.0) and s["context_recall"] == 1.0
