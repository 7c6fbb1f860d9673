"""evals.measure and evals.naive_rag on the FakeLLM, a tiny index and the real checker; the
appeal selection on the real data when it is there."""

from __future__ import annotations

from pathlib import Path

import pytest
from langchain_core.retrievers import BaseRetriever

from drafter.domain import Appeal, Channel
from drafter.llm.fake import FakeLLM
from evals.dataset import EvalItem
from evals.measure import format_table, measure, round_robin, select_items
from evals.naive_rag import IndexRetriever, NaiveRAG

from .conftest import GOOD, TinyIndex

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
OFFICIAL = "Здравствуйте! Мусор во дворе дома 5 на улице Ленина вывезен 12 января, площадка убрана."


def items() -> list[EvalItem]:
    def appeal(text: str) -> Appeal:
        return Appeal(text=text, channel=Channel.pos, category="Благоустройство")

    return [
        EvalItem(id="spb-1", appeal=appeal("Во дворе дома 5 на улице Ленина не вывозят мусор."),
                 reference_reply=OFFICIAL, reply=OFFICIAL),
        EvalItem(id="kursk-2", appeal=appeal("<p>Мусорные баки у дома 5 переполнены.</p>")),
    ]  # fmt: skip


def test_round_robin_takes_one_per_group_in_turn():
    groups = {"b": [1, 2, 3], "a": [10], "c": [20, 21]}
    assert round_robin(groups, 4) == [10, 1, 20, 2]
    assert round_robin(groups, 99) == [10, 1, 20, 2, 21, 3]


def test_index_retriever_is_a_langchain_retriever_over_our_search(index: TinyIndex):
    retriever = IndexRetriever(index=index, k=2)
    assert isinstance(retriever, BaseRetriever)
    docs = retriever.invoke("мусор во дворе")
    assert index.searches == ["мусор во дворе"]
    assert [d.metadata["id"] for d in docs] == [c.id for c in index.chunks[:2]]
    assert docs[0].page_content == index.chunks[0].text


def test_naive_prompt_is_plain_and_drops_context_to_fit(settings, index: TinyIndex):
    llm = FakeLLM(default="Мусор вывезут.", context_window=settings.generation.max_tokens + 60)
    naive = NaiveRAG(llm, index, settings, checker=lambda *a, **k: None)  # type: ignore[arg-type]
    docs = naive.retriever.invoke("мусор")
    prompt, kept = naive.prompt_for("Не вывозят мусор.", docs)
    assert prompt.startswith("Ответь на обращение гражданина, используя контекст:")
    assert prompt.endswith("Обращение: Не вывозят мусор.\nОтвет:")
    assert len(kept) < len(docs)  # 60 tokens leave no room for both chunks
    assert llm.count_tokens(prompt) <= 60 or not kept
    with_facts, _ = naive.prompt_for("Не вывозят мусор.", docs, facts="Вывезут 8 декабря.")
    assert "Факты: Вывезут 8 декабря." in with_facts


def test_measure_a_holds_every_system_to_the_officials_facts(settings, index):
    """(A): the official reply is the facts; a reply that keeps them scores recall 1, one that
    drops the date loses it, and the official reply itself keeps everything."""
    faithful = "Здравствуйте! Мусор во дворе дома 5 на улице Ленина вывезен 12 января."
    llm = FakeLLM(default=faithful)
    report = measure(items(), llm=llm, index=index, settings=settings,
                     systems=("ours", "naive", "official"), with_b=False)  # fmt: skip
    a = report["a"]
    assert set(a) == {"ours", "naive", "official"}
    assert a["ours"]["n"] == a["naive"]["n"] == a["official"]["n"] == 1  # ПОС item: no reply
    assert a["official"]["fact_recall"] == 1.0 and a["official"]["facts_added"] == 0
    assert a["naive"]["fact_recall"] == 1.0
    # ours was given the facts in its prompt, the naive baseline in its paragraph
    assert any("12 января" in m.content for chat in llm.chats for m in chat)
    table = format_table(a)
    assert "fact recall" in table and "official" in table.splitlines()[0]

    lossy = FakeLLM(default="Здравствуйте! Мусор во дворе дома 5 на улице Ленина вывезен.")
    report = measure(items(), llm=lossy, index=index, settings=settings,
                     systems=("naive",), with_b=False)  # fmt: skip
    assert report["a"]["naive"]["fact_recall"] < 1.0
    assert report["rows"]["naive"][0]["lost"] == ["дата «12 января»"]


def test_measure_b_writes_no_final_reply_to_a_problem_report_without_facts(settings, index):
    report = measure(items(), llm=FakeLLM(default=GOOD), index=index, settings=settings,
                     systems=("ours",))  # fmt: skip
    b = report["b"]
    assert b["n"] == 2 and b["finals_to_problem_reports"] == 0
    assert b["shares"].get("needs_facts") == 1.0
    assert report["goal_b"] == {"zero_invented_finals": True}


@pytest.mark.skipif(not (SHARED / "spb_gorod").exists(), reason="needs ../shared/data")
def test_selection_is_january_stratified_two_sources_and_seeded():
    picked = select_items(SHARED, 40)
    assert len(picked) == 40 and picked == select_items(SHARED, 40)
    spb = [it for it in picked if it.id.startswith("spb-")]
    kursk = [it for it in picked if it.id.startswith("kursk-")]
    assert len(kursk) == 8 and all(it.reply is None for it in kursk)
    assert all(it.reply and it.appeal.channel is Channel.pos for it in spb)
    assert len({it.appeal.category for it in spb}) >= 10  # every category before any twice
    assert select_items(SHARED, 40, seed=1) != picked
