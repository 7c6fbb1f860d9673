"""API tokens: the secret is shown once, only its sha256 is stored.

A token is never deleted: revoking it stamps ``revoked_at``, so the drafts' history can still
name whoever held it.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from drafter.storage.db import session_scope
from drafter.storage.models import TokenRow, utcnow

TOKEN_PREFIX = "drf_"  # recognisable in logs and secret scanners


@dataclass(frozen=True)
class TokenInfo:
    id: str
    role: str
    agency: str | None
    region: str | None = None
    name: str | None = None
    created_at: datetime | None = None
    expires_at: datetime | None = None
    revoked_at: datetime | None = None

    def expired(self, now: datetime | None = None) -> bool:
        return self.expires_at is not None and self.expires_at <= (now or utcnow())

    def active(self, now: datetime | None = None) -> bool:
        return self.revoked_at is None and not self.expired(now)


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def looks_like_secret(value: str) -> bool:
    return value.startswith(TOKEN_PREFIX)


class TokenStore:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def create(
        self,
        role: str,
        agency: str | None = None,
        region: str | None = None,
        *,
        name: str | None = None,
        expires_at: datetime | None = None,
    ) -> tuple[str, TokenInfo]:
        """A new token: (the secret to hand out, what it grants)."""
        secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
        row = TokenRow(
            id=uuid.uuid4().hex,
            token_hash=hash_token(secret),
            role=role,
            agency=agency,
            region=region,
            created_at=utcnow(),
            name=name,
            expires_at=_utc(expires_at),
        )
        with session_scope(self._sessions) as s:
            s.add(row)
            s.commit()
            return secret, _info(row)

    def lookup(self, secret: str) -> TokenInfo | None:
        """The token with this secret, active or not."""
        with session_scope(self._sessions) as s:
            row = s.scalar(select(TokenRow).where(TokenRow.token_hash == hash_token(secret)))
            return _info(row) if row else None

    def get(self, token_id: str) -> TokenInfo | None:
        with session_scope(self._sessions) as s:
            row = s.get(TokenRow, token_id)
            return _info(row) if row else None

    def list(self) -> list[TokenInfo]:
        """Every token, revoked and expired ones too, the oldest first."""
        with session_scope(self._sessions) as s:
            rows = s.scalars(select(TokenRow).order_by(TokenRow.created_at, TokenRow.id))
            return [_info(r) for r in rows]

    def names(self, token_ids: Iterable[str]) -> dict[str, str]:
        """token id → name, for the tokens among these that have one."""
        ids = sorted(set(token_ids))
        if not ids:
            return {}
        with session_scope(self._sessions) as s:
            rows = s.execute(select(TokenRow.id, TokenRow.name).where(TokenRow.id.in_(ids)))
            return {r.id: r.name for r in rows if r.name}

    def revoke(self, token_id: str) -> TokenInfo | None:
        """Stamp the token revoked (once: a second revocation keeps the first time)."""
        with session_scope(self._sessions) as s:
            s.execute(
                update(TokenRow)
                .where(TokenRow.id == token_id, TokenRow.revoked_at.is_(None))
                .values(revoked_at=utcnow())
            )
            s.commit()
            row = s.get(TokenRow, token_id)
            return _info(row) if row else None

    def exists(self, role: str) -> bool:
        """Whether an active (unrevoked, unexpired) token of this role exists."""
        now = utcnow()
        query = (
            select(TokenRow.id)
            .where(TokenRow.role == role, TokenRow.revoked_at.is_(None))
            .where(or_(TokenRow.expires_at.is_(None), TokenRow.expires_at > now))
            .limit(1)
        )
        with session_scope(self._sessions) as s:
            return s.scalar(query) is not None


def _info(row: TokenRow) -> TokenInfo:
    return TokenInfo(
        id=row.id,
        role=row.role,
        agency=row.agency,
        region=row.region,
        name=row.name,
        created_at=_utc(row.created_at),
        expires_at=_utc(row.expires_at),
        revoked_at=_utc(row.revoked_at),
    )


def _utc(value: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes; every time is stored in UTC
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)
