"""/v1/drafts: submit an appeal, read drafts, follow one as it is written (SSE)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import aclosing
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Response, status
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictBool
from sse_starlette import EventSourceResponse, ServerSentEvent

from drafter.api.deps import CallerDep, ServicesDep, with_etag
from drafter.api.problems import AUTHENTICATED, documented
from drafter.domain import MAX_FACTS_CHARS, Appeal, Channel, Draft, DraftStatus, DraftTrace
from drafter.limits import MAX_OFFSET, as_utc
from drafter.storage import FINAL_STATUSES

router = APIRouter(prefix="/v1/drafts", tags=["drafts"])


def _iso_only(value: object) -> object:
    # pydantic reads "0.5" as a Unix time; a query parameter documented as ISO must be one
    if isinstance(value, str):
        try:
            float(value)
        except ValueError:
            return value
        raise ValueError("expected an ISO 8601 time, e.g. 2026-12-31T18:00:00+03:00")
    return value


IsoDateTime = Annotated[datetime, BeforeValidator(_iso_only)]


class DraftRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    appeal: Appeal
    facts: str | None = Field(
        default=None,
        max_length=MAX_FACTS_CHARS,
        description=(
            "What the executor knows: what was done, decided or planned, by whom and when — "
            "terse notes or the agency's formal answer. With facts the reply is final and "
            "written from them; without, a problem report gets an interim reply and a "
            "checklist (status needs_facts)."
        ),
    )
    wait: StrictBool = Field(
        default=False,
        description="true: answer 201 with the finished draft; false: 202 at once, poll or stream",
    )


class DraftPage(BaseModel):
    items: list[Draft]
    total: int
    limit: int
    offset: int


@router.post(
    "",
    response_model=Draft,
    status_code=status.HTTP_202_ACCEPTED,
    responses={
        200: {"model": Draft, "description": "This agency sent this external_id before: its draft"},
        201: {"model": Draft, "description": "Drafted (wait: true)"},
        **documented(*AUTHENTICATED, 400, 409, 413, 429),
    },
)
async def create_draft(
    body: DraftRequest, services: ServicesDep, caller: CallerDep, response: Response
) -> Draft:
    """Queue an appeal for drafting. 429 rate_limited: too many new drafts from this token
    (Retry-After); 503 queue_full: the queue is at its bound. An ``external_id`` the agency
    sent before stores nothing and answers 200 with the draft made for it."""
    submitted = await run_in_threadpool(services.submit, body.appeal, caller, body.facts)
    draft = submitted.draft
    response.headers["Location"] = f"/v1/drafts/{draft.id}"
    if not submitted.created:
        response.status_code = status.HTTP_200_OK
        return with_etag(response, draft)
    if body.wait:
        if services.jobs.running:
            draft = await services.wait(draft.id)
        else:  # no workers in this process (workers=0): draft in the thread pool
            drafted = await run_in_threadpool(services.jobs.run_now, draft.id)
            draft = drafted or draft  # None: a worker elsewhere claimed it first
        if draft.status in FINAL_STATUSES:
            response.status_code = status.HTTP_201_CREATED
    return with_etag(response, draft)


@router.get("", response_model=DraftPage, responses=documented(*AUTHENTICATED))
async def list_drafts(
    services: ServicesDep,
    caller: CallerDep,
    status: DraftStatus | None = None,
    agency: str | None = None,
    channel: Channel | None = None,
    due_before: Annotated[
        IsoDateTime | None, Query(description="Only drafts due before this ISO time")
    ] = None,
    overdue: Annotated[
        bool | None, Query(description="true: past the deadline and not approved/rejected")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> DraftPage:
    """The drafts the caller may see, the earliest deadline first."""
    if due_before is not None:
        due_before = as_utc(due_before, "due_before")  # a naive time is read as UTC
    items, total = await run_in_threadpool(
        lambda: services.list_drafts(
            caller,
            status=status,
            agency=agency,
            channel=channel.value if channel else None,
            due_before=due_before,
            overdue=overdue,
            limit=limit,
            offset=offset,
        )
    )
    return DraftPage(items=items, total=total, limit=limit, offset=offset)


@router.get("/{draft_id}", response_model=Draft, responses=documented(*AUTHENTICATED, 404))
async def get_draft(
    draft_id: str, services: ServicesDep, caller: CallerDep, response: Response
) -> Draft:
    draft = await run_in_threadpool(services.get_draft, draft_id, caller)
    return with_etag(response, draft)


@router.get(
    "/{draft_id}/trace", response_model=DraftTrace, responses=documented(*AUTHENTICATED, 403, 404)
)
async def draft_trace(draft_id: str, services: ServicesDep, caller: CallerDep) -> DraftTrace:
    """Admins only: every drafting run of the draft, the oldest first — per attempt the prompt,
    the model's raw text, what post-processing removed and why, and the checker's verdict."""
    return await run_in_threadpool(services.draft_trace, draft_id, caller)


@router.get(
    "/{draft_id}/stream",
    response_class=EventSourceResponse,
    responses={
        200: {
            "content": {"text/event-stream": {}},
            "description": (
                'Server-sent events: `token` (data: {"text": piece}) while drafting, then `done` '
                "(data: the Draft). A finished draft sends `done` at once."
            ),
        },
        **documented(*AUTHENTICATED, 404),
    },
)
async def stream_draft(
    draft_id: str, services: ServicesDep, caller: CallerDep
) -> EventSourceResponse:
    await run_in_threadpool(services.get_draft, draft_id, caller)  # 404 before the stream opens

    async def events() -> AsyncIterator[ServerSentEvent]:
        async with aclosing(services.jobs.follow(draft_id)) as follow:
            async for kind, payload in follow:
                if kind == "token":
                    data = json.dumps({"text": payload}, ensure_ascii=False)
                else:
                    data = payload.model_dump_json()
                yield ServerSentEvent(data=data, event=kind)

    return EventSourceResponse(events(), ping=15)
