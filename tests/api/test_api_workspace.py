"""The workspace over HTTP: the agency rating, pain points, search, the appeal records, the
coach, and marking a reply sent. Figures are checked against a plain-Python count of the same
records, and every endpoint against the caller's scope (an executor never sees another
agency's figures). SQLite, or PostgreSQL with DRAFTER_TEST_DATABASE_URL."""

from __future__ import annotations

import json
import random
import statistics
from collections import Counter, defaultdict
from datetime import date, datetime, time, timedelta

import pytest

from drafter.auth import Role
from drafter.deadlines import DeadlinePolicy, deadline_for

HOUSING = "Жилищный комитет"  # the `executor` fixture's agency
TRANSPORT = "Комитет по транспорту"  # the `other_executor` fixture's agency
REGION = "RU-SPE"
WEEKS = [date(2026, 10, 5) + timedelta(weeks=k) for k in range(5)]
SPIKE_WEEK = WEEKS[-1]
REPLY = "Здравствуйте! Мусор во дворе дома 5 на улице Ленина вывезен 12 октября. Спасибо."


def _rows() -> list[dict]:
    """A history in the documented CSV/JSONL form with known working hours to each reply."""
    rng = random.Random(12)
    policy = DeadlinePolicy().for_region(REGION)
    rows: list[dict] = []
    n = 0
    for week in WEEKS:
        for agency, per_week in ((HOUSING, 6), (TRANSPORT, 4)):
            for k in range(per_week):
                n += 1
                received = datetime.combine(week + timedelta(days=k % 5), time(10, 30))
                received = received.replace(tzinfo=policy.zone)
                first_h = rng.choice([2.0, 5.5, 12.0, 30.0, 47.5, 60.0])
                final_h = first_h + rng.choice([0.0, 8.0, 40.0])
                answered = rng.random() < 0.85
                topic = "Освещение" if k == 0 else rng.choice(["Мусор", "Яма"])
                rows.append({
                    "id": f"H{n}",
                    "appeal": f"Обращение {n}: не горят фонари и не вывозят мусор во дворе",
                    "answer": REPLY if answered else "",
                    "received_at": received.isoformat(),
                    "first_reply_at": policy.add_working_hours(received, first_h).isoformat(),
                    "final_reply_at": (
                        policy.add_working_hours(received, final_h).isoformat() if answered else ""
                    ),
                    "agency": agency,
                    "topic": topic,
                    "place": rng.choice(["Невский", "Центральный"]),
                    "address": f"ул. Мира, д. {n}",
                    "author": "Пётр Сидоров" if n == 7 else "Анна Иванова",
                    "region": REGION,
                    "pushback": rng.choice(["true", "false", ""]) if answered else "",
                    "satisfied": rng.choice(["true", "false"]),
                    "_first_h": first_h,
                    "_final_h": final_h if answered else None,
                })  # fmt: skip
    # a topic that jumps in the last week: 1 a week, then 14
    for k in range(13):
        n += 1
        received = datetime.combine(SPIKE_WEEK + timedelta(days=k % 5), time(12, 0))
        rows.append({
            "id": f"H{n}", "appeal": "Фонарь на остановке не горит", "answer": "",
            "received_at": received.replace(tzinfo=policy.zone).isoformat(), "agency": TRANSPORT,
            "topic": "Освещение", "place": "Невский", "address": f"пр. Луговой, д. {n}",
            "region": REGION, "_first_h": None, "_final_h": None,
        })  # fmt: skip
    # one problem that comes back three times to one address within 30 days, one that does not
    for day, addr, topic in (
        (0, "ул. Ленина, д. 5", "Мусор"), (9, "ул. Ленина, д. 5", "Мусор"),
        (20, "ул. Ленина, д. 5", "Мусор"), (0, "ул. Садовая, д. 1", "Яма"),
        (16, "ул. Садовая, д. 1", "Яма"), (33, "ул. Садовая, д. 1", "Яма"),
    ):  # fmt: skip
        n += 1
        received = datetime.combine(WEEKS[0] + timedelta(days=day), time(9, 0))
        rows.append({
            "id": f"H{n}", "appeal": f"Снова {topic.lower()} у дома", "answer": "",
            "received_at": received.replace(tzinfo=policy.zone).isoformat(), "agency": HOUSING,
            "topic": topic, "place": "Центральный", "address": addr, "region": REGION,
            "_first_h": None, "_final_h": None,
        })  # fmt: skip
    return rows


