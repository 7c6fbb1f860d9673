"""Lexical retrieval: BM25 (bm25s) over Snowball stems of Russian text.

The matrix is built for a fixed list of chunk ids and rebuilt as a whole when the list changes
(bm25s has no incremental update; 25k chunks take about a second). Filtering is a boolean mask
over that list, applied to the full score vector, so a filter never starves the candidates.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from knowledge.text import STOP_WORDS, stem, tokens

# Lucene-style BM25; k1=1.2 beat bm25s' 1.5 (and b=0.4/0.9) on the dev index period.
K1, B = 1.2, 0.75


def terms(text: str) -> list[str]:
    """What BM25 matches on: stems of content words; one-letter tokens are noise here."""
    return [stem(t) for t in tokens(text) if len(t) > 1 and t not in STOP_WORDS]


class LexicalIndex:
    def __init__(self, ids: Sequence[str] = (), term_lists: Sequence[list[str]] = ()) -> None:
        self.ids = list(ids)
        self._vocab: dict[str, int] = {}
        self._bm25 = None
        corpus = [[self._vocab.setdefault(t, len(self._vocab)) for t in ts] for ts in term_lists]
        if self._vocab:  # bm25s cannot index a corpus without a single term
            import bm25s

            self._bm25 = bm25s.BM25(k1=K1, b=B)
            self._bm25.index(
                bm25s.tokenization.Tokenized(ids=corpus, vocab=self._vocab), show_progress=False
            )

    def __len__(self) -> int:
        return len(self.ids)

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every indexed chunk for ``query`` (0 where no term matches)."""
        qids = [self._vocab[t] for t in terms(query) if t in self._vocab]
        if self._bm25 is None or not qids:
            return np.zeros(len(self.ids), dtype=np.float32)
        return np.asarray(self._bm25.get_scores(qids), dtype=np.float32)

    def top(self, query: str, k: int, mask: np.ndarray | None = None) -> list[tuple[str, float]]:
        """Up to ``k`` (chunk id, score) with a positive score, best first."""
        s = self.scores(query)
        if mask is not None:
            s = np.where(mask, s, 0.0)
        k = min(k, int((s > 0).sum()))
        if k <= 0:
            return []
        part = np.argpartition(-s, k - 1)[:k]
        order = part[np.argsort(-s[part], kind="stable")]
        return [(self.ids[i], float(s[i])) for i in order]
