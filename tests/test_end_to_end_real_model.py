"""End to end on the embedded defaults: the real Qwen2.5-Coder-1.5B-Instruct in llama.cpp,
navec, embedded Chroma, SQLite, through HTTP — on a slice of the real data in ../shared/data.

These drive the real default model; the rest of the suite uses the fake LLM.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from drafter.api import create_app
from drafter.auth import Role
from drafter.domain import Draft
from drafter.services import Services, build_services
from drafter.settings import Settings

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
SAMPLE = SHARED / "spb_gorod" / "answers_dev_sample.jsonl"
FULL = SHARED / "spb_gorod" / "appeals_dev.jsonl.gz"
ZHK = SHARED / "regulations" / "zhilishchny_kodeks_rf_pravo_gov_102090645.txt"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not SAMPLE.exists(), reason="needs ../shared/data beside the repository"),
]


@pytest.fixture(scope="module")
def model_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from drafter.llm.model_files import default_model_path

    return default_model_path(tmp_path_factory.mktemp("models"))


def unseen_january_appeal() -> dict:
    """A real appeal filed in January 2021 whose card is not in the ingested slice."""
    ingested = {json.loads(line)["id"] for line in SAMPLE.open(encoding="utf-8")}
    with gzip.open(FULL, "rt", encoding="utf-8") as fh:
        for line in fh:
            card = json.loads(line)
            first = card["petitions"][0] if card.get("petitions") else None
            if (
                first
                and first["dt"].startswith("2021-01")
                and card["id"] not in ingested
                and card.get("category") == "Благоустройство"
                and 60 < len(first["text"]) < 400
            ):
                return card
    raise AssertionError("no January 2021 appeal found in the dev data")


def make_services(data_dir: Path, model_path: Path) -> Services:
    # everything at its default (llama_cpp, navec, embedded Chroma, SQLite) but the model path,
    # which points at one assembled copy instead of one per data dir
    return build_services(Settings(data_dir=data_dir, llm={"model_path": model_path}))


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("e2e") / "data"


@pytest.fixture(scope="module")
def services(data_dir: Path, model_path: Path) -> Iterator[Services]:
    svc = make_services(data_dir, model_path)
    svc.ingest_samples(progress=False)
    svc.ingest_paths([SAMPLE], kind="answers", format="spb", progress=False)
    svc.ingest_paths([ZHK], kind="regulation", progress=False)
    yield svc
    svc.close()


POTHOLE = "На дороге у дома 5 по улице Гагарина огромная яма, машины бьют колёса."
POTHOLE_FACTS = (
    "яму засыпали щебнем 3 декабря; асфальт положат в мае 2027 года, подрядчик ООО «ДорСервис»"
)


def test_the_default_model_writes_a_reply_up_from_the_executors_facts(services):
    """Issue 10's bar: a reply the model writes from the facts (method ``generated``), in its
    own words, the facts' date kept, nothing added. A fact the model's sentence lost comes back
    as the facts' own sentence (drafter.executor_facts.restore_lost_facts), so the model's reply
    stands instead of giving way to the facts as written."""
    from drafter.domain import Appeal
    from evals.fact_recall import count_facts

    appeal = Appeal(text=POTHOLE, channel="vk", author_name="Игорь")
    draft = services.draft_now(appeal, facts=POTHOLE_FACTS)
    text = draft.text or ""
    assert draft.model and "qwen" in draft.model.lower()
    assert draft.reply_kind == "final" and draft.status == "ready", (text, draft.quality)
    assert text.startswith("Игорь, здравствуйте!")
    assert "3 декабря" in text
    counted = count_facts(text, facts=POTHOLE_FACTS, appeal=POTHOLE)
    assert counted.added == 0 and counted.recall == 1.0, (text, counted)
    assert draft.method == "generated", (text, draft.quality)
    # the model's own text: words that are neither the facts', the appeal's nor the greeting's
    given = set(re.findall(r"\w+", (POTHOLE + POTHOLE_FACTS + " Игорь здравствуйте").lower()))
    own = [w for w in re.findall(r"\w+", text.lower()) if w not in given]
    assert len(own) >= 3, text


def test_a_problem_report_without_facts_gets_no_final_reply(services):
    from drafter.domain import Appeal

    draft = services.draft_now(Appeal(text=POTHOLE, channel="vk", author_name="Игорь"))
    assert draft.status == "needs_facts" and draft.reply_kind == "interim"
    assert draft.checklist and draft.text and "не позднее" in draft.text


def test_real_model_drafts_a_checked_grounded_reply_through_the_api(services, data_dir, model_path):
    card = unseen_january_appeal()
    token, _ = services.create_token(Role.admin)
    appeal = {"text": card["petitions"][0]["text"], "channel": "vk", "author_name": "Ольга"}
    official = [a for a in card["answers"] if a["kind"] == "Окончательный ответ"][-1]["text"]
    with TestClient(create_app(services.settings, services)) as client:
        resp = client.post(
            "/v1/drafts",
            headers={"Authorization": f"Bearer {token}"},
            # the agency's formal answer pasted in as the executor's facts
            json={"appeal": appeal, "facts": official, "wait": True},
        )
    assert resp.status_code == 201, resp.text
    draft = Draft.model_validate(resp.json())

    assert draft.status in ("ready", "needs_attention")
    assert draft.model and "qwen" in draft.model.lower()
    assert draft.facts == official
    text = draft.text or ""
    assert text.startswith("Ольга, здравствуйте!")
    letters = re.findall(r"[^\W\d_]", text)
    assert len(letters) > 30, text
    assert (
        sum(bool(re.match("[а-яё]", ch, re.IGNORECASE)) for ch in letters) / len(letters) > 0.9
    ), text

    # cited sources exist in the index
    for c in draft.citations:
        assert services.index.get_chunk(c.source_id) is not None, c.source_id

    assert draft.quality is not None
    for v in draft.quality.violations:
        assert 0 <= v.start <= v.end <= len(text)
    assert draft.timings["prefill"] > 0 and draft.timings["decode"] > 0

    # the draft survives a restart: a new process on the same data dir reads it back
    again = make_services(data_dir, model_path)
    try:
        token2, _ = again.create_token(Role.admin)
        with TestClient(create_app(again.settings, again)) as client:
            got = client.get(
                f"/v1/drafts/{draft.id}", headers={"Authorization": f"Bearer {token2}"}
            )
        assert got.status_code == 200
        assert Draft.model_validate(got.json()).text == text
    finally:
        again.close()


def test_temperature_zero_is_deterministic_on_the_real_model(services):
    from drafter.domain import Appeal

    appeal = Appeal(text="Во дворе дома 7 на улице Мира третий день не горит фонарь.", channel="vk")
    facts = "лампу заменят до 12 декабря, работы выполнит ГБУ «Ленсвет»"
    first = services.draft_now(appeal, facts=facts)
    second = services.draft_now(appeal, facts=facts)
    assert first.text and first.text == second.text


def test_the_learning_loop_cites_an_approved_reply_on_the_real_model(services):
    """Issue 10: after a reply about broken swings is approved, the next appeal about the same
    swings cites it — through the API, on the default model."""
    reviewer, _ = services.create_token(Role.reviewer)
    executor, _ = services.create_token(Role.executor, agency="Администрация Кировского района")
    first = {
        "text": "На детской площадке у дома 4 по улице Садовой сломаны качели, сиденье висит "
        "на одной цепи.",
        "channel": "vk",
        "author_name": "Мария",
    }
    facts = "качели сняли 2 декабря, новые установит МБУ «Благоустройство» до 15 декабря"
    with TestClient(create_app(services.settings, services)) as client:
        ex = {"Authorization": f"Bearer {executor}"}
        rv = {"Authorization": f"Bearer {reviewer}"}
        made = client.post("/v1/drafts", headers=ex, json={"appeal": first, "facts": facts,
                                                            "wait": True})  # fmt: skip
        assert made.status_code == 201, made.text
        d1 = made.json()
        assert client.post(f"/v1/drafts/{d1['id']}/submit", headers=ex).status_code == 200
        ok = client.post(f"/v1/drafts/{d1['id']}/review", headers=rv, json={"decision": "approve"})
        assert ok.status_code == 200, ok.text

        # the next report of the same swings, before its facts are known: the checklist of what
        # to find out is learnt from the approved reply, which the draft cites
        second = {**first, "text": "На площадке у дома 4 по улице Садовой до сих пор сломаны "
                  "качели, дети катаются на сломанных.", "author_name": "Ирина"}  # fmt: skip
        again = client.post("/v1/drafts", headers=ex, json={"appeal": second, "wait": True})
        assert again.status_code == 201, again.text
        body = again.json()
        assert body["status"] == "needs_facts", body["text"]
        cited = [c["source_id"] for c in body["citations"]]
        assert f"answer:approved:{d1['id']}#0" in cited, (cited, body["text"], body["checklist"])
