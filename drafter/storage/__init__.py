"""The Store seam: drafts (and their job queue) and API tokens in one SQL database."""

from __future__ import annotations

from sqlalchemy import Engine

from drafter.storage.db import make_engine, make_session_factory, migrate, ping
from drafter.storage.drafts import (
    CLOSED_STATUSES,
    FINAL_STATUSES,
    SYSTEM_ACTOR,
    Change,
    DraftFilter,
    DraftStore,
    Job,
)
from drafter.storage.history import HistoryFilter, HistoryStore
from drafter.storage.tokens import TokenInfo, TokenStore, hash_token


class Store:
    """Everything drafter keeps in its database, reached through one engine."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        sessions = make_session_factory(engine)
        self.drafts = DraftStore(sessions)
        self.tokens = TokenStore(sessions)
        self.history = HistoryStore(sessions)

    @classmethod
    def open(cls, url: str, *, upgrade: bool = True) -> Store:
        """Connect to ``url`` and (by default) migrate its schema to the latest revision."""
        store = cls(make_engine(url))
        if upgrade:
            store.migrate()
        return store

    def migrate(self) -> None:
        migrate(self.engine)

    def ping(self) -> bool:
        return ping(self.engine)

    def close(self) -> None:
        self.engine.dispose()


__all__ = [
    "CLOSED_STATUSES",
    "FINAL_STATUSES",
    "SYSTEM_ACTOR",
    "Change",
    "DraftFilter",
    "DraftStore",
    "HistoryFilter",
    "HistoryStore",
    "Job",
    "Store",
    "TokenInfo",
    "TokenStore",
    "hash_token",
    "make_engine",
    "migrate",
]
