"""Fit and predict: what `drafter route fit` and `drafter route` (and the pipeline) call.

No fitted model means no guess: every target says «route by hand» with confidence 0. A model
trained on another region's history would confidently name that region's bodies
(«Администрация города Курска» for a Петербург appeal), which is worse than saying nothing.
A topic taxonomy, when stored, still suggests an ИМ topic by matching topic names.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from drafter.domain import RouteResult
from drafter.errors import InvalidInput
from drafter.routing.model import DEFAULT_THRESHOLD, RoutingModel
from drafter.routing.storage import load_router, load_topics, read_table, save_router, save_taxonomy
from drafter.routing.topics import DEFAULT_TOPIC_THRESHOLD, merge_taxonomies, read_taxonomy


def fit_from_file(
    path: Path | None,
    routing_dir: Path,
    *,
    text_col: str = "text",
    body_col: str | None = None,
    category_col: str | None = None,
    topic_col: str | None = None,
    taxonomies: Sequence[Path] = (),
    char_ngrams: tuple[int, int] | None = None,
    progress: Callable[[str], None] | None = None,
) -> RoutingModel:
    label_cols = {
        t: c
        for t, c in (
            ("responsible_body", body_col),
            ("category", category_col),
            ("topic", topic_col),
        )
        if c
    }
    if not label_cols and not taxonomies:
        raise InvalidInput(
            "укажите хотя бы одну колонку с метками: --body-col, --category-col или --topic-col"
        )
    if taxonomies:
        save_taxonomy(routing_dir, merge_taxonomies(read_taxonomy(p) for p in taxonomies))
    model = RoutingModel(char_ngrams=char_ngrams)
    if label_cols:
        if path is None:
            raise InvalidInput("укажите файл с размеченными обращениями (CSV или JSONL)")
        texts, labels = read_table(path, text_col, label_cols)
        model.fit(texts, labels, progress=progress)
        model.meta.update(source=str(path), columns={"text": text_col, **label_cols})
        save_router(routing_dir, model)
    return model


MIN_AUTO_TEXTS = 50  # fewer labelled appeals fit a router that only repeats the commonest body


def fit_from_labelled(
    texts: Sequence[str],
    bodies: Sequence[str | None],
    categories: Sequence[str | None],
    routing_dir: Path,
    *,
    source: str,
    progress: Callable[[str], None] | None = None,
) -> RoutingModel | None:
    """Fit the router on ingested past appeals that carry the answering organisation and the
    category (what ``drafter ingest`` does on its own). A router an admin fitted from a file
    (``drafter route fit``) is theirs and is kept; None when it was kept or there are too few
    labelled appeals."""
    current = load_router(routing_dir)
    if current is not None and not current.meta.get("auto"):
        return None
    if len(texts) < MIN_AUTO_TEXTS:
        return None
    model = RoutingModel()
    model.fit(texts, {"responsible_body": bodies, "category": categories}, progress=progress)
    if not model.targets:
        return None
    model.meta.update(source=source, auto=True)
    save_router(routing_dir, model)
    return model


def route(
    texts: Sequence[str],
    routing_dir: Path,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    topic_threshold: float = DEFAULT_TOPIC_THRESHOLD,
) -> list[RouteResult]:
    model = load_router(routing_dir)
    topics = load_topics(routing_dir)
    results = (
        model.predict(texts, threshold) if model is not None else [RouteResult() for _ in texts]
    )
    if topics is not None and (model is None or "topic" not in model.targets):
        for res, sug in zip(results, topics.suggest(texts, topic_threshold)):
            res.topic = sug
    for res in results:
        known = [s for s in (res.responsible_body, res.category, res.topic) if s.source != "none"]
        res.needs_manual = not known or any(s.needs_manual for s in known)
    return results


def is_fitted(routing_dir: Path) -> bool:
    return load_router(routing_dir) is not None or load_topics(routing_dir) is not None
