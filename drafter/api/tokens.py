"""/v1/tokens: API tokens, for admins only (create, list, revoke).

The secret is in the answer to POST only; the list shows what each token grants, never it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from fastapi import APIRouter, status
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field

from drafter.api.deps import AdminDep, ServicesDep
from drafter.api.problems import AUTHENTICATED, documented
from drafter.auth import Role
from drafter.storage import TokenInfo

router = APIRouter(prefix="/v1/tokens", tags=["tokens"])


class TokenRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Literal["admin", "reviewer", "executor"]
    agency: str | None = Field(
        default=None, max_length=300, description="required for an executor: its only agency"
    )
    region: str | None = Field(
        default=None, max_length=100, description="a reviewer sees only this region (RU-OMS)"
    )
    name: str | None = Field(
        default=None, max_length=200, description="who holds it; shown in drafts' history"
    )
    expires: str | None = Field(
        default=None,
        max_length=40,
        description="a date (2027-01-31), an ISO time or a duration from now: 30d, 12h, 2w",
    )


class Token(BaseModel):
    id: str
    role: str
    agency: str | None
    region: str | None
    name: str | None
    created_at: datetime | None
    expires_at: datetime | None
    revoked_at: datetime | None
    active: bool

    @classmethod
    def of(cls, info: TokenInfo) -> Token:
        return cls(
            id=info.id,
            role=info.role,
            agency=info.agency,
            region=info.region,
            name=info.name,
            created_at=info.created_at,
            expires_at=info.expires_at,
            revoked_at=info.revoked_at,
            active=info.active(),
        )


class NewToken(Token):
    token: str = Field(description="the secret: shown here once, stored only as a hash")


@router.get("", response_model=list[Token], responses=documented(*AUTHENTICATED, 403))
async def list_tokens(services: ServicesDep, _: AdminDep) -> list[Token]:
    """Every token, revoked and expired ones too, the oldest first."""
    return [Token.of(t) for t in await run_in_threadpool(services.list_tokens)]


@router.post(
    "",
    response_model=NewToken,
    status_code=status.HTTP_201_CREATED,
    responses=documented(*AUTHENTICATED, 400, 403, 413),
)
async def create_token(body: TokenRequest, services: ServicesDep, _: AdminDep) -> NewToken:
    secret, info = await run_in_threadpool(
        lambda: services.create_token(
            Role(body.role), body.agency, body.region, name=body.name, expires=body.expires
        )
    )
    return NewToken(**Token.of(info).model_dump(), token=secret)


@router.delete("/{token_id}", response_model=Token, responses=documented(*AUTHENTICATED, 403, 404))
async def revoke_token(token_id: str, services: ServicesDep, _: AdminDep) -> Token:
    """Revoke a token by its id: its next request is 401. The record stays (history names it)."""
    return Token.of(await run_in_threadpool(services.revoke_token, token_id))
