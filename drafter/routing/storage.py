"""Reading a region's labelled history, and keeping the fitted router under ``routing_dir``.

The model is a joblib pickle. Unpickling runs code, so ``load_router`` only ever reads
``<data_dir>/routing/router.joblib`` — a file this service wrote in ``drafter route fit`` —
never a path from a request or a downloaded file. Do not copy router files between machines
you do not both trust; refit from the CSV instead (it takes seconds to a minute).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import joblib

from drafter.errors import InvalidInput
from drafter.routing.model import RoutingModel
from drafter.routing.topics import TopicMatcher

MODEL_FILE = "router.joblib"
TAXONOMY_FILE = "taxonomy.json"
META_FILE = "router.json"


def _open_text(path: Path) -> io.TextIOBase:
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8-sig")
    return open(path, encoding="utf-8-sig", newline="")


def _get(row: dict[str, Any], col: str) -> Any:
    """A column, or a dotted path into nested JSON: ``petitions.0.text``."""
    if col in row:
        return row[col]
    cur: Any = row
    for part in col.split("."):
        if isinstance(cur, list) and part.isdigit() and int(part) < len(cur):
            cur = cur[int(part)]
        elif isinstance(cur, dict) and part in cur:
            cur = cur[part]
        else:
            return None
    return cur


def iter_rows(path: Path) -> Iterator[dict[str, Any]]:
    """Rows of a CSV (header row) or JSONL file (optionally .gz)."""
    path = Path(path)
    if not path.exists():
        raise InvalidInput(f"файл {path} не найден")
    name = path.name.lower().removesuffix(".gz")
    with _open_text(path) as fh:
        if name.endswith((".jsonl", ".ndjson", ".json")):
            for n, line in enumerate(fh, 1):
                if line.strip():
                    try:
                        yield json.loads(line)
                    except ValueError as exc:
                        raise InvalidInput(f"{path}:{n}: не JSON: {exc}") from exc
        elif name.endswith((".csv", ".tsv")):
            yield from csv.DictReader(fh, delimiter="\t" if name.endswith(".tsv") else ",")
        else:
            raise InvalidInput(f"{path}: нужен CSV или JSONL")


def read_table(
    path: Path, text_col: str, label_cols: dict[str, str]
) -> tuple[list[str], dict[str, list[str | None]]]:
    """(texts, target → labels) from a file; rows without text are skipped. ``text_col`` may
    join columns with «+» (``address+petitions.0.text``)."""
    texts: list[str] = []
    labels: dict[str, list[str | None]] = {t: [] for t in label_cols}
    seen_cols: set[str] = set()
    for row in iter_rows(path):
        seen_cols.update(row)
        # «address+text»: several columns, one per line — the address routes by district
        parts = [_get(row, c.strip()) for c in text_col.split("+")]
        text = "\n".join(str(p) for p in parts if p is not None and str(p).strip())
        if not text.strip():
            continue
        texts.append(text)
        for target, col in label_cols.items():
            v = _get(row, col)
            labels[target].append(None if v is None else str(v))
    if not texts:
        raise InvalidInput(
            f"{path}: нет строк с текстом в колонке «{text_col}» (есть: {sorted(seen_cols)[:20]})"
        )
    for target, col in label_cols.items():
        if all(v in (None, "") for v in labels[target]):
            raise InvalidInput(
                f"{path}: колонка «{col}» пуста или её нет (есть: {sorted(seen_cols)[:20]})"
            )
    return texts, labels


def save_router(routing_dir: Path, model: RoutingModel) -> Path:
    routing_dir.mkdir(parents=True, exist_ok=True)
    path = routing_dir / MODEL_FILE
    tmp = path.with_suffix(".tmp")
    joblib.dump(model, tmp, compress=3)
    tmp.replace(path)  # a reader never sees half a file
    (routing_dir / META_FILE).write_text(
        json.dumps(model.meta, ensure_ascii=False, indent=2), "utf-8"
    )
    _cache.clear()
    return path


def save_taxonomy(routing_dir: Path, taxonomy: dict[str, str]) -> Path:
    routing_dir.mkdir(parents=True, exist_ok=True)
    path = routing_dir / TAXONOMY_FILE
    path.write_text(json.dumps(taxonomy, ensure_ascii=False, indent=1), "utf-8")
    _cache.clear()
    return path


_cache: dict[tuple[str, float], Any] = {}
_lock = threading.Lock()


_Loaded = TypeVar("_Loaded")


def _cached(path: Path, load: Callable[[Path], _Loaded]) -> _Loaded | None:
    if not path.exists():
        return None
    key = (str(path.resolve()), path.stat().st_mtime)
    with _lock:
        if key not in _cache:
            _cache[key] = load(path)
        loaded: _Loaded = _cache[key]  # the cache holds what ``load`` made of this file
        return loaded


def load_router(routing_dir: Path) -> RoutingModel | None:
    model: RoutingModel | None = _cached(routing_dir / MODEL_FILE, joblib.load)
    if model is not None and getattr(model, "version", None) != RoutingModel.version:
        raise InvalidInput("модель маршрутизации устарела: переобучите её (drafter route fit)")
    return model


def load_topics(routing_dir: Path) -> TopicMatcher | None:
    def load(path: Path) -> TopicMatcher:
        return TopicMatcher(json.loads(path.read_text("utf-8")))

    return _cached(routing_dir / TAXONOMY_FILE, load)
