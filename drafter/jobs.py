"""Background drafting: a job queue in the database, worker threads, token pub/sub.

The queue is the ``drafts`` table (see ``drafter.storage.drafts``): a draft is created
``queued``; each of N worker threads claims the oldest one atomically, runs the blocking
pipeline, and stores the result. A claim is a lease: a heartbeat thread renews it while the
pipeline runs, so a job is taken again only when its worker died, and a result whose claim no
longer holds is discarded (audited), not written. Several processes may share one table when
the database and the vector store are servers (PostgreSQL, a Chroma server; see
drafter.instance for the embedded stores). Streamed tokens go through an in-process ``Broker``
to whoever follows the draft (the SSE endpoint); a follower in another process falls back to
polling.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import threading
from collections.abc import AsyncGenerator, Callable
from contextlib import aclosing, contextmanager
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from drafter.domain import Appeal, Draft, DraftResult
from drafter.errors import DrafterError, knowledge_errors
from drafter.storage import FINAL_STATUSES, DraftStore, Job
from drafter.storage.drafts import LEASE_S

log = logging.getLogger(__name__)

EventKind = Literal["token", "done"]
Event = tuple[EventKind, Any]  # ("token", str) | ("done", Draft)


class Drafter(Protocol):
    """What the runner needs of the pipeline (drafter.pipeline.DraftingService)."""

    def draft(
        self,
        appeal: Appeal,
        facts: str | None = None,
        on_token: Callable[[str], None] | None = None,
    ) -> DraftResult: ...

    def warm_for_facts(self, appeal: Appeal) -> None: ...


@dataclass(eq=False)
class Subscription:
    draft_id: str
    queue: asyncio.Queue[Event]
    loop: asyncio.AbstractEventLoop
    backlog: list[str] = field(default_factory=list)  # pieces streamed before subscribing


class Broker:
    """Thread-safe, in-process fan-out of one draft's events to asyncio subscribers."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subs: dict[str, list[Subscription]] = {}
        self._backlog: dict[str, list[str]] = {}

    @contextmanager
    def subscribe(self, draft_id: str, loop: asyncio.AbstractEventLoop):  # type: ignore[no-untyped-def]
        with self._lock:
            sub = Subscription(
                draft_id, asyncio.Queue(), loop, list(self._backlog.get(draft_id, []))
            )
            self._subs.setdefault(draft_id, []).append(sub)
        try:
            yield sub
        finally:
            with self._lock:
                subs = self._subs.get(draft_id, [])
                if sub in subs:
                    subs.remove(sub)
                if not subs:
                    self._subs.pop(draft_id, None)

    def reset(self, draft_id: str) -> None:
        with self._lock:
            self._backlog[draft_id] = []

    def forget(self, draft_id: str) -> None:
        with self._lock:
            self._backlog.pop(draft_id, None)

    def token(self, draft_id: str, piece: str) -> None:
        with self._lock:
            self._backlog.setdefault(draft_id, []).append(piece)
            self._send(draft_id, ("token", piece))

    def done(self, draft: Draft) -> None:
        with self._lock:
            self._backlog.pop(draft.id, None)
            self._send(draft.id, ("done", draft))

    def _send(self, draft_id: str, event: Event) -> None:
        for sub in self._subs.get(draft_id, []):
            try:
                sub.loop.call_soon_threadsafe(sub.queue.put_nowait, event)
            except RuntimeError:  # the follower's event loop is gone
                pass


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.current_thread().name}"


