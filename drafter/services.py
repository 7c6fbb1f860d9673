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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from drafter import review as rules
from drafter.auth import SYSTEM, Caller, Role, authenticate, can_see, scope_appeal
from drafter.domain import Actor, Appeal, Decision, Draft, DraftStatus, HistoryEvent, Quality
from drafter.errors import AppealTooLong, DrafterError, EmptyAppeal, InvalidInput, NotFound
from drafter.jobs import Drafter, JobRunner
from drafter.review import Action, Expected
from drafter.settings import Settings
from drafter.storage import Change, DraftFilter, Store, TokenInfo

if TYPE_CHECKING:
    from datetime import datetime

    from drafter.deadlines import DeadlinePolicy
    from drafter.llm.base import LLM
    from knowledge.index import KnowledgeIndex
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
        self._deadlines: DeadlinePolicy | None = None
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
    def deadline_policy(self) -> DeadlinePolicy:
        if self._deadlines is None:
            from drafter.deadlines import DeadlinePolicy

            self._deadlines = DeadlinePolicy(self.settings.deadlines)
        return self._deadlines

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
        from drafter.deadlines import deadline_for
        from drafter.deadlines.policy import canonical_region

        self._check_appeal(appeal)
        appeal = scope_appeal(caller, appeal)
        default_region = self.settings.deadlines.default_region
        if appeal.region is None and default_region:
            # a one-region deployment: its appeals belong to that region's reviewers too
            appeal = appeal.model_copy(update={"region": default_region})
        # an unknown region is the submitter's mistake (422), not something to guess around
        deadline = deadline_for(
            appeal.channel, appeal.received_at, self.deadline_policy, appeal.region
        )
        return self.store.drafts.create(
            appeal,
            deadline=deadline,
            region=canonical_region(appeal.region) if appeal.region else None,
            actor=actor_of(caller),
        )

    def get_draft(self, draft_id: str, caller: Caller) -> Draft:
        draft = self.store.drafts.get(draft_id)
        # another agency's draft is "not found", not "forbidden": its existence is not leaked
        if draft is None or not visible_to(caller, draft):
            raise NotFound(f"draft {draft_id} not found")
        return draft

    def list_drafts(
        self,
        caller: Caller,
        *,
        status: DraftStatus | None = None,
        agency: str | None = None,
        channel: str | None = None,
        due_before: datetime | None = None,
        overdue: bool | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> tuple[list[Draft], int]:
        """One page of drafts the caller may see, the earliest deadline first, and the total."""
        scoped = caller.scoped_agency
        if scoped is not None:
            if agency is not None and agency != scoped:
                return [], 0
            agency = scoped
        where = DraftFilter(
            status=status,
            agency=agency,
            channel=channel,
            region=caller.scoped_region,
            due_before=due_before,
            overdue=overdue,
        )
        drafts = self.store.drafts
        return drafts.find(where, limit=limit, offset=offset), drafts.count(where)

    # -- the review workflow (rules in drafter.review) --------------------------------------

    def submit_for_review(
        self, draft_id: str, caller: Caller, expected: Sequence[Expected] = ()
    ) -> Draft:
        rules.require_role(Action.submit, caller.role)

        def change(draft: Draft) -> Change:
            rules.check(Action.submit, caller.role, draft.status)
            return Change("submitted", actor_of(caller), {"status": "in_review"})

        return self._apply(draft_id, caller, change, expected)

    def review(
        self,
        draft_id: str,
        caller: Caller,
        decision: Decision,
        *,
        reasons: Sequence[str] = (),
        comment: str | None = None,
        text: str | None = None,
        expected: Sequence[Expected] = (),
    ) -> Draft:
        """Approve, return or reject a draft in review; ``text`` is the reviewer's final text
        (re-checked, logged with its diff). An approved draft is learned as a past answer."""
        action = rules.action_of(decision)
        rules.require_role(action, caller.role)
        codes = rules.validate_reasons(decision, list(reasons))
        if text is not None:
            rules.validate_text(text)

        def change(draft: Draft) -> Change:
            rules.check(action, caller.role, draft.status)
            actor = actor_of(caller)
            decided = {
                "decision": decision,
                "reasons": codes,
                "comment": comment,
                "by": actor.model_dump(mode="json"),
                "at": utc_now().isoformat(),
            }
            values: dict[str, Any] = {"status": rules.target_status(action, draft.status)}
            values["review"] = decided
            if text is not None and text != draft.text:
                values["text"] = text
                values["quality"] = self.recheck(draft, text).model_dump(mode="json")
            return Change(
                rules.EVENTS[action],
                actor,
                values,
                reasons=codes,
                comment=comment,
                log_text="text" in values,
                log_quality=True,  # the checker's verdict beside the reviewer's (agreement)
            )

        draft = self._apply(draft_id, caller, change, expected)
        if draft.status == "approved":
            self._learn(draft)
        return draft

    def edit_text(
        self, draft_id: str, caller: Caller, text: str, expected: Sequence[Expected] = ()
    ) -> Draft:
        rules.require_role(Action.edit, caller.role)
        rules.validate_text(text)

        def change(draft: Draft) -> Change:
            rules.check(Action.edit, caller.role, draft.status)
            quality = self.recheck(draft, text)
            values = {
                "text": text,
                "quality": quality.model_dump(mode="json"),
                "status": rules.target_status(Action.edit, draft.status, quality.passed),
            }
            return Change("edited", actor_of(caller), values, log_text=True, log_quality=True)

        return self._apply(draft_id, caller, change, expected)

    def redraft(self, draft_id: str, caller: Caller, expected: Sequence[Expected] = ()) -> Draft:
        """Queue the draft for the pipeline again; the old text stays until the new one."""
        rules.require_role(Action.redraft, caller.role)

        def change(draft: Draft) -> Change:
            rules.check(Action.redraft, caller.role, draft.status)
            return Change("redrafted", actor_of(caller), {"status": "queued", "error": None})

        draft = self._apply(draft_id, caller, change, expected)
        self.jobs.notify()
        return draft

    def history(self, draft_id: str, caller: Caller) -> list[HistoryEvent]:
        self.get_draft(draft_id, caller)  # 404 for a draft the caller may not see
        return self.store.drafts.history(draft_id)

    def recheck(self, draft: Draft, text: str) -> Quality:
        """The quality standard on a text a person wrote, against the draft's cited sources."""
        from evals.checker import check

        return check(
            text,
            appeal=draft.appeal,
            sources=self._sources(draft),
            generated=False,
            threshold=self.settings.drafting.pass_threshold,
        )

    def _sources(self, draft: Draft) -> list[str]:
        # the full cited chunk when the index has it; the stored snippet otherwise
        if not draft.citations:
            return []
        get_chunk = getattr(self.index, "get_chunk", None)
        out = []
        for c in draft.citations:
            chunk = get_chunk(c.source_id) if get_chunk else None
            out.append(chunk.text if chunk is not None else c.snippet)
        return out

    def _apply(
        self,
        draft_id: str,
        caller: Caller,
        change: Callable[[Draft], Change],
        expected: Sequence[Expected],
    ) -> Draft:
        return self.store.drafts.apply(
            draft_id, change, visible=lambda d: visible_to(caller, d), expected=expected
        )

    def _learn(self, draft: Draft) -> None:
        """Index the approved reply now: one document is milliseconds with the index loaded.

        A failure does not undo the approval (it is committed); it is logged for a re-run.
        """
        from drafter.learning import learn

        try:
            learn(self.index, draft)
        except Exception:
            log.exception("could not add approved draft %s to the past answers", draft.id)

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

    def create_token(
        self, role: Role, agency: str | None = None, region: str | None = None
    ) -> tuple[str, TokenInfo]:
        if agency is not None and role is not Role.executor:
            raise InvalidInput("only an executor token is bound to an agency")
        if region is not None:
            if role is Role.admin:
                raise InvalidInput("an admin token is not bound to a region")
            region = self._known_region(region)
        return self.store.tokens.create(role.value, agency, region)

    def _known_region(self, region: str) -> str:
        from drafter.deadlines.policy import canonical_region

        self.deadline_policy.for_region(region)  # InvalidInput for a region nobody knows
        return canonical_region(region)

    def ensure_admin_token(self) -> str | None:
        """A new admin token if none exists yet (first start), else None."""
        if self.store.tokens.exists(Role.admin.value):
            return None
        return self.create_token(Role.admin)[0]

    def startup_admin_token(self) -> str | None:
        """The admin token `drafter serve` shows at start.

        The first start creates it and keeps it in ``<data dir>/admin-token`` (mode 0600, like a
        Jupyter token), so every later start can show it again; the database keeps only its hash.
        None when admin tokens exist but that file is gone or revoked.
        """
        path = self.settings.data_dir / "admin-token"
        if path.exists():
            secret = path.read_text(encoding="utf-8").strip()
            try:
                if self.authenticate(secret).role is Role.admin:
                    return secret
            except DrafterError:
                pass
        secret = self.ensure_admin_token()
        if secret is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.touch(mode=0o600)
            path.write_text(secret + "\n", encoding="utf-8")
        return secret

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


def actor_of(caller: Caller) -> Actor:
    return Actor(role=caller.role.value, agency=caller.agency, token_id=caller.token_id)


def visible_to(caller: Caller, draft: Draft) -> bool:
    from drafter.deadlines.policy import canonical_region

    region = draft.appeal.region
    return can_see(caller, draft.appeal.agency, canonical_region(region) if region else None)


def utc_now() -> datetime:
    from datetime import datetime, timezone

    return datetime.now(timezone.utc)


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
