"""/v1/tokens (admin only), expiry and revocation, and the holder's name in drafts' history."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import update

from drafter.auth import Role
from drafter.storage.models import TokenRow

PROBLEM = "application/problem+json"


def _bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def test_admin_creates_lists_and_revokes_a_token(client, admin, services):
    resp = client.post(
        "/v1/tokens",
        headers=admin,
        json={"role": "executor", "agency": "ЖКХ", "name": "Пётр Сидоров", "expires": "30d"},
    )
    assert resp.status_code == 201, resp.text
    made = resp.json()
    secret = made.pop("token")
    assert secret.startswith("drf_")
    assert made["role"] == "executor" and made["agency"] == "ЖКХ" and made["active"]
    assert made["name"] == "Пётр Сидоров"
    expires = datetime.fromisoformat(made["expires_at"])
    assert timedelta(days=29) < expires - datetime.now(timezone.utc) <= timedelta(days=30)
    assert client.get("/v1/me", headers=_bearer(secret)).json()["agency"] == "ЖКХ"

    listed = client.get("/v1/tokens", headers=admin)
    assert listed.status_code == 200
    assert secret not in listed.text  # the secret is shown once, at creation
    mine = next(t for t in listed.json() if t["id"] == made["id"])
    assert mine == made

    gone = client.delete(f"/v1/tokens/{made['id']}", headers=admin)
    assert gone.status_code == 200 and gone.json()["revoked_at"] and not gone.json()["active"]
    denied = client.get("/v1/me", headers=_bearer(secret))
    assert denied.status_code == 401 and denied.json()["code"] == "not_authenticated"
    assert "revoked" in denied.json()["detail"]
    missing = client.delete("/v1/tokens/nope", headers=admin)
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"


@pytest.mark.parametrize("who", ["reviewer", "executor"])
def test_only_admin_sees_or_manages_tokens(client, services, request, who):
    headers = request.getfixturevalue(who)
    before = services.list_tokens()
    for method, path, body in (
        ("GET", "/v1/tokens", None),
        ("POST", "/v1/tokens", {"role": "admin"}),
        ("DELETE", f"/v1/tokens/{before[0].id}", None),
    ):
        resp = client.request(method, path, headers=headers, json=body)
        assert resp.status_code == 403, (method, resp.text)
        assert resp.headers["content-type"].startswith(PROBLEM)
        assert resp.json()["code"] == "forbidden"
        assert "drf_" not in resp.text
    assert services.list_tokens() == before  # nothing made, nothing revoked


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"role": "executor"}, "ведомство"),
        ({"role": "executor", "agency": " "}, "ведомство"),
        ({"role": "admin", "expires": "2001-01-01"}, "прошёл"),
        ({"role": "admin", "expires": "когда-нибудь"}, "не понят"),
        ({"role": "admin", "expires": "999999w"}, "далёк"),
        ({"role": "reviewer", "region": "Атлантида"}, "Атлантида"),
        ({"role": "root"}, "role"),
    ],
)
def test_bad_token_requests_are_422_and_store_nothing(client, admin, services, body, words):
    before = services.list_tokens()
    resp = client.post("/v1/tokens", headers=admin, json=body)
    assert resp.status_code == 422, resp.text
    assert resp.headers["content-type"].startswith(PROBLEM)
    assert resp.json()["code"] == "invalid_input" and words in resp.text
    assert services.list_tokens() == before


def test_an_expired_token_is_401(client, services):
    secret, info = services.create_token(Role.reviewer, expires="1h")
    assert client.get("/v1/me", headers=_bearer(secret)).status_code == 200
    past = datetime.now(timezone.utc) - timedelta(seconds=1)
    with services.store.engine.begin() as conn:
        conn.execute(update(TokenRow).where(TokenRow.id == info.id).values(expires_at=past))
    resp = client.get("/v1/drafts", headers=_bearer(secret))
    assert resp.status_code == 401 and resp.json()["code"] == "not_authenticated"
    assert "expired" in resp.json()["detail"] and resp.headers["www-authenticate"] == "Bearer"
    assert not services.store.tokens.exists(Role.reviewer.value)


def test_history_names_the_token_holder_even_after_revocation(client, admin, services, make_appeal):
    secret, info = services.create_token(Role.executor, "Жилищный комитет", name="Анна Смирнова")
    made = client.post(
        "/v1/drafts", headers=_bearer(secret), json={"appeal": make_appeal(), "wait": True}
    ).json()
    services.revoke_token(info.id)
    history = client.get(f"/v1/drafts/{made['id']}/history", headers=admin).json()["items"]
    created = history[0]
    assert created["event"] == "created"
    assert created["actor"] == {
        "role": "executor",
        "agency": "Жилищный комитет",
        "token_id": info.id,
        "name": "Анна Смирнова",
    }
    assert "name" not in history[1]["actor"]  # the pipeline has no name
