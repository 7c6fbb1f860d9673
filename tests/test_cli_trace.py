"""``drafter trace ID``: a draft's drafting runs, attempt by attempt, as readable text; drafted
here by the real pipeline on the fake LLM."""

from __future__ import annotations

import json

import pytest

from drafter import cli
from drafter.domain import Appeal
from drafter.llm.fake import FakeLLM
from drafter.services import build_services
from drafter.trace_text import PROMPT_HEAD, PROMPT_TAIL

COMPLETION = "Яму у дома 5 осмотрят. Заделают до 20 мая."


class EmptyIndex:
    def search(self, *args, **kwargs):
        return []


@pytest.fixture
def services(settings):
    svc = build_services(settings, llm=FakeLLM(default=COMPLETION), index=EmptyIndex())
    yield svc
    svc.close()


@pytest.fixture
def draft_id(services) -> str:
    appeal = Appeal(text="Во дворе дома 5 яма. Заделайте.", channel="vk", author_name="Ирина")
    return services.draft_now(appeal, facts="Яму у дома 5 осмотрят").id


def test_trace_prints_each_attempt_its_prompt_completion_removals_and_verdict(
    services, draft_id, capsys
):
    assert cli.main(["trace", draft_id], services=services) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"# Черновик {draft_id}: запусков 1")
    assert "Режим: ответ по фактам исполнителя" in out
    assert "### Попытка 1 — модель, ответ по существу" in out
    prompt, completion = out.index("Промпт ("), out.index("Ответ модели (как есть")
    assert prompt < completion and out[completion:].split("\n")[1] == COMPLETION
    assert "Удалено:\n  – [grounding] не подтверждено: " in out
    assert out.count("«Заделают до 20 мая.»") == 1
    assert "Проверка: " in out and "/100" in out


def test_a_long_prompt_is_shortened_unless_full(services, draft_id, capsys):
    run = services.draft_trace(draft_id, cli.SYSTEM).runs[0]
    prompt = "\n\n".join(f"[{m.role}]\n{m.content}" for m in run.attempts[0].messages or [])
    assert len(prompt) > PROMPT_HEAD + PROMPT_TAIL  # a real chat prompt is long

    cli.main(["trace", draft_id], services=services)
    short = capsys.readouterr().out
    assert "--full покажет промпт целиком" in short and prompt not in short
    assert prompt[:PROMPT_HEAD] in short and prompt[-PROMPT_TAIL:] in short

    cli.main(["trace", draft_id, "--full"], services=services)
    full = capsys.readouterr().out
    assert prompt in full and "--full покажет" not in full


def test_trace_json_is_the_api_object(services, draft_id, capsys):
    cli.main(["trace", draft_id, "--json"], services=services)
    body = json.loads(capsys.readouterr().out)
    assert body["draft_id"] == draft_id and body["runs"][0]["attempts"][0]["completion"]


def test_an_unknown_draft_is_one_line_and_exit_2(services, capsys):
    assert cli.main(["trace", "nope"], services=services) == 2
    assert capsys.readouterr().err.strip() == "drafter: draft nope not found"
