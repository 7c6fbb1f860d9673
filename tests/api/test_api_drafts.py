"""The drafts API as a user sees it: status codes, the Draft schema, the async path."""

from __future__ import annotations

import time

from drafter.domain import Draft
from drafter.errors import LLMUnavailable


def _poll(client, draft_id, headers, until=("ready", "needs_attention", "failed"), timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        draft = Draft.model_validate(client.get(f"/v1/drafts/{draft_id}", headers=headers).json())
        if draft.status in until:
            return draft
        time.sleep(0.02)
    raise AssertionError(f"draft {draft_id} never reached {until}; last: {draft.status}")


def test_wait_true_answers_201_with_the_finished_draft(client, admin, make_appeal, drafter):
    resp = client.post("/v1/drafts", json={"appeal": make_appeal(), "wait": True}, headers=admin)

    assert resp.status_code == 201
    draft = Draft.model_validate(resp.json())
    assert draft.status == "ready"
    assert draft.text == drafter.llm.default
    assert draft.citations[0].title == "Правила благоустройства"
    assert draft.quality is not None and draft.quality.passed
    assert draft.method == "generated"
    assert draft.appeal.author_name == "Иван Петров"
    assert resp.headers["location"] == f"/v1/drafts/{draft.id}"
    assert [a.text for a in drafter.calls] == [make_appeal()["text"]]


def test_a_failing_check_is_needs_attention_with_its_violations(
    client, admin, make_appeal, drafter
):
    drafter.passed = False
    draft = Draft.model_validate(
        client.post(
            "/v1/drafts", json={"appeal": make_appeal(), "wait": True}, headers=admin
        ).json()
    )
    assert draft.status == "needs_attention"
    assert draft.quality is not None
    assert [v.code for v in draft.quality.violations] == ["no_deadline"]


def test_a_pipeline_error_is_stored_as_failed(client, admin, make_appeal, drafter):
    drafter.error = LLMUnavailable("модель не загрузилась")
    resp = client.post("/v1/drafts", json={"appeal": make_appeal(), "wait": True}, headers=admin)
    draft = Draft.model_validate(resp.json())
    assert draft.status == "failed"
    assert draft.error == "модель не загрузилась"
    assert draft.text is None
    # the worker survives a failed draft
    drafter.error = None
    again = client.post("/v1/drafts", json={"appeal": make_appeal(), "wait": True}, headers=admin)
    assert again.json()["status"] == "ready"


def test_async_draft_is_202_then_ready_while_other_requests_are_served(
    client, admin, make_appeal, drafter
):
    drafter.hold()
    resp = client.post("/v1/drafts", json={"appeal": make_appeal()}, headers=admin)
    assert resp.status_code == 202
    queued = Draft.model_validate(resp.json())
    assert queued.status == "queued" and queued.text is None

    assert drafter.first_piece.wait(5), "no worker picked the draft up"
    # the pipeline is blocked mid-draft in a worker; the server still answers
    busy = client.get(f"/v1/drafts/{queued.id}", headers=admin)
    assert busy.status_code == 200 and busy.json()["status"] == "drafting"
    assert client.get("/healthz").status_code == 200
    other = client.post(
        "/v1/drafts", json={"appeal": make_appeal(text="Яма на дороге")}, headers=admin
    )
    assert other.status_code == 202

    drafter.release()
    assert _poll(client, queued.id, admin).status == "ready"
    assert _poll(client, other.json()["id"], admin).status == "ready"


def test_get_unknown_draft_is_404_problem(client, admin):
    resp = client.get("/v1/drafts/nope", headers=admin)
    assert resp.status_code == 404
    assert resp.headers["content-type"].startswith("application/problem+json")
    assert resp.json()["code"] == "not_found"


def test_list_filters_and_pages(client, admin, make_appeal):
    for channel, agency in [("vk", "A"), ("email", "A"), ("vk", "B")]:
        r = client.post(
            "/v1/drafts",
            headers=admin,
            json={"appeal": make_appeal(channel=channel, agency=agency), "wait": True},
        )
        assert r.status_code == 201

    everything = client.get("/v1/drafts", headers=admin).json()
    assert everything["total"] == 3 and len(everything["items"]) == 3
    # the most urgent first: a vk reply is due within hours, an email one in days
    deadlines = [Draft.model_validate(d).deadline for d in everything["items"]]
    assert deadlines == sorted(deadlines)
    assert everything["items"][-1]["appeal"]["channel"] == "email"

    vk = client.get("/v1/drafts", params={"channel": "vk"}, headers=admin).json()
    assert {d["appeal"]["agency"] for d in vk["items"]} == {"A", "B"}
    a_vk = client.get("/v1/drafts", params={"channel": "vk", "agency": "A"}, headers=admin).json()
    assert a_vk["total"] == 1 and a_vk["items"][0]["appeal"]["channel"] == "vk"
    assert client.get("/v1/drafts", params={"status": "failed"}, headers=admin).json()["total"] == 0

    page1 = client.get("/v1/drafts", params={"limit": 2}, headers=admin).json()
    page2 = client.get("/v1/drafts", params={"limit": 2, "offset": 2}, headers=admin).json()
    ids = [d["id"] for d in page1["items"] + page2["items"]]
    assert len(page1["items"]) == 2 and len(page2["items"]) == 1
    assert sorted(ids) == sorted(d["id"] for d in everything["items"])


def test_list_rejects_bad_paging_and_unknown_status(client, admin):
    for params in ({"limit": 0}, {"limit": 1000}, {"offset": -1}, {"status": "done"}):
        resp = client.get("/v1/drafts", params=params, headers=admin)
        assert resp.status_code == 422, params
        assert resp.json()["code"] == "invalid_input"


def test_openapi_docs_are_served(client):
    assert client.get("/docs").status_code == 200
    spec = client.get("/openapi.json").json()
    assert "/v1/drafts/{draft_id}/stream" in spec["paths"]
    assert "bearer" in str(spec["components"]["securitySchemes"]).lower()