ROWS = _rows()


@pytest.fixture
def history(services, tmp_path):
    path = tmp_path / "history.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for row in ROWS:
            fh.write(json.dumps({k: v for k, v in row.items() if not k.startswith("_")}) + "\n")
    assert services.import_history([path]) == len(ROWS)
    return path


def _week(row: dict) -> date:
    d = datetime.fromisoformat(row["received_at"]).date()
    return d - timedelta(days=d.weekday())


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return round(ordered[low] + (ordered[high] - ordered[low]) * (pos - low), 2)


def _range() -> dict:
    return {"from": WEEKS[0].isoformat(), "to": (WEEKS[-1] + timedelta(days=6)).isoformat()}


def test_the_rating_equals_a_plain_count_of_the_same_records(client, reviewer, history):
    resp = client.get("/v1/analytics/agencies", params=_range(), headers=reviewer)
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["formula"] and body["weeks"] == [w.isoformat() for w in WEEKS]
    assert body["from"] == WEEKS[0].isoformat() and body["to"] == WEEKS[-1].isoformat()
    got = {(i["agency"], i["week"]): i for i in body["items"]}

    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in ROWS:
        groups[(row["agency"], _week(row).isoformat())].append(row)
    assert set(got) == set(groups)
    policy = DeadlinePolicy()
    for key, rows in groups.items():
        item = got[key]
        assert item["appeals"] == len(rows)
        assert item["answered"] == sum(1 for r in rows if r.get("final_reply_at"))
        first = [r["_first_h"] for r in rows if r["_first_h"] is not None]
        final = [r["_final_h"] for r in rows if r["_final_h"] is not None]
        assert item["first_reply_median_h"] == (_quantile(first, 0.5) if first else None)
        assert item["first_reply_p90_h"] == (_quantile(first, 0.9) if first else None)
        assert item["final_reply_median_h"] == (_quantile(final, 0.5) if final else None)
        in_time = [
            datetime.fromisoformat(r["first_reply_at"])
            <= deadline_for("pos", datetime.fromisoformat(r["received_at"]), policy, REGION)
            for r in rows
            if r.get("first_reply_at")
        ]
        want = round(sum(in_time) / len(in_time), 4) if in_time else None
        assert item["within_deadline_share"] == want
        known = [r["pushback"] == "true" for r in rows if r.get("pushback")]
        assert item["pushback"] == (sum(known) if known else None)
        checked = [r for r in rows if r["answer"]]
        assert item["replies_checked"] == len(checked)
    # ranks: 1..n inside every week, by score, for agencies with enough appeals to judge
    from drafter.analytics.rating import MIN_RANKED

    assert all((i["rank"] is None) == (i["appeals"] < MIN_RANKED) for i in body["items"])
    assert any(i["rank"] is None for i in body["items"])
    for week in body["weeks"]:
        ranked = sorted(
            (i for i in body["items"] if i["week"] == week and i["rank"]), key=lambda i: i["rank"]
        )
        assert [i["rank"] for i in ranked] == list(range(1, len(ranked) + 1))
        assert [i["score"] for i in ranked] == sorted((i["score"] for i in ranked), reverse=True)
    later = got[(HOUSING, WEEKS[1].isoformat())]
    before = got[(HOUSING, WEEKS[0].isoformat())]
    assert later["rank_change"] == before["rank"] - later["rank"]


