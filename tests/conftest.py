"""Shared fixtures: isolated settings (tmp data dir, fake LLM and embedder), services, a client.

The database is SQLite under the tmp data dir, or, when ``DRAFTER_TEST_DATABASE_URL`` is set
(e.g. ``postgresql+psycopg://postgres@127.0.0.1:5432/test``), a fresh PostgreSQL schema per
test, dropped afterwards, so runs never see each other's rows.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from drafter.settings import EmbedderSettings, LLMSettings, Settings

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

    from drafter.services import Services


@contextmanager
def scratch_database() -> Iterator[str | None]:
    """A database URL of its own: a fresh PostgreSQL schema, dropped afterwards, when
    DRAFTER_TEST_DATABASE_URL is set; None (SQLite in the data dir) otherwise."""
    url = os.environ.get("DRAFTER_TEST_DATABASE_URL")
    if not url:
        yield None
        return
    from sqlalchemy import create_engine, make_url, text

    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    scoped = make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield scoped.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def database_url() -> Iterator[str | None]:
    with scratch_database() as url:
        yield url


@pytest.fixture
def settings(tmp_path: Path, database_url: str | None) -> Settings:
    return Settings(
        data_dir=tmp_path / "data",
        database_url=database_url,
        workers=1,
        llm=LLMSettings(backend="fake"),
        embedder=EmbedderSettings(backend="fake"),
    )


@pytest.fixture
def services(settings: Settings) -> Iterator[Services]:
    """The real composition on fake backends; override in a package to inject other fakes."""
    from drafter.services import build_services

    svc = build_services(settings)
    try:
        yield svc
    finally:
        svc.close()


@pytest.fixture
def client(settings: Settings, services: Services) -> Iterator[TestClient]:
    """A TestClient of the app, lifespan (workers) running."""
    from fastapi.testclient import TestClient

    from drafter.api import create_app

    with TestClient(create_app(settings, services)) as c:
        yield c


@pytest.fixture
def eval_command(monkeypatch) -> None:
    """``drafter eval`` as pyproject plugs it in (entry point ``drafter.commands``), whether or
    not this environment's installed metadata is older than pyproject.toml;
    tests/structure/test_package_graph.py checks the entry point itself."""
    from drafter import cli
    from evals.cli import EVAL

    monkeypatch.setattr(cli, "plugin_commands", lambda: {"eval": EVAL})
