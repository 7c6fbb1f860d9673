"""In-process llama.cpp (llama-cpp-python): the default backend, any GGUF file.

A llama.cpp context holds one KV cache and is not thread-safe, so one instance runs one
generation at a time (a lock held for the whole stream). Between calls llama-cpp-python keeps
the KV cache of the previous prompt and re-evaluates only the part after the common prefix,
which makes a repair try on the same few-shot prompt cheap.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from drafter.errors import ConfigError, LLMUnavailable
from drafter.llm.base import LLM, ChatMessage, GenerationParams


class LlamaCppLLM(LLM):
    def __init__(
        self,
        model_path: str | Path,
        context_window: int = 4096,
        threads: int | None = None,
        seed: int = 42,
    ) -> None:
        path = Path(model_path)
        if not path.is_file():
            raise ConfigError(f"model file {path} does not exist (llm.model_path)")
        Llama = import_llama()
        self.name = path.stem
        self.model_path = path
        self.context_window = context_window
        self._lock = threading.Lock()
        n_threads = threads or _usable_cores()
        try:
            self._llm = Llama(
                model_path=str(path),
                n_ctx=context_window,
                n_threads=n_threads,
                n_threads_batch=n_threads,
                seed=seed,
                logits_all=False,
                verbose=False,
            )
        except Exception as exc:  # llama.cpp reports a bad file as ValueError/RuntimeError
            raise LLMUnavailable(f"cannot load model {path}: {exc}", model=str(path)) from exc

    def stream(self, prompt: str, params: GenerationParams) -> Iterator[str]:
        yield from self._pieces(
            lambda: self._llm.create_completion(prompt=prompt, **_sampling(params)),
            _text_of,
            "generation",
        )

    def stream_chat(
        self, messages: Sequence[ChatMessage], params: GenerationParams
    ) -> Iterator[str]:
        # llama-cpp-python renders the conversation with the chat template stored in the GGUF;
        # a fixed system message first keeps the prompt's head identical across drafts, so the
        # KV cache of that prefix is reused and only the rest is evaluated
        turns = [{"role": m.role, "content": m.content} for m in messages]
        yield from self._pieces(
            lambda: self._llm.create_chat_completion(messages=turns, **_sampling(params)),
            _delta_of,
            "chat generation",
        )

    def _pieces(
        self, start: Callable[[], Any], piece_of: Callable[[Any], str], what: str
    ) -> Iterator[str]:
        # Held while the caller iterates; closing the generator early releases it.
        with self._lock:
            try:
                for chunk in start():
                    piece = piece_of(chunk)
                    if piece:
                        yield piece
            except (ValueError, RuntimeError) as exc:
                raise LLMUnavailable(
                    f"llama.cpp {what} failed ({self.name}): {exc}", model=self.name
                ) from exc

    def tokenize(self, text: str) -> list[int]:
        if not text:
            return []
        # No lock: tokenizing reads only the model's vocabulary, never the context, so
        # another appeal's prompt can be packed while this instance is generating.
        try:
            return list(self._llm.tokenize(text.encode("utf-8"), add_bos=False, special=False))
        except (ValueError, RuntimeError) as exc:
            raise LLMUnavailable(f"llama.cpp tokenize failed: {exc}", model=self.name) from exc

    def close(self) -> None:
        llm = getattr(self, "_llm", None)
        if llm is not None:
            with self._lock:
                llm.close()
                self._llm = None


def import_llama() -> Any:
    """``llama_cpp.Llama``, with OpenMP threads that sleep instead of spinning while they wait.

    llama.cpp's OpenMP workers busy-wait between steps by default. On a small machine shared
    with the API, the retriever and other workers, a spinning thread steals the core the other
    one needs and decoding slows down several-fold (measured: 6 → 48 tokens/s on 2 busy cores).
    libgomp reads the variable when it is loaded, i.e. at the first ``import llama_cpp`` of the
    process, so every user of llama_cpp should import it through here.
    """
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    try:
        from llama_cpp import Llama
    except ImportError as exc:
        raise ConfigError(f"llm.backend=llama_cpp needs llama-cpp-python ({exc})") from exc
    return Llama


def _usable_cores() -> int:
    # in a container the cores we may run on can be fewer than the machine's
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _text_of(chunk: Any) -> str:
    try:
        return chunk["choices"][0]["text"] or ""
    except (KeyError, IndexError, TypeError):
        return ""


def _sampling(params: GenerationParams) -> dict[str, Any]:
    """The streaming request's sampling arguments, the same for a prompt and a conversation."""
    return {
        "max_tokens": params.max_tokens,
        "temperature": params.temperature,
        "top_p": params.top_p,
        "top_k": params.top_k,
        "repeat_penalty": params.repeat_penalty,
        "stop": [s for s in params.stop if s] or None,
        "seed": params.seed,
        "stream": True,
    }


def _delta_of(chunk: Any) -> str:
    try:
        return chunk["choices"][0]["delta"].get("content") or ""
    except (KeyError, IndexError, TypeError, AttributeError):
        return ""
