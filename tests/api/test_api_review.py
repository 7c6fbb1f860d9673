"""The review workflow over HTTP: submit → approve/return/reject, edits, redraft, history,
optimistic concurrency, deadlines, the reviewer's region, /v1/me and the reason codes."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

import pytest
from fastapi.testclient import TestClient

from drafter.auth import Role
from drafter.deadlines import DeadlinePolicy, deadline_for
from drafter.domain import Appeal, Channel, Draft
from drafter.quality import CODES

HOUSING = "Жилищный комитет"
EDITED = (
    "Здравствуйте, Иван!\n"
    "Мусор во дворе дома 5 на улице Ленина вывезут до 25 ноября.\n"
    "Спасибо за обращение."
)


def drafted(client, headers, make_appeal, **fields) -> dict:
    resp = client.post(
        "/v1/drafts", headers=headers, json={"appeal": make_appeal(**fields), "wait": True}
    )
    assert resp.status_code == 201, resp.text
    return resp.json()


def token(services, role: Role, agency: str | None = None, region: str | None = None) -> dict:
    secret, _ = services.create_token(role, agency, region)
    return {"Authorization": f"Bearer {secret}"}


def wait_for(client, headers, draft_id: str, statuses: set[str], timeout: float = 20) -> dict:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        d = client.get(f"/v1/drafts/{draft_id}", headers=headers).json()
        if d["status"] in statuses:
            return d
        time.sleep(0.05)
    raise AssertionError(f"draft {draft_id} stayed {d['status']}")


def test_submit_edit_approve_and_the_history(client, executor, reviewer, make_appeal):
    d = drafted(client, executor, make_appeal)
    assert d["status"] == "ready" and d["version"] == 2  # created, generated
    got = client.get(f"/v1/drafts/{d['id']}", headers=executor)
    assert got.headers["etag"] == '"2"'

    sub = client.post(f"/v1/drafts/{d['id']}/submit", json={"version": 2}, headers=executor)
    assert sub.status_code == 200, sub.text
    assert sub.json()["status"] == "in_review" and sub.headers["etag"] == '"3"'

    # in review, the text is the reviewer's to change, not the executor's
    late = client.put(f"/v1/drafts/{d['id']}/text", json={"text": EDITED}, headers=executor)
    assert late.status_code == 409 and late.json()["code"] == "invalid_transition"

    edit = client.put(
        f"/v1/drafts/{d['id']}/text",
        json={"text": EDITED},
        headers={**reviewer, "If-Match": '"3"'},
    )
    assert edit.status_code == 200, edit.text
    edited = edit.json()
    assert edited["text"] == EDITED and edited["version"] == 4 and edited["status"] == "in_review"
    assert edited["quality"] is not None and edited["quality"]["score"] >= 0

    ok = client.post(
        f"/v1/drafts/{d['id']}/review",
        json={"decision": "approve", "comment": "Хорошо", "version": 4},
        headers=reviewer,
    )
    assert ok.status_code == 200, ok.text
    approved = Draft.model_validate(ok.json())
    assert approved.status == "approved" and approved.version == 5
    assert approved.review is not None and approved.review.decision == "approve"
    assert approved.review.by.role == "reviewer" and approved.review.comment == "Хорошо"

    hist = client.get(f"/v1/drafts/{d['id']}/history", headers=executor)
    assert hist.status_code == 200
    items = hist.json()["items"]
    assert [i["event"] for i in items] == [
        "created",
        "generated",
        "submitted",
        "edited",
        "approved",
    ]
    assert [i["version"] for i in items] == [1, 2, 3, 4, 5]
    assert [i["actor"]["role"] for i in items] == [
        "executor",
        "system",
        "executor",
        "reviewer",
        "reviewer",
    ]
    assert items[0]["actor"]["agency"] == HOUSING and items[0]["actor"]["token_id"]
    assert items[1]["text"] == d["text"] and "quality" in items[1]
    diff = items[3]["diff"]
    assert diff.startswith("--- v3\n+++ v4")
    assert f"-{d['text']}" in diff and "+Мусор во дворе дома 5 на улице Ленина вывезут" in diff
    assert items[4]["comment"] == "Хорошо" and "text" not in items[4]  # no text change
    for item in items:
        datetime.fromisoformat(item["at"])


def test_return_needs_known_reasons_and_goes_back_to_the_executor(
    client, executor, reviewer, make_appeal
):
    d = drafted(client, executor, make_appeal)
    url = f"/v1/drafts/{d['id']}"
    assert client.post(f"{url}/submit", headers=executor).status_code == 200

    for reasons in ([], ["NOT_A_CODE"]):
        bad = client.post(
            f"{url}/review", json={"decision": "return", "reasons": reasons}, headers=reviewer
        )
        assert bad.status_code == 422 and bad.json()["code"] == "invalid_input"
    assert client.get(url, headers=reviewer).json()["status"] == "in_review"

    ret = client.post(
        f"{url}/review",
        json={"decision": "return", "reasons": ["no_deadline", "NO_EVIDENCE"], "comment": "Срок?"},
        headers=reviewer,
    )
    assert ret.status_code == 200
    returned = ret.json()
    assert returned["status"] == "returned"
    assert returned["review"]["reasons"] == ["NO_DEADLINE", "NO_EVIDENCE"]

    # the executor fixes it and sends it again; the last decision stays visible
    fix = client.put(f"{url}/text", json={"text": EDITED}, headers=executor)
    assert fix.status_code == 200 and fix.json()["status"] == "returned"
    assert fix.json()["review"]["decision"] == "return"
    again = client.post(f"{url}/submit", headers=executor)
    assert again.status_code == 200 and again.json()["status"] == "in_review"

    rej = client.post(f"{url}/review", json={"decision": "reject"}, headers=reviewer)
    assert rej.status_code == 200 and rej.json()["status"] == "rejected"
    # rejected is final: no edit, no redraft, no second decision
    for resp in (
        client.put(f"{url}/text", json={"text": "ещё"}, headers=executor),
        client.post(f"{url}/redraft", headers=executor),
        client.post(f"{url}/review", json={"decision": "approve"}, headers=reviewer),
    ):
        assert resp.status_code == 409 and resp.json()["code"] == "invalid_transition"

    events = [i["event"] for i in client.get(f"{url}/history", headers=reviewer).json()["items"]]
    assert events == [
        "created",
        "generated",
        "submitted",
        "returned",
        "edited",
        "submitted",
        "rejected",
    ]
    returned_entry = client.get(f"{url}/history", headers=reviewer).json()["items"][3]
    assert returned_entry["reasons"] == ["NO_DEADLINE", "NO_EVIDENCE"]
    assert returned_entry["comment"] == "Срок?" and "quality" in returned_entry


def test_review_only_from_in_review_and_empty_text_is_refused(
    client, executor, reviewer, make_appeal
):
    d = drafted(client, executor, make_appeal)
    url = f"/v1/drafts/{d['id']}"
    early = client.post(f"{url}/review", json={"decision": "approve"}, headers=reviewer)
    assert early.status_code == 409 and early.json()["code"] == "invalid_transition"
    blank = client.put(f"{url}/text", json={"text": "   "}, headers=executor)
    assert blank.status_code == 422
    assert client.get(url, headers=executor).json()["version"] == d["version"]


def test_redraft_runs_the_pipeline_again(client, executor, make_appeal, drafter):
    d = drafted(client, executor, make_appeal)
    drafter.llm.enqueue("Здравствуйте! Контейнерная площадка у дома 5 очищена.")
    resp = client.post(f"/v1/drafts/{d['id']}/redraft", headers=executor)
    assert resp.status_code == 202 and resp.json()["status"] == "queued"
    assert resp.json()["version"] == d["version"] + 1
    done = wait_for(client, executor, d["id"], {"ready", "needs_attention"})
    assert done["text"] == "Здравствуйте! Контейнерная площадка у дома 5 очищена."
    assert done["version"] == d["version"] + 2
    items = client.get(f"/v1/drafts/{d['id']}/history", headers=executor).json()["items"]
    assert [i["event"] for i in items][-2:] == ["redrafted", "generated"]
    assert "+Здравствуйте! Контейнерная площадка" in items[-1]["diff"]


def test_two_clients_editing_at_once_nothing_is_overwritten(
    client, services, executor, make_appeal
):
    d = drafted(client, executor, make_appeal)
    url = f"/v1/drafts/{d['id']}"
    colleague = token(services, Role.executor, HOUSING)
    # a second client of the same app: another person's browser
    other = TestClient(client.app)
    seen_a = client.get(url, headers=executor).headers["etag"]
    seen_b = other.get(url, headers=colleague).headers["etag"]
    assert seen_a == seen_b == f'"{d["version"]}"'

    first = client.put(
        f"{url}/text", json={"text": EDITED}, headers={**executor, "If-Match": seen_a}
    )
    assert first.status_code == 200
    lost = other.put(
        f"{url}/text", json={"text": "Чужая правка"}, headers={**colleague, "If-Match": seen_b}
    )
    assert lost.status_code == 412 and lost.json()["code"] == "precondition_failed"
    lost_body = other.put(
        f"{url}/text", json={"text": "Чужая правка", "version": d["version"]}, headers=colleague
    )
    assert lost_body.status_code == 409 and lost_body.json()["code"] == "conflict"
    now = client.get(url, headers=executor).json()
    assert now["text"] == EDITED and now["version"] == d["version"] + 1
    edits = [
        i
        for i in client.get(f"{url}/history", headers=executor).json()["items"]
        if i["event"] == "edited"
    ]
    assert len(edits) == 1

    # without If-Match or version the write is accepted on the current version
    blind = other.put(f"{url}/text", json={"text": "Последняя правка"}, headers=colleague)
    assert blind.status_code == 200 and blind.json()["version"] == d["version"] + 2
    star = client.post(f"{url}/submit", headers={**executor, "If-Match": "*"})
    assert star.status_code == 200
    junk = client.put(f"{url}/text", json={"text": "x"}, headers={**executor, "If-Match": "abc"})
    assert junk.status_code == 412


def test_every_draft_has_its_deadline_and_the_overdue_filters(
    client, settings, admin, reviewer, make_appeal
):
    long_ago = "2024-03-04T10:00:00+03:00"
    old = drafted(client, admin, make_appeal, channel="vk", received_at=long_ago)
    fresh = drafted(client, admin, make_appeal, channel="email")
    regional = drafted(
        client, admin, make_appeal, channel="pos", received_at=long_ago, region="RU-OMS"
    )
    policy = DeadlinePolicy(settings.deadlines)
    for d, region in ((old, None), (regional, "RU-OMS")):
        appeal = Appeal.model_validate(d["appeal"])
        want = deadline_for(appeal.channel, appeal.received_at, policy, region)
        assert datetime.fromisoformat(d["deadline"]) == want
        assert d["overdue"] is True
    fresh_deadline = datetime.fromisoformat(fresh["deadline"])
    assert fresh_deadline > datetime.now(timezone.utc) + timedelta(days=20)
    assert fresh["overdue"] is False
    # vk is due within hours of receipt, pos within working days
    assert datetime.fromisoformat(old["deadline"]) < datetime.fromisoformat(regional["deadline"])

    listed = client.get("/v1/drafts", headers=reviewer).json()["items"]
    assert [d["id"] for d in listed] == [old["id"], regional["id"], fresh["id"]]
    overdue = client.get("/v1/drafts", params={"overdue": "true"}, headers=reviewer).json()
    assert [d["id"] for d in overdue["items"]] == [old["id"], regional["id"]]
    assert overdue["total"] == 2
    on_time = client.get("/v1/drafts", params={"overdue": "false"}, headers=reviewer).json()
    assert [d["id"] for d in on_time["items"]] == [fresh["id"]]
    cut = (datetime.fromisoformat(regional["deadline"]) + timedelta(minutes=1)).isoformat()
    due = client.get("/v1/drafts", params={"due_before": cut}, headers=reviewer).json()
    assert [d["id"] for d in due["items"]] == [old["id"], regional["id"]]
    combined = client.get(
        "/v1/drafts",
        params={"due_before": cut, "overdue": "true", "channel": "vk"},
        headers=reviewer,
    ).json()
    assert [d["id"] for d in combined["items"]] == [old["id"]]

    # an approved draft is closed: no longer overdue
    client.post(f"/v1/drafts/{old['id']}/submit", headers=admin)
    client.post(f"/v1/drafts/{old['id']}/review", json={"decision": "approve"}, headers=reviewer)
    assert client.get(f"/v1/drafts/{old['id']}", headers=reviewer).json()["overdue"] is False
    still = client.get("/v1/drafts", params={"overdue": "true"}, headers=reviewer).json()
    assert [d["id"] for d in still["items"]] == [regional["id"]]

    bad = client.post("/v1/drafts", headers=admin, json={"appeal": make_appeal(region="Атлантида")})
    assert bad.status_code == 422


def test_a_regional_reviewer_sees_only_its_region(client, services, admin, reviewer, make_appeal):
    omsk = drafted(client, admin, make_appeal, region="Омская область")
    moscow = drafted(client, admin, make_appeal, region="RU-MOW")
    nowhere = drafted(client, admin, make_appeal)
    regional = token(services, Role.reviewer, region="омская область")

    me = client.get("/v1/me", headers=regional).json()
    assert me == {"role": "reviewer", "agency": None, "region": "RU-OMS"}
    listed = client.get("/v1/drafts", headers=regional).json()
    assert [d["id"] for d in listed["items"]] == [omsk["id"]] and listed["total"] == 1
    assert client.get(f"/v1/drafts/{omsk['id']}", headers=regional).status_code == 200
    for other in (moscow, nowhere):
        for path in ("", "/history"):
            resp = client.get(f"/v1/drafts/{other['id']}{path}", headers=regional)
            assert resp.status_code == 404
        client.post(f"/v1/drafts/{other['id']}/submit", headers=admin)
        decided = client.post(
            f"/v1/drafts/{other['id']}/review", json={"decision": "approve"}, headers=regional
        )
        assert decided.status_code == 404
    everyone = client.get("/v1/drafts", headers=reviewer).json()
    assert everyone["total"] == 3


def test_token_regions_are_checked(services):
    from drafter.errors import InvalidInput

    with pytest.raises(InvalidInput):
        services.create_token(Role.reviewer, region="Атлантида")
    with pytest.raises(InvalidInput):
        services.create_token(Role.admin, region="RU-OMS")
    _, info = services.create_token(Role.executor, "ЖКХ", "RU-OMS")
    assert info.region == "RU-OMS"


def test_an_executor_region_goes_onto_its_appeals(client, services, make_appeal):
    omsk_executor = token(services, Role.executor, HOUSING, "RU-OMS")
    d = drafted(client, omsk_executor, make_appeal)
    assert d["appeal"]["region"] == "RU-OMS"
    assert client.get("/v1/me", headers=omsk_executor).json() == {
        "role": "executor",
        "agency": HOUSING,
        "region": "RU-OMS",
    }


def test_reason_codes_are_the_checker_codes_the_lost_fact_and_two_more(client, executor):
    resp = client.get("/v1/meta/reason-codes", headers=executor)
    assert resp.status_code == 200
    codes = {c["code"]: c for c in resp.json()}
    assert set(codes) == set(CODES) | {"WRONG_AGENCY", "NO_EVIDENCE", "LOST_FACT"}
    for c in codes.values():
        assert c["title"] and c["description"]
        assert any("а" <= ch.lower() <= "я" for ch in c["title"]), c  # in Russian
    assert client.get("/v1/meta/reason-codes").status_code == 401


def test_status_filter_knows_the_review_statuses(client, executor, reviewer, make_appeal):
    d = drafted(client, executor, make_appeal)
    drafted(client, executor, make_appeal)
    client.post(f"/v1/drafts/{d['id']}/submit", headers=executor)
    in_review = client.get("/v1/drafts", params={"status": "in_review"}, headers=reviewer).json()
    assert [x["id"] for x in in_review["items"]] == [d["id"]]
    assert Channel(in_review["items"][0]["appeal"]["channel"]) is Channel.vk


def test_appeals_without_a_region_belong_to_the_default_region(settings, drafter, index):
    from drafter.auth import Caller
    from drafter.services import build_services

    one_region = settings.model_copy(
        update={"deadlines": settings.deadlines.model_copy(update={"default_region": "RU-OMS"})}
    )
    services = build_services(one_region, index=index, drafting=drafter)
    try:
        draft = services.draft_now(Appeal(text="Яма у дома 3", channel="pos"))
        assert draft.appeal.region == "RU-OMS"
        want = deadline_for("pos", None, DeadlinePolicy(one_region.deadlines), "RU-OMS")
        assert abs(draft.deadline - want) < timedelta(minutes=1)
        omsk = Caller(Role.reviewer, region="RU-OMS")
        moscow = Caller(Role.reviewer, region="RU-MOW")
        assert services.list_drafts(omsk)[1] == 1 and services.list_drafts(moscow)[1] == 0
    finally:
        services.close()
