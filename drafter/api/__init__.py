"""The HTTP API: ``create_app(settings)`` builds it; routers translate HTTP ↔ services."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from drafter.api import analytics, drafts, knowledge, meta, problems, review, tokens
from drafter.api.body_limit import BodyLimit
from drafter.services import Services, build_services
from drafter.settings import Settings
from drafter.ui import mount_ui


def create_app(settings: Settings, services: Services | None = None) -> FastAPI:
    """The app; given ``services`` (tests), it uses them and leaves closing them to the caller."""
    owned = services is None
    services = services or build_services(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        services.start()
        try:
            yield
        finally:
            await run_in_threadpool(services.close if owned else services.jobs.stop)

    app = FastAPI(
        title="drafter",
        summary="Drafts replies to citizens' appeals, grounded in regulations and past answers",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.services = services
    problems.install(app)
    app.include_router(drafts.router)
    app.include_router(review.router)
    app.include_router(meta.router)
    app.include_router(knowledge.router)
    app.include_router(tokens.router)
    app.include_router(analytics.router)
    app.add_middleware(BodyLimit, max_bytes=settings.api.max_upload_bytes)
    mount_ui(app)

    @app.get(
        "/healthz",
        tags=["health"],
        responses={503: {"description": "The database is unreachable (the same report)"}},
    )
    async def healthz() -> JSONResponse:
        report: dict[str, Any] = await run_in_threadpool(services.health)
        return JSONResponse(report, status_code=200 if report["database"]["ok"] else 503)

    return app


__all__ = ["create_app"]
