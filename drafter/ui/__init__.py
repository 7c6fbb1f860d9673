"""The reviewer's web UI: static HTML/CSS/JS served at ``/ui``, talking to the /v1 API.

No build step and nothing fetched from the network: the files under ``static/`` are served as
they are. The page keeps the caller's token in sessionStorage and sends it as a Bearer token;
the UI itself needs no authentication (it holds no data, only the code that asks the API).
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import FileResponse, RedirectResponse
from starlette.staticfiles import StaticFiles

STATIC_DIR = Path(__file__).parent / "static"

# Appeals are untrusted text: the script inserts them with textContent, and this policy
# forbids inline scripts and any other origin, so an injected tag could not run or phone home.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
        "form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}

router = APIRouter(include_in_schema=False)


@router.get("/ui")
async def index() -> FileResponse:
    return FileResponse(STATIC_DIR / "index.html", headers=SECURITY_HEADERS)


@router.get("/ui/")
async def index_slash() -> RedirectResponse:
    return RedirectResponse("/ui", status_code=308)


class _StaticWithHeaders(StaticFiles):
    async def get_response(self, path, scope):  # type: ignore[no-untyped-def]
        response = await super().get_response(path, scope)
        response.headers.update(SECURITY_HEADERS)
        return response


def mount_ui(app: FastAPI) -> None:
    """Serve the UI at ``/ui`` (its files at ``/ui/static/…``)."""
    app.include_router(router)
    app.mount("/ui/static", _StaticWithHeaders(directory=STATIC_DIR), name="ui-static")


__all__ = ["mount_ui", "router"]
