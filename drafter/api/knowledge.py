"""/v1/knowledge/documents: what the drafter may cite and copy from."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, UploadFile, status
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel

from drafter.api.deps import AdminDep, ServicesDep
from drafter.api.problems import AUTHENTICATED, documented

router = APIRouter(prefix="/v1/knowledge", tags=["knowledge"])


class IngestResult(BaseModel):
    id: str | None  # the document's id (the first one, for a file of answers)
    ids: list[str]
    documents: int
    chunks: int
    kind: str


@router.post(
    "/documents",
    response_model=IngestResult,
    status_code=status.HTTP_201_CREATED,
    responses=documented(*AUTHENTICATED, 400, 403, 413, 415),
)
async def upload_document(
    services: ServicesDep,
    _: AdminDep,
    file: Annotated[UploadFile, File(description="A regulation (txt/html/pdf/docx) or answers")],
    kind: Annotated[Literal["regulation", "answers"] | None, Form()] = None,
    format: Annotated[str | None, Form(description="answers format: jsonl, csv, spb")] = None,
    agency: Annotated[str | None, Form()] = None,
) -> IngestResult:
    data = await file.read()
    report = await run_in_threadpool(
        lambda: services.add_document(
            file.filename or "upload", data, kind=kind, format=format, agency=agency
        )
    )
    return IngestResult(**report.as_dict())


@router.get("/documents", responses=documented(*AUTHENTICATED, 403))
async def list_documents(services: ServicesDep, caller: AdminDep) -> list[dict[str, Any]]:
    """Every indexed document (admin only: the list names agencies and learned drafts)."""
    return await run_in_threadpool(services.list_documents, caller)


@router.delete(
    "/documents/{doc_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=documented(*AUTHENTICATED, 403, 404),
)
async def delete_document(doc_id: str, services: ServicesDep, _: AdminDep) -> None:
    await run_in_threadpool(services.delete_document, doc_id)
