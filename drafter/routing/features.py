"""Text → features for routing: Snowball stems (word 1–2-grams) and, optionally, character n-grams.

Stems make «ямы», «яму», «ямой» one feature and keep the vocabulary small; bigrams keep
«уличное освещение» apart from «освещение подъезда». Character n-grams catch misspellings
and street names but cost ten times the fitting time for a point or two, so they are an option.
"""

from __future__ import annotations

from functools import lru_cache

from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer

from drafter.normalize import normalize_appeal_text
from knowledge.text import normalize, stems

MAX_CHARS = 4000  # the first screen of a long appeal says where it belongs; the rest is noise


def clean(text: str) -> str:
    return normalize_appeal_text(str(text or ""))[:MAX_CHARS]


@lru_cache(maxsize=50_000)  # cross-validation and batch routing see the same texts again
def stem_string(text: str) -> str:
    return " ".join(stems(text))


def _identity(doc: str) -> str:
    return doc


class Featurizer:
    """Fits on training texts, then turns any text into one sparse row."""

    def __init__(self, *, char_ngrams: tuple[int, int] | None = None, min_df: int = 1) -> None:
        self.words = TfidfVectorizer(
            ngram_range=(1, 2),
            sublinear_tf=True,
            token_pattern=r"\S+",
            min_df=min_df,
            max_features=300_000,
            preprocessor=_identity,  # stems are already lower case; keep the vectorizer picklable
        )
        self.chars = (
            TfidfVectorizer(
                analyzer="char_wb",
                ngram_range=char_ngrams,
                sublinear_tf=True,
                min_df=2,
                max_features=60_000,
            )
            if char_ngrams
            else None
        )

    def _prepare(self, cleaned: list[str]) -> tuple[list[str], list[str]]:
        return [stem_string(t) for t in cleaned], [normalize(t) for t in cleaned]

    def fit_transform(self, cleaned: list[str]) -> csr_matrix:
        st, low = self._prepare(cleaned)
        parts = [self.words.fit_transform(st)]
        if self.chars is not None:
            parts.append(self.chars.fit_transform(low))
        # the terms cut by min_df/max_features are kept only for inspection and would make
        # the model file tens of megabytes
        for vec in (self.words, self.chars):
            if vec is not None:
                vec.stop_words_ = None
        return hstack(parts).tocsr()

    def transform(self, cleaned: list[str]) -> csr_matrix:
        st, low = self._prepare(cleaned)
        parts = [self.words.transform(st)]
        if self.chars is not None:
            parts.append(self.chars.transform(low))
        return hstack(parts).tocsr()
