"""Reading an appeal ahead of its facts with the real default model (Qwen2.5-1.5B, slow).

``warm_chat`` keeps the KV state of a conversation's head; after other conversations have used
the context, a conversation starting with that head resumes from the kept state and evaluates
only the rest. The checks: what is reused, and that the text is the same as when the context
had held the head all along (a wrong restore would decode garbage or another appeal's reply).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path

import pytest

from drafter.llm.base import ChatMessage, GenerationParams
from drafter.llm.llama_cpp import LlamaCppLLM

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        importlib.util.find_spec("llama_cpp") is None, reason="needs llama-cpp-python"
    ),
]

SYSTEM = ChatMessage("system", "Ты помогаешь сотруднику ведомства ответить жителю. Пиши коротко.")
HEAD = ChatMessage(
    "user", "Обращение жителя: «Во дворе дома 15 на улице Ленина третью неделю не вывозят мусор.»\n"
)
FACTS = "Что известно ведомству: «мусор вывезли 5 декабря, перевозчик ООО Чистый город»"
OTHER = [SYSTEM, ChatMessage("user", "Обращение жителя: «Не горит фонарь у дома 3.»")]
GREEDY = GenerationParams(temperature=0.0, max_tokens=24)


@pytest.fixture(scope="module")
def qwen(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LlamaCppLLM]:
    from drafter.llm.model_files import default_model_path

    path: Path = default_model_path(tmp_path_factory.mktemp("models"))
    llm = LlamaCppLLM(path, context_window=1024, threads=2)
    yield llm
    llm.close()


def full() -> list[ChatMessage]:
    return [SYSTEM, ChatMessage("user", HEAD.content + FACTS)]


def reply(llm: LlamaCppLLM, messages: list[ChatMessage]) -> str:
    return "".join(llm.stream_chat(messages, GREEDY))


def test_a_warmed_head_survives_other_prompts_and_gives_the_same_reply(
    qwen: LlamaCppLLM,
) -> None:
    qwen.warm_chat([SYSTEM, HEAD])
    straight = reply(qwen, full())  # the context still holds the head
    head_tokens = qwen.reused_tokens
    assert head_tokens > 20

    reply(qwen, OTHER)  # another appeal takes the context: only the system message is shared
    assert qwen.reused_tokens < head_tokens
    resumed = reply(qwen, full())
    assert qwen.reused_tokens == head_tokens  # the appeal came from the kept state
    assert resumed == straight


def test_without_room_nothing_is_kept(tmp_path_factory: pytest.TempPathFactory) -> None:
    from drafter.llm.model_files import default_model_path

    llm = LlamaCppLLM(
        default_model_path(tmp_path_factory.mktemp("models")),
        context_window=512,
        threads=2,
        prefix_cache_mb=0,
    )
    try:
        llm.warm_chat([SYSTEM, HEAD])
        reply(llm, OTHER)
        reply(llm, full())
        held = llm.reused_tokens
        llm.warm_chat([SYSTEM, HEAD])
        reply(llm, full())
        assert llm.reused_tokens > held  # the head was there only while the context held it
    finally:
        llm.close()
