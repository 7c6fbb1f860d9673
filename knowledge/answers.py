"""Past answers (appeal → approved reply) as Documents for the knowledge index.

Formats:
- JSONL / CSV (``.jsonl``, ``.jsonl.gz``, ``.csv``, ``.csv.gz``) with columns ``appeal``,
  ``answer`` and optional ``category``, ``agency``, ``date``, ``quality``, ``outcome``, ``id``;
- ``spb``: the «Наш Санкт-Петербург» portal cards of ``../shared/data/spb_gorod``: the appeal is
  the first petition, the answer the last «Окончательный ответ» (a ``.jsonl`` whose records look
  like cards is read this way without asking).

One Document per pair, with one chunk: ``text`` is the answer (what the drafter may reuse),
``search_text`` the appeal (a new appeal is matched against old appeals). Ids are stable, so
ingesting the same file again replaces the documents instead of duplicating them.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from knowledge.errors import InvalidInput
from knowledge.types import Chunk, Document

FINAL = "Окончательный ответ"
SATISFIED = "удовлетворен"
REQUIRED = ("appeal", "answer")
OPTIONAL = ("category", "agency", "date", "quality", "outcome", "reason")


def read_answers(path: Path, format: str | None = None) -> Iterator[Document]:
    """Documents of kind "answer" read from ``path``; records without an answer are skipped.

    ``format``: None (by extension), "jsonl", "csv" or "spb". Raises InvalidInput for a
    missing or malformed file or missing required columns.
    """
    path = Path(path)
    if not path.is_file():
        raise InvalidInput(f"answers file {path} does not exist")
    fmt = format or _format_of(path)
    if fmt == "spb":
        return (doc for rec in _jsonl_records(path) if (doc := _spb_document(rec, path)))
    if fmt == "jsonl":  # city-portal cards are recognised in a plain .jsonl too
        return (doc for rec in _jsonl_records(path) if (doc := _any_document(rec, path)))
    if fmt == "csv":
        return (doc for rec in _csv_records(path) if (doc := _plain_document(rec, path)))
    raise InvalidInput(f"unknown answers format {fmt!r} (jsonl, csv or spb)")


def _format_of(path: Path) -> str:
    name = path.name.lower().removesuffix(".gz")
    if name.endswith((".jsonl", ".json", ".ndjson")):
        return "jsonl"
    if name.endswith(".csv"):
        return "csv"
    raise InvalidInput(f"cannot tell the format of {path.name}: use .jsonl, .csv or format=")


def _open_text(path: Path) -> io.TextIOBase:
    gz = path.name.lower().endswith(".gz")
    raw = gzip.open(path, "rb") if gz else open(path, "rb")  # noqa: SIM115 - caller closes
    return io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")


def _jsonl_records(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        with _open_text(path) as fh:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InvalidInput(f"{path.name}:{lineno}: not JSON ({exc.msg})") from exc
                if not isinstance(rec, dict):
                    raise InvalidInput(f"{path.name}:{lineno}: a line must be a JSON object")
                yield lineno, rec
    except (OSError, UnicodeDecodeError, EOFError) as exc:
        raise InvalidInput(f"cannot read {path.name}: {exc}") from exc


def _csv_records(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        with _open_text(path) as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
            if missing:
                raise InvalidInput(
                    f"{path.name}: missing column(s) {', '.join(missing)}",
                    columns=list(reader.fieldnames or []),
                )
            yield from enumerate(reader, 2)
    except (OSError, UnicodeDecodeError, EOFError, csv.Error) as exc:
        raise InvalidInput(f"cannot read {path.name}: {exc}") from exc


def _str(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _any_document(item: tuple[int, dict[str, Any]], path: Path) -> Document | None:
    rec = item[1]
    if "appeal" not in rec and "petitions" in rec and "answers" in rec:
        return _spb_document(item, path)
    return _plain_document(item, path)


def _plain_document(item: tuple[int, dict[str, Any]], path: Path) -> Document | None:
    lineno, rec = item
    missing = [c for c in REQUIRED if c not in rec]
    if missing:
        raise InvalidInput(f"{path.name}:{lineno}: missing field(s) {', '.join(missing)}")
    appeal, answer = _str(rec["appeal"]), _str(rec["answer"])
    if not answer or not appeal:
        return None
    ext_id = _str(rec.get("id"))
    key = ext_id or hashlib.sha1(f"{appeal}\x00{answer}".encode()).hexdigest()[:16]
    meta = {k: _str(rec.get(k)) for k in OPTIONAL if _str(rec.get(k))}
    meta["appeal"] = appeal
    if ext_id:
        meta["external_id"] = ext_id
    return _document(f"answer:{'id' if ext_id else 'h'}:{key}", appeal, answer, meta, path)


def _spb_document(item: tuple[int, dict[str, Any]], path: Path) -> Document | None:
    lineno, rec = item
    if "id" not in rec or "petitions" not in rec or "answers" not in rec:
        raise InvalidInput(f"{path.name}:{lineno}: not a city-portal card (id/petitions/answers)")
    petitions = [p for p in rec["petitions"] or [] if _str(p.get("text"))]
    finals = [a for a in rec["answers"] or [] if a.get("kind") == FINAL and _str(a.get("text"))]
    if not petitions or not finals:
        return None
    first, last = petitions[0], finals[-1]
    pushed_back = any(_str(p.get("dt")) > _str(last.get("dt")) for p in petitions)
    status = _str(rec.get("final_status"))
    if SATISFIED in status.lower():
        quality = "good"
    elif pushed_back:
        quality = "disputed"
    else:
        quality = "unknown"
    meta = {
        "appeal": _str(first["text"]),
        "category": _str(rec.get("category")),
        "reason": _str(rec.get("reason")),
        "agency": _str(rec.get("responsible_org")) or _str(last.get("org")),
        "date": _str(first.get("dt"))[:10],
        "answer_date": _str(last.get("dt"))[:10],
        "district": _str(rec.get("district")),
        "address": _str(rec.get("address")),
        "outcome": status,
        "quality": quality,
        "external_id": str(rec["id"]),
    }
    meta = {k: v for k, v in meta.items() if v}
    return _document(f"answer:spb:{rec['id']}", meta["appeal"], _str(last["text"]), meta, path)


def _document(doc_id: str, appeal: str, answer: str, meta: dict[str, str], path: Path) -> Document:
    title = meta.get("reason") or meta.get("category") or appeal[:80]
    chunk = Chunk(
        id=f"{doc_id}#0",
        doc_id=doc_id,
        kind="answer",
        text=answer,
        title=title,
        search_text=appeal,
        metadata=dict(meta),
    )
    return Document(
        id=doc_id,
        kind="answer",
        title=title,
        chunks=[chunk],
        source_path=str(path),
        metadata={k: v for k, v in meta.items() if k != "appeal"},
    )
