"""The composition root and the use cases behind the API and the CLI.

``build_services(settings)`` wires the store, the LLM, the knowledge index, the drafting
pipeline and the job runner from settings (drafter.factories), or takes fakes for tests.
The LLM and the index are built on first use: starting the API or running a test never loads
the model. Nothing here knows HTTP; errors are raised from drafter.errors.
"""

from __future__ import annotations

import logging
import tempfile
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from drafter.auth import SYSTEM, Caller, Role, authenticate, can_see, scope_appeal
from drafter.domain import Appeal, Draft, DraftStatus
from drafter.errors import AppealTooLong, DrafterError, EmptyAppeal, InvalidInput, NotFound
from drafter.jobs import Drafter, JobRunner
from drafter.settings import Settings
from drafter.storage import DraftFilter, Store, TokenInfo

if TYPE_CHECKING:
    from knowledge.index import KnowledgeIndex

    from drafter.llm.base import LLM
    from knowledge.types import Document

log = logging.getLogger(__name__)

DocumentKind = Literal["regulation", "answers"]
ANSWER_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".csv", ".csv.gz")
WAIT_TIMEOUT_S = 600.0  # a `wait: true` request gives up waiting (not drafting) after this


@dataclass(frozen=True)
class IngestReport:
    ids: list[str]
    chunks: int
    kind: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.ids[0] if self.ids else None,
            "ids": self.ids,
            "documents": len(self.ids),
            "chunks": self.chunks,
            "kind": self.kind,
        }


