"""Is a reply about what the appeal is about? Two classifiers over the index's own labels.

Past answers in the index carry a label (the portal's sub-category, else its category) and the
appeal they answered. From them two classifiers are fitted on lemmas (TF-IDF, logistic loss):
one reads an appeal, one reads a reply, both predict the label. The *agreement* of an appeal
and a reply is how much more likely the two share a label than the appeal and a reply drawn at
random from the index::

    agreement = log Σ_l P(l | appeal)·P(l | reply)  −  log Σ_l P(l | appeal)·P(l)

Above 0: the reply is about the appeal's kind of problem; below 0: less so than a random past
answer — a reply to another problem. The floor 0 needs no tuning: it is where the reply stops
being better than chance. Two classifiers, because appeals and replies use different words
for one problem («фонарь не горит» / «освещение восстановлено»); one bag of words compared
across both is a poor judge (navec cosine, an LDA projection and shared lemmas all did worse,
see ``evals/topic_agreement.py``).

The agreement is a ratio against chance, and an appeal the classifier splits between two
problems («течёт жёлтая вода» — 0.36 a cleaning schedule, 0.32 hot water) gives a reply about
either a high one. So a reply also carries ``same`` = Σ P(l | appeal)·P(l | reply), the odds the
two share a label, and ``same_rank``: the share of real replies whose odds are lower. The odds
are only comparable within one judge (one fitted on a small index is less sure of anything), so
the rank is measured at fit time: a probe fitted on 80 % of the answers judges the other 20 %
with their own replies. The pipeline asks its drafts for both (``TopicBar``), people's replies
only for the floor.

When the appeal classifier is unsure (no label above ``min_confidence``), the appeal is about
something the index has no answers for, and the judge abstains (None) rather than guess.

Stored as plain arrays (``.npz``), not a pickle: the vocabulary, IDF and the two linear models.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from knowledge.text import lemmas

MIN_LABELLED = 200  # fewer labelled answers than this: no judge
MIN_PER_LABEL = 5  # a label with fewer answers is left out of the fit
MIN_CONFIDENCE = 0.15  # the appeal classifier's best label below this: abstain
FLOOR = 0.0  # agreement below this: a reply to another problem (see the module docstring)
HELD_OUT = 0.2  # answers the probe does not see, to rank real replies' odds (see the docstring)
FORMAT = 2


@dataclass(frozen=True)
class TopicVerdict:
    agreement: float  # log-ratio, see the module docstring; < 0: probably another problem
    appeal_label: str  # the appeal's most likely label
    reply_label: str  # the reply's most likely label
    same: float = 1.0  # P(the two share a label); 1.0 from a judge that does not say
    same_rank: float = 1.0  # the share of real replies with lower odds; 1.0: not measured


@dataclass(frozen=True)
class TopicBar:
    """What a reply must reach to count as about the appeal's problem."""

    agreement: float = FLOOR
    same_rank: float = 0.0

    def misses(self, verdict: TopicVerdict) -> bool:
        return verdict.agreement < self.agreement or verdict.same_rank < self.same_rank


AT_FLOOR = TopicBar()  # what any reply must reach: not less on topic than a random past answer


@dataclass
class _Side:
    """One classifier: lemma TF-IDF (sublinear tf, l2) then one-vs-rest logistic models."""

    vocab: dict[str, int]
    idf: np.ndarray  # (n_terms,)
    coef: np.ndarray  # (n_labels, n_terms)
    intercept: np.ndarray  # (n_labels,)

    def proba(self, text: str) -> np.ndarray:
        counts = Counter(self.vocab[t] for t in lemmas(text) if t in self.vocab)
        x = np.zeros(self.idf.shape[0], dtype=np.float64)
        for j, c in counts.items():
            x[j] = (1.0 + np.log(c)) * self.idf[j]
        norm = np.linalg.norm(x)
        if norm > 0:
            x /= norm
        z = self.coef @ x + self.intercept
        p = 1.0 / (1.0 + np.exp(-z))
        normalised: np.ndarray = p / p.sum()
        return normalised  # as sklearn's one-vs-rest log-loss models normalise


