"""Does the topic judge tell a reply to *this* appeal from a reply to another problem?

``python -m evals.topic_agreement [--fit 12000] [--n 2000]``

City-portal cards (../shared/data/spb_gorod/appeals_dev.jsonl.gz) with a sub-category and a
final reply are shuffled (fixed seed) and split: ``--fit`` cards train ``knowledge.topics``
as the index would (the appeal, its reply, its sub-category), the next ``--n`` are judged. For
each judged appeal three pairs: its own reply (on topic), the reply to a random card of another
sub-category (off topic), and the reply to a card of another sub-category in the *same*
category (off topic, the hard case: «Благоустройство», but graffiti instead of litter).

Printed, in one run, for the judge, for two baselines that need no labels (navec sentence
cosine; the number of shared content lemmas) and for the appeal's nearest neighbours as its
topic evidence instead of the appeal classifier (the labels of the ``K_NEIGHBOURS`` fitted appeals
most like it, by lemma TF-IDF cosine, weighted by similarity²; the reply side as the judge's): ROC AUC on-topic vs each kind of off-topic; and
at the judge's fixed floor (agreement < 0), the share of real replies flagged and the share of
off-topic ones caught; and how often the judge abstains. Some real replies are themselves
off-topic or name nothing («Проблема устранена.»), so the flagged share of real replies is an
upper bound on false alarms. Also the abstention rate on Курск ПОС appeals, a region whose
topics (health, schools, benefits) the city portal's answers do not cover.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

import numpy as np
from tqdm import tqdm

from evals.spb import appeals_path, finals, read_records, shared_data_dir
from knowledge.text import lemmas
from knowledge.topics import FLOOR, TopicBar, TopicModel

SEED = 0
K_NEIGHBOURS = 10
FAR = 0.3  # nearest fitted appeal below this cosine: «far from anything answered»


def cards(path: Path) -> list[tuple[str, str, str, str]]:
    """(appeal, final reply, sub-category, category) of every usable card."""
    out = []
    for rec in read_records(path):
        fs = finals(rec)
        petitions = rec.get("petitions") or []
        appeal = (petitions[0].get("text") or "").strip() if petitions else ""
        if fs and appeal and rec.get("reason"):
            out.append((appeal, fs[-1]["text"], rec["reason"], rec.get("category") or ""))
    return out


def pairs(judged: list, rng: random.Random) -> list[tuple[str, str, str]]:
    """(appeal, reply, kind) with kind «own», «other» or «same_category»."""
    out = []
    by_category: dict[str, list] = {}
    for c in judged:
        by_category.setdefault(c[3], []).append(c)
    for appeal, reply, reason, category in judged:
        out.append((appeal, reply, "own"))
        while True:
            other = judged[rng.randrange(len(judged))]
            if other[2] != reason:
                break
        out.append((appeal, other[1], "other"))
        near = [c for c in by_category[category] if c[2] != reason]
        if near:
            out.append((appeal, near[rng.randrange(len(near))][1], "same_category"))
    return out


class Neighbours:
    """The fitted appeals as lemma TF-IDF rows, with their labels."""

    def __init__(self, model: TopicModel, fit: list) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        index = {label: i for i, label in enumerate(model.labels)}
        fitted = [(a, index[lab]) for a, _, lab, _ in fit if lab in index]
        self.vec = TfidfVectorizer(sublinear_tf=True, token_pattern=r"\S+", lowercase=False)
        self.x = self.vec.fit_transform([" ".join(lemmas(a)) for a, _ in fitted])
        self.y = np.zeros((len(fitted), len(model.labels)))
        self.y[np.arange(len(fitted)), [i for _, i in fitted]] = 1.0
        self.model = model

    def similarity(self, appeal: str) -> np.ndarray:
        return (self.x @ self.vec.transform([" ".join(lemmas(appeal))]).T).toarray().ravel()

    def agreement(self, appeal: str, reply: str) -> float:
        """The judge's agreement with P(label | appeal) from the appeal's nearest fitted appeals."""
        sim = self.similarity(appeal)
        top = np.argsort(-sim)[:K_NEIGHBOURS]
        prior = self.model.prior
        pa = sim[top] ** 2 @ self.y[top] + 1e-3 * prior  # a little prior: never exactly 0
        pa /= pa.sum()
        pr = self.model.reply.proba(reply)
        return float(np.log(pa @ pr + 1e-12) - np.log(pa @ prior + 1e-12))


def auc(pos: np.ndarray, neg: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    y = np.r_[np.ones(len(pos)), np.zeros(len(neg))]
    return float(roc_auc_score(y, np.r_[pos, neg]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fit", type=int, default=12000)
    ap.add_argument("--n", type=int, default=2000)
    args = ap.parse_args(argv)
    path = appeals_path()
    if not path.is_file():
        print(f"no data at {path}", file=sys.stderr)
        return 2
    rng = random.Random(SEED)
    all_cards = cards(path)
    rng.shuffle(all_cards)
    fit, judged = all_cards[: args.fit], all_cards[args.fit : args.fit + args.n]
    print(f"cards {len(all_cards)}: fitted on {len(fit)}, judged {len(judged)}")
    model = TopicModel.fit([c[0] for c in fit], [c[1] for c in fit], [c[2] for c in fit])
    if model is None:
        print("too few labelled cards to fit", file=sys.stderr)
        return 2
    ps = pairs(judged, rng)
    kinds = np.array([k for _, _, k in ps])

    verdicts = [model.verdict(a, r) for a, r, _ in tqdm(ps, desc="judge", leave=False)]
    judge = np.array([v.agreement if v else np.nan for v in verdicts])
    from knowledge.embedders.navec import NavecEmbedder

    emb = NavecEmbedder()
    va = np.asarray(emb.embed([a for a, _, _ in ps]))
    vr = np.asarray(emb.embed([r for _, r, _ in ps]))
    cosine = (va * vr).sum(1) / np.maximum(
        np.linalg.norm(va, axis=1) * np.linalg.norm(vr, axis=1), 1e-12
    )
    shared = np.array(
        [len(set(lemmas(a)) & set(lemmas(r))) for a, r, _ in tqdm(ps, desc="lemmas", leave=False)],
        dtype=float,
    )

    near = Neighbours(model, fit)
    neighbours = np.array(
        [near.agreement(a, r) for a, r, _ in tqdm(ps, desc="neighbours", leave=False)]
    )

    known = ~np.isnan(judge)
    print(f"judge abstains on {1 - known[kinds == 'own'].mean():.1%} of city-portal appeals")
    print(f"{'signal':<22}{'AUC vs other':>14}{'AUC vs same category':>22}")
    signals = (
        ("topic judge", judge),
        ("neighbours' labels", neighbours),
        ("navec cosine", cosine),
        ("shared lemmas", shared),
    )
    for name, s in signals:
        m = known  # every signal on the pairs the judge does judge: like with like
        row = [
            auc(s[m & (kinds == "own")], s[m & (kinds == neg)])
            for neg in ("other", "same_category")
        ]
        print(f"{name:<22}{row[0]:>14.3f}{row[1]:>22.3f}")
    flagged = judge[known] < FLOOR
    k = kinds[known]
    print(
        f"at the floor (agreement < {FLOOR:g}): real replies flagged {flagged[k == 'own'].mean():.1%}, "
        f"off-topic caught {flagged[k == 'other'].mean():.1%} (other), "
        f"{flagged[k == 'same_category'].mean():.1%} (same category)"
    )

    from drafter.settings import Settings

    d = Settings().drafting
    bar = TopicBar(agreement=d.topic_margin, same_rank=d.topic_min_rank)
    for name, b in (
        ("the drafts' margin", TopicBar(agreement=d.topic_margin)),
        ("the drafts' bar", bar),
    ):
        reach = np.array([v is not None and not b.misses(v) for v in verdicts])[known]
        print(
            f"at {name} ({b}): real replies reach it {reach[k == 'own'].mean():.1%}, "
            f"off-topic {reach[k == 'other'].mean():.1%} (other), "
            f"{reach[k == 'same_category'].mean():.1%} (same category)"
        )

    kursk = shared_data_dir() / "kursk_pos" / "train.csv"
    if kursk.is_file():
        with kursk.open(encoding="utf-8") as fh:
            texts = [row["Текст Сообщения"] for row in csv.DictReader(fh)][:500]
        from drafter.normalize import normalize_appeal_text

        texts = [normalize_appeal_text(t) for t in texts]
        conf = [model.appeal.proba(t).max() for t in texts]
        share = np.mean(np.array(conf) < model.min_confidence)
        print(f"judge abstains on {share:.1%} of {len(texts)} Курск ПОС appeals")
        # abstaining when no fitted appeal is close instead: does it single out foreign topics?
        city = sorted({a for a, _, _ in ps})
        for name, group in (("city-portal", city), ("Курск", texts)):
            far = np.mean([near.similarity(t).max() < FAR for t in group])
            print(f"no fitted appeal within cosine {FAR}: {far:.1%} of {name} appeals")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
