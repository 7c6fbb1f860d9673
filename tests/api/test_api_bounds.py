"""Every input bounded: dates, offsets, body size, file names, invisible text, repeated
external ids, drafts per minute and the queue. Each refusal is a problem+json with its code,
and stores nothing."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import pytest
from fastapi.testclient import TestClient

from drafter.api import create_app
from drafter.auth import Role
from drafter.limits import Limits
from drafter.settings import ApiSettings

PROBLEM = "application/problem+json"


def _problem(resp, status: int, code: str) -> dict:
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith(PROBLEM)
    body = resp.json()
    assert body["code"] == code and body["status"] == status and body["detail"]
    return body


def _post(client, headers, appeal, **extra):
    return client.post("/v1/drafts", headers=headers, json={"appeal": appeal, **extra})


@pytest.mark.parametrize(
    "received_at",
    [
        "1999-12-31T23:59:59Z",
        "0001-01-01T00:00:00+14:00",
        "9999-12-31T23:59:59-14:00",
        "9999-12-31T23:59:59Z",
        (datetime.now(timezone.utc) + timedelta(days=2)).isoformat(),
    ],
)
def test_received_at_out_of_range_is_422(client, admin, make_appeal, services, received_at):
    resp = _post(client, admin, make_appeal(received_at=received_at))
    assert "received_at" in _problem(resp, 422, "invalid_input")["detail"]
    assert services.store.drafts.count() == 0


def test_received_at_in_range_is_accepted(client, admin, make_appeal):
    for when in ("2000-01-01T00:00:00Z", (datetime.now(timezone.utc) + timedelta(hours=20))):
        at = when if isinstance(when, str) else when.isoformat()
        assert _post(client, admin, make_appeal(received_at=at)).status_code == 202


@pytest.mark.parametrize(
    "params",
    [
        {"offset": 2**63},
        {"offset": 10**9 + 1},
        {"offset": -1},
        {"limit": 201},
        {"limit": 0},
        {"due_before": "9999-12-31T23:59:59-14:00"},
        {"due_before": "0001-01-01T00:00:00+14:00"},
    ],
)
def test_list_bounds_are_422(client, admin, params):
    _problem(client.get("/v1/drafts", headers=admin, params=params), 422, "invalid_input")


def test_largest_offset_is_an_empty_page(client, admin):
    resp = client.get("/v1/drafts", headers=admin, params={"offset": 10**9})
    assert resp.status_code == 200 and resp.json()["items"] == []


@pytest.mark.parametrize(
    "text",
    ["\u200b", "\u200b\u200c\u200d\u2060\ufeff", " \u00ad \n\u200b\t", "\u3000\u2028"],
)
def test_invisible_only_appeal_is_empty(client, admin, make_appeal, services, text):
    _problem(_post(client, admin, make_appeal(text=text)), 422, "empty_appeal")
    assert services.store.drafts.count() == 0


@pytest.mark.parametrize("field", ["text", "agency", "author_name", "external_id"])
def test_nul_in_an_appeal_is_422(client, admin, make_appeal, services, field):
    appeal = make_appeal(**{field: "Мусор\x00во дворе"})
    _problem(_post(client, admin, appeal), 422, "invalid_input")
    assert services.store.drafts.count() == 0


def test_repeated_external_id_returns_the_existing_draft(
    client, executor, other_executor, make_appeal, services
):
    first = _post(client, executor, make_appeal(external_id="vk-777"))
    assert first.status_code == 202
    again = _post(client, executor, make_appeal(external_id="vk-777", text="Другой текст"))
    assert again.status_code == 200, again.text
    assert again.json()["id"] == first.json()["id"]
    assert again.json()["appeal"]["text"] == first.json()["appeal"]["text"]
    assert again.headers["location"] == f"/v1/drafts/{first.json()['id']}"
    assert services.store.drafts.count() == 1
    # the same id from another agency is another appeal
    theirs = _post(client, other_executor, make_appeal(external_id="vk-777"))
    assert theirs.status_code == 202 and theirs.json()["id"] != first.json()["id"]
    assert services.store.drafts.count() == 2


# -- bodies -------------------------------------------------------------------------------


@pytest.fixture
def small_client(settings, services) -> Iterator[TestClient]:
    """The app with a 4 KB body limit."""
    settings.api = ApiSettings(max_upload_mb=4 / 1024)
    with TestClient(create_app(settings, services)) as c:
        yield c


def test_upload_over_the_limit_is_413(small_client, admin, index):
    files = {"file": ("rules.txt", "Статья 1. Мусор.\n".encode() * 1000, "text/plain")}
    resp = small_client.post("/v1/knowledge/documents", headers=admin, files=files)
    assert _problem(resp, 413, "payload_too_large")["limit"] == 4096
    assert index.docs == {}


def test_a_body_is_cut_off_while_it_streams(settings, services, admin):
    """Straight through ASGI, 1 KB at a time, no Content-Length: the app stops reading at the
    limit instead of taking in all 100 KB first."""
    settings.api = ApiSettings(max_upload_mb=4 / 1024)
    app = create_app(settings, services)
    pulled, sent = 0, []

    async def receive() -> dict:
        nonlocal pulled
        pulled += 1
        return {"type": "http.request", "body": b"x" * 1024, "more_body": pulled < 100}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/v1/drafts",
        "raw_path": b"/v1/drafts",
        "root_path": "",
        "query_string": b"",
        "headers": [
            (b"authorization", admin["Authorization"].encode()),
            (b"content-type", b"application/json"),
        ],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
    }
    asyncio.run(app(scope, receive, send))
    assert sent[0]["status"] == 413
    assert json.loads(sent[1]["body"])["code"] == "payload_too_large"
    assert pulled == 5  # 5 KB read: the first kilobyte past the limit
    assert services.store.drafts.count() == 0


def test_a_declared_length_over_the_limit_is_refused_before_reading(small_client, admin):
    headers = {**admin, "Content-Type": "application/json"}
    resp = small_client.post("/v1/drafts", headers=headers, content=b" " * 5000)
    _problem(resp, 413, "payload_too_large")


@pytest.mark.parametrize("name", ["..", ".", "../../etc/passwd", "a\x00b.jsonl", "я" * 300])
def test_upload_file_names_are_sanitised(client, admin, name, settings):
    pytest.importorskip("knowledge.ingest")
    line = '{"appeal": "Не вывозят мусор", "answer": "Мусор вывезли 3 ноября."}\n'
    resp = client.post(
        "/v1/knowledge/documents",
        headers=admin,
        files={"file": (name, line.encode(), "application/octet-stream")},
        data={"kind": "answers", "format": "jsonl"},
    )
    assert resp.status_code == 201, resp.text
    leftovers = list((settings.data_dir / "uploads").rglob("*"))
    assert leftovers == []  # the upload was read in a temporary directory, and only there


# -- load ---------------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_drafts_per_token_are_rate_limited(client, executor, reviewer, make_appeal, services):
    clock = Clock()
    services.limits = Limits(ApiSettings(drafts_per_minute=2), clock)
    assert [_post(client, executor, make_appeal()).status_code for _ in range(2)] == [202, 202]
    resp = _post(client, executor, make_appeal())
    body = _problem(resp, 429, "rate_limited")
    assert resp.headers["retry-after"] == "30" and body["retry_after"] == 30
    assert services.store.drafts.count() == 2
    # another token has its own allowance; reading is not limited
    assert _post(client, reviewer, make_appeal()).status_code == 202
    assert client.get("/v1/drafts", headers=executor).status_code == 200
    clock.now += 30  # one draft's worth of time later
    assert _post(client, executor, make_appeal()).status_code == 202
    assert _post(client, executor, make_appeal()).status_code == 429


def test_a_full_queue_is_503_with_a_russian_message(settings, make_services, make_appeal):
    settings.workers = 0  # nothing drafts: every new draft stays queued
    services = make_services()
    services.limits = Limits(ApiSettings(max_queue=2, drafts_per_minute=0))
    secret, _ = services.create_token(Role.executor, "ЖКХ")
    headers = {"Authorization": f"Bearer {secret}"}
    with TestClient(create_app(settings, services)) as client:
        first = _post(client, headers, make_appeal(external_id="vk-1"))
        assert first.status_code == 202
        assert _post(client, headers, make_appeal()).status_code == 202
        resp = _post(client, headers, make_appeal())
        body = _problem(resp, 503, "queue_full")
        assert "очередь" in body["detail"] and resp.headers["retry-after"] == "60"
        # a repeat of an appeal already stored needs no room
        again = _post(client, headers, make_appeal(external_id="vk-1"))
        assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    assert services.store.drafts.count() == 2
