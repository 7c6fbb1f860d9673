"""evals.stratified_auc: AUC inside strata, and the chance range from shuffling inside them."""

import math
import random

from sklearn.metrics import roc_auc_score

from evals.stratified_auc import quantile_bins, stratified_auc


def test_one_stratum_is_the_plain_auc_ties_included():
    labels = [0, 0, 1, 1, 1, 0, 1, 0]
    values = [1, 3, 3, 4, 2, 2, 5, 1]
    got = stratified_auc(labels, values, [0] * len(labels), permutations=10)
    assert math.isclose(got.auc, roc_auc_score(labels, values))
    assert got.strata == 1 and got.pairs == 16


def test_strata_remove_what_differs_between_them():
    # inside each stratum the value ranks the outcome perfectly, but the stratum with the high
    # values has mostly negatives, so pooled the value points the wrong way
    labels = [1, 0, 0, 0, 0] + [1, 1, 1, 1, 0]
    values = [11, 10, 10, 10, 10] + [2, 2, 2, 2, 1]
    strata = ["a"] * 5 + ["b"] * 5
    assert roc_auc_score(labels, values) < 0.5
    got = stratified_auc(labels, values, strata, permutations=50)
    assert got.auc == 1.0
    assert got.pairs == 4 + 4


def test_pair_weighted_mean_of_the_strata():
    labels = [1, 0] + [1, 1, 0, 0]
    values = [1, 0] + [0, 0, 1, 1]  # first stratum AUC 1 (1 pair), second 0 (4 pairs)
    got = stratified_auc(labels, values, ["a", "a", "b", "b", "b", "b"], permutations=10)
    assert math.isclose(got.auc, (1 * 1 + 0 * 4) / 5)


def test_strata_with_one_outcome_only_are_skipped():
    got = stratified_auc([1, 1, 0, 1], [3, 2, 1, 0], ["a", "a", "b", "b"], permutations=10)
    assert got.strata == 1 and got.pairs == 1 and got.auc == 0.0


def test_noise_stays_inside_the_chance_range_and_signal_leaves_it():
    rng = random.Random(1)
    strata = [i % 7 for i in range(700)]
    labels = [rng.random() < 0.3 for _ in strata]
    noise = [rng.random() for _ in strata]
    signal = [y + rng.random() for y in labels]
    null = stratified_auc(labels, noise, strata, permutations=200)
    assert null.null_low <= null.auc <= null.null_high and null.p > 0.05
    real = stratified_auc(labels, signal, strata, permutations=200)
    assert real.auc > real.null_high and real.p < 0.01


def test_no_comparable_pairs_gives_nan():
    got = stratified_auc([1, 1], [0, 1], ["a", "b"], permutations=5)
    assert math.isnan(got.auc) and got.pairs == 0


def test_quantile_bins_split_by_rank():
    assert quantile_bins([50, 10, 40, 20, 30], bins=5) == [4, 0, 3, 1, 2]
    assert quantile_bins([5, 5, 1, 1], bins=2) == [1, 1, 0, 0]
