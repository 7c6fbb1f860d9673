"""The one error tree of drafter.

Every error the service raises on purpose is a ``DrafterError``. The API maps them once
(``drafter.api.problems``) to ``application/problem+json`` with the stable ``code`` below;
the CLI prints ``message`` and exits non-zero. Backends wrap their library's exceptions
(``raise LLMUnavailable(...) from exc``) so nothing above a seam sees a library type.

    DrafterError                    500 internal
    ├── InvalidInput                422 invalid_input
    │   ├── EmptyAppeal             422 empty_appeal
    │   ├── AppealTooLong           413 appeal_too_long
    │   ├── UnknownChannel          422 unknown_channel
    │   ├── InvalidEncoding         400 invalid_encoding
    │   ├── UnsupportedDocument     415 unsupported_document
    │   └── PayloadTooLarge         413 payload_too_large  (a request body over the limit)
    ├── NotAuthenticated            401 not_authenticated
    ├── Forbidden                   403 forbidden
    ├── NotFound                    404 not_found
    ├── RateLimited                 429 rate_limited       (too many drafts per minute; Retry-After)
    ├── Conflict                    409 conflict
    │   ├── InvalidTransition       409 invalid_transition  (not allowed in this status)
    │   └── PreconditionFailed      412 precondition_failed (If-Match is not the version)
    ├── ConfigError                 500 config_error      (bad settings, missing extra)
    └── BackendError                503 backend_error
        ├── LLMUnavailable          503 llm_unavailable
        ├── EmbedderUnavailable     503 embedder_unavailable
        ├── VectorStoreUnavailable  503 vector_store_unavailable
        └── StorageUnavailable      503 storage_unavailable

``knowledge`` has its own small tree (knowledge.errors) and depends on nothing here; where
drafter calls into knowledge, ``knowledge_errors()`` turns its errors into this tree's
(``from_knowledge``: the one mapping), so nothing above that seam sees a knowledge error.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from knowledge import errors as kerr


class DrafterError(Exception):
    status = 500
    code = "internal"
    title = "Внутренняя ошибка"

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class InvalidInput(DrafterError):
    status = 422
    code = "invalid_input"
    title = "Некорректные данные"


class EmptyAppeal(InvalidInput):
    code = "empty_appeal"
    title = "Пустое обращение"


class AppealTooLong(InvalidInput):
    status = 413
    code = "appeal_too_long"
    title = "Слишком длинное обращение"


class UnknownChannel(InvalidInput):
    code = "unknown_channel"
    title = "Неизвестный канал"


class InvalidEncoding(InvalidInput):
    status = 400
    code = "invalid_encoding"
    title = "Текст не в UTF-8"


class UnsupportedDocument(InvalidInput):
    status = 415
    code = "unsupported_document"
    title = "Формат документа не поддерживается"


class PayloadTooLarge(InvalidInput):
    status = 413
    code = "payload_too_large"
    title = "Слишком большой запрос"


class NotAuthenticated(DrafterError):
    status = 401
    code = "not_authenticated"
    title = "Нужен токен доступа"


class Forbidden(DrafterError):
    status = 403
    code = "forbidden"
    title = "Недостаточно прав"


class NotFound(DrafterError):
    status = 404
    code = "not_found"
    title = "Не найдено"


class RateLimited(DrafterError):
    status = 429
    code = "rate_limited"
    title = "Слишком много запросов"


class Conflict(DrafterError):
    status = 409
    code = "conflict"
    title = "Конфликт версий"


class InvalidTransition(Conflict):
    code = "invalid_transition"
    title = "Недопустимо в этом статусе"


class PreconditionFailed(Conflict):
    status = 412
    code = "precondition_failed"
    title = "Версия изменилась"


class ConfigError(DrafterError):
    code = "config_error"
    title = "Ошибка конфигурации"


class BackendError(DrafterError):
    status = 503
    code = "backend_error"
    title = "Внешний компонент недоступен"


class LLMUnavailable(BackendError):
    code = "llm_unavailable"
    title = "Языковая модель недоступна"


class EmbedderUnavailable(BackendError):
    code = "embedder_unavailable"
    title = "Модель эмбеддингов недоступна"


class VectorStoreUnavailable(BackendError):
    code = "vector_store_unavailable"
    title = "Векторное хранилище недоступно"


class StorageUnavailable(BackendError):
    code = "storage_unavailable"
    title = "База данных недоступна"


class QueueFull(BackendError):
    code = "queue_full"
    title = "Очередь черновиков заполнена"


# knowledge.errors → this tree, by the most specific class an error is an instance of
_FROM_KNOWLEDGE: dict[type[kerr.KnowledgeError], type[DrafterError]] = {
    kerr.InvalidInput: InvalidInput,
    kerr.InvalidEncoding: InvalidEncoding,
    kerr.UnsupportedDocument: UnsupportedDocument,
    kerr.ConfigError: ConfigError,
    kerr.BackendError: BackendError,
    kerr.EmbedderUnavailable: EmbedderUnavailable,
    kerr.VectorStoreUnavailable: VectorStoreUnavailable,
}


def from_knowledge(exc: kerr.KnowledgeError) -> DrafterError:
    """The error of this tree that says what ``exc`` says (same message and details)."""
    for cls in type(exc).__mro__:
        if cls in _FROM_KNOWLEDGE:
            return _FROM_KNOWLEDGE[cls](exc.message, **exc.details)
    return DrafterError(exc.message, **exc.details)


@contextmanager
def knowledge_errors() -> Iterator[None]:
    """Around a call into knowledge (also a decorator): its errors leave as ``DrafterError``s,
    the original as ``__cause__``."""
    try:
        yield
    except kerr.KnowledgeError as exc:
        raise from_knowledge(exc) from exc


__all__ = [
    "AppealTooLong",
    "BackendError",
    "ConfigError",
    "Conflict",
    "DrafterError",
    "EmbedderUnavailable",
    "EmptyAppeal",
    "Forbidden",
    "InvalidEncoding",
    "InvalidInput",
    "InvalidTransition",
    "LLMUnavailable",
    "NotAuthenticated",
    "NotFound",
    "PayloadTooLarge",
    "PreconditionFailed",
    "QueueFull",
    "RateLimited",
    "StorageUnavailable",
    "UnknownChannel",
    "UnsupportedDocument",
    "VectorStoreUnavailable",
    "from_knowledge",
    "knowledge_errors",
]
