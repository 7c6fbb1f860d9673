"""Routing quality: our model against two baselines, 5-fold, on both labelled datasets.

    python -m evals.routing [--json] [--data DIR] [--limit N] [--only kursk|spb] [--with-address]

For Курск ПОС (kursk_pos/train.csv: «Ответственное лицо», «Категория») and the Петербург
portal (spb_gorod/appeals_dev.jsonl.gz: `responsible_org`, `category`, text = the first
petition) it prints top-1 and top-3 accuracy of
  majority  — the most frequent labels of the training fold,
  tfidf_lr  — TF-IDF (sklearn defaults) + logistic regression (log loss, fitted by SGD: the
              lbfgs solver takes minutes per fold on 75 classes and gives lower accuracy),
  ours      — drafter.routing.RoutingModel (stem 1–2-gram TF-IDF, LinearSVC, calibrated),
all in the same run on the same folds, with fit time; for ours also the share routed without
a person at the default threshold and the accuracy on that share (does «confident» mean right?).

The ИМ topic matcher has no labelled appeals, so it is validated zero-shot on data whose labels
are names: Курск «Тематика» (161 topic names) and Петербург `reason` (sub-category names with
the catalogue's descriptions) play the taxonomy; the matcher sees only the names, never a
labelled appeal; its top-1/top-3 is compared with the majority topic.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from statistics import fmean

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import SGDClassifier
from sklearn.model_selection import KFold
from tqdm import tqdm

from drafter.routing.features import clean
from drafter.routing.model import DEFAULT_THRESHOLD, RoutingModel
from drafter.routing.topics import TopicMatcher

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
TARGETS = ("responsible_body", "category")


@dataclass
class Dataset:
    name: str
    texts: list[str]
    labels: dict[str, list[str]]  # target → label per text
    topic_names: list[str] = field(default_factory=list)  # zero-shot topic validation
    topic_taxonomy: dict[str, str] = field(default_factory=dict)
    topic_descriptions: dict[str, str] = field(default_factory=dict)


def load_kursk(data: Path) -> Dataset:
    with open(data / "kursk_pos" / "train.csv", encoding="utf-8-sig", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if (r["Текст Сообщения"] or "").strip()]
    topics = [r["Тематика"].strip() for r in rows]
    cats = [r["Категория"].strip() for r in rows]
    # topic → its most frequent category, as an ИМ table maps topic → group
    tax = {
        t: Counter(c for tt, c in zip(topics, cats) if tt == t).most_common(1)[0][0]
        for t in set(topics)
    }
    return Dataset(
        "kursk",
        [r["Текст Сообщения"] for r in rows],
        {"responsible_body": [r["Ответственное лицо"].strip() for r in rows], "category": cats},
        topics,
        tax,
    )


def load_spb(data: Path, limit: int | None, with_address: bool) -> Dataset:
    recs = []
    with gzip.open(data / "spb_gorod" / "appeals_dev.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            text = (r.get("petitions") or [{}])[0].get("text") or ""
            if text.strip() and r.get("responsible_org") and r.get("category"):
                if with_address and r.get("address"):
                    text = f"{r['address']}\n{text}"
                recs.append((text, r))
    if limit and limit < len(recs):
        keep = np.random.default_rng(0).permutation(len(recs))[:limit]
        recs = [recs[i] for i in sorted(keep)]
    catalog = json.loads((data / "spb_gorod" / "reasons_catalog.json").read_text("utf-8"))
    return Dataset(
        "spb",
        [t for t, _ in recs],
        {
            "responsible_body": [r["responsible_org"] for _, r in recs],
            "category": [r["category"] for _, r in recs],
        },
        [r["reason"] for _, r in recs],
        {c["reason"]: c["category"] for c in catalog},
        {c["reason"]: clean(c.get("description_html") or "")[:600] for c in catalog},
    )


def _topk(proba: np.ndarray, classes: np.ndarray, y: list[str], k: int) -> float:
    top = np.argsort(-proba, axis=1)[:, :k]
    return float(np.mean([y[i] in set(classes[top[i]]) for i in range(len(y))]))


def _majority(ytr: list[str], yte: list[str]) -> tuple[float, float]:
    common = [c for c, _ in Counter(ytr).most_common(3)]
    return (
        float(np.mean([y == common[0] for y in yte])),
        float(np.mean([y in common for y in yte])),
    )


def evaluate(ds: Dataset, folds: int, bar: tqdm) -> dict:
    cleaned = [clean(t) for t in ds.texts]
    scores: dict[str, dict[str, dict[str, list[float]]]] = {
        t: {m: {"top1": [], "top3": [], "fit_s": []} for m in ("majority", "tfidf_lr", "ours")}
        for t in TARGETS
    }
    covered: dict[str, list[float]] = {t: [] for t in TARGETS}
    covered_acc: dict[str, list[float]] = {t: [] for t in TARGETS}
    for tr, te in KFold(folds, shuffle=True, random_state=0).split(cleaned):
        bar.set_postfix_str(f"{ds.name}: baselines")
        t0 = time.perf_counter()
        vec = TfidfVectorizer()
        xtr = vec.fit_transform([cleaned[i] for i in tr])
        xte = vec.transform([cleaned[i] for i in te])
        vec_s = time.perf_counter() - t0
        for target in TARGETS:
            y = ds.labels[target]
            ytr, yte = [y[i] for i in tr], [y[i] for i in te]
            m1, m3 = _majority(ytr, yte)
            scores[target]["majority"]["top1"].append(m1)
            scores[target]["majority"]["top3"].append(m3)
            scores[target]["majority"]["fit_s"].append(0.0)
            t0 = time.perf_counter()
            lr = SGDClassifier(loss="log_loss", alpha=1e-5, random_state=0).fit(xtr, ytr)
            p = lr.predict_proba(xte)
            scores[target]["tfidf_lr"]["fit_s"].append(time.perf_counter() - t0 + vec_s / 2)
            scores[target]["tfidf_lr"]["top1"].append(_topk(p, lr.classes_, yte, 1))
            scores[target]["tfidf_lr"]["top3"].append(_topk(p, lr.classes_, yte, 3))
        bar.set_postfix_str(f"{ds.name}: ours")
        t0 = time.perf_counter()
        model = RoutingModel().fit(
            [cleaned[i] for i in tr], {t: [ds.labels[t][i] for i in tr] for t in TARGETS}
        )
        fit_s = time.perf_counter() - t0
        probs = model.proba([cleaned[i] for i in te])
        for target in TARGETS:
            yte = [ds.labels[target][i] for i in te]
            p, classes = probs[target]
            s = scores[target]["ours"]
            s["top1"].append(_topk(p, classes, yte, 1))
            s["top3"].append(_topk(p, classes, yte, 3))
            s["fit_s"].append(fit_s / len(TARGETS))
            conf = p.max(axis=1)
            sure = conf >= DEFAULT_THRESHOLD
            covered[target].append(float(sure.mean()))
            pred = classes[p.argmax(axis=1)]
            right = np.array([a == b for a, b in zip(pred, yte)])
            covered_acc[target].append(float(right[sure].mean()) if sure.any() else 0.0)
        bar.update(1)
    out: dict = {"n": len(cleaned), "folds": folds, "targets": {}}
    for target in TARGETS:
        out["targets"][target] = {
            "classes": len(set(ds.labels[target])),
            **{m: {k: round(fmean(v), 4) for k, v in d.items()} for m, d in scores[target].items()},
        }
        out["targets"][target]["ours"]["auto_share"] = round(fmean(covered[target]), 4)
        out["targets"][target]["ours"]["auto_accuracy"] = round(fmean(covered_acc[target]), 4)
    out["topic_zero_shot"] = evaluate_topics(ds)
    bar.update(1)
    return out


def evaluate_topics(ds: Dataset) -> dict:
    """The ИМ topic matcher, validated zero-shot: labels are names it matches texts against."""
    taxonomy = {
        t: ds.topic_taxonomy.get(t, "")
        for t in sorted(set(ds.topic_names) | set(ds.topic_taxonomy))
    }
    matcher = TopicMatcher(taxonomy, ds.topic_descriptions)
    sims = matcher.similarities(ds.texts)
    classes = np.array(matcher.topics, dtype=object)
    m1, m3 = _majority(ds.topic_names, ds.topic_names)
    out = {
        "topics": len(taxonomy),
        "majority": {"top1": round(m1, 4), "top3": round(m3, 4)},
        "names_only": {
            "top1": round(_topk(sims, classes, ds.topic_names, 1), 4),
            "top3": round(_topk(sims, classes, ds.topic_names, 3), 4),
        },
    }
    if ds.topic_descriptions:
        bare = TopicMatcher(taxonomy).similarities(ds.texts)
        out["with_descriptions"] = out["names_only"]
        out["names_only"] = {
            "top1": round(_topk(bare, classes, ds.topic_names, 1), 4),
            "top3": round(_topk(bare, classes, ds.topic_names, 3), 4),
        }
    return out


def _print(results: dict) -> None:
    for name, r in results.items():
        print(f"\n{name}: {r['n']} appeals, {r['folds']}-fold")
        print(
            f"  {'target':<17} {'method':<9} {'top1':>6} {'top3':>6} {'fit s':>7}  (fit: per target and fold)"
        )
        for target, t in r["targets"].items():
            for m in ("majority", "tfidf_lr", "ours"):
                print(
                    f"  {target + ' (' + str(t['classes']) + ')' if m == 'majority' else '':<17} "
                    f"{m:<9} {t[m]['top1']:>6.3f} {t[m]['top3']:>6.3f} {t[m]['fit_s']:>7.1f}"
                )
            o, b = t["ours"], t["tfidf_lr"]
            print(
                f"  {'':<17} ours−lr   {o['top1'] - b['top1']:>+6.3f} {o['top3'] - b['top3']:>+6.3f}"
                f"   auto-routed at p≥{DEFAULT_THRESHOLD}: {o['auto_share']:.0%} of appeals, "
                f"{o['auto_accuracy']:.1%} right"
            )
        z = r["topic_zero_shot"]
        line = (
            f"  topic zero-shot ({z['topics']} topic names): majority {z['majority']['top1']:.3f}/"
            f"{z['majority']['top3']:.3f}, names {z['names_only']['top1']:.3f}/{z['names_only']['top3']:.3f}"
        )
        if "with_descriptions" in z:
            d = z["with_descriptions"]
            line += f", names+descriptions {d['top1']:.3f}/{d['top3']:.3f}"
        print(line + "  (top1/top3)")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m evals.routing", description=__doc__.splitlines()[0])
    p.add_argument("--json", action="store_true")
    p.add_argument("--data", type=Path, default=DATA)
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--limit", type=int, help="spb: a random sample of N appeals (default all)")
    p.add_argument("--only", choices=["kursk", "spb"])
    p.add_argument("--with-address", action="store_true", help="spb: prepend the address field")
    args = p.parse_args(argv)
    if not (args.data / "kursk_pos").exists():
        print(f"no data under {args.data}", file=sys.stderr)
        return 2
    loaders = {
        "kursk": lambda: load_kursk(args.data),
        "spb": lambda: load_spb(args.data, args.limit, args.with_address),
    }
    names = [args.only] if args.only else list(loaders)
    results = {}
    with tqdm(total=len(names) * (args.folds + 1), desc="routing eval", file=sys.stderr) as bar:
        for name in names:
            bar.set_postfix_str(f"{name}: loading")
            results[name] = evaluate(loaders[name](), args.folds, bar)
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
    else:
        _print(results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
