"""A scripted LLM for tests: enqueue replies, read back the prompts it was given."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence

from drafter.llm.base import LLM, ChatMessage, GenerationParams


class FakeLLM(LLM):
    name = "fake"

    def __init__(
        self,
        replies: list[str] | None = None,
        default: str | Callable[[str], str] = "Здравствуйте! Ваше обращение получено.",
        context_window: int = 4096,
    ) -> None:
        self.queue: deque[str] = deque(replies or [])
        self.default = default
        self.history: list[tuple[str, GenerationParams]] = []
        # the conversations given to stream_chat; their plain rendering goes to history too
        self.chats: list[list[ChatMessage]] = []
        self.warmed: list[list[ChatMessage]] = []  # the conversations given to warm_chat
        self.context_window = context_window

    def enqueue(self, *replies: str) -> None:
        self.queue.extend(replies)

    def stream(self, prompt: str, params: GenerationParams) -> Iterator[str]:
        self.history.append((prompt, params))
        if self.queue:
            reply = self.queue.popleft()
        else:
            reply = self.default(prompt) if callable(self.default) else self.default
        for stop in params.stop:
            if stop and stop in reply:
                reply = reply[: reply.index(stop)]
        # word-sized pieces, so streaming consumers see more than one event
        words = reply.split(" ")
        for i, word in enumerate(words):
            yield word if i == 0 else " " + word

    def stream_chat(
        self, messages: Sequence[ChatMessage], params: GenerationParams
    ) -> Iterator[str]:
        self.chats.append(list(messages))
        yield from self.stream("\n\n".join(m.content for m in messages), params)

    def warm_chat(self, messages: Sequence[ChatMessage]) -> None:
        self.warmed.append(list(messages))

    def tokenize(self, text: str) -> list[int]:
        # ~4 characters a token, like real BPE on Russian text, stable across runs
        return list(range((len(text) + 3) // 4))
