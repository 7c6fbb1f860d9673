"""make_llm builds these backends from settings (the constructor signatures it relies on)."""

from __future__ import annotations

from pathlib import Path

from drafter.factories import make_llm
from drafter.llm.openai_compat import OpenAICompatLLM
from drafter.settings import Settings

from .conftest import needs_model


@needs_model
def test_default_backend_assembles_the_bundled_model_in_the_data_dir(tmp_path: Path) -> None:
    from drafter.llm.llama_cpp import LlamaCppLLM

    # the default is Qwen2.5-Coder-1.5B-Instruct; the small Gemma keeps this test quick
    assert Settings().llm.bundled == "qwen2.5-1.5b-instruct"
    settings = Settings(
        data_dir=tmp_path, llm={"context_window": 512, "threads": 1, "bundled": "gemma3-270m"}
    )
    llm = make_llm(settings)
    try:
        assert isinstance(llm, LlamaCppLLM)
        assert llm.model_path.parent == settings.model_dir
        assert llm.name == "gemma-3-270m-q4_k_m" and llm.context_window == 512
        assert llm.count_tokens("Здравствуйте!") > 0
    finally:
        llm.close()


def test_openai_backend_from_settings() -> None:
    settings = Settings(
        llm={
            "backend": "openai",
            "base_url": "http://127.0.0.1:9/v1/",
            "model": "gemma",
            "api_key": "k",
            "context_window": 8192,
        }
    )
    llm = make_llm(settings)
    assert isinstance(llm, OpenAICompatLLM)
    assert (llm.base_url, llm.root_url, llm.name, llm.context_window) == (
        "http://127.0.0.1:9/v1",
        "http://127.0.0.1:9",
        "gemma",
        8192,
    )
