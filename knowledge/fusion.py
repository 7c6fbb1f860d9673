"""Fusing the lexical and dense candidate lists into one ranking.

Weighted sum of per-query z-scores: each retriever's scores are standardised over its own
candidate list (so BM25's unbounded scale and cosine's narrow band become comparable), and a
candidate one retriever did not return gets that retriever's lowest z (it was below the cut).
On the dev split this beat plain reciprocal-rank fusion and min-max scaling; the weight is
chosen on a held-out slice of the indexed period (``python -m evals.retrieval``). Weights per
query-length bucket were not tried: over 0.3–0.7 the single weight moves MRR@10 by < 0.01.
The fused list then loses near-duplicate copies (here) and is re-ranked by the labels of the
retrieved answers (``knowledge.rerank``); ``KnowledgeIndex.rank`` chains the three.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

DENSE_WEIGHT = 0.5  # chosen on the held-out slice of the index period by evals.retrieval
# Past appeals are often filed again word for word (or nearly): copies would fill the top k
# with one answer. Above this cosine, a candidate is a copy of a better-ranked one.
DUPLICATE_COSINE = 0.97


def _z(scores: Sequence[float]) -> tuple[np.ndarray, float]:
    s = np.asarray(scores, dtype=np.float64)
    if len(s) == 0:
        return s, 0.0
    sd = s.std()
    z = (s - s.mean()) / sd if sd > 1e-12 else np.zeros_like(s)
    return z, float(z.min())


def fuse(
    lexical: Sequence[tuple[str, float]],
    dense: Sequence[tuple[str, float]],
    dense_weight: float = DENSE_WEIGHT,
) -> list[tuple[str, float, dict[str, int]]]:
    """(id, fused score, {retriever: 1-based rank}) for the union of candidates, best first."""
    zl, floor_l = _z([s for _, s in lexical])
    zd, floor_d = _z([s for _, s in dense])
    lex = {cid: (i + 1, z) for i, ((cid, _), z) in enumerate(zip(lexical, zl))}
    den = {cid: (i + 1, z) for i, ((cid, _), z) in enumerate(zip(dense, zd))}
    out = []
    for cid in dict.fromkeys([c for c, _ in lexical] + [c for c, _ in dense]):
        ranks = {}
        score = 0.0
        if lexical:
            rank, z = lex.get(cid, (0, floor_l))
            score += (1.0 - dense_weight) * z
            if rank:
                ranks["lexical"] = rank
        if dense:
            rank, z = den.get(cid, (0, floor_d))
            score += dense_weight * z
            if rank:
                ranks["dense"] = rank
        out.append((cid, score, ranks))
    out.sort(key=lambda r: -r[1])  # stable: ties keep lexical order
    return out


def drop_near_duplicates(
    ranked: Sequence[tuple[str, float, dict[str, int]]],
    vectors: Mapping[str, Sequence[float] | np.ndarray],
    k: int,
    threshold: float = DUPLICATE_COSINE,
    labels: Mapping[str, str | None] | None = None,
) -> list[tuple[str, float, dict[str, int]]]:
    """The first ``k`` of ``ranked`` skipping any candidate whose vector is within
    ``threshold`` cosine of one already kept (vectors are unit length; a candidate without a
    vector is kept). With ``labels``, two labelled candidates are copies only if their labels
    agree too: the same appeal filed under two sub-categories got two different answers."""
    rows = list(ranked)
    labels = labels or {}
    have = [i for i, row in enumerate(rows) if row[0] in vectors]
    dup_of: dict[int, np.ndarray] = {}
    if len(have) > 1:  # one Gram matrix instead of a comparison per pair
        m = np.asarray([vectors[rows[i][0]] for i in have], dtype=np.float32)
        close = (m @ m.T) >= threshold
        dup_of = {i: np.asarray(have)[close[j]] for j, i in enumerate(have)}
    kept: list[tuple[str, float, dict[str, int]]] = []
    kept_at: set[int] = set()
    for i, row in enumerate(rows):
        if i in dup_of and any(
            int(j) in kept_at and _same_label(labels, row[0], rows[int(j)][0])
            for j in dup_of[i]
            if j != i
        ):
            continue
        kept.append(row)
        kept_at.add(i)
        if len(kept) >= k:
            break
    return kept


def _same_label(labels: Mapping[str, str | None], a: str, b: str) -> bool:
    la, lb = labels.get(a), labels.get(b)
    return la is None or lb is None or la == lb
