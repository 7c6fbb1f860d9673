"""The real composition (pipeline, index, checker) on fake LLM and embedder, through HTTP.

Skipped until every part it composes is importable."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from drafter.api import create_app
from drafter.auth import Role
from drafter.domain import Draft
from drafter.services import build_services


@pytest.fixture
def real_services(settings):
    for module in (
        "drafter.pipeline",
        "knowledge.index",
        "knowledge.ingest",
        "knowledge.embedders.fake",
        "knowledge.vectorstore",
    ):
        pytest.importorskip(module)
    svc = build_services(settings)
    yield svc
    svc.close()


FACTS = "Контейнеры вывезут 8 декабря, мешки уберёт ООО «Жилкомсервис №2»."


def test_draft_through_the_real_pipeline(settings, real_services):
    report = real_services.ingest_samples(progress=False)
    assert report.chunks > 0
    token, _ = real_services.create_token(Role.executor, "Жилищный комитет")
    text = "Третью неделю не вывозят мусор во дворе дома 5 на улице Ленина."
    with TestClient(create_app(settings, real_services)) as client:
        resp = client.post(
            "/v1/drafts",
            headers={"Authorization": f"Bearer {token}"},
            json={"appeal": {"text": text, "channel": "vk"}, "facts": FACTS, "wait": True},
        )
        bare = client.post(
            "/v1/drafts",
            headers={"Authorization": f"Bearer {token}"},
            json={"appeal": {"text": text, "channel": "vk"}, "wait": True},
        )
        health = client.get("/healthz").json()
    assert resp.status_code == 201, resp.text
    draft = Draft.model_validate(resp.json())
    assert draft.status in ("ready", "needs_attention") and draft.text
    assert draft.reply_kind == "final" and draft.facts == FACTS
    assert draft.quality is not None and draft.timings
    # the facts go in as quoted data (their «» become plain quotes)
    assert any(text in p and "вывезут 8 декабря" in p for p, _ in real_services.llm.history)
    # without facts a problem report waits for them: the interim reply and a checklist
    waiting = Draft.model_validate(bare.json())
    assert waiting.status == "needs_facts" and waiting.reply_kind == "interim"
    assert waiting.checklist
    assert health["llm"] == {"backend": "fake", "loaded": True}
    assert health["index"]["documents"] == len(report.ids)