class Services:
    def __init__(
        self,
        settings: Settings,
        store: Store,
        *,
        llm: LLM | None = None,
        index: KnowledgeIndex | None = None,
        drafting: Drafter | None = None,
    ) -> None:
        self.settings = settings
        self.store = store
        self._llm = llm
        self._index = index
        self._drafting = drafting
        # one lock per backend: a health check must not wait while the model loads
        self._llm_lock = threading.Lock()
        self._index_lock = threading.Lock()
        self._drafting_lock = threading.Lock()
        self.jobs = JobRunner(store.drafts, lambda: self.drafting, workers=settings.workers)

    # -- lazily built backends ---------------------------------------------------------------

    @property
    def llm(self) -> LLM:
        with self._llm_lock:
            if self._llm is None:
                from drafter.factories import make_llm

                self._llm = make_llm(self.settings)
            return self._llm

    @property
    def index(self) -> KnowledgeIndex:
        with self._index_lock:
            if self._index is None:
                from drafter.factories import make_index

                self._index = make_index(self.settings)
            return self._index

    @property
    def drafting(self) -> Drafter:
        with self._drafting_lock:
            if self._drafting is None:
                from drafter.pipeline import DraftingService

                self._drafting = DraftingService(self.llm, self.index, self.settings)
            return self._drafting

    @property
    def llm_loaded(self) -> bool:
        return self._llm is not None

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> None:
        self.jobs.start()

    def close(self) -> None:
        self.jobs.stop()
        if self._llm is not None:
            self._llm.close()
        self.store.close()

    # -- drafts ------------------------------------------------------------------------------

    def submit(self, appeal: Appeal, caller: Caller) -> Draft:
        """Store the appeal as a queued draft and wake a worker."""
        draft = self._create(appeal, caller)
        self.jobs.notify()
        return draft

    async def wait(self, draft_id: str, timeout: float = WAIT_TIMEOUT_S) -> Draft:
        draft = await self.jobs.wait(draft_id, timeout)
        if draft is None:
            raise NotFound(f"draft {draft_id} not found")
        return draft

    def draft_now(self, appeal: Appeal, caller: Caller = SYSTEM) -> Draft:
        """Store and draft the appeal in this thread (the CLI); the same Draft as the API's."""
        draft = self._create(appeal, caller)
        done = self.jobs.run_now(draft.id)
        return done or self.get_draft(draft.id, caller)

    def _create(self, appeal: Appeal, caller: Caller) -> Draft:
        self._check_appeal(appeal)
        return self.store.drafts.create(scope_appeal(caller, appeal))

    def get_draft(self, draft_id: str, caller: Caller) -> Draft:
        draft = self.store.drafts.get(draft_id)
        # another agency's draft is "not found", not "forbidden": its existence is not leaked
        if draft is None or not can_see(caller, draft.appeal.agency):
            raise NotFound(f"draft {draft_id} not found")
        return draft

    def list_drafts(
        self,
        caller: Caller,
        *,
        status: DraftStatus | None = None,
        agency: str | None = None,
        channel: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> tuple[list[Draft], int]:
        """One page of drafts the caller may see, newest first, and the total matching."""
        scoped = caller.scoped_agency
        if scoped is not None:
            if agency is not None and agency != scoped:
                return [], 0
            agency = scoped
        where = DraftFilter(status=status, agency=agency, channel=channel)
        drafts = self.store.drafts
        return drafts.find(where, limit=limit, offset=offset), drafts.count(where)

    def _check_appeal(self, appeal: Appeal) -> None:
        # the API's schema checks this too; the CLI and other callers come through here
        if not appeal.text.strip():
            raise EmptyAppeal("the appeal text is empty")
        limit = self.settings.drafting.max_appeal_chars
        if len(appeal.text) > limit:
            raise AppealTooLong(
                f"the appeal has {len(appeal.text)} characters; the limit is {limit}",
                limit=limit,
            )

    # -- knowledge ---------------------------------------------------------------------------

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
        if not data:
            raise InvalidInput(f"the file {filename!r} is empty")
        kind = kind or (
            "answers" if filename.lower().endswith(ANSWER_SUFFIXES) or format else "regulation"
        )
        if kind == "regulation":
            from knowledge.loaders import load_regulation_bytes

            docs = [load_regulation_bytes(filename, data, agency=agency)]
        else:
            docs = self._answers_from_bytes(filename, data, format=format, agency=agency)
        return self._add(docs, kind, progress=False)

    def _answers_from_bytes(
        self, filename: str, data: bytes, *, format: str | None, agency: str | None
    ) -> list[Document]:
        from knowledge.ingest import iter_documents

        # the answer readers take a path (and use its suffix); the upload lives under the data
        # dir only while it is read
        uploads = self.settings.data_dir / "uploads"
        uploads.mkdir(parents=True, exist_ok=True)
        safe = Path(filename).name or "answers.jsonl"
        with tempfile.TemporaryDirectory(dir=uploads) as tmp:
            path = Path(tmp) / safe
            path.write_bytes(data)
            return list(iter_documents([path], kind="answers", format=format, agency=agency))

    def ingest_paths(
        self,
        paths: Iterable[Path],
        *,
        kind: DocumentKind | None = None,
        format: str | None = None,
        agency: str | None = None,
        progress: bool = True,
    ) -> IngestReport:
        from knowledge.ingest import iter_documents

        paths = [Path(p) for p in paths]
        for p in paths:
            if not p.exists():
                raise InvalidInput(f"{p} does not exist")
        docs = list(iter_documents(paths, kind=kind, format=format, agency=agency))
        return self._add(docs, kind or "mixed", progress=progress)

    def ingest_samples(self, progress: bool = True) -> IngestReport:
        from knowledge.ingest import samples_dir

        return self.ingest_paths([samples_dir()], progress=progress)

    def _add(self, docs: list[Document], kind: str, *, progress: bool) -> IngestReport:
        if not docs:
            raise InvalidInput("no documents found in the input")
        self.index.add_documents(docs, progress=progress)
        return IngestReport(
            ids=[d.id for d in docs], chunks=sum(len(d.chunks) for d in docs), kind=kind
        )

    def delete_document(self, doc_id: str) -> None:
        if not self.index.delete_document(doc_id):
            raise NotFound(f"document {doc_id} not found")

    def list_documents(self) -> list[dict[str, Any]]:
        return self.index.documents()

    # -- tokens and health -------------------------------------------------------------------

    def authenticate(self, secret: str | None) -> Caller:
        return authenticate(self.store.tokens, secret)

    def create_token(self, role: Role, agency: str | None = None) -> tuple[str, TokenInfo]:
        if agency is not None and role is not Role.executor:
            raise InvalidInput("only an executor token is bound to an agency")
        return self.store.tokens.create(role.value, agency)

    def ensure_admin_token(self) -> str | None:
        """A new admin token if none exists yet (first start), else None."""
        if self.store.tokens.exists(Role.admin.value):
            return None
        return self.create_token(Role.admin)[0]

    def health(self) -> dict[str, Any]:
        db_ok = self.store.ping()
        try:
            index: dict[str, Any] = {"ok": True, "documents": len(self.index.documents())}
        except DrafterError as exc:
            index = {"ok": False, "error": exc.message}
        except Exception as exc:  # noqa: BLE001 - health must answer whatever the index does
            index = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
        return {
            "status": "ok" if db_ok and index["ok"] else "degraded",
            "database": {"ok": db_ok, "dialect": self.store.engine.dialect.name},
            "index": index,
            "llm": {"backend": self.settings.llm.backend, "loaded": self.llm_loaded},
            "workers": {"configured": self.jobs.workers, "running": self.jobs.running},
        }


def build_services(
    settings: Settings,
    *,
    llm: LLM | None = None,
    index: KnowledgeIndex | None = None,
    drafting: Drafter | None = None,
    store: Store | None = None,
    migrate: bool = True,
) -> Services:
    """Everything the API and the CLI need, from settings; pass fakes to replace any part."""
    settings.ensure_dirs()
    store = store or Store.open(settings.db_url, upgrade=migrate)
    return Services(settings, store, llm=llm, index=index, drafting=drafting)
