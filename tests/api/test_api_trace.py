"""GET /v1/drafts/{id}/trace: the drafting runs of a draft, for admins only; drafted here by
the real pipeline on the fake LLM."""

from __future__ import annotations

import pytest

from drafter.domain import DraftTrace
from drafter.llm.fake import FakeLLM
from drafter.services import build_services

COMPLETION = "Яму у дома 5 осмотрят. Заделают до 20 мая."
FACTS = "Яму у дома 5 осмотрят"


@pytest.fixture
def services(settings, index):
    svc = build_services(settings, llm=FakeLLM(default=COMPLETION), index=index)
    try:
        yield svc
    finally:
        svc.close()


@pytest.fixture
def drafted(client, admin, make_appeal) -> str:
    body = {"appeal": make_appeal(agency="Жилищный комитет"), "facts": FACTS, "wait": True}
    resp = client.post("/v1/drafts", json=body, headers=admin)
    assert resp.status_code == 201, resp.text
    return resp.json()["id"]


def test_an_admin_reads_each_attempt_with_its_removals_and_verdict(client, admin, drafted):
    resp = client.get(f"/v1/drafts/{drafted}/trace", headers=admin)
    assert resp.status_code == 200
    trace = DraftTrace.model_validate(resp.json())
    (run,) = trace.runs
    assert trace.draft_id == drafted and run.mode == "facts" and run.version == 2
    first = run.attempts[0]
    assert first.number == 1 and first.method == "generated"
    assert first.completion == COMPLETION and "дома 5" in (first.prompt or "")
    grounding = [r for r in first.removals if r.stage == "grounding"]
    assert [r.text for r in grounding] == ["Заделают до 20 мая."]
    assert "20 мая" in grounding[0].reason
    assert first.quality is not None and "20 мая" not in first.text
    draft = client.get(f"/v1/drafts/{drafted}", headers=admin).json()
    chosen = [a for a in run.attempts if a.chosen]
    assert [a.text for a in chosen] == [draft["text"]]


@pytest.mark.parametrize("role", ["executor", "reviewer"])
def test_only_an_admin_may_read_a_trace(client, drafted, role, request):
    headers = request.getfixturevalue(role)  # the executor is of the draft's own agency
    assert client.get(f"/v1/drafts/{drafted}", headers=headers).status_code == 200
    resp = client.get(f"/v1/drafts/{drafted}/trace", headers=headers)
    assert resp.status_code == 403
    assert resp.headers["content-type"].startswith("application/problem+json")
    assert resp.json()["code"] == "forbidden"


def test_an_unknown_draft_has_no_trace(client, admin):
    resp = client.get("/v1/drafts/nope/trace", headers=admin)
    assert resp.status_code == 404
    assert resp.headers["content-type"].startswith("application/problem+json")


def test_a_trace_needs_a_token(client, drafted):
    assert client.get(f"/v1/drafts/{drafted}/trace").status_code == 401
