"""/v1/me and /v1/meta/…: who the caller is, and the vocabularies the UI shows."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from drafter.api.deps import CallerDep
from drafter.api.problems import AUTHENTICATED, documented
from drafter.review import REASON_CODES

router = APIRouter(prefix="/v1", tags=["meta"])


class Me(BaseModel):
    role: str
    agency: str | None
    region: str | None


class ReasonCode(BaseModel):
    code: str
    title: str
    description: str


@router.get("/me", response_model=Me, responses=documented(*AUTHENTICATED))
async def me(caller: CallerDep) -> Me:
    return Me(role=caller.role.value, agency=caller.agency, region=caller.region)


@router.get(
    "/meta/reason-codes", response_model=list[ReasonCode], responses=documented(*AUTHENTICATED)
)
async def reason_codes(_: CallerDep) -> list[ReasonCode]:
    """The quality standard's codes and the two only a reviewer judges (WRONG_AGENCY,
    NO_EVIDENCE); a draft is returned with one or more of them."""
    return [ReasonCode(code=c, title=t, description=d) for c, (t, d) in REASON_CODES.items()]
