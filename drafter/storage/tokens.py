"""API tokens: the secret is shown once, only its sha256 is stored."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass

from sqlalchemy import select
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


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


class TokenStore:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def create(
        self, role: str, agency: str | None = None, region: str | None = None
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
        )
        with session_scope(self._sessions) as s:
            s.add(row)
            s.commit()
        return secret, TokenInfo(row.id, row.role, row.agency, row.region)

    def lookup(self, secret: str) -> TokenInfo | None:
        with session_scope(self._sessions) as s:
            row = s.scalar(select(TokenRow).where(TokenRow.token_hash == hash_token(secret)))
            return TokenInfo(row.id, row.role, row.agency, row.region) if row else None

    def exists(self, role: str) -> bool:
        with session_scope(self._sessions) as s:
            return s.scalar(select(TokenRow.id).where(TokenRow.role == role).limit(1)) is not None
