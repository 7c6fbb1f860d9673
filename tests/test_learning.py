"""The learning loop end to end on the real index (hashing embedder, embedded Chroma in
tmp_path) and the real pipeline on the FakeLLM: an approved reply is cited next time."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from drafter.auth import Caller, Role
from drafter.domain import Appeal, Draft, Quality
from drafter.learning import approved_document, document_id, scope_of
from drafter.llm.fake import FakeLLM
from drafter.services import build_services

HOUSING = "Жилищный комитет"
FIRST = "Третью неделю не вывозят мусор с контейнерной площадки во дворе дома 5 на улице Ленина."
SIMILAR = "Во дворе дома 7 на улице Ленина с контейнерной площадки не вывозят мусор уже неделю."
FIRST_FACTS = "площадку очистит УК «Чистый двор» 20 ноября"
FACTS = "20 ноября УК «Чистый двор» очистила площадку; вывоз ежедневно до 10 утра."  # on the merits
OTHER = "На перекрёстке Мира и Гагарина не работает светофор, машины едут на красный."
FINAL = (
    "Здравствуйте, Иван! Управляющая компания «Чистый двор» очистила контейнерную площадку "
    "у дома 5 на улице Ленина 20 ноября; график вывоза — ежедневно до 10 утра."
)


@pytest.fixture
def services(settings):
    # the model repeats the approved reply's sentence: grounding cites the answer it came from
    llm = FakeLLM(default="Здравствуйте! Управляющая компания очистила контейнерную площадку.")
    svc = build_services(settings, llm=llm)  # the real index and pipeline, built on first use
    yield svc
    svc.close()


def test_an_approved_reply_is_cited_for_a_similar_appeal(services):
    executor = Caller(Role.executor, agency=HOUSING, token_id="exec")
    reviewer = Caller(Role.reviewer, token_id="rev")
    appeal = Appeal(text=FIRST, channel="vk", category="Вывоз мусора", author_name="Иван")
    first = services.draft_now(appeal, executor, facts=FIRST_FACTS)
    assert first.status in ("ready", "needs_attention")
    assert not [c for c in first.citations if c.kind == "answer"]  # nothing to learn from yet

    # a returned reply and a rejected one must never be learned
    for decision, reasons in (("return", ["NO_DEADLINE"]), ("reject", [])):
        other = services.draft_now(Appeal(text=OTHER, channel="vk"), executor, facts=FACTS)
        services.submit_for_review(other.id, executor)
        services.review(other.id, reviewer, decision, reasons=reasons, text=FINAL)

    services.submit_for_review(first.id, executor)
    approved = services.review(first.id, reviewer, "approve", text=FINAL)
    assert approved.status == "approved" and approved.text == FINAL

    learned = [d["id"] for d in services.index.documents() if d["id"].startswith("answer:")]
    assert learned == [document_id(first.id)]

    # the next similar problem report, before its facts are known: the checklist of what to
    # find out is learnt from the approved reply, which the draft cites
    second = services.draft_now(
        Appeal(text=SIMILAR, channel="vk", category="Вывоз мусора"), executor
    )
    assert second.status == "needs_facts"
    cited = [c for c in second.citations if c.kind == "answer"]
    assert [c.source_id for c in cited] == [f"{document_id(first.id)}#0"]
    learnt = {sid for item in second.checklist or [] for sid in item.sources}
    assert f"{document_id(first.id)}#0" in learnt

    # a question about the rule is answered with the approved reply as the example of style
    question = services.draft_now(
        Appeal(text="Подскажите, по какому графику вывозят мусор с площадки у дома 7 на улице "
               "Ленина?", channel="vk", category="Вывоз мусора"),
        executor,
    )  # fmt: skip
    assert f"{document_id(first.id)}#0" in [c.source_id for c in question.citations]
    prompt = services.llm.history[-1][0]
    assert "очистила контейнерную площадку" in prompt  # the approved text is the example

    # retrieval itself finds the learned answer for the similar appeal
    similar = Appeal(text=SIMILAR, channel="vk", category="Вывоз мусора", agency=HOUSING)
    hits = services.drafting.retrieve(SIMILAR, similar)
    assert [h.chunk.id for h in hits if h.chunk.kind == "answer"] == [f"{document_id(first.id)}#0"]


def test_approved_document_shape():
    now = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)
    draft = Draft(
        id="abc",
        status="approved",
        text=FINAL,
        appeal=Appeal(text=FIRST, agency=HOUSING, category="Вывоз мусора", region="RU-OMS"),
        quality=Quality(score=87, passed=True),
        created_at=now,
    )
    doc = approved_document(draft)
    assert doc.id == "answer:approved:abc" and doc.kind == "answer"
    assert doc.chunks[0].id == "answer:approved:abc#0"
    chunk = doc.chunks[0]
    # the reply without the citizen's name; titled by topic and street; no appeal stored
    assert chunk.text == FINAL.replace("Здравствуйте, Иван!", "Здравствуйте!")
    assert doc.title == chunk.title == "Вывоз мусора — улице Ленина"
    assert chunk.search_text == f"{doc.title}. {chunk.text}"
    assert FIRST not in chunk.search_text and "appeal" not in chunk.metadata
    assert doc.metadata == {
        "quality": "approved",
        "source": "review",
        "draft_id": "abc",
        "channel": "vk",
        "date": "2026-11-20",
        "category": "Вывоз мусора",
        "agency": HOUSING,
        "region": "RU-OMS",
        "score": 87,
        "learned_scope": scope_of(HOUSING, "RU-OMS"),
    }
    for status in ("returned", "rejected", "ready"):
        with pytest.raises(ValueError):
            approved_document(draft.model_copy(update={"status": status}))


def test_answers_learned_before_scrubbing_are_learned_again(services):
    from drafter.learning import relearn_outdated

    approved = Draft(
        id="old1",
        status="approved",
        text="Здравствуйте, Иван! Мусор у дома 5 на улице Ленина вывезен.",
        appeal=Appeal(text=FIRST, agency=HOUSING, category="Вывоз мусора"),
        created_at=datetime(2026, 11, 20, tzinfo=timezone.utc),
    )
    # what the old learning stored: the appeal as search text and in the metadata
    old = approved_document(approved)
    old.chunks[0].search_text = FIRST
    old.chunks[0].metadata = {"appeal": FIRST, "source": "review"}
    old.metadata = {"source": "review", "agency": HOUSING}
    gone = approved_document(approved.model_copy(update={"id": "old2"}))
    gone.metadata = {"source": "review"}
    services.index.add_documents([old, gone], progress=False)

    class Drafts:
        def get(self, draft_id):
            return approved if draft_id == "old1" else None

    assert relearn_outdated(services.index, Drafts()) == 2
    ids = [d["id"] for d in services.index.documents()]
    assert ids == [document_id("old1")]
    chunk = services.index.get_chunk(f"{document_id('old1')}#0")
    assert (
        chunk.search_text != FIRST and "Иван" not in chunk.text and "appeal" not in chunk.metadata
    )
    assert relearn_outdated(services.index, Drafts()) == 0
