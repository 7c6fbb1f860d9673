"""API test fixtures: services on a fake drafter and a fake index, tokens per role."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from drafter.auth import Role
from drafter.domain import Appeal, Citation, DraftResult, Quality, Violation
from drafter.llm.base import GenerationParams
from drafter.llm.fake import FakeLLM
from drafter.services import Services, build_services
from drafter.settings import Settings
from knowledge.types import Document

REPLY = "Здравствуйте! Вывоз мусора по адресу ул. Ленина, д. 5 организован. Спасибо за обращение."


class FakeDrafter:
    """Drafts with the FakeLLM, streaming its pieces.

    ``hold()`` makes the next draft stop after its first piece until ``release()``, so a test
    can look at a draft while it is being written. ``error`` makes drafting raise it.
    """

    def __init__(self, llm: FakeLLM | None = None) -> None:
        self.llm = llm or FakeLLM(default=REPLY)
        self.passed = True
        self.error: Exception | None = None
        self.calls: list[Appeal] = []
        self.warmed: list[Appeal] = []
        self.first_piece = threading.Event()
        self._gate = threading.Event()
        self._gate.set()

    def hold(self) -> None:
        self.first_piece.clear()
        self._gate.clear()

    def release(self) -> None:
        self._gate.set()

    def warm_for_facts(self, appeal: Appeal) -> None:
        self.warmed.append(appeal)

    def draft(
        self,
        appeal: Appeal,
        facts: str | None = None,
        on_token: Callable[[str], None] | None = None,
    ) -> DraftResult:
        self.calls.append(appeal)
        if self.error is not None:
            raise self.error

        def emit(piece: str) -> None:
            if on_token:
                on_token(piece)
            if not self.first_piece.is_set():
                self.first_piece.set()
                assert self._gate.wait(10), "the test never released the drafter"

        done = self.llm.complete(f"Обращение: {appeal.text}\nОтвет:", GenerationParams(), emit)
        violations = (
            []
            if self.passed
            else [
                Violation(code="no_deadline", severity="major", start=0, end=5, message="нет срока")
            ]
        )
        return DraftResult(
            text=done.text,
            citations=[
                Citation(
                    source_id="reg-1#0", title="Правила благоустройства", snippet="п. 3.1 вывоз ТКО"
                )
            ],
            quality=Quality(
                score=90 if self.passed else 40, passed=self.passed, violations=violations
            ),
            timings={"generate": done.decode_s},
            prompt_version="fake_v1",
            model="fake",
        )


class FakeIndex:
    """The parts of knowledge.index.KnowledgeIndex the services use, in memory."""

    def __init__(self) -> None:
        self.docs: dict[str, Document] = {}

    def add_documents(self, docs: list[Document], progress: bool = True) -> dict[str, int]:
        for d in docs:
            self.docs[d.id] = d
        return {"documents": len(docs), "chunks": sum(len(d.chunks) for d in docs)}

    def delete_document(self, doc_id: str) -> bool:
        return self.docs.pop(doc_id, None) is not None

    def documents(self) -> list[dict[str, Any]]:
        return [
            {"id": d.id, "kind": d.kind, "title": d.title, "chunks": len(d.chunks)}
            for d in self.docs.values()
        ]

    def search(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []


@pytest.fixture
def drafter() -> FakeDrafter:
    return FakeDrafter()


@pytest.fixture
def index() -> FakeIndex:
    return FakeIndex()


@pytest.fixture
def services(settings: Settings, drafter: FakeDrafter, index: FakeIndex) -> Iterator[Services]:
    svc = build_services(settings, index=index, drafting=drafter)  # type: ignore[arg-type]
    try:
        yield svc
    finally:
        drafter.release()
        svc.close()


@pytest.fixture
def make_services(settings: Settings) -> Iterator[Callable[..., Services]]:
    """More services on the same settings (a restart), on fresh fakes unless given; closed
    at the end of the test unless the test closed them."""
    made: list[Services] = []

    def make(drafter: FakeDrafter | None = None, index: FakeIndex | None = None) -> Services:
        svc = build_services(
            settings,
            index=index or FakeIndex(),  # type: ignore[arg-type]
            drafting=drafter or FakeDrafter(),
        )
        made.append(svc)
        return svc

    yield make
    for svc in made:
        svc.close()


def _headers(services: Services, role: Role, agency: str | None = None) -> dict[str, str]:
    secret, _ = services.create_token(role, agency)
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture
def admin(services: Services) -> dict[str, str]:
    return _headers(services, Role.admin)


@pytest.fixture
def reviewer(services: Services) -> dict[str, str]:
    return _headers(services, Role.reviewer)


@pytest.fixture
def executor(services: Services) -> dict[str, str]:
    """An executor bound to the housing agency."""
    return _headers(services, Role.executor, "Жилищный комитет")


@pytest.fixture
def other_executor(services: Services) -> dict[str, str]:
    return _headers(services, Role.executor, "Комитет по транспорту")


def appeal(**fields: Any) -> dict[str, Any]:
    body = {
        "text": "Третью неделю не вывозят мусор во дворе дома 5 на улице Ленина.",
        "channel": "vk",
        "author_name": "Иван Петров",
    }
    body.update(fields)
    return body


@pytest.fixture
def make_appeal() -> Callable[..., dict[str, Any]]:
    return appeal
