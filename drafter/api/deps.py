"""Typed dependencies: the services of this app and the authenticated caller."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from drafter.auth import Caller, Role, require
from drafter.services import Services

# auto_error=False: a missing or malformed header becomes our 401 problem, not FastAPI's 403
_bearer = HTTPBearer(auto_error=False, description="A token from `drafter token create`")


def get_services(request: Request) -> Services:
    return request.app.state.services


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
