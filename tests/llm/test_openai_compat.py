"""The OpenAI-compatible backend: against a real llama.cpp server process, and the protocol
corners (rejected extras, no tokenize endpoint, error events) against httpx.MockTransport."""

from __future__ import annotations

import json

import httpx
import pytest

from drafter.errors import LLMUnavailable
from drafter.llm.base import GenerationParams
from drafter.llm.openai_compat import OpenAICompatLLM

from .conftest import needs_model

PROMPT = (
    "Обращение: «Во дворе дома 5 на ул. Мира переполнены мусорные контейнеры.»\n"
    "Ответ: Здравствуйте! Контейнеры у дома 5 на ул. Мира вывезут сегодня до 18:00.\n\n"
    "Обращение: «Не горит фонарь у подъезда 2 дома 9 на ул. Лесной.»\n"
    "Ответ: Здравствуйте!"
)
GREEDY = GenerationParams(temperature=0.0, max_tokens=24, stop=("\n",), repeat_penalty=1.1)


# -- a real server ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def remote(llama_server: str) -> OpenAICompatLLM:
    llm = OpenAICompatLLM(base_url=llama_server, model="gemma", timeout_s=120, context_window=1024)
    yield llm
    llm.close()


@needs_model
def test_streams_a_deterministic_completion(remote: OpenAICompatLLM) -> None:
    pieces = list(remote.stream(PROMPT, GREEDY))
    assert len(pieces) > 1
    text = "".join(pieces)
    assert text.strip() and "\n" not in text
    assert remote.complete(PROMPT, GREEDY).text == text


@needs_model
def test_same_text_as_the_in_process_backend(remote: OpenAICompatLLM, llama) -> None:
    # same GGUF, greedy, same sampling knobs (repeat penalty and top_k went through as extras)
    assert remote.complete(PROMPT, GREEDY).text == llama.complete(PROMPT, GREEDY).text


@needs_model
def test_tokenize_uses_the_servers_tokenizer(remote: OpenAICompatLLM, llama) -> None:
    text = "Здравствуйте, Анна! Яму у дома 7 заделают до 14 мая."
    assert remote.tokenize(text) == llama.tokenize(text)  # the model's ids, without BOS
    assert remote.tokenize("") == []


@needs_model
def test_wrong_route_is_llm_unavailable_with_the_url(llama_server: str) -> None:
    llm = OpenAICompatLLM(base_url=llama_server + "/nope", model="gemma")
    with pytest.raises(LLMUnavailable, match="/nope/completions"):
        llm.complete(PROMPT, GREEDY)


def test_unreachable_server_is_llm_unavailable_with_the_url() -> None:
    with socket_closed_port() as port:
        llm = OpenAICompatLLM(base_url=f"http://127.0.0.1:{port}/v1", model="m", timeout_s=5)
        with pytest.raises(LLMUnavailable, match=f"127.0.0.1:{port}/v1/completions"):
            llm.complete("x", GREEDY)


class socket_closed_port:
    def __enter__(self) -> int:
        import socket

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))  # bound, never listening: connections are refused
        return self.sock.getsockname()[1]

    def __exit__(self, *exc: object) -> None:
        self.sock.close()


# -- protocol corners, with a scripted transport -----------------------------------------


def sse(*texts: str, done: bool = True) -> bytes:
    lines = [f"data: {json.dumps({'choices': [{'text': t, 'index': 0}]})}\n\n" for t in texts]
    return ("".join(lines) + ("data: [DONE]\n\n" if done else "")).encode()


def word_ids(text: str) -> list[int]:
    return [sum(map(ord, w)) for w in text.split()]


class Server:
    """A scripted OpenAI-compatible server: records requests, answers from handlers."""

    def __init__(self, reject_extras: bool = False, tokenize: str | None = None) -> None:
        self.requests: list[tuple[str, dict]] = []
        self.reject_extras = reject_extras
        self.tokenize = tokenize

    def __call__(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content or b"{}")
        self.requests.append((request.url.path, body))
        if request.url.path == "/v1/completions":
            if self.reject_extras and "top_k" in body:
                return httpx.Response(400, json={"error": "unknown field top_k"})
            return httpx.Response(
                200, content=sse("Яму ", "заделают."), headers={"content-type": "text/event-stream"}
            )
        if request.url.path == "/tokenize" and self.tokenize == "vllm" and "prompt" in body:
            return httpx.Response(200, json={"tokens": word_ids(body["prompt"]), "count": 3})
        if request.url.path == "/tokenize" and self.tokenize == "llamacpp" and "content" in body:
            return httpx.Response(200, json={"tokens": word_ids(body["content"])})
        return httpx.Response(404, json={"detail": "Not Found"})