def test_an_executor_sees_only_their_own_agency(
    client, executor, other_executor, reviewer, history
):
    everyone = client.get("/v1/analytics/agencies", params=_range(), headers=reviewer).json()
    for headers, agency in ((executor, HOUSING), (other_executor, TRANSPORT)):
        items = client.get("/v1/analytics/agencies", params=_range(), headers=headers).json()
        assert items["items"] and {i["agency"] for i in items["items"]} == {agency}
        # their own rows, ranked among all agencies: the reviewer's rows for that agency
        assert items["items"] == [i for i in everyone["items"] if i["agency"] == agency]
        pain = client.get("/v1/analytics/pain-points", params=_range(), headers=headers).json()
        refs = [e for group in ("items", "rising", "repeats") for p in pain[group]
                for e in p["examples"]]  # fmt: skip
        assert refs and {e["agency"] for e in refs} == {agency}
        assert sum(p["appeals"] for p in pain["items"]) <= sum(
            1 for r in ROWS if r["agency"] == agency
        )


def test_a_reviewer_of_another_region_sees_nothing(client, services, history):
    secret, _ = services.create_token(Role.reviewer, region="RU-OMS")
    omsk = {"Authorization": f"Bearer {secret}"}
    assert client.get("/v1/analytics/agencies", params=_range(), headers=omsk).json()["items"] == []
    other = client.get(
        "/v1/analytics/agencies", params={**_range(), "region": "Санкт-Петербург"}, headers=omsk
    )
    assert other.json()["items"] == []
    assert client.get("/v1/search", params={"q": "мусор"}, headers=omsk).json()["total"] == 0
    spb = client.get(
        "/v1/analytics/agencies", params={**_range(), "region": "Санкт-Петербург"}, headers=omsk
    )
    assert spb.status_code == 200


def test_pain_points_counts_rising_topics_and_returning_problems(client, reviewer, history):
    resp = client.get("/v1/analytics/pain-points", params={**_range(), "limit": 200},
                      headers=reviewer)  # fmt: skip
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert "Пуассона" in body["test"]
    want = Counter((r["topic"], r["place"], _week(r).isoformat()) for r in ROWS)
    got = {(i["topic"], i["place"], i["week"]): i["appeals"] for i in body["items"]}
    assert got == dict(want)
    assert all(len(i["examples"]) == min(3, i["appeals"]) for i in body["items"])

    rising = {(r["topic"], r["week"]) for r in body["rising"]}
    assert ("Освещение", SPIKE_WEEK.isoformat()) in rising
    assert all(r["p_value"] < 0.05 for r in body["rising"])
    assert not any(r["topic"] in ("Мусор", "Яма") for r in body["rising"])

    repeats = {(p["address"], p["topic"]): p for p in body["repeats"]}
    assert set(repeats) == {("ул. Ленина, д. 5", "Мусор")}
    lenina = repeats[("ул. Ленина, д. 5", "Мусор")]
    assert lenina["appeals"] == 3 and len(lenina["examples"]) == 3
    one = client.get(f"/v1/appeals/{lenina['examples'][0]['id']}", headers=reviewer)
    assert one.status_code == 200 and one.json()["address"] == "ул. Ленина, д. 5"


def test_an_appeal_record_of_another_agency_is_not_found(client, executor, other_executor, history):
    assert client.get("/v1/appeals/hist:H1", headers=executor).status_code == 200
    gone = client.get("/v1/appeals/hist:H1", headers=other_executor)
    assert gone.status_code == 404 and gone.json()["code"] == "not_found"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("фонарей", "Обращение"),  # another form of «фонари»: the stem matches
        ("Мира 7", "ул. Мира, д. 7"),  # an address
        ("Сидоров", "ул. Мира, д. 7"),  # the author
        ("H17", "ул. Мира, д. 17"),  # the external id
    ],
)
def test_search_with_russian_stemming(client, reviewer, history, query, expected):
    resp = client.get("/v1/search", params={"q": query}, headers=reviewer)
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["total"] >= 1
    assert any(expected in (h["text"] + " " + (h["address"] or "")) for h in body["items"])


