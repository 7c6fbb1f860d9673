"""Alembic environment for drafter.

Programmatic use (``drafter.storage.db.migrate``) passes an open connection in
``config.attributes["connection"]``; the ``alembic`` command line (alembic.ini at the repo root)
builds one from ``DRAFTER_DATABASE_URL`` / the data dir, like the service does.
"""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context
from sqlalchemy import Connection

from drafter.storage.models import Base, managed_by_models

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # ALTER TABLE on SQLite
        include_name=managed_by_models,  # autogenerate must not drop the search index
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    if config.config_file_name is not None:
        fileConfig(config.config_file_name, disable_existing_loggers=False)
    from drafter.settings import Settings
    from drafter.storage.db import make_engine

    settings = Settings()
    settings.ensure_dirs()
    engine = make_engine(config.get_main_option("sqlalchemy.url") or settings.db_url)
    with engine.connect() as conn:
        _run(conn)
        conn.commit()


if context.is_offline_mode():
    raise SystemExit("drafter migrations run online only (alembic upgrade head)")
run_online()
