"""Who is calling, and what they may do.

Roles: ``admin`` (everything, including the knowledge base), ``reviewer`` (drafts of every
agency; with a region, only that region's), ``executor`` (drafts; with an agency, only that
agency's). Nothing here knows HTTP:
the API turns a bearer token into a ``Caller`` and the services ask these functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from drafter.domain import Appeal
from drafter.errors import Forbidden, InvalidInput, NotAuthenticated
from drafter.storage import TokenStore


class Role(str, Enum):
    admin = "admin"
    reviewer = "reviewer"
    executor = "executor"


@dataclass(frozen=True)
class Caller:
    role: Role
    agency: str | None = None  # an executor bound to one agency sees only its drafts
    token_id: str | None = None
    region: str | None = None  # canonical region code; a reviewer bound to it sees only it
    name: str | None = None  # the token's holder, shown in drafts' history

    @property
    def scoped_agency(self) -> str | None:
        """The agency this caller is confined to, or None for all agencies."""
        return self.agency if self.role is Role.executor else None

    @property
    def scoped_region(self) -> str | None:
        """The region this caller's view is confined to, or None for all regions."""
        return self.region if self.role is Role.reviewer else None


SYSTEM = Caller(Role.admin)  # the CLI, acting on the operator's behalf


def parse_role(value: str) -> Role:
    try:
        return Role(value)
    except ValueError:
        choices = ", ".join(r.value for r in Role)
        raise InvalidInput(f"unknown role {value!r} (one of: {choices})") from None


def authenticate(tokens: TokenStore, secret: str | None) -> Caller:
    if not secret:
        raise NotAuthenticated("missing bearer token (Authorization: Bearer <token>)")
    info = tokens.lookup(secret)
    if info is None:
        raise NotAuthenticated("unknown token")
    if info.revoked_at is not None:
        raise NotAuthenticated("the token was revoked")
    if info.expired():
        raise NotAuthenticated("the token has expired")
    return Caller(
        role=Role(info.role),
        agency=info.agency,
        token_id=info.id,
        region=info.region,
        name=info.name,
    )


def require(caller: Caller, *roles: Role) -> Caller:
    if caller.role not in roles:
        allowed = ", ".join(r.value for r in roles)
        raise Forbidden(f"this needs the role {allowed}; the token is {caller.role.value}")
    return caller


def scope_appeal(caller: Caller, appeal: Appeal) -> Appeal:
    """An agency-bound executor drafts only for its agency: force it onto the appeal (and its
    region, when the token has one and the appeal names none)."""
    update: dict[str, str] = {}
    agency = caller.scoped_agency
    if agency is not None and appeal.agency != agency:
        update["agency"] = agency
    if caller.role is Role.executor and caller.region and not appeal.region:
        update["region"] = caller.region
    return appeal.model_copy(update=update) if update else appeal


def can_see(caller: Caller, draft_agency: str | None, draft_region: str | None = None) -> bool:
    """Whether the caller may see a draft; ``draft_region`` is the canonical region code."""
    agency, region = caller.scoped_agency, caller.scoped_region
    return (agency is None or draft_agency == agency) and (region is None or draft_region == region)
