"""The composition root and the use cases behind the API and the CLI.

``build_services(settings)`` wires the store, the LLM, the knowledge index, the drafting
pipeline and the job runner from settings (drafter.factories), or takes fakes for tests.
The LLM and the index are built on first use: starting the API or running a test never loads
the model. Nothing here knows HTTP; errors are raised from drafter.errors.

Its use cases are grouped by concern: drafts here, the review workflow in
drafter.services_review, knowledge in drafter.services_knowledge, tokens and visibility in
drafter.services_access, history, analytics, search and the coach in drafter.services_analytics.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from drafter.auth import SYSTEM, Caller, scope_appeal
from drafter.deadlines import DeadlinePolicy, deadline_for
from drafter.deadlines.policy import canonical_region
from drafter.domain import Appeal, Draft, DraftStatus
from drafter.errors import (
    AppealTooLong,
    Conflict,
    DrafterError,
    EmptyAppeal,
    NotFound,
    knowledge_errors,
)
from drafter.executor_facts import clean_facts
from drafter.factories import make_index, make_llm
from drafter.jobs import Drafter, JobRunner
from drafter.learning import relearn_outdated
from drafter.limits import Limits, check_no_nul, check_received_at, is_blank
from drafter.pipeline import DraftingService
from drafter.services_access import AccessServices, actor_of, visible_to
from drafter.services_analytics import AnalyticsServices
from drafter.services_knowledge import (
    ANSWER_SUFFIXES,
    DocumentKind,
    IngestReport,
    KnowledgeServices,
)
from drafter.services_review import ReviewServices, utc_now
from drafter.services_trace import TraceServices
from drafter.settings import Settings
from drafter.storage import DraftFilter, Store
from drafter.storage.drafts import external_key

if TYPE_CHECKING:
    from datetime import datetime

    from drafter.llm.base import LLM
    from knowledge.index import KnowledgeIndex

__all__ = [
    "ANSWER_SUFFIXES",
    "WAIT_TIMEOUT_S",
    "DocumentKind",
    "IngestReport",
    "Services",
    "Submission",
    "actor_of",
    "build_services",
    "utc_now",
    "visible_to",
]

WAIT_TIMEOUT_S = 600.0  # a `wait: true` request gives up waiting (not drafting) after this
_QUEUED = DraftFilter(status="queued")


@dataclass(frozen=True)
class Submission:
    draft: Draft
    created: bool  # False: the agency had sent this external_id before; its draft is returned


class Services(ReviewServices, KnowledgeServices, AccessServices, AnalyticsServices, TraceServices):
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
        self.jobs = JobRunner(
            store.drafts,
            lambda: self.drafting,
            workers=settings.workers,
            lease_s=settings.worker_lease_s,
        )
        self.limits = Limits(settings.api)
        # every change of a draft keeps its appeal record (analytics, search) up to date
        store.drafts.listeners.append(self.sync_draft_record)

    # -- lazily built backends ---------------------------------------------------------------

    @property
    def llm(self) -> LLM:
        with self._llm_lock:
            if self._llm is None:
                self._llm = make_llm(self.settings)
            return self._llm

    @property
    def index(self) -> KnowledgeIndex:
        with self._index_lock:
            if self._index is None:
                self._index = make_index(self.settings)
                relearn_outdated(self._index, self.store.drafts)
            return self._index

    @property
    def drafting(self) -> Drafter:
        with self._drafting_lock:
            if self._drafting is None:
                self._drafting = DraftingService(self.llm, self.index, self.settings)
            return self._drafting

    @property
    def deadline_policy(self) -> DeadlinePolicy:
        if self._deadlines is None:
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

    def submit(self, appeal: Appeal, caller: Caller, facts: str | None = None) -> Submission:
        """Store the appeal (and what the executor knows) as a queued draft; wake a worker.

        An appeal whose ``external_id`` this agency already sent is not stored again: the draft
        made for it comes back (``created`` False). A new one counts against the caller's rate
        limit and needs room in the queue (drafter.limits)."""
        self._check_appeal(appeal)
        appeal = scope_appeal(caller, appeal)
        existing = self._by_external_id(appeal, caller)
        if existing is not None:
            return Submission(existing, created=False)
        self.limits.admit(caller.token_id, queued=lambda: self.store.drafts.count(_QUEUED))
        try:
            draft = self._create(appeal, caller, facts)
        except Conflict:  # a concurrent request with the same external_id stored it first
            existing = self._by_external_id(appeal, caller)
            if existing is None:
                raise
            return Submission(existing, created=False)
        self.jobs.notify()
        return Submission(draft, created=True)

    def _by_external_id(self, appeal: Appeal, caller: Caller) -> Draft | None:
        if not appeal.external_id:
            return None
        draft = self.store.drafts.find_external(appeal.agency, appeal.external_id)
        if draft is not None and not visible_to(caller, draft):
            # the agency's id is taken by a draft this caller may not see (another region)
            raise Conflict(
                f"обращение с external_id {appeal.external_id!r} уже есть у этого ведомства"
            )
        return draft

    async def wait(self, draft_id: str, timeout: float = WAIT_TIMEOUT_S) -> Draft:
        draft = await self.jobs.wait(draft_id, timeout)
        if draft is None:
            raise NotFound(f"draft {draft_id} not found")
        return draft

    def draft_now(self, appeal: Appeal, caller: Caller = SYSTEM, facts: str | None = None) -> Draft:
        """Store and draft the appeal in this thread (the CLI); the same Draft as the API's."""
        draft = self._create(appeal, caller, facts)
        done = self.jobs.run_now(draft.id)
        return done or self.get_draft(draft.id, caller)

    def _create(self, appeal: Appeal, caller: Caller, facts: str | None = None) -> Draft:
        self._check_appeal(appeal)
        if facts is not None and clean_facts(facts) is None:
            facts = None  # only markup or spaces: no facts
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
            external_key=external_key(appeal.agency, appeal.external_id)
            if appeal.external_id
            else None,
            facts=facts,
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

    def _check_appeal(self, appeal: Appeal) -> None:
        # the API's schema checks some of this too; the CLI and other callers come through here
        if is_blank(appeal.text):
            raise EmptyAppeal("текст обращения пуст (одни пробелы или невидимые символы)")
        limit = self.settings.drafting.max_appeal_chars
        if len(appeal.text) > limit:
            raise AppealTooLong(
                f"the appeal has {len(appeal.text)} characters; the limit is {limit}",
                limit=limit,
            )
        if appeal.received_at is not None:
            check_received_at(appeal.received_at)
        check_no_nul(
            {
                "text": appeal.text,
                "author_name": appeal.author_name,
                "agency": appeal.agency,
                "category": appeal.category,
                "address": appeal.address,
                "external_id": appeal.external_id,
                "region": appeal.region,
            }
        )

    # -- health ------------------------------------------------------------------------------

    def health(self) -> dict[str, Any]:
        db_ok = self.store.ping()
        try:
            with knowledge_errors():
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
