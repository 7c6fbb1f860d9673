"""The errors of the knowledge package: its own small tree, so that ``knowledge`` depends on
nothing of ``drafter``. drafter maps them once into its error tree (``drafter.errors
.from_knowledge``) where it calls into knowledge; the class names are drafter's names for the
same failure.

    KnowledgeError
    ├── InvalidInput                 a file, record or argument knowledge cannot use
    │   ├── InvalidEncoding          a text file not in UTF-8
    │   └── UnsupportedDocument      a file format no loader reads
    ├── ConfigError                  bad settings or a missing optional package
    └── BackendError                 a library or server knowledge relies on failed
        ├── EmbedderUnavailable
        └── VectorStoreUnavailable
"""

from __future__ import annotations

from typing import Any


class KnowledgeError(Exception):
    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class InvalidInput(KnowledgeError):
    pass


class InvalidEncoding(InvalidInput):
    pass


class UnsupportedDocument(InvalidInput):
    pass


class ConfigError(KnowledgeError):
    pass


class BackendError(KnowledgeError):
    pass


class EmbedderUnavailable(BackendError):
    pass


class VectorStoreUnavailable(BackendError):
    pass


__all__ = [
    "BackendError",
    "ConfigError",
    "EmbedderUnavailable",
    "InvalidEncoding",
    "InvalidInput",
    "KnowledgeError",
    "UnsupportedDocument",
    "VectorStoreUnavailable",
]