class JobRunner:
    """N threads that draft queued appeals; also runs one draft in the caller's thread."""

    def __init__(
        self,
        drafts: DraftStore,
        drafter: Callable[[], Drafter],
        *,
        workers: int = 1,
        poll_s: float = 1.0,
        broker: Broker | None = None,
        lease_s: float = LEASE_S,
    ) -> None:
        self.drafts = drafts
        self._drafter = drafter  # a provider: the model loads with the first job, not before
        self.workers = workers
        self.poll_s = poll_s
        self.broker = broker or Broker()
        self.lease_s = lease_s  # a heartbeat renews a claim every third of it
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> None:
        """Requeue drafts whose worker died (an expired lease) and start the worker threads."""
        if self._threads:
            return
        requeued = self.drafts.requeue_expired()
        if requeued:
            log.warning("requeued %d draft(s) whose worker stopped drafting", requeued)
        self._stop.clear()
        for i in range(self.workers):
            t = threading.Thread(target=self._loop, name=f"drafter-worker-{i}", daemon=True)
            t.start()
            self._threads.append(t)

    def stop(self, timeout: float = 30.0) -> None:
        """Stop taking jobs; a draft in progress finishes (up to ``timeout``) or is taken
        again once its lease expires."""
        self._stop.set()
        self._wake.set()
        for t in self._threads:
            t.join(timeout)
        self._threads = []

    @property
    def running(self) -> bool:
        return any(t.is_alive() for t in self._threads)

    def notify(self) -> None:
        """A draft was queued: wake an idle worker now rather than at its next poll."""
        self._wake.set()

    # -- work --------------------------------------------------------------------------------

    def _loop(self) -> None:
        me = worker_name()
        while not self._stop.is_set():
            try:
                job = self.drafts.claim_next(me, self.lease_s)
            except DrafterError as exc:  # database down: keep trying, slowly
                log.error("cannot claim a draft: %s", exc.message)
                job = None
            if job is None:
                self._wake.wait(self.poll_s)
                self._wake.clear()
                continue
            self.run(job)

    def run(self, job: Job) -> Draft | None:
        """Draft one claimed job and store the outcome; never raises for a pipeline error.
        None when the outcome was not stored (discarded, or the database is down)."""
        self.broker.reset(job.draft_id)
        with self._lease(job):
            try:
                with knowledge_errors():  # the pipeline searches the index
                    result = self._drafter().draft(
                        job.appeal,
                        facts=job.facts,
                        on_token=lambda piece: self.broker.token(job.draft_id, piece),
                    )
                draft = self.drafts.finish(job, result)
            except DrafterError as exc:
                log.warning("draft %s failed: %s", job.draft_id, exc.message)
                draft = self._fail(job, exc.message)
            except Exception as exc:  # a bug must fail one draft, not kill the worker
                log.exception("draft %s failed", job.draft_id)
                draft = self._fail(job, f"{type(exc).__name__}: {exc}")
        if draft is not None:
            self.broker.done(draft)
        else:  # not stored: followers keep polling the database, which still says drafting
            self.broker.forget(job.draft_id)
        if draft is not None and draft.status == "needs_facts":
            self._warm(job)
        return draft

    def _warm(self, job: Job) -> None:
        # the executor now finds out the facts; meanwhile the model reads the appeal, so the
        # reply starts sooner when they come (DraftingService.warm_for_facts). A draft is
        # already stored: a failure here costs only that head start.
        try:
            self._drafter().warm_for_facts(job.appeal)
        except Exception:
            log.warning(
                "could not read draft %s's appeal ahead of its facts", job.draft_id, exc_info=True
            )

    def _fail(self, job: Job, error: str) -> Draft | None:
        try:
            return self.drafts.fail(job, error)
        except DrafterError:  # left in 'drafting'; taken again when the lease expires
            log.exception("cannot store the failure of draft %s", job.draft_id)
            return None

    @contextmanager
    def _lease(self, job: Job):  # type: ignore[no-untyped-def]
        """Renew the job's lease while the body runs, from a thread of its own: a pipeline
        stuck in the model still holds its job; only a dead process lets it go."""
        done = threading.Event()

        def beat() -> None:
            while not done.wait(self.lease_s / 3):
                try:
                    if not self.drafts.heartbeat(job, self.lease_s):
                        log.warning(
                            "draft %s: the claim was lost; its result will be discarded",
                            job.draft_id,
                        )
                        return
                except DrafterError as exc:
                    log.error("draft %s: cannot renew the lease: %s", job.draft_id, exc.message)

        thread = threading.Thread(target=beat, name=f"lease-{job.draft_id[:8]}", daemon=True)
        thread.start()
        try:
            yield
        finally:
            done.set()
            thread.join()

    def run_now(self, draft_id: str) -> Draft | None:
        """Claim and draft ``draft_id`` in this thread (the CLI); None if already claimed."""
        job = self.drafts.claim(draft_id, worker_name(), self.lease_s)
        return None if job is None else self.run(job)

    def drain(self) -> int:
        """Draft every queued appeal in this thread; the number drafted."""
        n = 0
        while (job := self.drafts.claim_next(worker_name(), self.lease_s)) is not None:
            self.run(job)
            n += 1
        return n

    # -- following a draft (async, for the API) ----------------------------------------------

    async def follow(self, draft_id: str) -> AsyncGenerator[Event, None]:
        """Events of one draft: the tokens streamed so far and to come, then ``done``.

        A draft that is already final yields ``done`` at once. The database is re-read every
        ``poll_s`` while waiting, so a draft finished by another process is seen too.
        """
        loop = asyncio.get_running_loop()
        with self.broker.subscribe(draft_id, loop) as sub:
            draft = await asyncio.to_thread(self.drafts.get, draft_id)
            if draft is None:
                return
            if draft.status in FINAL_STATUSES:
                yield ("done", draft)
                return
            for piece in sub.backlog:
                yield ("token", piece)
            while True:
                try:
                    event = await asyncio.wait_for(sub.queue.get(), timeout=self.poll_s)
                except asyncio.TimeoutError:
                    draft = await asyncio.to_thread(self.drafts.get, draft_id)
                    if draft is None:
                        return
                    if draft.status in FINAL_STATUSES:
                        yield ("done", draft)
                        return
                    continue
                yield event
                if event[0] == "done":
                    return

    async def wait(self, draft_id: str, timeout: float) -> Draft | None:
        """The draft once final, or as it stands after ``timeout`` seconds."""

        async def until_done() -> Draft | None:
            async with aclosing(self.follow(draft_id)) as events:
                async for kind, payload in events:
                    if kind == "done":
                        final: Draft = payload  # a "done" event carries the final draft
                        return final
            return None

        try:
            return await asyncio.wait_for(until_done(), timeout)
        except asyncio.TimeoutError:
            return await asyncio.to_thread(self.drafts.get, draft_id)
