"""evals.replay: stored completions through today's pipeline, on the FakeLLM's seam."""

from __future__ import annotations

from drafter.domain import Appeal, Channel
from evals.dataset import EvalItem
from evals.replay import StoredCompletions, replay

from .conftest import TinyIndex

FACTS = (
    "Уважаемый пользователь! Рассмотрев Ваше обращение № 3120333, сообщаем следующее, что "
    "водоотведение Вашего дома восстановлено, засор прочищен. Течь устранена. Приложение: акт"
)


def test_the_stored_completions_come_back_in_order_then_the_last_again():
    from drafter.llm.base import ChatMessage, GenerationParams

    llm = StoredCompletions(["Первый ответ.", "Второй ответ."])
    msgs = [ChatMessage("user", "?")]
    # the prompt's stop sequences do not cut what the model wrote then
    params = GenerationParams(stop=("ответ",))
    assert [llm.complete_chat(msgs, params).text for _ in range(3)] == [
        "Первый ответ.",
        "Второй ответ.",
        "Второй ответ.",
    ]


def test_a_replayed_row_is_the_stored_completion_through_the_pipeline(index: TinyIndex):
    item = EvalItem(
        id="spb-3120333",
        appeal=Appeal(text="В подвале течь и засор канализации.", channel=Channel.pos),
        reference_reply=FACTS,
        reply=FACTS,
    )
    stored = "Здравствуйте! Течь устранена. Письмо, акт и фотофиксация."
    report = {
        "rows": {
            "ours": [
                {"id": item.id, "text": stored, "attempts": [{"completion": stored}]},
                {"id": "spb-unknown", "text": "—", "attempts": [{"completion": "—"}]},
            ]
        }
    }
    rows = replay(report, [item], index)
    assert [r["id"] for r in rows] == [item.id]
    row = rows[0]
    assert row["before"] == stored
    # the lost main fact is put back and the attachments list goes
    assert "Водоотведение Вашего дома восстановлено" in row["text"]
    assert "фотофиксация" not in row["text"]
    assert row["kept"] == row["given"]
