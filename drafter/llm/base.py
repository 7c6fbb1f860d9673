"""The LLM seam: one interface, several backends, a fake beside them.

A backend implements ``stream`` (text pieces of a plain completion) and ``tokenize`` (the
model's own tokenizer, which is the real budget for the prompt). An instruction model also
takes a conversation: ``stream_chat`` renders the messages with the model's own chat template
(llama.cpp reads it from the GGUF; an OpenAI-compatible server applies its own). A backend
without one falls back to a plain «role: text» document, which is what a base model can use.
``complete`` and ``complete_chat`` are built on the streams once, here, so timings mean the
same for every backend: prefill is the time to the first piece, decode the rest.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class GenerationParams:
    temperature: float = 0.0
    max_tokens: int = 200
    stop: tuple[str, ...] = ()
    repeat_penalty: float = 1.15
    top_p: float = 0.95
    top_k: int = 40
    seed: int = 42


@dataclass(frozen=True)
class ChatMessage:
    role: str  # "system" | "user" | "assistant"
    content: str


# what a chat template adds around each message (role markers, separators), for budgets
CHAT_TOKENS_PER_MESSAGE = 6


@dataclass
class Completion:
    text: str
    prompt_tokens: int
    completion_tokens: int
    prefill_s: float
    decode_s: float
    timings: dict[str, float] = field(default_factory=dict)


class LLM(ABC):
    name: str = "llm"
    context_window: int = 4096

    @abstractmethod
    def stream(self, prompt: str, params: GenerationParams) -> Iterator[str]:
        """Yield generated text pieces for a plain completion prompt."""

    @abstractmethod
    def tokenize(self, text: str) -> list[int]:
        """Token ids of ``text`` in the model's own vocabulary."""

    def count_tokens(self, text: str) -> int:
        return len(self.tokenize(text))

    def stream_chat(
        self, messages: Sequence[ChatMessage], params: GenerationParams
    ) -> Iterator[str]:
        """Yield generated text pieces of the assistant's answer to ``messages``.

        Without a chat template of its own, the conversation becomes a completion document."""
        yield from self.stream(plain_chat_document(messages), params)

    def warm_chat(self, messages: Sequence[ChatMessage]) -> None:
        """Evaluate ``messages`` now, so that a later conversation that starts with them starts
        generating sooner (the appeal is read while the executor is still finding out the facts).

        A backend that keeps no state between calls has nothing to do."""
        return

    def count_chat_tokens(self, messages: Sequence[ChatMessage]) -> int:
        return sum(self.count_tokens(m.content) + CHAT_TOKENS_PER_MESSAGE for m in messages)

    def complete(
        self,
        prompt: str,
        params: GenerationParams,
        on_token: Callable[[str], None] | None = None,
    ) -> Completion:
        return self._timed(self.stream(prompt, params), self.count_tokens(prompt), on_token)

    def complete_chat(
        self,
        messages: Sequence[ChatMessage],
        params: GenerationParams,
        on_token: Callable[[str], None] | None = None,
    ) -> Completion:
        return self._timed(
            self.stream_chat(messages, params), self.count_chat_tokens(messages), on_token
        )

    def _timed(
        self,
        pieces_in: Iterator[str],
        prompt_tokens: int,
        on_token: Callable[[str], None] | None,
    ) -> Completion:
        start = time.perf_counter()
        first: float | None = None
        pieces: list[str] = []
        for piece in pieces_in:
            if first is None:
                first = time.perf_counter()
            pieces.append(piece)
            if on_token is not None:
                on_token(piece)
        end = time.perf_counter()
        first = first if first is not None else end
        text = "".join(pieces)
        return Completion(
            text=text,
            prompt_tokens=prompt_tokens,
            completion_tokens=self.count_tokens(text) if text else 0,
            prefill_s=first - start,
            decode_s=end - first,
        )

    def close(self) -> None:  # backends holding native resources override this
        return None


def plain_chat_document(messages: Sequence[ChatMessage]) -> str:
    """A conversation as a completion document, for a model without a chat template."""
    labels = {"system": "Инструкция", "user": "Запрос", "assistant": "Ответ"}
    parts = [f"{labels.get(m.role, m.role)}:\n{m.content.strip()}" for m in messages]
    return "\n\n".join(parts) + "\n\nОтвет:\n"
