"""The routing model: one linear classifier per target over shared text features.

Targets are whatever a region labels: `responsible_body`, `category`, `topic`. Each is a
LinearSVC (fast on sparse text, strong on many small classes) whose margins become
probabilities through a softmax with a temperature and an isotonic map, both fitted on
out-of-fold margins (``TargetModel._calibrate``), so that «confidence 0.8» means right about
8 times in 10 on the region's own history and a threshold on it («route by hand» below)
means what it says. ``evals.routing`` prints how many appeals clear the threshold and how
many of those are right.
"""

from __future__ import annotations

import math
import warnings
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.isotonic import IsotonicRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.svm import LinearSVC

from drafter.domain import Candidate, RouteResult, Suggestion
from drafter.routing.features import Featurizer, clean

TARGETS = ("responsible_body", "category", "topic")
DEFAULT_THRESHOLD = 0.5
TOP_K = 3


def _softmax(margins: np.ndarray, temperature: float) -> np.ndarray:
    z = margins / temperature
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    p: np.ndarray = e / e.sum(axis=1, keepdims=True)
    return p


def _margins(clf: LinearSVC, x: csr_matrix) -> np.ndarray:
    m: np.ndarray = clf.decision_function(x)
    if m.ndim == 1:  # two classes: sklearn returns one column
        m = np.column_stack([-m, m])
    return m


def _fit_temperature(margins: np.ndarray, y_idx: np.ndarray) -> float:
    """The softmax temperature that minimises the log loss of out-of-fold margins."""
    best_t, best_loss = 1.0, math.inf
    for t in np.geomspace(0.02, 5.0, 40):
        p = _softmax(margins, t)[np.arange(len(y_idx)), y_idx]
        loss = -np.mean(np.log(np.clip(p, 1e-12, 1.0)))
        if loss < best_loss:
            best_t, best_loss = float(t), loss
    return best_t


