"""Typed dependencies: the services of this app, the authenticated caller; ETag helpers."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from drafter.auth import Caller, Role, require
from drafter.domain import Draft
from drafter.errors import PreconditionFailed
from drafter.review import Expected
from drafter.services import Services

# auto_error=False: a missing or malformed header becomes our 401 problem, not FastAPI's 403
_bearer = HTTPBearer(auto_error=False, description="A token from `drafter token create`")


def get_services(request: Request) -> Services:
    services: Services = request.app.state.services  # set by the app factory
    return services


ServicesDep = Annotated[Services, Depends(get_services)]


def get_caller(
    services: ServicesDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Caller:
    return services.authenticate(credentials.credentials if credentials else None)


CallerDep = Annotated[Caller, Depends(get_caller)]


def get_admin(caller: CallerDep) -> Caller:
    return require(caller, Role.admin)


AdminDep = Annotated[Caller, Depends(get_admin)]


def expected_versions(if_match: str | None, version: int | None) -> list[Expected]:
    """The versions a write must find: If-Match (mismatch → 412) and the body's (→ 409).

    Neither given: the write is accepted whatever the version (last writer wins)."""
    expected: list[Expected] = []
    if if_match is not None and if_match.strip() != "*":
        expected.append(Expected(_etag_version(if_match), precondition=True))
    if version is not None:
        expected.append(Expected(version))
    return expected


def _etag_version(if_match: str) -> int:
    first = if_match.split(",")[0].strip().removeprefix("W/").strip('"')
    try:
        return int(first)
    except ValueError:
        raise PreconditionFailed(
            f'If-Match {if_match!r} is not an ETag of this API (expected "<version>")'
        ) from None


def etag(draft: Draft) -> str:
    return f'"{draft.version}"'


def with_etag(response: Response, draft: Draft) -> Draft:
    response.headers["ETag"] = etag(draft)
    return draft
