"""Turn files and directories into Documents: regulations and past answers.

A directory is walked recursively (sorted, hidden files skipped) and every supported file in it
is read. Answer tables (``.jsonl``, ``.jsonl.gz``, ``.csv``, ``.csv.gz``, or anything with
``kind="answers"``) go to ``knowledge.answers.read_answers``; everything else is a regulation.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from knowledge.answers import read_answers
from knowledge.errors import InvalidInput, UnsupportedDocument
from knowledge.legal_chunking import DEFAULT_MAX_TOKENS
from knowledge.loaders import SUPPORTED_SUFFIXES, load_regulation
from knowledge.types import Document

ANSWER_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".csv", ".csv.gz")
KINDS = ("answers", "regulation")  # as `drafter ingest --kind` spells them


def samples_dir() -> Path:
    """The bundled sample knowledge: ``regulations/*.md`` and ``answers.jsonl``."""
    return Path(__file__).resolve().parent / "samples"


def is_answers_file(path: Path) -> bool:
    return path.name.lower().endswith(ANSWER_SUFFIXES)


def iter_documents(
    paths: Sequence[Path],
    kind: str | None = None,
    format: str | None = None,
    agency: str | None = None,
    *,
    max_tokens: int = DEFAULT_MAX_TOKENS,
) -> Iterator[Document]:
    """Documents from files and directories, lazily, in a stable order.

    ``kind``: None (by file type), "answers" or "regulation". ``format`` is passed to
    ``read_answers`` ("jsonl", "csv", "spb"). ``agency`` is stamped on regulations.
    Raises InvalidInput for a missing path or an unknown kind, UnsupportedDocument for a file
    named explicitly whose type is not supported (inside directories such files are skipped).
    """
    if kind is not None and kind not in KINDS:
        raise InvalidInput(f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")
    if isinstance(paths, (str, Path)):
        paths = [paths]
    files = list(_files(paths, kind))  # resolve every path first: fail before any work
    for path in files:
        if kind == "answers" or (kind is None and is_answers_file(path)):
            yield from read_answers(path, format)
        else:
            yield load_regulation(path, agency=agency, max_tokens=max_tokens)


def _files(paths: Sequence[Path], kind: str | None) -> Iterator[Path]:
    missing = [str(p) for p in map(Path, paths) if not p.exists()]
    if missing:
        raise InvalidInput(f"no such file or directory: {', '.join(missing)}", paths=missing)
    for path in map(Path, paths):
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                rel = f.relative_to(path).parts
                if f.is_file() and not any(p.startswith(".") for p in rel) and _wanted(f, kind):
                    yield f
        elif kind is None and not (is_answers_file(path) or _is_regulation(path)):
            raise UnsupportedDocument(
                f"{path.name}: not a regulation ({', '.join(SUPPORTED_SUFFIXES)}) "
                f"nor an answers file ({', '.join(ANSWER_SUFFIXES)})",
                name=path.name,
            )
        else:
            yield path


def _is_regulation(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED_SUFFIXES


def _wanted(path: Path, kind: str | None) -> bool:
    if kind == "answers":
        return is_answers_file(path)
    if kind == "regulation":
        return _is_regulation(path)
    return is_answers_file(path) or _is_regulation(path)


__all__ = ["ANSWER_SUFFIXES", "is_answers_file", "iter_documents", "samples_dir"]