def client(server: Server) -> OpenAICompatLLM:
    return OpenAICompatLLM(
        base_url="http://llm.test/v1", model="m", api_key="k", transport=httpx.MockTransport(server)
    )


def test_sends_sampling_knobs_and_reads_sse() -> None:
    server = Server()
    params = GenerationParams(
        temperature=0.3, max_tokens=17, stop=("\n", ""), repeat_penalty=1.2, top_k=9, seed=5
    )
    assert list(client(server).stream("prompt", params)) == ["Яму ", "заделают."]
    path, body = server.requests[0]
    assert path == "/v1/completions"
    assert body["stream"] is True and body["prompt"] == "prompt" and body["model"] == "m"
    assert (body["temperature"], body["max_tokens"], body["seed"], body["stop"]) == (
        0.3,
        17,
        5,
        ["\n"],
    )
    assert (body["top_k"], body["repeat_penalty"], body["repetition_penalty"]) == (9, 1.2, 1.2)


def test_a_server_that_rejects_extras_is_asked_again_without_them_once() -> None:
    server = Server(reject_extras=True)
    llm = client(server)
    assert llm.complete("p", GREEDY).text == "Яму заделают."
    assert llm.complete("p", GREEDY).text == "Яму заделают."
    sent = [b for p, b in server.requests if p == "/v1/completions"]
    assert ["top_k" in b for b in sent] == [True, False, False]


def test_error_event_and_http_errors_are_llm_unavailable() -> None:
    def erroring(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b'data: {"error": {"message": "boom"}}\n\n')

    llm = OpenAICompatLLM(
        base_url="http://llm.test/v1", model="m", transport=httpx.MockTransport(erroring)
    )
    with pytest.raises(LLMUnavailable, match="boom"):
        llm.complete("p", GREEDY)
    down = OpenAICompatLLM(
        base_url="http://llm.test/v1", model="m",
        transport=httpx.MockTransport(lambda r: httpx.Response(503, text="overloaded")),
    )  # fmt: skip
    with pytest.raises(LLMUnavailable, match="http://llm.test/v1/completions.*503"):
        down.complete("p", GREEDY)


def test_a_server_that_always_adds_bos_has_it_removed() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        if request.url.path == "/tokenize" and "content" in body:
            return httpx.Response(200, json={"tokens": [2, *word_ids(body["content"])]})
        return httpx.Response(404)

    llm = OpenAICompatLLM("http://llm.test/v1", "m", transport=httpx.MockTransport(handler))
    assert llm.tokenize("раз два") == word_ids("раз два")


@pytest.mark.parametrize("kind", ["vllm", "llamacpp"])
def test_server_tokenizer_is_found_and_remembered(kind: str) -> None:
    server = Server(tokenize=kind)
    llm = client(server)
    assert llm.tokenize("раз два") == word_ids("раз два")
    probes = len(server.requests)
    assert llm.tokenize("раз два три") == word_ids("раз два три")
    assert len(server.requests) == probes + 1  # no probing the second time


def test_without_a_tokenize_endpoint_cl100k_estimates() -> None:
    server = Server()
    llm = client(server)
    n = llm.count_tokens("Здравствуйте, Анна! Яму у дома 7 заделают до 14 мая.")
    assert 10 < n < 60
    probes = len(server.requests)
    llm.count_tokens("ещё")
    assert len(server.requests) == probes  # the fallback is remembered


def test_api_key_is_sent_as_bearer() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("authorization", ""))
        return httpx.Response(200, content=sse("ok"))

    OpenAICompatLLM(
        "http://llm.test/v1", "m", api_key="s3cret", transport=httpx.MockTransport(handler)
    ).complete("p", GREEDY)
    assert seen and set(seen) == {"Bearer s3cret"}
