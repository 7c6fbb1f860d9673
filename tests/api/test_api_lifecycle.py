"""Health, restarts and crash recovery: what survives, what gets picked up again."""

from __future__ import annotations

import time
from pathlib import Path

from fastapi.testclient import TestClient

from drafter.api import create_app
from drafter.auth import Role
from drafter.domain import Appeal, Draft
from drafter.services import build_services


def _wait_final(services, draft_id: str, timeout: float = 10) -> Draft:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        draft = services.store.drafts.get(draft_id)
        if draft.status in ("ready", "needs_attention", "failed"):
            return draft
        time.sleep(0.02)
    raise AssertionError(f"draft {draft_id} is still {draft.status}")


def test_healthz_reports_without_loading_the_model(settings, index):
    settings.llm.backend = "llama_cpp"
    settings.llm.model_path = Path("/nonexistent/model.gguf")  # loading it would fail
    services = build_services(settings, index=index)
    try:
        with TestClient(create_app(settings, services)) as client:
            resp = client.get("/healthz")
        assert resp.status_code == 200
        body = resp.json()
        assert body["database"]["ok"] is True
        assert body["index"] == {"ok": True, "documents": 0}
        assert body["llm"] == {"backend": "llama_cpp", "loaded": False}
        assert services.llm_loaded is False
    finally:
        services.close()


def test_drafts_survive_a_restart(settings, make_appeal, make_services):
    first = make_services()
    token, _ = first.create_token(Role.admin)
    headers = {"Authorization": f"Bearer {token}"}
    with TestClient(create_app(settings, first)) as client:
        made = client.post(
            "/v1/drafts", json={"appeal": make_appeal(), "wait": True}, headers=headers
        ).json()
    first.close()

    second = make_services()
    with TestClient(create_app(settings, second)) as client:
        again = client.get(f"/v1/drafts/{made['id']}", headers=headers)  # the token too
    assert again.status_code == 200
    assert Draft.model_validate(again.json()) == Draft.model_validate(made)


def test_start_picks_up_queued_and_requeues_stuck_drafts(settings, make_services, drafter):
    # a previous process queued two drafts and crashed while drafting one of them
    crashed = make_services()
    waiting = crashed.store.drafts.create(Appeal(text="Не работает фонарь у дома 3"))
    stuck = crashed.store.drafts.create(Appeal(text="Течёт крыша"))
    assert crashed.store.drafts.claim(stuck.id, "dead-worker", lease_s=0.001)
    crashed.store.close()

    services = make_services(drafter)
    with TestClient(create_app(settings, services)):
        done = [_wait_final(services, d.id) for d in (waiting, stuck)]
    assert [d.status for d in done] == ["ready", "ready"]
    assert sorted(a.text for a in drafter.calls) == sorted([waiting.appeal.text, stuck.appeal.text])


def test_wait_true_drafts_in_process_when_no_workers_run(settings, make_appeal, make_services):
    settings.workers = 0
    services = make_services()
    token, _ = services.create_token(Role.executor, "Жилищный комитет")
    with TestClient(create_app(settings, services)) as client:
        resp = client.post(
            "/v1/drafts",
            json={"appeal": make_appeal(), "wait": True},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert not services.jobs.running
    assert resp.status_code == 201 and resp.json()["status"] == "ready"
