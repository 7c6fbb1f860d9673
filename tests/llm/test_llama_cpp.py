"""The in-process llama.cpp backend with the real default model (a few seconds of generation)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from drafter.errors import ConfigError, LLMUnavailable
from drafter.llm.base import GenerationParams
from drafter.llm.llama_cpp import LlamaCppLLM

from .conftest import needs_model

pytestmark = needs_model

PROMPT = (
    "Обращение: «Во дворе дома 5 на ул. Мира переполнены мусорные контейнеры.»\n"
    "Ответ: Здравствуйте! Контейнеры у дома 5 на ул. Мира вывезут сегодня до 18:00.\n\n"
    "Обращение: «Не горит фонарь у подъезда 2 дома 9 на ул. Лесной.»\n"
    "Ответ: Здравствуйте!"
)
GREEDY = GenerationParams(temperature=0.0, max_tokens=24, stop=("\n",), repeat_penalty=1.1)


def test_name_and_window(llama: LlamaCppLLM, default_gguf: Path) -> None:
    assert llama.name == default_gguf.stem
    assert llama.context_window == 1024


def test_temperature_zero_is_deterministic(llama: LlamaCppLLM) -> None:
    first = llama.complete(PROMPT, GREEDY)
    llama.complete("Совсем другой текст, чтобы сменить кэш:", GREEDY)
    second = llama.complete(PROMPT, GREEDY)
    assert first.text.strip()
    assert first.text == second.text
    assert first.completion_tokens == llama.count_tokens(first.text) > 0
    assert first.prompt_tokens == llama.count_tokens(PROMPT)


def test_sampling_with_a_seed_is_reproducible(llama: LlamaCppLLM) -> None:
    params = GenerationParams(temperature=0.9, top_p=0.95, top_k=40, max_tokens=16, seed=7)
    assert llama.complete(PROMPT, params).text == llama.complete(PROMPT, params).text


def test_stream_yields_pieces_and_honours_stop(llama: LlamaCppLLM) -> None:
    pieces = list(llama.stream(PROMPT, GREEDY))
    assert len(pieces) > 1
    assert all(isinstance(p, str) and p for p in pieces)
    assert "\n" not in "".join(pieces)  # the stop sequence ends the answer and is not returned
    assert "".join(pieces) == llama.complete(PROMPT, GREEDY).text


def test_max_tokens_bounds_the_completion(llama: LlamaCppLLM) -> None:
    out = llama.complete(PROMPT, GenerationParams(max_tokens=5, stop=()))
    assert 0 < out.completion_tokens <= 6  # re-tokenizing the text may merge differently by one


def test_tokenize_uses_the_models_vocabulary_without_bos(llama: LlamaCppLLM) -> None:
    ids = llama.tokenize("Здравствуйте, Анна!")
    assert ids and all(isinstance(i, int) for i in ids)
    assert ids[0] != llama._llm.token_bos()
    assert llama.tokenize("") == []
    # the model's own tokenizer, not a character estimate: Russian words are few tokens here
    text = "Яму у дома 7 на улице Ленина заделают до четырнадцатого мая."
    assert llama.count_tokens(text) < len(text) // 2
    assert llama.count_tokens(text + " " + text) > llama.count_tokens(text)


def test_one_generation_at_a_time(llama: LlamaCppLLM) -> None:
    expected = llama.complete(PROMPT, GREEDY).text
    results: list[str] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            results.append(llama.complete(PROMPT, GREEDY).text)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors
    assert results == [expected] * 3  # interleaved use of one context would garble these


def test_closing_a_stream_early_releases_the_model(llama: LlamaCppLLM) -> None:
    stream = llama.stream(PROMPT, GenerationParams(max_tokens=50, stop=()))
    next(stream)
    stream.close()
    assert llama.complete(PROMPT, GREEDY).text  # would deadlock if the lock were still held


def test_prompt_longer_than_the_window_is_llm_unavailable(llama: LlamaCppLLM) -> None:
    with pytest.raises(LLMUnavailable, match="gemma"):
        llama.complete("дом " * 3000, GREEDY)


def test_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=str(tmp_path / "none.gguf")):
        LlamaCppLLM(tmp_path / "none.gguf")


def test_a_file_that_is_not_a_model_is_llm_unavailable(tmp_path: Path) -> None:
    bad = tmp_path / "bad.gguf"
    bad.write_bytes(b"not a model at all" * 100)
    with pytest.raises(LLMUnavailable, match="bad.gguf"):
        LlamaCppLLM(bad)


def test_a_packed_prompt_fits_the_real_window(llama: LlamaCppLLM) -> None:
    from drafter.domain import Appeal
    from drafter.postprocess import clean_draft
    from drafter.prompting import compose_prompt
    from knowledge.types import Chunk, Hit

    hits = [
        Hit(
            Chunk(
                id=f"a{i}",
                doc_id=f"d{i}",
                kind="answer",
                text="Здравствуйте! Контейнеры у дома 5 вывезут сегодня до 18:00. " * 8,
                search_text=f"Во дворе дома {i} переполнены контейнеры, мусор не вывозят. " * 4,
            ),
            1.0 - i / 10,
        )
        for i in range(8)
    ]
    appeal = Appeal(text="Не вывозят мусор у дома 9 на ул. Лесной. " * 20, author_name="Анна")
    prompt = compose_prompt("draft_v1", appeal, hits, llama, max_new_tokens=200)
    assert 0 < len(prompt.used_hits) < len(hits)  # the real tokenizer forced drops
    assert prompt.prompt_tokens == llama.count_tokens(prompt.text)
    assert prompt.prompt_tokens + 200 <= llama.context_window - 16
    out = llama.complete(prompt.text, GenerationParams(max_tokens=8, stop=prompt.stop))
    assert clean_draft(out.text, prefix=prompt.answer_prefix).startswith("Анна, здравствуйте!")