class TargetModel:
    def __init__(self, c: float = 0.5) -> None:
        self.c = c
        self.clf: LinearSVC | None = None
        self.classes: np.ndarray = np.array([])
        self.temperature = 1.0
        self.isotonic: IsotonicRegression | None = None
        self.constant: str | None = None  # only one label ever seen

    def fit(self, x: csr_matrix, y: Sequence[str], *, calibrate: bool = True) -> TargetModel:
        ys = np.asarray(y, dtype=object)
        counts = Counter(ys)
        if len(counts) == 1:
            self.constant, self.classes = str(ys[0]), np.array([ys[0]], dtype=object)
            return self
        self.clf = LinearSVC(C=self.c).fit(x, ys)
        self.clf.coef_ = self.clf.coef_.astype(np.float32)  # halves the file, same ranking
        self.classes = self.clf.classes_
        if calibrate and len(ys) >= 50:
            self._calibrate(x, ys)
        return self

    def _calibrate(self, x: csr_matrix, y: np.ndarray) -> None:
        """Temperature, then an isotonic map from the top-1 probability to the share of right
        answers, both fitted on out-of-fold margins of the region's own history: a single
        temperature leaves a linear model overconfident where labels overlap («Администрация
        города» versus its committees)."""
        margins, y_idx = self._oof_margins(x, y)
        self.temperature = _fit_temperature(margins, y_idx)
        p = _softmax(margins, self.temperature)
        top = p.max(axis=1)
        right = (p.argmax(axis=1) == y_idx).astype(float)
        self.isotonic = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(
            top, right
        )

    def _oof_margins(self, x: csr_matrix, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        # classes seen once cannot be stratified; they still count, as errors the model makes
        # five folds keep the held-out models close to the final one on a small history; on a
        # large one three are as close and save two fits
        n_splits = 5 if len(y) < 5000 else 3
        counts = Counter(y)
        strat = np.array([v if counts[v] >= n_splits else "__rare__" for v in y], dtype=object)
        index = {c: i for i, c in enumerate(self.classes)}
        margins = np.full((len(y), len(self.classes)), -10.0)
        folds = StratifiedKFold(n_splits, shuffle=True, random_state=0)
        with warnings.catch_warnings():  # «the least populated class has only 1 member»: known
            warnings.simplefilter("ignore", UserWarning)
            splits = list(folds.split(np.zeros(len(y)), strat))
        for tr, te in splits:
            if len(set(y[tr])) < 2:
                continue
            clf = LinearSVC(C=self.c).fit(x[tr], y[tr])
            cols = [index[c] for c in clf.classes_]
            margins[np.ix_(te, cols)] = _margins(clf, x[te])
        return margins, np.array([index[v] for v in y])

    def proba(self, x: csr_matrix) -> np.ndarray:
        """Calibrated probabilities: the top one is the expected share of right answers; the
        others keep their ratios to it. The isotonic map only ever lowers a probability: on a
        history the model learned perfectly it would otherwise call every guess certain."""
        if self.clf is None:
            return np.ones((x.shape[0], 1))
        p = _softmax(_margins(self.clf, x), self.temperature)
        if self.isotonic is not None:
            top = p.max(axis=1)
            scale = np.minimum(1.0, self.isotonic.predict(top) / np.clip(top, 1e-12, None))
            p = p * scale[:, None]
        return p


def suggest(proba_row: np.ndarray, classes: np.ndarray, threshold: float) -> Suggestion:
    order = np.argsort(-proba_row)[:TOP_K]
    cands = [
        Candidate(label=str(classes[i]), confidence=round(float(proba_row[i]), 3)) for i in order
    ]
    best = cands[0]
    return Suggestion(
        label=best.label,
        confidence=best.confidence,
        needs_manual=best.confidence < threshold,
        candidates=cands,
        source="model",
    )


class RoutingModel:
    """Featurizer + one TargetModel per labelled target. Picklable; see routing.storage."""

    version = 1

    def __init__(self, *, char_ngrams: tuple[int, int] | None = None, c: float = 0.5) -> None:
        self.char_ngrams = char_ngrams
        self.c = c
        self.featurizer: Featurizer | None = None
        self.targets: dict[str, TargetModel] = {}
        self.meta: dict[str, Any] = {}

    def fit(
        self,
        texts: Sequence[str],
        labels: Mapping[str, Sequence[str | None]],
        *,
        calibrate: bool = True,
        progress: Callable[[str], None] | None = None,
    ) -> RoutingModel:
        """``labels[target][i]`` is text i's label, or None/"" where the region did not label it."""
        cleaned = [clean(t) for t in texts]
        keep = [i for i, t in enumerate(cleaned) if t]
        n = len(keep)
        # a term seen once cannot generalise, and dropping them makes the file 5× smaller
        self.featurizer = Featurizer(char_ngrams=self.char_ngrams, min_df=2)
        x = self.featurizer.fit_transform([cleaned[i] for i in keep])
        for target, ys in labels.items():
            rows = [j for j, i in enumerate(keep) if ys[i] not in (None, "") and str(ys[i]).strip()]
            if not rows:
                continue
            if progress:
                progress(target)
            y = [str(ys[keep[j]]).strip() for j in rows]
            self.targets[target] = TargetModel(self.c).fit(x[rows], y, calibrate=calibrate)
        self.meta.update(n_texts=n, targets={t: len(m.classes) for t, m in self.targets.items()})
        return self

    def proba(self, texts: Sequence[str]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """target → (probabilities, one row per text; classes)."""
        if self.featurizer is None:
            return {}
        x = self.featurizer.transform([clean(t) for t in texts])
        return {t: (m.proba(x), m.classes) for t, m in self.targets.items()}

    def predict(
        self, texts: Sequence[str], threshold: float = DEFAULT_THRESHOLD
    ) -> list[RouteResult]:
        probs = self.proba(texts)
        out = []
        for i in range(len(texts)):
            res = RouteResult()
            for target, (p, classes) in probs.items():
                setattr(res, target, suggest(p[i], classes, threshold))
            out.append(res)
        return out
