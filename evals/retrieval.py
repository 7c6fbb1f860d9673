"""Retrieval quality on the spb city-portal dev split: lexical vs dense vs hybrid.

    python -m evals.retrieval [--json] [--limit-index N] [--queries 500] [--root DIR]

Index: the dev appeals first filed before 2021-01-01 that have a final answer, through the
service's own KnowledgeIndex (``drafter.factories.make_index``; the embedder is whatever the
settings choose, navec by default). Queries: 500 appeals filed in January 2021, a seeded sample.
A query counts as answered when a retrieved past answer has the same ``reason`` (the portal's
sub-category, ~125 of them): hit@1, hit@5, and MRR@10 (reciprocal rank of the first such answer
within the top 10, 0 if none).

Labels: past answers in the index carry their labels (the portal's ``reason``, else
``category``, and the agency): index-side metadata a real deployment has. The service uses them
(a supervised dense projection fitted on the indexed answers, label-aware re-ranking of the
fused candidates); the *query's* label is never used, only to score.

Hyper-parameters are chosen before the January queries are touched, on a held-out slice of the
index period: 500 appeals of its last month, each searched with itself left out, with the
projection refitted without the slice. First the dense weight of the fusion (re-ranking off),
then the re-ranking's weight, neighbourhood and repeat bonus; then the projection is refitted
on the whole index for the January run. ``hybrid`` is exactly what the service returns
(``KnowledgeIndex.search`` default mode); the other hybrid rows switch one part off, and
``dense_plain`` is the raw navec cosine without the projection.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from tqdm.auto import tqdm

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "spb_gorod"
CUTOFF = "2021-01-01"
QUERY_MONTH = "2021-01"
TUNE_FROM = "2020-12-01"
WEIGHTS = [round(0.1 * i, 1) for i in range(11)]
LABEL_WEIGHTS = [0.0, 1.0, 2.0, 4.0, 8.0]
NEIGHBOURS = [20, 50]
REPEATS = [0.0, 0.5, 1.0]
# (name, search mode, index attributes changed for this row)
VARIANTS: list[tuple[str, str, dict]] = [
    ("lexical", "lexical", {}),
    ("dense", "dense", {}),
    ("dense_plain", "dense", {"use_projection": False}),
    ("hybrid", "hybrid", {}),
    ("hybrid_no_diversity", "hybrid", {"label_repeat": 1.0}),
    ("hybrid_no_rerank", "hybrid", {"label_weight": 0.0}),
    ("hybrid_with_duplicates", "hybrid", {"duplicate_cosine": None}),
]


def split(docs: list, n_queries: int, n_tune: int, limit_index: int | None):
    """(indexed, tuning slice ⊂ indexed, January queries); deterministic."""
    docs = sorted(docs, key=lambda d: (d.metadata["date"], d.id))
    indexed = [d for d in docs if d.metadata["date"] < CUTOFF]
    if limit_index:
        indexed = indexed[-limit_index:]  # the most recent: closest to the queries
    january = sorted(
        (d for d in docs if d.metadata["date"].startswith(QUERY_MONTH)),
        key=lambda d: int(d.metadata["external_id"]),
    )
    queries = random.Random(0).sample(january, min(n_queries, len(january)))
    late = [d for d in indexed if d.metadata["date"] >= TUNE_FROM] or indexed
    tune = random.Random(1).sample(late, min(n_tune, len(late)))
    return indexed, tune, queries


def first_hits(ranked_reasons: Sequence[Sequence[str]], gold: Sequence[str]) -> list[int]:
    """Per query, the 1-based rank of the first same-reason answer in the top 10 (0 = none)."""
    return [
        next((i for i, r in enumerate(reasons[:10], 1) if r == want), 0)
        for reasons, want in zip(ranked_reasons, gold)
    ]


def _per_query(first: Sequence[int]) -> dict[str, list[float]]:
    return {
        "hit1": [float(f == 1) for f in first],
        "hit5": [float(0 < f <= 5) for f in first],
        "mrr": [1.0 / f if f else 0.0 for f in first],
    }


def scores(ranked_reasons: Sequence[Sequence[str]], gold: Sequence[str]) -> dict[str, float]:
    per = _per_query(first_hits(ranked_reasons, gold))
    n = max(1, len(gold))
    return {k: round(sum(v) / n, 4) for k, v in per.items()}


def paired_delta(a: Sequence[int], b: Sequence[int], n_boot: int = 2000) -> dict[str, list[float]]:
    """Mean of (a − b) per metric with a 95% paired-bootstrap interval: [delta, low, high]."""
    import numpy as np

    pa, pb = _per_query(a), _per_query(b)
    rng = np.random.default_rng(0)
    idx = rng.integers(0, len(a), size=(n_boot, len(a)))
    out = {}
    for k in pa:
        d = np.asarray(pa[k]) - np.asarray(pb[k])
        boots = d[idx].mean(axis=1)
        out[k] = [
            round(float(d.mean()), 4),
            round(float(np.percentile(boots, 2.5)), 4),
            round(float(np.percentile(boots, 97.5)), 4),
        ]
    return out


def tune(index, tune_docs: list, reason_of: Callable[[str], str]) -> tuple[dict, dict]:
    """Fusion weight (re-ranking off), then the re-ranking's parameters, with the best MRR@10
    (then hit@5) on the held-out slice: each appeal searched with itself left out, the
    projection fitted without the slice, ranked by the service's own ``KnowledgeIndex.rank``.
    Returns (chosen parameters, figures of every setting tried); the index keeps the chosen
    parameters and a projection refitted on everything."""
    own_ids = [d.chunks[0].id for d in tune_docs]
    index.refit_projection(exclude=own_ids)
    cands = []
    for doc, own in zip(tqdm(tune_docs, desc="tuning slice", unit="query"), own_ids):
        lex, dense = index.candidates(doc.chunks[0].search_text, kind="answer")
        cands.append(([c for c in lex if c[0] != own], [c for c in dense if c[0] != own]))
    gold = [d.metadata["reason"] for d in tune_docs]

    def run(**params) -> dict[str, float]:
        for attr, value in params.items():
            setattr(index, attr, value)
        ranked = [[reason_of(cid) for cid, _, _ in index.rank(lx, dn, 10)] for lx, dn in cands]
        return scores(ranked, gold)

    def key(m: dict) -> tuple[float, float]:
        return (m["mrr"], m["hit5"])

    table: dict[str, dict] = {}
    for w in WEIGHTS:
        table[f"dense_weight={w}"] = run(dense_weight=w, label_weight=0.0)
    weight = max(WEIGHTS, key=lambda w: (*key(table[f"dense_weight={w}"]), -abs(w - 0.5)))
    chosen = {"dense_weight": weight, "label_weight": 0.0}
    best = table[f"dense_weight={weight}"]
    grid = [(lam, n, r) for lam in LABEL_WEIGHTS[1:] for n in NEIGHBOURS for r in REPEATS]
    for lam, n, rep in tqdm(grid, desc="tuning re-ranking", unit="setting"):
        params = {"label_weight": lam, "label_neighbours": n, "label_repeat": rep}
        m = table[" ".join(f"{k}={v}" for k, v in params.items())] = run(
            dense_weight=weight, **params
        )
        if key(m) > key(best):
            chosen, best = {"dense_weight": weight, **params}, m
    for attr, value in chosen.items():
        setattr(index, attr, value)
    index.refit_projection()  # the whole index again, for the queries
    return chosen, table


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--limit-index", type=int, default=None, help="index only the N latest")
    ap.add_argument("--queries", type=int, default=500)
    ap.add_argument("--tune", type=int, default=500, help="size of the held-out tuning slice")
    ap.add_argument("--data", type=Path, default=DATA / "appeals_dev.jsonl.gz")
    ap.add_argument("--root", type=Path, default=None, help="keep the index here (default: tmp)")
    args = ap.parse_args(argv)

    from drafter.factories import make_index
    from drafter.settings import Settings
    from knowledge.answers import read_answers

    if not args.data.exists():
        print(f"no data at {args.data}", file=sys.stderr)
        return 2
    t_start = time.perf_counter()
    docs = list(read_answers(args.data, format="spb"))
    indexed, tune_docs, queries = split(docs, args.queries, args.tune, args.limit_index)
    with tempfile.TemporaryDirectory(prefix="drafter-eval-") as tmp:
        settings = Settings(data_dir=args.root or Path(tmp))
        settings.ensure_dirs()
        index = make_index(settings)
        t0 = time.perf_counter()
        stats = index.add_documents(indexed, progress=True)
        t_index = time.perf_counter() - t0
        reason = {d.chunks[0].id: d.metadata.get("reason", "") for d in indexed}

        t0 = time.perf_counter()
        chosen, tuning = tune(index, tune_docs, lambda cid: reason.get(cid, ""))
        t_tune = time.perf_counter() - t0

        gold = [q.metadata["reason"] for q in queries]
        results, latency, firsts = {}, {}, {}
        for name, mode, changes in VARIANTS:
            saved = {attr: getattr(index, attr) for attr in changes}
            for attr, value in changes.items():
                setattr(index, attr, value)
            if "use_projection" in changes:
                index._changed()  # the snapshot holds the projected vectors
            index.search("прогрев", 1, kind="answer", mode=mode)  # build the snapshot untimed
            t0 = time.perf_counter()
            ranked = [
                [
                    reason.get(h.chunk.id, "")
                    for h in index.search(q.chunks[0].search_text, 10, kind="answer", mode=mode)
                ]
                for q in tqdm(queries, desc=f"queries ({name})", unit="query")
            ]
            latency[name] = round(1000 * (time.perf_counter() - t0) / max(1, len(queries)), 1)
            firsts[name] = first_hits(ranked, gold)
            results[name] = scores(ranked, gold)
            for attr, value in saved.items():
                setattr(index, attr, value)
            if "use_projection" in changes:
                index._changed()
        embedder = index.embedder.name
        index.close()

    report = {
        **results,
        "hybrid_minus": {
            other: paired_delta(firsts["hybrid"], firsts[other])
            for other in ("lexical", "dense", "dense_plain", "hybrid_no_rerank")
        },
        "chosen": chosen,
        "tuning": {str(w): s for w, s in tuning.items()},
        "n_indexed": len(indexed),
        "n_queries": len(queries),
        "n_tune": len(tune_docs),
        "index_stats": stats,
        "embedder": embedder,
        "mrr_at": 10,
        "seconds": {
            "index": round(t_index, 1),
            "tune": round(t_tune, 1),
            "total": round(time.perf_counter() - t_start, 1),
        },
        "ms_per_query": latency,
    }
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(f"\nindexed {len(indexed)} answers ({embedder}), {len(queries)} January queries")
        params = ", ".join(f"{k} {v}" for k, v in chosen.items())
        print(f"{params} (chosen on {len(tune_docs)} held-out appeals of December 2020)")
        defaults = Settings().retrieval
        differ = {k: getattr(defaults, k) for k, v in chosen.items() if getattr(defaults, k) != v}
        if differ:
            print(f"NOTE: the service's defaults differ ({differ}): update RetrievalSettings")
        print(f"{'':24s}{'hit@1':>8s}{'hit@5':>8s}{'MRR@10':>8s}{'ms/query':>10s}")
        for name, _, _ in VARIANTS:
            r = results[name]
            print(f"{name:24s}{r['hit1']:8.3f}{r['hit5']:8.3f}{r['mrr']:8.3f}{latency[name]:10.1f}")
        for other, deltas in report["hybrid_minus"].items():
            parts = [f"{k} {d:+.3f} [{lo:+.3f}, {hi:+.3f}]" for k, (d, lo, hi) in deltas.items()]
            print(f"hybrid - {other}: " + ", ".join(parts) + "  (95% paired bootstrap)")
        s = report["seconds"]
        print(f"wall time: index {s['index']}s, tuning {s['tune']}s, total {s['total']}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
