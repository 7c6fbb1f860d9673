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


def test_measure_runs_the_three_systems_with_one_llm_and_one_checker(settings, index):
    llm = FakeLLM(default=GOOD)
    report = measure(items(), llm=llm, index=index, settings=settings)
    s = report["summaries"]
    assert set(s) == {"ours", "naive", "human", "human·grounded"}
    assert s["ours"]["n"] == s["naive"]["n"] == 2
    assert s["human"]["n"] == s["human·grounded"]["n"] == 1  # the ПОС item has no reply
    # both drafting systems called the same LLM: ours' template and the naive plain prompt
    prompts = [p for p, _ in llm.history]
    naive_prompts = [p for p in prompts if p.startswith("Ответь на обращение гражданина")]
    assert len(naive_prompts) == 2 and len(prompts) > 2
    assert "<p>" not in naive_prompts[1]  # markup cleaned before retrieval and prompting
    # every text was checked: scores and latencies are there for the drafting systems
    for name in ("ours", "naive"):
        assert s[name]["mean_score"] is not None and s[name]["latency"]["p50"] > 0
    assert s["human"]["latency"]["p50"] is None
    ours = report["items"]["ours"][0]
    assert ours["sources"], "our draft's full source texts feed the human·grounded row"
    table = format_table(s)
    assert "pass rate" in table.splitlines()[2] and "human·grounded" in table.splitlines()[0]


def test_human_grounded_row_uses_our_grounding_rule(settings, index):
    # an official's own finding (a date no source has) is fine as a person's text and
    # UNGROUNDED under the generated-text rule
    report = measure(items()[:1], llm=FakeLLM(default=GOOD), index=index, settings=settings)
    plain = report["items"]["human"][0]["quality"]["violations"]
    grounded = report["items"]["human·grounded"][0]["quality"]["violations"]
    assert "UNGROUNDED" not in {v["code"] for v in plain}
    assert "UNGROUNDED" in {v["code"] for v in grounded}


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
