"""The LLM seam: one interface, several backends, a fake beside them.

A backend implements ``stream`` (text pieces as they are generated) and ``tokenize``
(the model's own tokenizer, which is the real budget for the prompt). ``complete`` is built
on ``stream`` once, here, so timings mean the same for every backend: prefill is the time to
the first piece, decode the rest.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
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

    def complete(
        self,
        prompt: str,
        params: GenerationParams,
        on_token: Callable[[str], None] | None = None,
    ) -> Completion:
        start = time.perf_counter()
        first: float | None = None
        pieces: list[str] = []
        for piece in self.stream(prompt, params):
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
            prompt_tokens=self.count_tokens(prompt),
            completion_tokens=self.count_tokens(text) if text else 0,
            prefill_s=first - start,
            decode_s=end - first,
        )

    def close(self) -> None:  # backends holding native resources override this
        return None
