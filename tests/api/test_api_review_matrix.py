"""Role × endpoint → status: every endpoint enforces the roles and the visibility rules.

The draft belongs to the housing agency in the Omsk region. Callers: admin, an unbound
reviewer, a reviewer of another region, the housing executor, another agency's executor,
and nobody (no token). Each case gets a fresh draft in the status the endpoint acts on.
"""

from __future__ import annotations

from typing import Any

import pytest

from drafter.auth import Role

HOUSING = "Жилищный комитет"
CALLERS = ("admin", "reviewer", "reviewer_elsewhere", "executor", "other_executor", "anonymous")


def _tokens(services) -> dict[str, dict[str, str]]:
    def bearer(role: Role, agency: str | None = None, region: str | None = None) -> dict:
        secret, _ = services.create_token(role, agency, region)
        return {"Authorization": f"Bearer {secret}"}

    return {
        "admin": bearer(Role.admin),
        "reviewer": bearer(Role.reviewer),
        "reviewer_elsewhere": bearer(Role.reviewer, region="RU-MOW"),
        "executor": bearer(Role.executor, HOUSING),
        "other_executor": bearer(Role.executor, "Комитет по транспорту"),
        "anonymous": {},
    }


RETURN = {"decision": "return", "reasons": ["NO_DEADLINE"]}
TEXT = {"text": "Здравствуйте! Мусор вывезут до 25 ноября."}

# name: (draft status to start from, method, path, json body, expected status per caller)
#                                          admin rev  rev@MOW exec other anon
ENDPOINTS: dict[str, tuple[str | None, str, str, Any, tuple[int, ...]]] = {
    "get": ("ready", "GET", "", None, (200, 200, 404, 200, 404, 401)),
    "history": ("ready", "GET", "/history", None, (200, 200, 404, 200, 404, 401)),
    "stream": ("ready", "GET", "/stream", None, (200, 200, 404, 200, 404, 401)),
    "submit": ("ready", "POST", "/submit", {}, (200, 200, 404, 200, 404, 401)),
    "approve": (
        "in_review",
        "POST",
        "/review",
        {"decision": "approve"},
        (200, 200, 404, 403, 403, 401),
    ),
    "return": ("in_review", "POST", "/review", RETURN, (200, 200, 404, 403, 403, 401)),
    "reject": (
        "in_review",
        "POST",
        "/review",
        {"decision": "reject"},
        (200, 200, 404, 403, 403, 401),
    ),
    "edit_ready": ("ready", "PUT", "/text", TEXT, (200, 409, 404, 200, 404, 401)),
    "edit_in_review": ("in_review", "PUT", "/text", TEXT, (200, 200, 404, 409, 404, 401)),
    "edit_returned": ("returned", "PUT", "/text", TEXT, (200, 409, 404, 200, 404, 401)),
    "redraft": ("ready", "POST", "/redraft", None, (202, 403, 403, 202, 404, 401)),
    "list": (None, "GET", "/v1/drafts", None, (200, 200, 200, 200, 200, 401)),
    "create": (
        None,
        "POST",
        "/v1/drafts",
        {"appeal": {"text": "Яма на дороге у дома 3"}},
        (202, 202, 202, 202, 202, 401),
    ),
    "me": (None, "GET", "/v1/me", None, (200, 200, 200, 200, 200, 401)),
    "reason_codes": (None, "GET", "/v1/meta/reason-codes", None, (200, 200, 200, 200, 200, 401)),
    "documents": (None, "GET", "/v1/knowledge/documents", None, (200, 403, 403, 403, 403, 401)),
    "upload": (None, "UPLOAD", "/v1/knowledge/documents", None, (201, 403, 403, 403, 403, 401)),
    "delete_document": (
        None,
        "DELETE",
        "/v1/knowledge/documents/reg-1",
        None,
        (204, 403, 403, 403, 403, 401),
    ),
}

CASES = [
    pytest.param(endpoint, caller, expected[i], id=f"{endpoint}-{caller}")
    for endpoint, (*_, expected) in ENDPOINTS.items()
    for i, caller in enumerate(CALLERS)
]


def _prepare(client, admin: dict, status: str) -> str:
    """A housing draft in Omsk, brought to ``status`` by the admin."""
    resp = client.post(
        "/v1/drafts",
        headers=admin,
        json={
            "appeal": {
                "text": "Третью неделю не вывозят мусор во дворе дома 5 на улице Ленина.",
                "agency": HOUSING,
                "region": "RU-OMS",
            },
            "wait": True,
        },
    )
    assert resp.status_code == 201 and resp.json()["status"] == "ready"
    draft_id = resp.json()["id"]
    if status in ("in_review", "returned"):
        assert client.post(f"/v1/drafts/{draft_id}/submit", headers=admin).status_code == 200
    if status == "returned":
        ret = client.post(f"/v1/drafts/{draft_id}/review", json=RETURN, headers=admin)
        assert ret.status_code == 200
    return draft_id


@pytest.mark.parametrize(("endpoint", "caller", "expected"), CASES)
def test_role_endpoint_matrix(client, services, index, endpoint, caller, expected):
    from knowledge.types import Chunk, Document

    tokens = _tokens(services)
    status, method, path, body, _ = ENDPOINTS[endpoint]
    url = path
    version_before = None
    if status is not None:
        draft_id = _prepare(client, tokens["admin"], status)
        url = f"/v1/drafts/{draft_id}{path}"
        version_before = services.store.drafts.get(draft_id).version
    if endpoint == "delete_document":
        chunk = Chunk(id="reg-1#0", doc_id="reg-1", kind="regulation", text="Статья 1.")
        index.add_documents([Document(id="reg-1", kind="regulation", title="П", chunks=[chunk])])

    headers = tokens[caller]
    if method == "UPLOAD":
        files = {
            "file": ("rules.txt", "Статья 1. Мусор вывозится ежедневно.".encode(), "text/plain")
        }
        resp = client.post(url, files=files, headers=headers)
    else:
        resp = client.request(method, url, json=body, headers=headers)

    assert resp.status_code == expected, resp.text
    if expected >= 400:
        assert resp.json()["code"]
        if status is not None:  # a refused write changed nothing
            assert services.store.drafts.get(draft_id).version == version_before
