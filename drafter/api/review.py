"""/v1/drafts/{id}/…: the review workflow (submit, review, edit, redraft) and the history.

Every write answers with the draft and ``ETag: "<version>"``. Optimistic concurrency: send
``If-Match: "<version>"`` (a mismatch is 412 precondition_failed) or ``version`` in the body
(a mismatch is 409 conflict); nothing is overwritten then. A write with neither is accepted
on whatever version is current (last writer wins).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Response, status
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field, StrictInt

from drafter.api.deps import CallerDep, ServicesDep, expected_versions, with_etag
from drafter.api.problems import AUTHENTICATED, documented
from drafter.domain import MAX_FACTS_CHARS, Decision, Draft, HistoryEvent

router = APIRouter(prefix="/v1/drafts", tags=["review"])

CONCURRENCY = (
    'Answers with the draft and `ETag: "<version>"`. Send `If-Match: "<version>"` (a mismatch '
    "is 412 precondition_failed) or `version` in the body (a mismatch is 409 conflict) and "
    "nothing is overwritten; a write with neither is applied to the current version (last "
    "writer wins). 409 invalid_transition: not allowed in the draft's status; 403: never "
    "allowed for the caller's role; 404: no such draft, or not visible to the caller."
)

IfMatch = Annotated[
    str | None,
    Header(description='The ETag of the version you edited, e.g. "3"; a mismatch is 412'),
]
_VERSION = "The version you edited; a mismatch is 409 conflict"


class SubmitRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: StrictInt | None = Field(default=None, description=_VERSION)


class ReviewRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    decision: Decision
    reasons: list[str] = Field(
        default_factory=list, description="Codes of GET /v1/meta/reason-codes; ≥1 to return"
    )
    comment: str | None = Field(default=None, max_length=5000)
    # the length limits are checked in the services: the generic "text" messages are the appeal's
    text: str | None = Field(default=None, description="The final text (a new version)")
    version: StrictInt | None = Field(default=None, description=_VERSION)


class TextRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str
    version: StrictInt | None = Field(default=None, description=_VERSION)


class FactsRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    facts: str = Field(
        max_length=MAX_FACTS_CHARS,
        description="What was done, decided or planned; the reply is drafted again from it",
    )
    version: StrictInt | None = Field(default=None, description=_VERSION)


class History(BaseModel):
    items: list[HistoryEvent]


@router.post(
    "/{draft_id}/submit",
    response_model=Draft,
    description=CONCURRENCY,
    responses=documented(*AUTHENTICATED, 400, 403, 404, 409, 412, 413),
)
async def submit(
    draft_id: str,
    services: ServicesDep,
    caller: CallerDep,
    response: Response,
    body: SubmitRequest | None = None,
    if_match: IfMatch = None,
) -> Draft:
    expected = expected_versions(if_match, body.version if body else None)
    draft = await run_in_threadpool(services.submit_for_review, draft_id, caller, expected)
    return with_etag(response, draft)


@router.post(
    "/{draft_id}/review",
    response_model=Draft,
    description=CONCURRENCY,
    responses=documented(*AUTHENTICATED, 400, 403, 404, 409, 412, 413),
)
async def review(
    draft_id: str,
    body: ReviewRequest,
    services: ServicesDep,
    caller: CallerDep,
    response: Response,
    if_match: IfMatch = None,
) -> Draft:
    expected = expected_versions(if_match, body.version)
    draft = await run_in_threadpool(
        lambda: services.review(
            draft_id,
            caller,
            body.decision,
            reasons=body.reasons,
            comment=body.comment,
            text=body.text,
            expected=expected,
        )
    )
    return with_etag(response, draft)


@router.put(
    "/{draft_id}/text",
    response_model=Draft,
    description=CONCURRENCY,
    responses=documented(*AUTHENTICATED, 400, 403, 404, 409, 412, 413),
)
async def edit_text(
    draft_id: str,
    body: TextRequest,
    services: ServicesDep,
    caller: CallerDep,
    response: Response,
    if_match: IfMatch = None,
) -> Draft:
    expected = expected_versions(if_match, body.version)
    draft = await run_in_threadpool(services.edit_text, draft_id, caller, body.text, expected)
    return with_etag(response, draft)


@router.post(
    "/{draft_id}/redraft",
    response_model=Draft,
    status_code=status.HTTP_202_ACCEPTED,
    description=CONCURRENCY,
    responses=documented(*AUTHENTICATED, 400, 403, 404, 409, 412, 413),
)
async def redraft(
    draft_id: str,
    services: ServicesDep,
    caller: CallerDep,
    response: Response,
    body: SubmitRequest | None = None,
    if_match: IfMatch = None,
) -> Draft:
    expected = expected_versions(if_match, body.version if body else None)
    draft = await run_in_threadpool(services.redraft, draft_id, caller, expected)
    response.headers["Location"] = f"/v1/drafts/{draft.id}"
    return with_etag(response, draft)


@router.put(
    "/{draft_id}/facts",
    response_model=Draft,
    status_code=status.HTTP_202_ACCEPTED,
    description="Store the executor's facts (a new version, audited) and draft the reply "
    "again from them. " + CONCURRENCY,
    responses=documented(*AUTHENTICATED, 400, 403, 404, 409, 412, 413),
)
async def set_facts(
    draft_id: str,
    body: FactsRequest,
    services: ServicesDep,
    caller: CallerDep,
    response: Response,
    if_match: IfMatch = None,
) -> Draft:
    expected = expected_versions(if_match, body.version)
    draft = await run_in_threadpool(services.set_facts, draft_id, caller, body.facts, expected)
    response.headers["Location"] = f"/v1/drafts/{draft.id}"
    return with_etag(response, draft)


@router.get(
    "/{draft_id}/history",
    response_model=History,
    response_model_exclude_none=True,
    responses=documented(*AUTHENTICATED, 404),
)
async def history(draft_id: str, services: ServicesDep, caller: CallerDep) -> History:
    items = await run_in_threadpool(services.history, draft_id, caller)
    return History(items=items)
