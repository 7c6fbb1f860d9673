"""Reference metrics: how close a reply is to a reference reply, without an LLM.

- ``chrf``: character n-gram F-score (sacrebleu's chrF: orders 1–6, β = 2, whitespace
  ignored), 0..1. Robust to Russian inflection, which word metrics punish.
- ``rouge_l``: ROUGE-L F1 over Snowball word stems (longest common subsequence), as
  ``rouge_score`` with its stemmer — which we cannot use: its tokenizer keeps only [a-z0-9] and
  scores any two Russian texts 0.
- ``string_similarity``: 1 − normalised Levenshtein distance (ragas NonLLMStringSimilarity).
- ``context_recall``: ragas NonLLMContextRecall semantics — the share of reference contexts
  found among the retrieved ones — with word-overlap recall as the match (a reference context
  counts as found when ≥ half of its content-word stems occur in one retrieved context), as chunks and
  reference contexts differ too much in length for an edit distance.

The LLM-judged metrics (faithfulness, response relevancy) are in ``evals.judge``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

CHRF_ORDER = 6
CHRF_BETA = 2.0
RECALL_MATCH = 0.5


def words(text: str, *, drop_stop: bool = False) -> list[str]:
    """Snowball stems of the words of ``text`` (knowledge.text, shared with retrieval)."""
    from knowledge.text import stems

    return stems(text, drop_stop=drop_stop)


def _char_ngrams(text: str, n: int) -> Counter[str]:
    return Counter(text[i : i + n] for i in range(len(text) - n + 1))


def chrf(
    hypothesis: str, reference: str, order: int = CHRF_ORDER, beta: float = CHRF_BETA
) -> float:
    """chrF in 0..1, averaged over the orders both texts are long enough for (as sacrebleu)."""
    hyp = re.sub(r"\s+", "", hypothesis)
    ref = re.sub(r"\s+", "", reference)
    if not hyp or not ref:
        return 0.0
    factor = beta**2
    total, orders = 0.0, 0
    for n in range(1, order + 1):
        h, r = _char_ngrams(hyp, n), _char_ngrams(ref, n)
        n_h, n_r = sum(h.values()), sum(r.values())
        if n_h == 0 or n_r == 0:
            continue
        orders += 1
        match = sum((h & r).values())
        prec, rec = match / n_h, match / n_r
        denom = factor * prec + rec
        total += (1 + factor) * prec * rec / denom if denom > 0 else 0.0
    return total / orders if orders else 0.0


def _lcs(a: Sequence[str], b: Sequence[str]) -> int:
    if not a or not b:
        return 0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b, 1):
            cur.append(prev[j - 1] + 1 if x == y else max(prev[j], cur[j - 1]))
        prev = cur
    return prev[-1]


def rouge_l(hypothesis: str, reference: str) -> float:
    """ROUGE-L F1 over word stems, 0..1."""
    h, r = words(hypothesis), words(reference)
    lcs = _lcs(h, r)
    if lcs == 0:
        return 0.0
    prec, rec = lcs / len(h), lcs / len(r)
    return 2 * prec * rec / (prec + rec)


def levenshtein(a: str, b: str) -> int:
    """Edit distance; one numpy pass per row (insertions via a running minimum)."""
    if not a:
        return len(b)
    if not b:
        return len(a)
    bb = np.frombuffer(b.encode("utf-32-le"), dtype=np.uint32)
    steps = np.arange(len(b) + 1)
    row = steps.copy()
    aa = np.frombuffer(a.encode("utf-32-le"), dtype=np.uint32)
    for i, ch in enumerate(aa, 1):
        sub = row[:-1] + (bb != ch)
        nxt = np.empty_like(row)
        nxt[0] = i
        nxt[1:] = np.minimum(row[1:] + 1, sub)
        # an insertion chain: nxt[j] = min over k ≤ j of nxt[k] + (j − k)
        row = np.minimum.accumulate(nxt - steps) + steps
    return int(row[-1])


def string_similarity(hypothesis: str, reference: str) -> float:
    """1 − Levenshtein distance / length of the longer text, 0..1."""
    if not hypothesis and not reference:
        return 1.0
    return 1.0 - levenshtein(hypothesis, reference) / max(len(hypothesis), len(reference))


def word_recall(reference: str, candidate: str) -> float:
    """Share of the reference's distinct content-word stems that occur in the candidate."""
    ref = set(words(reference, drop_stop=True))
    if not ref:
        return 0.0
    return len(ref & set(words(candidate, drop_stop=True))) / len(ref)


def context_recall(
    reference_contexts: Sequence[str], retrieved_contexts: Sequence[str]
) -> float | None:
    """Share of reference contexts found in the retrieved ones; None without references."""
    refs = [c for c in reference_contexts if c.strip()]
    if not refs:
        return None
    found = sum(
        any(word_recall(ref, got) >= RECALL_MATCH for got in retrieved_contexts) for ref in refs
    )
    return found / len(refs)


def reference_scores(
    text: str,
    reference: str | None,
    reference_contexts: Sequence[str] = (),
    retrieved_contexts: Sequence[str] = (),
) -> dict[str, float | None]:
    """All reference metrics of one item; a metric without its reference is None."""
    has_ref = bool(reference and reference.strip())
    return {
        "chrf": chrf(text, reference) if has_ref else None,  # type: ignore[arg-type]
        "rouge_l": rouge_l(text, reference) if has_ref else None,  # type: ignore[arg-type]
        "string_similarity": string_similarity(text, reference) if has_ref else None,  # type: ignore[arg-type]
        "context_recall": context_recall(reference_contexts, retrieved_contexts),
    }


REFERENCE_METRICS = ("chrf", "rouge_l", "string_similarity", "context_recall")