def test_search_finds_drafts_and_is_scoped(client, executor, other_executor, make_appeal, history):
    made = client.post(
        "/v1/drafts",
        headers=executor,
        json={
            "appeal": make_appeal(text="В подъезде дома 9 на Садовой разбито окно"),
            "wait": True,
        },
    )
    assert made.status_code == 201
    hits = client.get("/v1/search", params={"q": "разбитые окна"}, headers=executor).json()
    assert [h["draft_id"] for h in hits["items"]] == [made.json()["id"]]
    assert hits["items"][0]["kind"] == "draft"
    theirs = client.get("/v1/search", params={"q": "разбитые окна"}, headers=other_executor)
    assert theirs.json() == {"items": [], "query": "разбитые окна", "total": 0}
    mine = client.get("/v1/search", params={"q": "фонари"}, headers=other_executor).json()
    assert mine["total"] and {h["agency"] for h in mine["items"]} == {TRANSPORT}
    assert client.get("/v1/search", params={"q": ""}, headers=executor).status_code == 422


def test_the_coach_explains_each_mark(client, executor):
    body = {
        "appeal": {"text": "Во дворе дома 5 на улице Ленина не вывозят мусор", "channel": "vk",
                   "author_name": "Ирина"},
        "reply": "Настоящим сообщаем, что ваше обращение рассмотрено.",
    }  # fmt: skip
    resp = client.post("/v1/check", json=body, headers=executor)
    assert resp.status_code == 200, resp.text
    q = resp.json()
    assert set(q) == {"score", "passed", "violations"} and q["passed"] is False
    codes = {v["code"] for v in q["violations"]}
    assert "OTPISKA" in codes
    for v in q["violations"]:
        assert {"code", "severity", "start", "end", "message", "explanation"} <= set(v)
        assert v["explanation"] and v["explanation"] != v["message"]
    empty = client.post("/v1/check", json={**body, "reply": " "}, headers=executor)
    assert empty.status_code == 422
    assert client.post("/v1/check", json=body).status_code == 401


def _approved(client, executor, reviewer, make_appeal) -> dict:
    d = client.post(
        "/v1/drafts", headers=executor, json={"appeal": make_appeal(), "wait": True}
    ).json()
    assert client.post(f"/v1/drafts/{d['id']}/submit", headers=executor).status_code == 200
    ok = client.post(f"/v1/drafts/{d['id']}/review", json={"decision": "approve"}, headers=reviewer)
    assert ok.status_code == 200, ok.text
    return ok.json()


def test_marking_a_reply_sent(client, executor, other_executor, reviewer, make_appeal):
    d = client.post(
        "/v1/drafts", headers=executor, json={"appeal": make_appeal(), "wait": True}
    ).json()
    early = client.post(f"/v1/drafts/{d['id']}/sent", headers=executor)
    assert early.status_code == 409 and early.json()["code"] == "invalid_transition"

    d = _approved(client, executor, reviewer, make_appeal)
    hidden = client.post(f"/v1/drafts/{d['id']}/sent", headers=other_executor)
    assert hidden.status_code == 404
    stale = client.post(f"/v1/drafts/{d['id']}/sent", headers={**executor, "If-Match": '"1"'})
    assert stale.status_code == 412
    sent = client.post(
        f"/v1/drafts/{d['id']}/sent", headers={**executor, "If-Match": f'"{d["version"]}"'}
    )
    assert sent.status_code == 200, sent.text
    assert sent.json()["status"] == "approved"
    assert sent.headers["etag"] == f'"{d["version"] + 1}"'
    again = client.post(f"/v1/drafts/{d['id']}/sent", headers=reviewer)
    assert again.status_code == 409

    events = client.get(f"/v1/drafts/{d['id']}/history", headers=reviewer).json()["items"]
    assert events[-1]["event"] == "sent" and events[-1]["actor"]["role"] == "executor"
    times = client.get(f"/v1/drafts/{d['id']}/timeline", headers=executor).json()
    assert times["received_at"] <= times["drafted_at"] <= times["approved_at"] <= times["sent_at"]
    assert times["first_reply_hours"] is not None and times["within_deadline"] in (True, False)
    assert client.get(f"/v1/drafts/{d['id']}/timeline", headers=other_executor).status_code == 404


