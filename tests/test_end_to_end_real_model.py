"""End to end on the embedded defaults: the real Gemma 3 270M in llama.cpp, navec, embedded
Chroma, SQLite, through HTTP — on a slice of the real data in ../shared/data.

This is the one test that drives the real default model; the rest use the fake LLM.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from drafter.api import create_app
from drafter.auth import Role
from drafter.domain import Draft
from drafter.services import Services, build_services
from drafter.settings import Settings

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
SAMPLE = SHARED / "spb_gorod" / "answers_dev_sample.jsonl"
FULL = SHARED / "spb_gorod" / "appeals_dev.jsonl.gz"
ZHK = SHARED / "regulations" / "zhilishchny_kodeks_rf_pravo_gov_102090645.txt"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not SAMPLE.exists(), reason="needs ../shared/data beside the repository"),
]


@pytest.fixture(scope="module")
def model_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from drafter.llm.model_files import default_model_path

    return default_model_path(tmp_path_factory.mktemp("models"))


def unseen_january_appeal() -> dict:
    """A real appeal filed in January 2021 whose card is not in the ingested slice."""
    ingested = {json.loads(line)["id"] for line in SAMPLE.open(encoding="utf-8")}
    with gzip.open(FULL, "rt", encoding="utf-8") as fh:
        for line in fh:
            card = json.loads(line)
            first = card["petitions"][0] if card.get("petitions") else None
            if (
                first
                and first["dt"].startswith("2021-01")
                and card["id"] not in ingested
                and card.get("category") == "Благоустройство"
                and 60 < len(first["text"]) < 400
            ):
                return card
    raise AssertionError("no January 2021 appeal found in the dev data")


def make_services(data_dir: Path, model_path: Path) -> Services:
    # everything at its default (llama_cpp, navec, embedded Chroma, SQLite) but the model path,
    # which points at one assembled copy instead of one per data dir
    return build_services(Settings(data_dir=data_dir, llm={"model_path": model_path}))


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("e2e") / "data"


@pytest.fixture(scope="module")
def services(data_dir: Path, model_path: Path) -> Iterator[Services]:
    svc = make_services(data_dir, model_path)
    svc.ingest_samples(progress=False)
    svc.ingest_paths([SAMPLE], kind="answers", format="spb", progress=False)
    svc.ingest_paths([ZHK], kind="regulation", progress=False)
    yield svc
    svc.close()


def test_real_model_drafts_a_checked_grounded_reply_through_the_api(services, data_dir, model_path):
    card = unseen_january_appeal()
    token, _ = services.create_token(Role.admin)
    appeal = {"text": card["petitions"][0]["text"], "channel": "vk", "author_name": "Ольга"}
    with TestClient(create_app(services.settings, services)) as client:
        resp = client.post(
            "/v1/drafts",
            headers={"Authorization": f"Bearer {token}"},
            json={"appeal": appeal, "wait": True},
        )
    assert resp.status_code == 201, resp.text
    draft = Draft.model_validate(resp.json())

    assert draft.status in ("ready", "needs_attention")
    assert draft.model and "gemma" in draft.model.lower()
    text = draft.text or ""
    assert text.startswith("Ольга, здравствуйте!")
    letters = re.findall(r"[^\W\d_]", text)
    assert len(letters) > 30, text
    assert (
        sum(bool(re.match("[а-яё]", ch, re.IGNORECASE)) for ch in letters) / len(letters) > 0.9
    ), text

    # cited sources exist in the index, and the past answers come from the real slice
    assert draft.citations
    for c in draft.citations:
        assert services.index.get_chunk(c.source_id) is not None, c.source_id
    assert any(c.source_id.startswith("answer:spb:") for c in draft.citations)

    assert draft.quality is not None
    for v in draft.quality.violations:
        assert 0 <= v.start <= v.end <= len(text)
    assert draft.timings["prefill"] > 0 and draft.timings["decode"] > 0

    # the draft survives a restart: a new process on the same data dir reads it back
    again = make_services(data_dir, model_path)
    try:
        token2, _ = again.create_token(Role.admin)
        with TestClient(create_app(again.settings, again)) as client:
            got = client.get(
                f"/v1/drafts/{draft.id}", headers={"Authorization": f"Bearer {token2}"}
            )
        assert got.status_code == 200
        assert Draft.model_validate(got.json()).text == text
    finally:
        again.close()


def test_temperature_zero_is_deterministic_on_the_real_model(services):
    from drafter.domain import Appeal

    appeal = Appeal(text="Во дворе дома 7 на улице Мира третий день не горит фонарь.", channel="vk")
    first = services.draft_now(appeal)
    second = services.draft_now(appeal)
    assert first.text and first.text == second.text
