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
from typing import TYPE_CHECKING, Any

from drafter.auth import SYSTEM, Caller, scope_appeal
from drafter.domain import Appeal, Draft, DraftStatus
from drafter.errors import AppealTooLong, DrafterError, EmptyAppeal, NotFound
from drafter.jobs import Drafter, JobRunner
from drafter.services_access import AccessServices, actor_of, visible_to
from drafter.services_analytics import AnalyticsServices
from drafter.services_knowledge import (
    ANSWER_SUFFIXES,
    DocumentKind,
    IngestReport,
    KnowledgeServices,
)
from drafter.services_review import ReviewServices, utc_now
from drafter.settings import Settings
from drafter.storage import DraftFilter, Store

if TYPE_CHECKING:
    from datetime import datetime

    from drafter.deadlines import DeadlinePolicy
    from drafter.llm.base import LLM
    from knowledge.index import KnowledgeIndex

__all__ = [
    "ANSWER_SUFFIXES",
    "WAIT_TIMEOUT_S",
    "DocumentKind",
    "IngestReport",
    "Services",
    "actor_of",
    "build_services",
    "utc_now",
    "visible_to",
]

WAIT_TIMEOUT_S = 600.0  # a `wait: true` request gives up waiting (not drafting) after this


class Services(ReviewServices, KnowledgeServices, AccessServices, AnalyticsServices):
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
        # every change of a draft keeps its appeal record (analytics, search) up to date
        store.drafts.listeners.append(self.sync_draft_record)

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

    # -- health ------------------------------------------------------------------------------

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
