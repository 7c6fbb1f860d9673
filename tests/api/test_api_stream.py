"""GET /v1/drafts/{id}/stream: token events while drafting, then done with the Draft."""

from __future__ import annotations

import json
from collections.abc import Iterator

from drafter.domain import Draft


def _events(lines: Iterator[str]) -> Iterator[tuple[str, str]]:
    """(event, data) pairs of a server-sent event stream."""
    event, data = "message", []
    for line in lines:
        if line == "":
            if data:
                yield event, "\n".join(data)
            event, data = "message", []
        elif line.startswith(":"):
            continue  # comment / ping
        else:
            name, _, value = line.partition(":")
            value = value.removeprefix(" ")
            if name == "event":
                event = value
            elif name == "data":
                data.append(value)


def test_stream_yields_tokens_then_done(client, admin, make_appeal, drafter):
    drafter.hold()
    draft_id = client.post("/v1/drafts", json={"appeal": make_appeal()}, headers=admin).json()["id"]
    assert drafter.first_piece.wait(5)

    received: list[tuple[str, str]] = []
    with client.stream("GET", f"/v1/drafts/{draft_id}/stream", headers=admin) as resp:
        assert resp.status_code == 200
        assert resp.headers["content-type"].startswith("text/event-stream")
        for event, data in _events(resp.iter_lines()):
            received.append((event, data))
            if len(received) == 1:
                drafter.release()  # the first piece came from the backlog; the rest stream live
            if event == "done":
                break

    kinds = [e for e, _ in received]
    assert kinds[-1] == "done" and set(kinds[:-1]) == {"token"} and len(kinds) > 2
    pieces = [json.loads(d)["text"] for e, d in received if e == "token"]
    done = Draft.model_validate_json(received[-1][1])
    assert done.id == draft_id and done.status == "ready"
    assert "".join(pieces) == done.text  # nothing lost, nothing doubled


def test_stream_of_a_finished_draft_sends_done_at_once(client, admin, make_appeal):
    created = client.post("/v1/drafts", json={"appeal": make_appeal(), "wait": True}, headers=admin)
    draft_id = created.json()["id"]
    with client.stream("GET", f"/v1/drafts/{draft_id}/stream", headers=admin) as resp:
        events = list(_events(resp.iter_lines()))
    assert [e for e, _ in events] == ["done"]
    assert Draft.model_validate_json(events[0][1]) == Draft.model_validate(created.json())


def test_stream_of_unknown_draft_is_404(client, admin):
    resp = client.get("/v1/drafts/missing/stream", headers=admin)
    assert resp.status_code == 404 and resp.json()["code"] == "not_found"
