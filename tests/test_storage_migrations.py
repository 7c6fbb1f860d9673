"""Alembic: an empty database goes to head, down to 0001 and up again; 0002 fills the new
columns of drafts written before it. SQLite, or PostgreSQL with DRAFTER_TEST_DATABASE_URL."""

from __future__ import annotations

import json
from datetime import datetime, timezone

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from drafter.deadlines import deadline_for
from drafter.storage import Store, make_engine
from drafter.storage.db import downgrade, migrate
from drafter.storage.models import Base, managed_by_models

CREATED = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)


def _head() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from drafter.storage.db import MIGRATIONS_DIR

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(cfg).get_current_head()


def _schema_diff(engine) -> list:
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"include_name": managed_by_models})
        return compare_metadata(ctx, Base.metadata)


def _revision(engine) -> str:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _head() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from drafter.storage.db import MIGRATIONS_DIR

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(cfg).get_current_head()


def _columns(engine, table: str) -> set[str]:
    with engine.connect() as conn:
        return {c["name"] for c in inspect(conn).get_columns(table)}


def _tables(engine) -> set[str]:
    with engine.connect() as conn:
        return set(inspect(conn).get_table_names())


def _insert_old_draft(engine, draft_id: str, appeal: dict, channel: str) -> None:
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO drafts (id, status, agency, channel, appeal, citations, timings,"
                " extra, attempts, created_at, updated_at) VALUES (:id, 'ready', NULL, :channel,"
                " :appeal, '[]', '{}', '{}', 1, :created, :created)"
            ),
            {"id": draft_id, "channel": channel, "appeal": json.dumps(appeal), "created": CREATED},
        )


def _head() -> str:
    """The newest revision the migrations define."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from drafter.storage.db import MIGRATIONS_DIR

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    heads = ScriptDirectory.from_config(cfg).get_heads()
    assert len(heads) == 1, f"the migrations have several heads: {heads}"
    return heads[0]


def test_upgrade_downgrade_upgrade_on_an_empty_database(settings):
    settings.ensure_dirs()
    engine = make_engine(settings.db_url)
    try:
        assert "drafts" not in _tables(engine)
        migrate(engine)
        assert _revision(engine) == _head()
        assert "facts" in _columns(engine, "drafts")  # 0003
        assert {
            "drafts",
            "api_tokens",
            "draft_events",
            "appeal_records",
            "draft_traces",
        } <= _tables(engine)
        assert _schema_diff(engine) == []

        downgrade(engine, "0001")
        assert _revision(engine) == "0001"
        assert "draft_events" not in _tables(engine)
        assert not {"version", "deadline", "region", "review", "routing"} & _columns(
            engine, "drafts"
        )
        assert "region" not in _columns(engine, "api_tokens")

        migrate(engine)
        assert _revision(engine) == _head()
        assert _schema_diff(engine) == []
    finally:
        engine.dispose()


def test_0002_fills_drafts_written_before_it(settings):
    settings.ensure_dirs()
    engine = make_engine(settings.db_url)
    try:
        migrate(engine, "0001")
        received = "2026-11-02T10:00:00+06:00"
        _insert_old_draft(
            engine,
            "a" * 32,
            {"text": "Яма", "channel": "pos", "region": "Омская область", "received_at": received},
            "pos",
        )
        _insert_old_draft(engine, "b" * 32, {"text": "Мусор", "channel": "vk"}, "vk")
        migrate(engine)
    finally:
        engine.dispose()

    store = Store.open(settings.db_url)
    try:
        regional = store.drafts.get("a" * 32)
        plain = store.drafts.get("b" * 32)
        assert regional.version == plain.version == 1
        want = deadline_for("pos", datetime.fromisoformat(received), None, "RU-OMS")
        assert regional.deadline == want
        assert plain.deadline == deadline_for("vk", CREATED, None, None)
        # the region column is the canonical code the reviewer scope filters on
        from drafter.storage import DraftFilter

        assert [d.id for d in store.drafts.find(DraftFilter(region="RU-OMS"))] == ["a" * 32]
        assert store.drafts.history("a" * 32) == []  # no invented audit entries
    finally:
        store.close()


def test_0004_keys_external_ids_the_oldest_draft_keeping_a_repeated_one(settings):
    settings.ensure_dirs()
    engine = make_engine(settings.db_url)
    try:
        migrate(engine, "0002")
        _insert_old_draft(engine, "a" * 32, {"text": "Яма", "external_id": "vk-1"}, "vk")
        _insert_old_draft(engine, "b" * 32, {"text": "Яма", "external_id": "vk-1"}, "vk")
        _insert_old_draft(engine, "c" * 32, {"text": "Мусор"}, "vk")
        migrate(engine, "0004_tokens")
        with engine.connect() as conn:
            keys = dict(conn.execute(text("SELECT id, external_key FROM drafts")).all())
        assert keys["c" * 32] is None
        assert [keys["a" * 32] is None, keys["b" * 32] is None].count(True) == 1
        assert {"name", "expires_at", "revoked_at"} <= _columns(engine, "api_tokens")

        downgrade(engine, "0002")
        assert "external_key" not in _columns(engine, "drafts")
        assert "revoked_at" not in _columns(engine, "api_tokens")
    finally:
        engine.dispose()
