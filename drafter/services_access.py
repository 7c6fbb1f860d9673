"""Access: the tokens callers authenticate with, what a caller may see, how a caller is recorded.

A part of Services (drafter.services), as a mixin: it uses the store, the settings and the
deadline policy Services holds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.auth import Caller, Role, authenticate, can_see
from drafter.deadlines.policy import canonical_region
from drafter.domain import Actor, Draft
from drafter.errors import DrafterError, InvalidInput
from drafter.storage import TokenInfo

if TYPE_CHECKING:
    from drafter.deadlines import DeadlinePolicy
    from drafter.settings import Settings
    from drafter.storage import Store


class AccessServices:
    settings: Settings
    store: Store
    deadline_policy: DeadlinePolicy

    def authenticate(self, secret: str | None) -> Caller:
        return authenticate(self.store.tokens, secret)

    def create_token(
        self, role: Role, agency: str | None = None, region: str | None = None
    ) -> tuple[str, TokenInfo]:
        if agency is not None and role is not Role.executor:
            raise InvalidInput("only an executor token is bound to an agency")
        if region is not None:
            if role is Role.admin:
                raise InvalidInput("an admin token is not bound to a region")
            region = self._known_region(region)
        return self.store.tokens.create(role.value, agency, region)

    def _known_region(self, region: str) -> str:
        self.deadline_policy.for_region(region)  # InvalidInput for a region nobody knows
        return canonical_region(region)

    def ensure_admin_token(self) -> str | None:
        """A new admin token if none exists yet (first start), else None."""
        if self.store.tokens.exists(Role.admin.value):
            return None
        return self.create_token(Role.admin)[0]

    def startup_admin_token(self) -> str | None:
        """The admin token `drafter serve` shows at start.

        The first start creates it and keeps it in ``<data dir>/admin-token`` (mode 0600, like a
        Jupyter token), so every later start can show it again; the database keeps only its hash.
        None when admin tokens exist but that file is gone or revoked.
        """
        path = self.settings.data_dir / "admin-token"
        if path.exists():
            secret = path.read_text(encoding="utf-8").strip()
            try:
                if self.authenticate(secret).role is Role.admin:
                    return secret
            except DrafterError:
                pass
        secret = self.ensure_admin_token()
        if secret is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.touch(mode=0o600)
            path.write_text(secret + "\n", encoding="utf-8")
        return secret


def actor_of(caller: Caller) -> Actor:
    return Actor(role=caller.role.value, agency=caller.agency, token_id=caller.token_id)


def visible_to(caller: Caller, draft: Draft) -> bool:
    region = draft.appeal.region
    return can_see(caller, draft.appeal.agency, canonical_region(region) if region else None)