def test_a_sent_draft_counts_in_its_agency_week(client, executor, reviewer, make_appeal):
    d = _approved(client, executor, reviewer, make_appeal)
    client.post(f"/v1/drafts/{d['id']}/sent", headers=executor)
    body = client.get("/v1/analytics/agencies", headers=executor).json()
    (item,) = body["items"]
    assert item["agency"] == HOUSING and item["appeals"] == 1 and item["answered"] == 1
    assert item["replies_checked"] == 1 and item["pass_rate"] == 1.0
    assert item["first_reply_median_h"] is not None


def test_returns_are_counted_by_reason(client, executor, reviewer, make_appeal):
    d = client.post(
        "/v1/drafts", headers=executor, json={"appeal": make_appeal(), "wait": True}
    ).json()
    client.post(f"/v1/drafts/{d['id']}/submit", headers=executor)
    back = client.post(
        f"/v1/drafts/{d['id']}/review",
        json={"decision": "return", "reasons": ["NO_DEADLINE", "FORMALISM"]},
        headers=reviewer,
    )
    assert back.status_code == 200
    (item,) = client.get("/v1/analytics/agencies", headers=reviewer).json()["items"]
    assert item["returns"] == {"NO_DEADLINE": 1, "FORMALISM": 1}
    assert statistics.mean([1]) == 1


def test_many_hits_still_come_back_whole(client, reviewer, history, monkeypatch):
    # PostgreSQL stops ranking by relevance past RANKED_HITS hits (newest first instead)
    import drafter.storage.history as store

    monkeypatch.setattr(store, "RANKED_HITS", 0)
    body = client.get("/v1/search", params={"q": "фонари", "limit": 5}, headers=reviewer).json()
    want = sum(1 for r in ROWS if "фонар" in r["appeal"].lower())
    assert body["total"] == want and len(body["items"]) == 5
    if client.app.state.services.store.engine.dialect.name != "sqlite":
        times = [h["received_at"] for h in body["items"]]
        assert times == sorted(times, reverse=True)


def test_csv_exports_carry_the_same_numbers_in_the_same_scope(client, reviewer, executor, history):
    import csv
    import io

    items = client.get("/v1/analytics/agencies", params=_range(), headers=reviewer).json()["items"]
    resp = client.get("/v1/analytics/agencies.csv", params=_range(), headers=reviewer)
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(resp.text.lstrip("\ufeff"))))
    assert [(r["agency"], r["week"], int(r["appeals"])) for r in rows] == [
        (i["agency"], i["week"], i["appeals"]) for i in items
    ]
    own = client.get("/v1/analytics/agencies.csv", params=_range(), headers=executor).text
    assert {r["agency"] for r in csv.DictReader(io.StringIO(own.lstrip("\ufeff")))} == {HOUSING}
    repeats = client.get(
        "/v1/analytics/pain-points.csv", params={**_range(), "part": "repeats"}, headers=reviewer
    )
    (row,) = csv.DictReader(io.StringIO(repeats.text.lstrip("\ufeff")))
    assert row["address"] == "ул. Ленина, д. 5" and len(row["examples"].split()) == 3
    bad = client.get("/v1/analytics/pain-points.csv", params={"part": "x"}, headers=reviewer)
    assert bad.status_code == 422
