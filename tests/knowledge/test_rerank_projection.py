"""The supervised dense projection (LDA on the indexed labels)."""

from __future__ import annotations

import numpy as np

from knowledge.projection import LabelProjection, fit_projection


def synthetic(n_per: int, seed: int) -> tuple[np.ndarray, list[str]]:
    """Three labels that differ along 3 of 40 dimensions, buried in noise that is 4x larger
    along 10 label-blind dimensions (10x the spread): raw cosine mostly sees the noise."""
    rng = np.random.default_rng(seed)
    rows, labels = [], []
    for k, name in enumerate(["snow", "light", "roof"]):
        x = rng.normal(0.0, 0.2, size=(n_per, 40))
        x[:, 30:] = rng.normal(0.0, 2.0, size=(n_per, 10))
        x[:, k] += 1.0
        x[:, 20] += 3.0  # a shared offset: everything looks alike to plain cosine
        rows.append(x)
        labels += [name] * n_per
    return np.vstack(rows).astype(np.float32), labels


def nn_accuracy(train: np.ndarray, ytrain, test: np.ndarray, ytest) -> float:
    sims = test @ train.T
    return float(np.mean([ytrain[j] == y for j, y in zip(sims.argmax(axis=1), ytest)]))


def unit(m: np.ndarray) -> np.ndarray:
    return m / np.linalg.norm(m, axis=1, keepdims=True)


def test_the_projection_separates_labels_that_raw_cosine_confuses():
    x, y = synthetic(60, seed=0)
    xt, yt = synthetic(30, seed=1)
    proj = fit_projection(x, y)
    assert proj is not None and proj.matrix.shape == (40, 2)
    assert proj.labels == ("light", "roof", "snow") and proj.n_fit == 180
    raw = nn_accuracy(unit(x), y, unit(xt), yt)
    lda = LabelProjection(proj.mean, proj.matrix, beta=100.0, n_fit=180, labels=proj.labels)
    projected = nn_accuracy(lda.transform(x), y, lda.transform(xt), yt)
    mixed = nn_accuracy(proj.transform(x), y, proj.transform(xt), yt)  # raw beside projected
    assert raw < 0.7 and projected > 0.95 and mixed > 0.95, (raw, projected, mixed)
    out = proj.transform(xt)
    assert out.shape == (90, 42) and np.allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-5)


def test_too_little_to_learn_from_gives_no_projection():
    x, y = synthetic(60, seed=0)
    assert fit_projection(x[:20], y[:20]) is None  # fewer than MIN_LABELLED
    assert fit_projection(x, ["snow"] * len(y)) is None  # one label
    assert fit_projection(x, [None] * len(y)) is None
    # labels seen once are left out of the fit, the rest still counts
    rare = [f"u{i}" for i in range(len(y))]
    rare[:100] = y[:100]
    part = fit_projection(x, rare)
    assert part is not None and set(part.labels) == {"snow", "light"}


def test_save_and_load(tmp_path):
    x, y = synthetic(60, seed=0)
    proj = fit_projection(x, y)
    path = tmp_path / "p.npz"
    proj.save(path)
    back = LabelProjection.load(path)
    assert back is not None and back.labels == proj.labels and back.n_fit == proj.n_fit
    assert np.allclose(back.transform(x[:5]), proj.transform(x[:5]))
    assert LabelProjection.load(tmp_path / "missing.npz") is None
    (tmp_path / "bad.npz").write_bytes(b"not numpy")
    assert LabelProjection.load(tmp_path / "bad.npz") is None
