"""In-process llama.cpp (llama-cpp-python): the default backend, any GGUF file.

A llama.cpp context holds one KV cache and is not thread-safe, so one instance runs one
generation at a time (a lock held for the whole stream). Between calls llama-cpp-python keeps
the KV cache of the previous prompt and re-evaluates only the part after the common prefix,
which makes a repair try on the same prompt cheap.

Beside it, ``warm_chat`` keeps the KV state of a conversation's head (the system message and
the appeal, read when the draft is created) in a small LRU store, ``PrefixStates``, so that
when the executor's facts arrive later — after other drafts have used the context — only the
facts are evaluated. llama-cpp-python's own ``LlamaRAMCache`` cannot serve here: with
``logits_all=False`` its save copies a logits matrix of n_batch × vocabulary (≈ 300 MB for
Qwen) and its load fails on the shape.
"""

from __future__ import annotations

import ctypes
import os
import threading
from collections import OrderedDict
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
        prefix_cache_mb: int = 256,
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
        self._formatter = _gguf_chat_formatter(self._llm)
        self._states = PrefixStates(prefix_cache_mb * 1024 * 1024)
        # of the last prompt, the tokens taken from the context or a kept state, not evaluated
        self.reused_tokens = 0

    def stream(self, prompt: str, params: GenerationParams) -> Iterator[str]:
        yield from self._pieces(
            lambda: self._llm.create_completion(prompt=prompt, **_sampling(params)),
            _text_of,
            "generation",
        )

    def stream_chat(
        self, messages: Sequence[ChatMessage], params: GenerationParams
    ) -> Iterator[str]:
        # the conversation is rendered with the chat template stored in the GGUF, as
        # llama-cpp-python's own chat handler renders it; a fixed system message first keeps
        # the prompt's head identical across drafts, so its KV cache is reused
        if self._formatter is None:  # a model whose template llama-cpp-python knows by name
            turns = _turns(messages)
            yield from self._pieces(
                lambda: self._llm.create_chat_completion(messages=turns, **_sampling(params)),
                _delta_of,
                "chat generation",
            )
            return
        tokens, stop, stopping = self._render(messages)
        sampling = _sampling(params)
        sampling["stop"] = [*(sampling["stop"] or []), *stop] or None

        def start() -> Any:
            self._resume(tokens)
            return self._llm.create_completion(
                prompt=tokens, stopping_criteria=stopping, **sampling
            )

        yield from self._pieces(start, _text_of, "chat generation")

    def warm_chat(self, messages: Sequence[ChatMessage]) -> None:
        if self._formatter is None:
            return
        tokens = self._render(messages)[0]
        with self._lock:
            try:
                self._resume(tokens)
                done = self._llm.n_tokens
                if done < len(tokens):
                    self._llm.eval(tokens[done:])
                self._states.save(self._llm)
            except (ValueError, RuntimeError) as exc:
                raise LLMUnavailable(
                    f"llama.cpp prefill failed ({self.name}): {exc}", model=self.name
                ) from exc

    def _render(self, messages: Sequence[ChatMessage]) -> tuple[list[int], list[str], Any]:
        assert self._formatter is not None
        result = self._formatter(messages=_turns(messages))
        tokens = self._llm.tokenize(
            result.prompt.encode("utf-8"), add_bos=not result.added_special, special=True
        )
        stop = (
            result.stop if isinstance(result.stop, list) else [result.stop] if result.stop else []
        )
        return list(tokens), [str(s) for s in stop], result.stopping_criteria

    def _resume(self, tokens: list[int]) -> None:
        """Load a kept state if it shares more of ``tokens`` than the context holds; leave the
        context at the common prefix (llama-cpp-python evaluates the rest)."""
        common = self._llm.longest_token_prefix  # llama-cpp-python's own, a static method
        held = common(self._llm.input_ids[: self._llm.n_tokens].tolist(), tokens)
        kept = self._states.longest(tokens, common)
        if kept is not None and kept[0] > held:
            self._states.load(self._llm, kept[1])
            held = kept[0]
        self._llm.n_tokens = held
        self.reused_tokens = held

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


class PrefixStates:
    """The KV states of a few conversation heads, least recently used dropped past a byte budget.

    A state is sequence 0's KV cells for the evaluated tokens (about 28 KB a token for
    Qwen2.5-1.5B), without logits: llama-cpp-python always re-evaluates a prompt's last token,
    so the logits are recomputed."""

    def __init__(self, capacity_bytes: int) -> None:
        self.capacity = capacity_bytes
        self._states: OrderedDict[tuple[int, ...], bytes] = OrderedDict()

    def __len__(self) -> int:
        return len(self._states)

    @property
    def size(self) -> int:
        return sum(len(state) for state in self._states.values())

    def save(self, llm: Any) -> None:
        if self.capacity <= 0 or llm.n_tokens == 0:
            return
        import llama_cpp

        key = tuple(llm.input_ids[: llm.n_tokens].tolist())
        size = llama_cpp.llama_state_seq_get_size(llm.ctx, 0)
        buffer = (ctypes.c_uint8 * size)()
        written = llama_cpp.llama_state_seq_get_data(llm.ctx, buffer, size, 0)
        self._states[key] = ctypes.string_at(buffer, written)
        self._states.move_to_end(key)
        while self.size > self.capacity and len(self._states) > 1:
            self._states.popitem(last=False)

    def longest(
        self, tokens: Sequence[int], common: Callable[[Sequence[int], Sequence[int]], int]
    ) -> tuple[int, tuple[int, ...]] | None:
        """(shared length, key) of the kept state sharing the longest head with ``tokens``."""
        best: tuple[int, tuple[int, ...]] | None = None
        for key in self._states:
            shared = common(key, tokens)
            if shared and (best is None or shared > best[0]):
                best = (shared, key)
        return best

    def load(self, llm: Any, key: tuple[int, ...]) -> None:
        import llama_cpp

        state = self._states[key]
        self._states.move_to_end(key)
        llm._ctx.kv_cache_seq_rm(-1, 0, -1)
        buffer = (ctypes.c_uint8 * len(state)).from_buffer_copy(state)
        if not llama_cpp.llama_state_seq_set_data(llm.ctx, buffer, len(state), 0):
            llm.n_tokens = 0
            raise RuntimeError("llama.cpp refused a kept prompt state")
        llm.input_ids[: len(key)] = key
        llm.n_tokens = len(key)


def _turns(messages: Sequence[ChatMessage]) -> list[dict[str, str]]:
    return [{"role": m.role, "content": m.content} for m in messages]


def _gguf_chat_formatter(llm: Any) -> Any:
    """The formatter llama-cpp-python builds from the GGUF's own chat template (the same
    arguments as its ``Llama.__init__``), or None when it picked a named format instead."""
    template = llm.metadata.get("tokenizer.chat_template")
    if not template or llm.chat_format != "chat_template.default":
        return None
    from llama_cpp.llama_chat_format import Jinja2ChatFormatter

    def token_text(token: int) -> str:
        return str(llm._model.token_get_text(token)) if token != -1 else ""

    return Jinja2ChatFormatter(
        template=template,
        eos_token=token_text(llm.token_eos()),
        bos_token=token_text(llm.token_bos()),
        stop_token_ids=[llm.token_eos()],
    )


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