@dataclass
class TopicModel:
    labels: tuple[str, ...]
    prior: np.ndarray  # label shares among the answers fitted on
    appeal: _Side
    reply: _Side
    n_fit: int
    min_confidence: float = MIN_CONFIDENCE
    # percentiles 0..100 of held-out real replies' odds of sharing their appeal's label;
    # empty: too few answers to hold some out
    real_same: np.ndarray = field(default_factory=lambda: np.empty(0))

    @classmethod
    def fit(
        cls, appeals: Sequence[str], replies: Sequence[str], labels: Sequence[str | None]
    ) -> TopicModel | None:
        """Both classifiers from labelled (appeal, reply) pairs; None when too few to learn."""
        labelled = [i for i, lab in enumerate(labels) if lab]
        model = cls._fit(appeals, replies, labels, labelled)
        if model is None:
            return None
        model.n_fit = len(labelled)  # labelled answers, as the index counts them
        # rank real replies' odds with a probe that has not seen them (see the docstring)
        order = np.random.default_rng(0).permutation(labelled)
        n_held = int(len(order) * HELD_OUT)
        probe = cls._fit(appeals, replies, labels, sorted(order[n_held:]))
        if probe is not None:
            held = [probe.verdict(appeals[i], replies[i]) for i in order[:n_held]]
            sames = [v.same for v in held if v is not None]
            if sames:
                model.real_same = np.percentile(sames, np.arange(101))
        return model

    @classmethod
    def _fit(
        cls,
        appeals: Sequence[str],
        replies: Sequence[str],
        labels: Sequence[str | None],
        keep: Sequence[int],
    ) -> TopicModel | None:
        counts = Counter(labels[i] for i in keep)
        keep = [i for i in keep if counts[labels[i]] >= MIN_PER_LABEL]
        y = [lab for i in keep if (lab := labels[i])]  # ``keep`` holds labelled answers only
        classes = sorted(set(y))
        if len(keep) < MIN_LABELLED or len(classes) < 2:
            return None
        prior = np.array([counts[c] for c in classes], dtype=np.float64)
        return cls(
            labels=tuple(classes),
            prior=prior / prior.sum(),
            appeal=_fit_side([appeals[i] for i in keep], y, classes),
            reply=_fit_side([replies[i] for i in keep], y, classes),
            n_fit=len(keep),
        )

    def knows(self, appeal: str) -> bool:
        """Whether the appeal is about something the fitted answers cover (else it abstains)."""
        return bool(self.appeal.proba(appeal).max() >= self.min_confidence)

    def verdict(self, appeal: str, reply: str) -> TopicVerdict | None:
        """How well ``reply`` fits ``appeal``'s problem; None when the judge cannot tell."""
        pa = self.appeal.proba(appeal)
        if pa.max() < self.min_confidence or not reply.strip():
            return None
        pr = self.reply.proba(reply)
        same = float(pa @ pr)
        return TopicVerdict(
            agreement=float(np.log(same + 1e-12) - np.log(pa @ self.prior + 1e-12)),
            appeal_label=self.labels[int(pa.argmax())],
            reply_label=self.labels[int(pr.argmax())],
            same=same,
            same_rank=self.rank_of_same(same),
        )

    def rank_of_same(self, same: float) -> float:
        """The share of held-out real replies whose odds are below ``same`` (1.0: unmeasured)."""
        if not self.real_same.size:
            return 1.0
        return float(np.interp(same, self.real_same, np.linspace(0.0, 1.0, self.real_same.size)))

    def save(self, path: Path) -> None:
        tmp = path.with_name(path.name + ".tmp.npz")
        arrays: dict[str, np.ndarray] = {
            "format": np.array(FORMAT),
            "labels": np.array(self.labels),
            "prior": self.prior,
            "n_fit": np.array(self.n_fit),
            "real_same": self.real_same,
        }
        for name, side in (("appeal", self.appeal), ("reply", self.reply)):
            terms = sorted(side.vocab, key=side.vocab.__getitem__)
            arrays |= {
                f"{name}_terms": np.array(terms),
                f"{name}_idf": side.idf,
                f"{name}_coef": side.coef.astype(np.float32),
                f"{name}_intercept": side.intercept,
            }
        np.savez_compressed(tmp, **arrays)  # type: ignore[arg-type]
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> TopicModel | None:
        if not path.exists():
            return None
        with np.load(path, allow_pickle=False) as f:
            if int(f["format"]) != FORMAT:
                return None  # written by another version: refit
            sides = {
                name: _Side(
                    vocab={str(t): i for i, t in enumerate(f[f"{name}_terms"])},
                    idf=f[f"{name}_idf"],
                    coef=f[f"{name}_coef"].astype(np.float64),
                    intercept=f[f"{name}_intercept"],
                )
                for name in ("appeal", "reply")
            }
            return cls(
                labels=tuple(str(x) for x in f["labels"]),
                prior=f["prior"],
                appeal=sides["appeal"],
                reply=sides["reply"],
                n_fit=int(f["n_fit"]),
                real_same=f["real_same"],
            )


def _fit_side(texts: Sequence[str], y: Sequence[str], classes: Sequence[str]) -> _Side:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import SGDClassifier

    # lemmas joined by spaces; the vectoriser only counts them
    vec = TfidfVectorizer(min_df=2, sublinear_tf=True, token_pattern=r"\S+", lowercase=False)
    x = vec.fit_transform([" ".join(lemmas(t)) for t in texts])
    # alpha and epochs from the spb dev split (evals/topic_agreement.py); AUC was flat around them
    clf = SGDClassifier(loss="log_loss", alpha=2e-5, max_iter=30, tol=None, random_state=0)
    clf.fit(x, y)
    if list(clf.classes_) != list(classes):
        raise AssertionError("classifier labels out of order")
    return _Side(
        vocab={str(t): int(i) for t, i in vec.vocabulary_.items()},
        idf=vec.idf_.astype(np.float64),
        coef=clf.coef_.astype(np.float64),
        intercept=clf.intercept_.astype(np.float64),
    )
