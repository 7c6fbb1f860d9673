"""Approval feeds the past-answers index; returned and rejected drafts never do."""

from __future__ import annotations

FINAL = "Здравствуйте, Иван! Мусор во дворе дома 5 вывезен 20 ноября. Спасибо за обращение."


def _in_review(client, executor, make_appeal, **fields) -> str:
    resp = client.post(
        "/v1/drafts",
        headers=executor,
        json={"appeal": make_appeal(category="Вывоз мусора", **fields), "wait": True},
    )
    draft_id = resp.json()["id"]
    assert client.post(f"/v1/drafts/{draft_id}/submit", headers=executor).status_code == 200
    return draft_id


def test_an_approved_reply_becomes_a_past_answer(client, executor, reviewer, make_appeal, index):
    draft_id = _in_review(client, executor, make_appeal, region="RU-OMS")
    resp = client.post(
        f"/v1/drafts/{draft_id}/review",
        json={"decision": "approve", "text": FINAL},
        headers=reviewer,
    )
    assert resp.status_code == 200
    draft = resp.json()

    doc = index.docs[f"answer:approved:{draft_id}"]
    assert doc.kind == "answer" and len(doc.chunks) == 1
    chunk = doc.chunks[0]
    # the reviewer's final text, not the generated one, without the citizen's name
    assert chunk.text == FINAL.replace("Здравствуйте, Иван!", "Здравствуйте!")
    assert draft["appeal"]["text"] not in chunk.search_text and chunk.kind == "answer"
    assert doc.metadata["quality"] == "approved" and doc.metadata["source"] == "review"
    assert doc.metadata["agency"] == "Жилищный комитет"
    assert doc.metadata["category"] == "Вывоз мусора" and doc.metadata["region"] == "RU-OMS"
    assert doc.metadata["score"] == draft["quality"]["score"]


def test_returned_and_rejected_replies_are_not_learned(
    client, executor, reviewer, make_appeal, index
):
    returned = _in_review(client, executor, make_appeal)
    rejected = _in_review(client, executor, make_appeal)
    client.post(
        f"/v1/drafts/{returned}/review",
        json={"decision": "return", "reasons": ["NO_DEADLINE"], "text": FINAL},
        headers=reviewer,
    )
    client.post(f"/v1/drafts/{rejected}/review", json={"decision": "reject"}, headers=reviewer)
    assert client.get(f"/v1/drafts/{returned}", headers=reviewer).json()["status"] == "returned"
    assert client.get(f"/v1/drafts/{rejected}", headers=reviewer).json()["status"] == "rejected"
    assert index.docs == {}


def test_a_failing_index_does_not_undo_the_approval(
    client, executor, reviewer, make_appeal, index, caplog
):
    def broken(*args, **kwargs):
        raise RuntimeError("index is down")

    index.add_documents = broken
    draft_id = _in_review(client, executor, make_appeal)
    resp = client.post(
        f"/v1/drafts/{draft_id}/review", json={"decision": "approve"}, headers=reviewer
    )
    assert resp.status_code == 200 and resp.json()["status"] == "approved"
    assert "could not add approved draft" in caplog.text
