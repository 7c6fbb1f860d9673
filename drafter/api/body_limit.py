"""A bound on request bodies, enforced as the bytes arrive, before anything is parsed or
spooled: a declared Content-Length over the limit is refused at once, a body that grows past
it (chunked, or lying about its length) is cut off when it does. Both are 413
payload_too_large in problem+json (drafter.api.problems)."""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from drafter.api.problems import from_error
from drafter.errors import PayloadTooLarge


class BodyLimit:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await from_error(self._too_large())(scope, receive, send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    # FastAPI turns an error while reading the body into a 400 caused by this
                    # one; drafter.api.problems answers with the cause
                    raise self._too_large()
            return message

        await self.app(scope, limited, send)

    def _too_large(self) -> PayloadTooLarge:
        mb = self.max_bytes / (1024 * 1024)
        return PayloadTooLarge(
            f"запрос больше {mb:g} МБ (настройка api.max_upload_mb)", limit=self.max_bytes
        )
