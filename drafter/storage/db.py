"""Engine, sessions and schema migrations.

SQLite (a file under the data dir) is the default; any SQLAlchemy URL works, PostgreSQL via
``postgresql+psycopg://``. The schema is created and upgraded by Alembic, programmatically, so
``drafter serve`` and the CLI bring any database up to date before they use it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, make_url, text
from sqlalchemy.exc import DataError, InterfaceError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from drafter.errors import InvalidInput, StorageUnavailable

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        _private_sqlite_file(url)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _private_sqlite_file(url: str) -> None:
    """Create the database file 0600 before SQLite does (it would make it 0644 under the usual
    umask): it holds appeals, personal data. SQLite gives its -wal and -shm files the same mode.
    A file made by an older drafter is made private too."""
    path = make_url(url).database
    if not path or path == ":memory:" or path.startswith("file:"):
        return
    db = Path(path)
    if not db.parent.is_dir():
        return  # SQLite reports the missing directory itself
    os.close(os.open(db, os.O_RDWR | os.O_CREAT, 0o600))
    for f in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        if f.exists() and f.stat().st_mode & 0o077:
            f.chmod(0o600)


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    # WAL lets the API read while a worker writes; busy_timeout makes writers queue, not fail
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def session_scope(sessions: sessionmaker[Session]) -> Iterator[Session]:
    """A session whose connection failures surface as StorageUnavailable (503)."""
    try:
        with sessions() as session:
            yield session
    except (OperationalError, InterfaceError) as exc:
        raise StorageUnavailable(f"database error: {exc.orig or exc}") from exc
    except DataError as exc:
        # a value the database cannot hold (PostgreSQL: a NUL in text): the caller's input
        raise InvalidInput(f"the database refused a value: {exc.orig or exc}") from exc


def migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrade the database behind ``engine`` to ``revision`` (Alembic ``upgrade``)."""
    _alembic(engine, "upgrade", revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Downgrade the database behind ``engine`` to ``revision`` (Alembic ``downgrade``)."""
    _alembic(engine, "downgrade", revision)


def _alembic(engine: Engine, direction: str, revision: str) -> None:
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            getattr(command, direction)(cfg, revision)
    except SQLAlchemyError as exc:
        raise StorageUnavailable(f"cannot migrate the database: {exc}") from exc


def ping(engine: Engine) -> bool:
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return True
    except SQLAlchemyError:
        return False
