"""Access: the tokens callers authenticate with, what a caller may see, how a caller is recorded.

A part of Services (drafter.services), as a mixin: it uses the store, the settings and the
deadline policy Services holds.
"""

from __future__ import annotations

import os
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.auth import Caller, Role, authenticate, can_see
from drafter.deadlines.policy import canonical_region
from drafter.domain import Actor, Draft
from drafter.errors import InvalidInput, NotFound
from drafter.storage import TokenInfo
from drafter.storage.tokens import looks_like_secret

if TYPE_CHECKING:
    from drafter.deadlines import DeadlinePolicy
    from drafter.settings import Settings
    from drafter.storage import Store


class AccessServices:
    settings: Settings
    store: Store

    if TYPE_CHECKING:  # read-only: Services builds it on first use

        @property
        def deadline_policy(self) -> DeadlinePolicy: ...

    def authenticate(self, secret: str | None) -> Caller:
        return authenticate(self.store.tokens, secret)

    def create_token(
        self,
        role: Role,
        agency: str | None = None,
        region: str | None = None,
        *,
        name: str | None = None,
        expires: str | datetime | None = None,
    ) -> tuple[str, TokenInfo]:
        """A new token: (the secret, shown once, and what it grants). ``expires``: a time, a
        date or a duration such as "30d" (drafter.services_access.parse_expiry)."""
        agency = (agency or "").strip() or None  # "" from a form or a JSON client: none
        region = (region or "").strip() or None
        if agency is not None and role is not Role.executor:
            raise InvalidInput("only an executor token is bound to an agency")
        if role is Role.executor and agency is None:
            # an unbound executor would see and edit every agency's drafts
            raise InvalidInput(
                "токену исполнителя нужно ведомство (agency; в CLI --agency «Название»): без него "
                "исполнитель видел бы обращения всех ведомств"
            )
        if region is not None:
            if role is Role.admin:
                raise InvalidInput("an admin token is not bound to a region")
            region = self._known_region(region)
        expires_at = parse_expiry(expires) if expires is not None else None
        name = (name or "").strip() or None
        return self.store.tokens.create(
            role.value, agency, region, name=name, expires_at=expires_at
        )

    def list_tokens(self) -> list[TokenInfo]:
        return self.store.tokens.list()

    def revoke_token(self, id_or_secret: str) -> TokenInfo:
        """Revoke a token named by its id or by the secret itself; its next request is 401."""
        tokens = self.store.tokens
        found = tokens.lookup(id_or_secret) if looks_like_secret(id_or_secret) else None
        found = found or tokens.get(id_or_secret)
        if found is None:
            raise NotFound(f"token {_shown(id_or_secret)} not found")
        revoked = tokens.revoke(found.id)
        assert revoked is not None
        return revoked

    def _known_region(self, region: str) -> str:
        self.deadline_policy.for_region(region)  # InvalidInput for a region nobody knows
        return canonical_region(region)

    def ensure_admin_token(self) -> str | None:
        """A new admin token if none exists yet (first start), else None."""
        if self.store.tokens.exists(Role.admin.value):
            return None
        return self.create_token(Role.admin)[0]

    def startup_admin_token(self) -> str | None:
        """The admin token `drafter serve` shows at its first start, else None.

        With no active admin token, one is created and kept in ``<data dir>/admin-token``
        (mode 0600, like a Jupyter token) for the operator; the database keeps only its hash.
        It is shown once: a later start finds an admin and shows nothing (the file stays).
        """
        secret = self.ensure_admin_token()
        if secret is not None:
            write_private(self.admin_token_path, secret + "\n")
        return secret

    @property
    def admin_token_path(self) -> Path:
        return self.settings.data_dir / "admin-token"


def parse_expiry(value: str | datetime, now: datetime | None = None) -> datetime:
    """When a token expires: an ISO time or date (a date: its start, UTC) or a duration from
    now: ``30d``, ``12h``, ``90m``, ``2w``. In the past or unreadable: InvalidInput."""
    now = now or datetime.now(timezone.utc)
    if isinstance(value, datetime):
        at = value
    else:
        text = value.strip()
        match = _DURATION.fullmatch(text)
        if match:
            amount, unit = int(match.group(1)), match.group(2).lower()
            try:
                at = now + timedelta(**{_UNITS[unit]: amount})
            except OverflowError:
                raise InvalidInput(f"срок действия {text!r} слишком далёк") from None
        else:
            try:
                at = datetime.fromisoformat(text)
            except ValueError:
                raise InvalidInput(
                    f"срок действия {text!r} не понят: нужна дата (2027-01-31), время ISO "
                    "или длительность (30d, 12h, 2w)"
                ) from None
    if at.tzinfo is None:
        at = at.replace(tzinfo=timezone.utc)
    if at <= now:
        raise InvalidInput(f"срок действия {at.isoformat()} уже прошёл")
    return at


_DURATION = re.compile(r"(\d{1,6})\s*([mhdw])", re.IGNORECASE)
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def write_private(path: Path, text: str) -> None:
    """Write a file only its owner can read (created 0600, and made so if it was not)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        os.fchmod(f.fileno(), 0o600)
        f.write(text)


def _shown(id_or_secret: str) -> str:
    # never echo a secret back into logs or a terminal
    return id_or_secret[:8] + "…" if looks_like_secret(id_or_secret) else repr(id_or_secret)


def actor_of(caller: Caller) -> Actor:
    return Actor(
        role=caller.role.value, agency=caller.agency, token_id=caller.token_id, name=caller.name
    )


def visible_to(caller: Caller, draft: Draft) -> bool:
    region = draft.appeal.region
    return can_see(caller, draft.appeal.agency, canonical_region(region) if region else None)
