"""Knowledge use cases: regulations and past answers into the index, listed and deleted.

A part of Services (drafter.services), as a mixin: it uses the settings and the index Services
holds. Every public method is a seam into knowledge: its errors leave as drafter's
(``knowledge_errors``).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from drafter.auth import SYSTEM, Caller
from drafter.errors import InvalidInput, NotFound, knowledge_errors
from drafter.learning import visible_documents
from drafter.limits import safe_filename
from drafter.pipeline_checking import topic_judge_of
from knowledge.ingest import iter_documents, samples_dir
from knowledge.loaders import load_regulation_bytes

if TYPE_CHECKING:
    from drafter.settings import Settings
    from knowledge.index import KnowledgeIndex
    from knowledge.types import Document

DocumentKind = Literal["regulation", "answers"]
ANSWER_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".csv", ".csv.gz")


@dataclass(frozen=True)
class IngestReport:
    ids: list[str]
    chunks: int
    kind: str
    appeals: int = 0  # past appeals stored as appeal records (analytics)
    routed: int = 0  # appeals the router was fitted on (0: not refitted)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.ids[0] if self.ids else None,
            "ids": self.ids,
            "documents": len(self.ids),
            "chunks": self.chunks,
            "kind": self.kind,
            "appeals": self.appeals,
            "routed": self.routed,
        }


class KnowledgeServices:
    settings: Settings
    import_history: Callable[..., int]  # drafter.services_analytics
    fit_routing_from_history: Callable[..., int]

    if TYPE_CHECKING:  # read-only: Services builds it on first use

        @property
        def index(self) -> KnowledgeIndex: ...

    @knowledge_errors()
    def add_document(
        self,
        filename: str,
        data: bytes,
        *,
        kind: DocumentKind | None = None,
        format: str | None = None,
        agency: str | None = None,
    ) -> IngestReport:
        """Index an uploaded regulation file, or a JSONL/CSV file of past answers."""
        filename = safe_filename(filename)  # the client's name: "..", "a/../b", a NUL
        if not data:
            raise InvalidInput(f"the file {filename!r} is empty")
        kind = kind or (
            "answers" if filename.lower().endswith(ANSWER_SUFFIXES) or format else "regulation"
        )
        if kind == "regulation":
            docs = [load_regulation_bytes(filename, data, agency=agency)]
        else:
            docs = self._answers_from_bytes(filename, data, format=format, agency=agency)
        return self._add(docs, kind, progress=False)

    def _answers_from_bytes(
        self, filename: str, data: bytes, *, format: str | None, agency: str | None
    ) -> list[Document]:
        # the answer readers take a path (and use its suffix); the upload lives under the data
        # dir only while it is read
        uploads = self.settings.data_dir / "uploads"
        uploads.mkdir(parents=True, exist_ok=True)
        safe = Path(filename).name or "answers.jsonl"
        with tempfile.TemporaryDirectory(dir=uploads) as tmp:
            path = Path(tmp) / safe
            path.write_bytes(data)
            return list(iter_documents([path], kind="answers", format=format, agency=agency))

    @knowledge_errors()
    def ingest_paths(
        self,
        paths: Iterable[Path],
        *,
        kind: DocumentKind | None = None,
        format: str | None = None,
        agency: str | None = None,
        progress: bool = True,
        history: bool = True,
        index: bool = True,
        region: str | None = None,
        check_replies: bool = True,
    ) -> IngestReport:
        """Index the files; past appeals with their times (the city portal, the history form
        of drafter.analytics.history) are also stored as appeal records for analytics, unless
        ``history`` is False; ``index`` False stores only those."""
        paths = [Path(p) for p in paths]
        for p in paths:
            if not p.exists():
                raise InvalidInput(f"{p} does not exist")
        appeals = routed = 0
        if history and kind != "regulation":
            answer_files = [
                p for p in paths if p.is_dir() or p.name.lower().endswith(ANSWER_SUFFIXES)
            ]
            if answer_files:
                appeals = self.import_history(
                    answer_files,
                    format=format,
                    region=region,
                    check_replies=check_replies,
                    progress=progress,
                )
            if appeals:
                # past appeals that name their organisation and category route new ones
                routed = self.fit_routing_from_history(progress=progress)
        if not index:
            return IngestReport(
                ids=[], chunks=0, kind=kind or "mixed", appeals=appeals, routed=routed
            )
        docs = list(iter_documents(paths, kind=kind, format=format, agency=agency))
        report = self._add(docs, kind or "mixed", progress=progress)
        return IngestReport(report.ids, report.chunks, report.kind, appeals=appeals, routed=routed)

    @knowledge_errors()
    def ingest_samples(self, progress: bool = True) -> IngestReport:
        return self.ingest_paths([samples_dir()], progress=progress)

    def _add(self, docs: list[Document], kind: str, *, progress: bool) -> IngestReport:
        if not docs:
            raise InvalidInput("no documents found in the input")
        self.index.add_documents(docs, progress=progress)
        if any(d.kind == "answer" for d in docs):
            # (re)fit the topic judge now, when it is due, not in the first draft's time
            topic_judge_of(self.index, self.settings.drafting.topic_check)
        return IngestReport(
            ids=[d.id for d in docs], chunks=sum(len(d.chunks) for d in docs), kind=kind
        )

    @knowledge_errors()
    def delete_document(self, doc_id: str) -> None:
        if not self.index.delete_document(doc_id):
            raise NotFound(f"document {doc_id} not found")

    @knowledge_errors()
    def list_documents(self, caller: Caller = SYSTEM) -> list[dict[str, Any]]:
        """The indexed documents ``caller`` may see (drafter.learning.visible_documents)."""
        return visible_documents(self.index.documents(), caller)
