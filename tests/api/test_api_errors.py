"""Bad requests get a problem+json with a stable code, and store nothing."""

from __future__ import annotations

import json

import pytest

PROBLEM = "application/problem+json"


@pytest.fixture
def count(services):
    return services.store.drafts.count


def _assert_problem(resp, status: int, code: str) -> dict:
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith(PROBLEM)
    body = resp.json()
    assert body["code"] == code
    assert body["status"] == status
    assert {"type", "title", "detail"} <= body.keys()
    assert body["detail"]
    return body


@pytest.mark.parametrize(
    ("appeal_fields", "status", "code"),
    [
        ({"text": ""}, 422, "empty_appeal"),
        ({"text": "   \n\t "}, 422, "empty_appeal"),
        ({"text": "я" * 20_001}, 413, "appeal_too_long"),
        ({"channel": "fax"}, 422, "unknown_channel"),
        ({"text": 42}, 422, "invalid_input"),
        ({"received_at": "вчера"}, 422, "invalid_input"),
        ({"colour": "red"}, 422, "invalid_input"),
    ],
)
def test_bad_appeal_is_rejected_and_nothing_stored(
    client, admin, make_appeal, count, appeal_fields, status, code
):
    before = count()
    resp = client.post(
        "/v1/drafts", json={"appeal": make_appeal(**appeal_fields), "wait": True}, headers=admin
    )
    body = _assert_problem(resp, status, code)
    assert body["errors"] and all({"field", "message"} <= e.keys() for e in body["errors"])
    assert count() == before


def test_field_errors_name_the_field(client, admin, make_appeal):
    resp = client.post("/v1/drafts", json={"appeal": make_appeal(channel="fax")}, headers=admin)
    assert [e["field"] for e in resp.json()["errors"]] == ["appeal.channel"]


def test_text_at_the_limit_is_accepted(client, admin, make_appeal):
    resp = client.post("/v1/drafts", json={"appeal": make_appeal(text="я" * 20_000)}, headers=admin)
    assert resp.status_code == 202


def test_settings_limit_below_the_schema_limit_is_enforced(
    settings, client, admin, make_appeal, count
):
    settings.drafting.max_appeal_chars = 100
    resp = client.post("/v1/drafts", json={"appeal": make_appeal(text="я" * 101)}, headers=admin)
    _assert_problem(resp, 413, "appeal_too_long")
    assert count() == 0


def test_non_utf8_body_is_400_invalid_encoding(client, admin, make_appeal, count):
    body = json.dumps({"appeal": make_appeal()}, ensure_ascii=False).encode("cp1251")
    resp = client.post(
        "/v1/drafts", content=body, headers={**admin, "Content-Type": "application/json"}
    )
    _assert_problem(resp, 400, "invalid_encoding")
    assert count() == 0


@pytest.mark.parametrize("raw", [b'{"appeal": {"text": "x"', b"not json", b""])
def test_malformed_json_is_a_clear_4xx(client, admin, count, raw):
    resp = client.post(
        "/v1/drafts", content=raw, headers={**admin, "Content-Type": "application/json"}
    )
    body = _assert_problem(resp, 422, "invalid_input")
    assert "JSON" in body["detail"] or "body" in body["detail"]
    assert count() == 0


@pytest.mark.parametrize("payload", [[1, 2], "text", {"wait": True}, {"appeal": "text"}])
def test_wrong_shapes_are_invalid_input(client, admin, count, payload):
    resp = client.post("/v1/drafts", json=payload, headers=admin)
    _assert_problem(resp, 422, "invalid_input")
    assert count() == 0


def test_unknown_route_and_method_are_problems_too(client, admin):
    _assert_problem(client.get("/v1/nothing", headers=admin), 404, "not_found")
    _assert_problem(client.delete("/v1/drafts", headers=admin), 405, "method_not_allowed")
