"""Every error the API returns, as ``application/problem+json`` (RFC 9457), mapped once here.

Body: ``type``, ``title``, ``status``, ``detail``, a stable ``code`` (see drafter.errors) and,
for invalid fields, ``errors``: ``[{"field", "message", "type"}]``.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from drafter.errors import (
    AppealTooLong,
    DrafterError,
    EmptyAppeal,
    InvalidEncoding,
    InvalidInput,
    UnknownChannel,
)

log = logging.getLogger(__name__)

MEDIA_TYPE = "application/problem+json"
HTTP_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    412: "precondition_failed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_input",
    429: "too_many_requests",
}


class FieldProblem(BaseModel):
    field: str = Field(description="the field, dotted (appeal.text), or body")
    message: str
    type: str


class Problem(BaseModel):
    """An error (RFC 9457); members beyond these carry the error's details (e.g. ``limit``,
    ``retry_after``)."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(description="urn:drafter:problem:<code>")
    title: str = Field(description="in Russian, for people")
    status: int
    detail: str
    code: str = Field(description="stable, for programs: see drafter/errors.py")
    errors: list[FieldProblem] | None = Field(default=None, description="invalid fields")


# what each documented error status means in this API (the codes are drafter.errors')
ERROR_DESCRIPTIONS = {
    400: "invalid_encoding: the body is not UTF-8, or cannot be parsed",
    401: "not_authenticated: no token, an unknown one, a revoked or an expired one",
    403: "forbidden: the caller's role may not do this",
    404: "not_found: no such object, or not visible to the caller",
    409: "conflict / invalid_transition: another version, or not allowed in this status",
    412: "precondition_failed: If-Match is not the current version",
    413: "payload_too_large / appeal_too_long: the body or the appeal is over its limit",
    415: "unsupported_document: a file type drafter cannot read",
    422: "invalid_input (and its kinds, e.g. empty_appeal): a field is missing or out of range",
    429: "rate_limited: too many new drafts from this token; see Retry-After",
    503: "a backend (database, model, index) is unavailable, or queue_full; see Retry-After",
}
# every endpoint with a token may answer these
AUTHENTICATED = (401, 422, 503)


def documented(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """``responses=`` for a route: each error status with the Problem body."""
    return {
        status: {"model": Problem, "description": ERROR_DESCRIPTIONS[status]}
        for status in sorted(set(statuses))
    }


def install_openapi(app: FastAPI) -> None:
    """Error responses in the OpenAPI under ``application/problem+json``, as they are sent
    (FastAPI lists a ``responses=`` model under application/json)."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                summary=app.summary,
                description=app.description,
                routes=app.routes,
            )
            for operation in _operations(schema):
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if status[:1] in "45" and "application/json" in content:
                        content[MEDIA_TYPE] = content.pop("application/json")
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    methods = ("get", "put", "post", "delete", "patch", "head", "options")
    return [
        op for item in schema.get("paths", {}).values() for m, op in item.items() if m in methods
    ]


def problem(
    status: int,
    code: str,
    title: str,
    detail: str,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": f"urn:drafter:problem:{code}",
        "title": title,
        "status": status,
        "detail": detail,
        "code": code,
    }
    if errors:
        body["errors"] = errors
    body.update({k: v for k, v in extra.items() if k not in body})
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


def from_error(exc: DrafterError, errors: list[dict[str, Any]] | None = None) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else {}
    if isinstance(exc.details.get("retry_after"), int):
        headers["Retry-After"] = str(exc.details["retry_after"])
    extra = {k: v for k, v in exc.details.items() if isinstance(v, (str, int, float, bool))}
    return problem(exc.status, exc.code, exc.title, exc.message, errors, headers, **extra)


def _field(loc: tuple[Any, ...] | list[Any]) -> str:
    if len(loc) == 2 and loc[0] == "body" and isinstance(loc[1], int):
        return "body"  # a JSON decode error's position, not a field
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header", "form")]
    return ".".join(parts) or "body"


def classify(errors: Sequence[Mapping[str, Any]]) -> DrafterError:
    """The one DrafterError that best names what is wrong with a request."""
    for err in errors:
        if err.get("type") == "json_invalid":
            reason = (err.get("ctx") or {}).get("error", "")
            pos = err.get("loc", ("body", "?"))[-1]
            return InvalidInput(f"the request body is not valid JSON ({reason} at position {pos})")
        if err.get("type") == "missing" and tuple(err.get("loc", ())) == ("body",):
            return InvalidInput("the request body is empty; send a JSON object")
    for err in errors:
        kind, field = err.get("type", ""), _field(err.get("loc", ()))
        if field in ("appeal.text", "text"):
            if kind == "string_too_long":
                limit = (err.get("ctx") or {}).get("max_length")
                return AppealTooLong(f"the appeal text is longer than {limit} characters")
            if kind in ("string_too_short", "value_error"):  # "" or only whitespace
                return EmptyAppeal("the appeal text is empty")
        if field.endswith("channel") and kind == "enum":
            expected = (err.get("ctx") or {}).get("expected", "")
            return UnknownChannel(f"unknown channel {err.get('input')!r}; expected {expected}")
    return InvalidInput(
        "the request is invalid: "
        + "; ".join(f"{_field(e.get('loc', ()))}: {e.get('msg', '')}" for e in errors[:5])
    )


def _field_errors(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {"field": _field(e.get("loc", ())), "message": e.get("msg", ""), "type": e.get("type", "")}
        for e in errors
    ]


async def _on_drafter_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DrafterError)
    if exc.status >= 500:
        log.error("%s: %s", exc.code, exc.message)
    return from_error(exc)


async def _on_validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = list(exc.errors())
    return from_error(classify(errors), _field_errors(errors))


async def _on_http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 405:
        return _method_not_allowed(request)
    # FastAPI turns a body it cannot decode into a bare 400; name the usual cause
    if isinstance(exc.__cause__, UnicodeDecodeError):
        return from_error(InvalidEncoding("the request body is not valid UTF-8"))
    if isinstance(exc.__cause__, DrafterError):  # e.g. the body limit, hit while parsing
        return from_error(exc.__cause__)
    code = HTTP_CODES.get(exc.status_code, "internal" if exc.status_code >= 500 else "error")
    detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    return problem(exc.status_code, code, detail, detail, headers=getattr(exc, "headers", None))


def _method_not_allowed(request: Request) -> JSONResponse:
    # Starlette's 405 names only the first route on the path (GET /v1/tokens hides POST)
    methods: set[str] = set()
    for route in request.app.router.routes:
        match, _ = route.matches({**request.scope, "method": "\x00"})
        if match is Match.PARTIAL:
            methods |= set(getattr(route, "methods", None) or ())
    allow = ", ".join(sorted(methods))
    detail = f"{request.method} is not allowed here; allowed: {allow}"
    return problem(
        405, "method_not_allowed", "Method Not Allowed", detail, headers={"Allow": allow}
    )


async def _on_unexpected(_: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error", exc_info=exc)
    return problem(500, "internal", DrafterError.title, "an unexpected error occurred")


def install(app: FastAPI) -> None:
    app.add_exception_handler(DrafterError, _on_drafter_error)
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
    app.add_exception_handler(Exception, _on_unexpected)
    install_openapi(app)
