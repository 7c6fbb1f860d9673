"""Map an appeal onto an ИМ («Инцидент Менеджмент») topic taxonomy without labelled appeals.

A taxonomy is a JSON object «topic name → department or topic group», as the regions publish
them (Омск: topic → department; Пермь: topic → topic group, «★» marks priority topics). With
no appeals labelled by topic, the appeal is matched to the topic *names*: TF-IDF over Snowball
stems of the name (weighted ×2) and its group, cosine similarity against the appeal's stems.
The score is a similarity, not a probability; `confidence` is the top cosine, and a topic
below the threshold is left for a person. How well this works is measured in
``evals.routing`` on data whose labels are names (Курск «Тематика», Петербург «reason»):
zero-shot accuracy against the majority class. A region with labelled topics trains a real
classifier instead (``drafter route fit --topic-col``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from drafter.domain import Candidate, Suggestion
from drafter.errors import InvalidInput
from drafter.routing.features import clean, stem_string
from drafter.routing.model import TOP_K

DEFAULT_TOPIC_THRESHOLD = 0.2


def _identity(doc: str) -> str:
    return doc


def read_taxonomy(path: Path) -> dict[str, str]:
    """topic → group from a JSON object file; «★ » priority marks are dropped from names."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InvalidInput(f"не удалось прочитать таксономию {path}: {exc}") from exc
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise InvalidInput(f"{path}: нужен JSON-объект «тема → группа/ведомство»")
    return {k.replace("★", "").strip(): v.strip() for k, v in data.items() if k.strip()}


class TopicMatcher:
    def __init__(
        self, taxonomy: dict[str, str], descriptions: dict[str, str] | None = None
    ) -> None:
        if not taxonomy:
            raise InvalidInput("таксономия тем пуста")
        self.topics = list(taxonomy)
        self.groups = [taxonomy[t] for t in self.topics]
        descriptions = descriptions or {}
        docs = [
            " ".join([stem_string(t)] * 2 + [stem_string(g), stem_string(descriptions.get(t, ""))])
            for t, g in zip(self.topics, self.groups)
        ]
        self.vectorizer = TfidfVectorizer(
            token_pattern=r"\S+", sublinear_tf=True, preprocessor=_identity
        )
        self.matrix = self.vectorizer.fit_transform(docs)

    def similarities(self, texts: Sequence[str]) -> np.ndarray:
        x = self.vectorizer.transform([stem_string(clean(t)) for t in texts])
        sims: np.ndarray = (x @ self.matrix.T).toarray()
        return sims

    def suggest(
        self, texts: Sequence[str], threshold: float = DEFAULT_TOPIC_THRESHOLD
    ) -> list[Suggestion]:
        out = []
        for row in self.similarities(texts):
            order = np.argsort(-row)[:TOP_K]
            cands = [
                Candidate(label=self.topics[i], confidence=round(float(row[i]), 3)) for i in order
            ]
            best = cands[0]
            matched = best.confidence > 0
            out.append(
                Suggestion(
                    label=best.label if matched else None,
                    confidence=best.confidence,
                    needs_manual=best.confidence < threshold,
                    candidates=cands if matched else [],
                    group=self.groups[order[0]] if matched else None,
                    source="taxonomy",
                )
            )
        return out


def merge_taxonomies(parts: Iterable[dict[str, str]]) -> dict[str, str]:
    merged: dict[str, str] = {}
    for part in parts:
        for topic, group in part.items():
            merged.setdefault(topic, group)
    return merged
