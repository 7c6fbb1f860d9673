"""The workspace: /v1/analytics (agency rating, pain points), /v1/search, /v1/appeals/{id},
/v1/check (the coach), and /v1/drafts/{id}/sent | timeline. Every figure is confined to the
caller's scope: an executor sees only their agency, a reviewer bound to a region only it."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from drafter.analytics.types import (
    AgencyReport,
    AppealRecord,
    PainPoints,
    SearchResults,
    Timeline,
)
from drafter.api.deps import CallerDep, ServicesDep, expected_versions, with_etag
from drafter.api.problems import AUTHENTICATED, documented
from drafter.api.review import CONCURRENCY, IfMatch, SubmitRequest
from drafter.domain import Appeal, Draft
from drafter.quality.explain import CoachQuality

router = APIRouter(tags=["workspace"])


def _iso_date_only(value: object) -> object:
    """A day as YYYY-MM-DD only: pydantic would also read a number as days since 1970."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise ValueError("a date as YYYY-MM-DD")
    if not isinstance(value, (str, date)):
        raise ValueError("a date as YYYY-MM-DD")  # noqa: TRY004 - pydantic reports ValueError
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_date_only)]
From = Annotated[
    IsoDate | None,
    Query(alias="from", description="First day; moved to its week's Monday (whole weeks)"),
]
To = Annotated[
    IsoDate | None, Query(alias="to", description="Last day; its whole week is included")
]
Region = Annotated[str | None, Query(description="Region code or name, e.g. RU-SPE")]


@router.get(
    "/v1/analytics/agencies",
    response_model=AgencyReport,
    response_model_by_alias=True,
    responses=documented(*AUTHENTICATED),
    description="Per agency and week (an appeal counts in the week of its first message): "
    "appeals, median and p90 working hours to the first and the final reply, the share of first "
    "replies within the channel deadline, quality of the replies sent, returns by reason, "
    "pushback; the rank by `formula` and its change against the week before. Without from/to: "
    "the last 8 weeks with data.",
)
async def agencies(
    services: ServicesDep,
    caller: CallerDep,
    date_from: From = None,
    date_to: To = None,
    region: Region = None,
) -> AgencyReport:
    return await run_in_threadpool(services.agency_report, caller, date_from, date_to, region)


@router.get(
    "/v1/analytics/agencies.csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}, **documented(*AUTHENTICATED)},
    description="The same items as CSV (UTF-8 with BOM, for Excel).",
)
async def agencies_csv(
    services: ServicesDep,
    caller: CallerDep,
    date_from: From = None,
    date_to: To = None,
    region: Region = None,
) -> Response:
    from drafter.analytics.report import rating_csv

    report = await run_in_threadpool(services.agency_report, caller, date_from, date_to, region)
    return _csv_response(rating_csv(report), "agencies.csv")


@router.get(
    "/v1/analytics/pain-points.csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}, **documented(*AUTHENTICATED)},
    description="One part of the pain points as CSV: `part` = items, rising or repeats.",
)
async def pain_points_csv(
    services: ServicesDep,
    caller: CallerDep,
    date_from: From = None,
    date_to: To = None,
    region: Region = None,
    part: Annotated[Literal["items", "rising", "repeats"], Query()] = "items",
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> Response:
    from drafter.analytics.report import pain_points_csv as to_csv

    pain = await run_in_threadpool(
        lambda: services.pain_points(caller, date_from, date_to, region, limit)
    )
    return _csv_response(to_csv(pain, part), f"pain-points-{part}.csv")


def _csv_response(text: str, filename: str) -> Response:
    return Response(
        "\ufeff" + text,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get(
    "/v1/analytics/pain-points",
    response_model=PainPoints,
    responses=documented(*AUTHENTICATED),
    description="Topic × place × week counts (the largest `limit`), topics rising against their "
    "own previous weeks (the test is in `test`), and addresses where the same problem returns "
    "(≥ 3 appeals on one address and topic in 30 days); each with example appeals "
    "(`GET /v1/appeals/{id}`).",
)
async def pain_points(
    services: ServicesDep,
    caller: CallerDep,
    date_from: From = None,
    date_to: To = None,
    region: Region = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> PainPoints:
    return await run_in_threadpool(
        lambda: services.pain_points(caller, date_from, date_to, region, limit)
    )


@router.get(
    "/v1/search",
    response_model=SearchResults,
    responses=documented(*AUTHENTICATED),
    description="Drafts and past appeals whose text, address, author or external id hold every "
    "word of `q` (Russian stemming; a word's beginning matches too), best first.",
)
async def search(
    services: ServicesDep,
    caller: CallerDep,
    q: Annotated[str, Query(min_length=1, max_length=500)],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> SearchResults:
    return await run_in_threadpool(lambda: services.search(caller, q, limit=limit, offset=offset))


@router.get(
    "/v1/appeals/{record_id}",
    response_model=AppealRecord,
    responses=documented(*AUTHENTICATED, 404),
)
async def appeal_record(record_id: str, services: ServicesDep, caller: CallerDep) -> AppealRecord:
    return await run_in_threadpool(services.appeal_record, caller, record_id)


class CheckRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    appeal: Appeal
    reply: str = Field(description="The reply to check (a person's own text)")


@router.post(
    "/v1/check",
    response_model=CoachQuality,
    responses=documented(*AUTHENTICATED, 400, 413),
    description="The coach: a reply to an appeal against the ЦУР standard — the same `quality` "
    "object a draft has, each violation with the standard's `explanation`. Nothing is stored.",
)
async def check(body: CheckRequest, services: ServicesDep, caller: CallerDep) -> CoachQuality:
    return await run_in_threadpool(services.check_reply, body.appeal, body.reply)


@router.post(
    "/v1/drafts/{draft_id}/sent",
    response_model=Draft,
    responses=documented(*AUTHENTICATED, 400, 403, 404, 409, 412, 413),
    description="The approved reply was sent to the citizen (the executor of its agency or a "
    "reviewer; once; audited as a `sent` history entry). " + CONCURRENCY,
)
async def mark_sent(
    draft_id: str,
    services: ServicesDep,
    caller: CallerDep,
    response: Response,
    body: SubmitRequest | None = None,
    if_match: IfMatch = None,
) -> Draft:
    expected = expected_versions(if_match, body.version if body else None)
    draft = await run_in_threadpool(services.mark_sent, draft_id, caller, expected)
    return with_etag(response, draft)


@router.get(
    "/v1/drafts/{draft_id}/timeline",
    response_model=Timeline,
    responses=documented(*AUTHENTICATED, 404),
    description="When the appeal was received, drafted, approved and sent; working hours to "
    "the reply; the channel deadline.",
)
async def timeline(draft_id: str, services: ServicesDep, caller: CallerDep) -> Timeline:
    return await run_in_threadpool(services.timeline, draft_id, caller)
