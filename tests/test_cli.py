"""The drafter command, through main([...])."""

from __future__ import annotations

import json

import pytest

from drafter import cli
from drafter.auth import Role
from drafter.domain import Citation, Draft, DraftResult, Quality
from drafter.errors import NotAuthenticated
from drafter.llm.base import GenerationParams
from drafter.llm.fake import FakeLLM
from drafter.services import build_services
from drafter.storage import DraftFilter
from knowledge.types import Document


class TinyDrafter:
    def __init__(self) -> None:
        self.llm = FakeLLM(default="Здравствуйте! Мусор вывезут 25 ноября.")

    def draft(self, appeal, facts=None, on_token=None):
        done = self.llm.complete(appeal.text, GenerationParams(), on_token)
        return DraftResult(
            text=done.text,
            quality=Quality(score=80, passed=True),
            citations=[Citation(source_id="r#1", title="Правила", snippet="п. 2")],
        )


class TinyIndex:
    def __init__(self) -> None:
        self.docs: dict[str, Document] = {}

    def add_documents(self, docs, progress=True):
        self.docs.update({d.id: d for d in docs})
        return {"documents": len(docs)}

    def delete_document(self, doc_id):
        return self.docs.pop(doc_id, None) is not None

    def documents(self):
        return [
            {"id": d.id, "kind": d.kind, "title": d.title, "chunks": len(d.chunks)}
            for d in self.docs.values()
        ]


@pytest.fixture
def index():
    return TinyIndex()


@pytest.fixture
def services(settings, index):
    svc = build_services(settings, index=index, drafting=TinyDrafter())
    yield svc
    svc.close()


def test_token_create_prints_a_working_token(services, capsys):
    assert (
        cli.main(["token", "create", "--role", "executor", "--agency", "ЖКХ"], services=services)
        == 0
    )
    secret = capsys.readouterr().out.strip()
    caller = services.authenticate(secret)
    assert caller.role is Role.executor and caller.agency == "ЖКХ"


def test_agency_only_for_executors(services, capsys):
    assert (
        cli.main(["token", "create", "--role", "admin", "--agency", "ЖКХ"], services=services) == 2
    )
    err = capsys.readouterr().err
    assert err.startswith("drafter: ") and err.count("\n") == 1 and "Traceback" not in err


def test_draft_json_is_the_api_object_and_is_stored(services, capsys):
    code = cli.main(
        ["draft", "--json", "--channel", "email", "--author", "Анна", "Не вывозят мусор во дворе"],
        services=services,
    )
    assert code == 0
    draft = Draft.model_validate_json(capsys.readouterr().out)
    assert draft.status == "ready" and draft.text == "Здравствуйте! Мусор вывезут 25 ноября."
    assert draft.appeal.channel.value == "email" and draft.appeal.author_name == "Анна"
    assert services.store.drafts.get(draft.id) == draft


def test_draft_prints_text_citations_and_score(services, capsys):
    assert cli.main(["draft", "Яма во дворе"], services=services) == 0
    out = capsys.readouterr().out
    assert out.startswith("[ответ по существу]\nЗдравствуйте! Мусор вывезут 25 ноября.")
    assert "[1] Правила — п. 2" in out and "80/100" in out


def test_draft_takes_the_executors_facts_as_text_or_from_a_file(services, capsys, tmp_path):
    facts = tmp_path / "facts.txt"
    facts.write_text("мусор вывезут 25 ноября", encoding="utf-8")
    assert cli.main(["draft", "--facts", f"@{facts}", "Яма во дворе"], services=services) == 0
    assert cli.main(["draft", "--facts", "яму засыпали", "Яма во дворе"], services=services) == 0
    stored = [d.facts for d in services.store.drafts.find(DraftFilter(), limit=10)]
    assert sorted(stored) == ["мусор вывезут 25 ноября", "яму засыпали"]
    assert cli.main(["draft", "--facts", "@/nonexistent", "Яма"], services=services) == 2
    assert "не удалось прочитать файл с фактами" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["draft", "   "], "empty"),
        (["draft", "--channel", "fax", "Яма"], "unknown channel"),
        (["ingest", "/nonexistent/file.txt"], "does not exist"),
        (["ingest"], "--samples"),
        (["documents", "delete", "nope"], "not found"),
    ],
)
def test_user_errors_are_one_line_and_exit_2(services, capsys, argv, message):
    assert cli.main(argv, services=services) == 2
    err = capsys.readouterr().err
    assert err.startswith("drafter: ") and message in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert services.store.drafts.count() == 0


def test_ingest_list_and_delete_documents(services, index, tmp_path, capsys):
    pytest.importorskip("knowledge.ingest")
    answers = tmp_path / "answers.jsonl"
    answers.write_text(
        json.dumps({"appeal": "Не вывозят мусор", "answer": "Вывезли."}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    assert cli.main(["ingest", str(answers), "--kind", "answers"], services=services) == 0
    assert "indexed 1 document(s), 1 chunk(s)" in capsys.readouterr().out
    (doc_id,) = index.docs

    assert cli.main(["documents", "list"], services=services) == 0
    assert capsys.readouterr().out.split("\t")[:3] == [doc_id, "answer", "1"]
    assert cli.main(["documents", "delete", doc_id], services=services) == 0
    assert index.docs == {}


def test_commands_build_services_from_the_environment(settings, monkeypatch, capsys):
    monkeypatch.setenv("DRAFTER_DATA_DIR", str(settings.data_dir))
    if settings.database_url:
        monkeypatch.setenv("DRAFTER_DATABASE_URL", settings.database_url)
    else:
        monkeypatch.delenv("DRAFTER_DATABASE_URL", raising=False)
    assert cli.main(["token", "create", "--role", "reviewer"]) == 0
    secret = capsys.readouterr().out.strip()

    again = build_services(settings)  # the same data dir: the token persisted there
    try:
        assert again.authenticate(secret).role is Role.reviewer
    finally:
        again.close()


def test_serve_shows_the_admin_token_once_at_its_first_start(services, monkeypatch, capsys):
    import uvicorn

    started = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: started.append((app, kw)))

    assert cli.main(["serve"], services=services) == 0
    out = capsys.readouterr().out
    token = next(w for w in out.split() if w.startswith("drf_"))
    assert out.count(token) == 1  # printed once, not again in the curl example
    assert services.authenticate(token).role is Role.admin
    # double quotes: the shell expands $TOKEN (single quotes sent it literally: 401)
    assert "curl" in out and "/v1/drafts" in out and '"Authorization: Bearer $TOKEN"' in out
    assert started[0][1]["port"] == services.settings.port
    assert services.llm_loaded  # the model is loaded before the server takes requests
    data_dir = services.settings.data_dir
    token_file = data_dir / "admin-token"
    assert token_file.read_text().strip() == token
    assert token_file.stat().st_mode & 0o077 == 0  # readable by its owner only
    assert data_dir.stat().st_mode & 0o077 == 0
    if not services.settings.database_url:
        assert (data_dir / "drafter.db").stat().st_mode & 0o077 == 0  # appeals: personal data

    assert cli.main(["serve"], services=services) == 0
    again = capsys.readouterr().out
    assert "drf_" not in again and str(token_file) in again  # where it is, never what it is
    assert services.authenticate(token).role is Role.admin  # and no new admin was made
    assert [t.role for t in services.list_tokens()] == ["admin"]


def test_token_list_create_with_name_and_expiry_and_revoke(services, capsys):
    argv = ["token", "create", "--role", "reviewer", "--name", "Иванова А. П.", "--expires", "30d"]
    assert cli.main(argv, services=services) == 0
    secret = capsys.readouterr().out.strip()
    caller = services.authenticate(secret)
    assert caller.name == "Иванова А. П."

    assert cli.main(["token", "list"], services=services) == 0
    (line,) = capsys.readouterr().out.splitlines()
    token_id, role, scope, name, expires, state = line.split("\t")
    assert (token_id, role, scope, name, state) == (
        caller.token_id,
        "reviewer",
        "-",
        "Иванова А. П.",
        "active",
    )
    assert expires.startswith("expires 20")
    assert secret not in line  # the list never shows a secret

    assert cli.main(["token", "revoke", secret], services=services) == 0  # by the secret
    assert capsys.readouterr().out.strip() == f"revoked {token_id}"
    with pytest.raises(NotAuthenticated, match="revoked"):
        services.authenticate(secret)
    assert cli.main(["token", "list"], services=services) == 0
    assert capsys.readouterr().out.rstrip().endswith("\trevoked")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["token", "create", "--role", "executor"], "ведомство"),
        (["token", "create", "--role", "executor", "--agency", "  "], "ведомство"),
        (["token", "create", "--role", "admin", "--expires", "2001-01-01"], "прошёл"),
        (["token", "create", "--role", "admin", "--expires", "скоро"], "не понят"),
        (["token", "revoke", "no-such-id"], "not found"),
        (["token", "revoke", "drf_secret-nobody-has"], "not found"),
    ],
)
def test_token_mistakes_are_one_line_and_store_nothing(services, capsys, argv, message):
    assert cli.main(argv, services=services) == 2
    err = capsys.readouterr().err
    assert err.startswith("drafter: ") and message in err and err.count("\n") == 1
    assert "drf_secret-nobody-has" not in err  # a secret is never echoed
    assert services.list_tokens() == []


def test_revoke_by_id(services, capsys):
    secret, info = services.create_token(Role.executor, "ЖКХ", name="Пётр")
    assert cli.main(["token", "revoke", info.id], services=services) == 0
    with pytest.raises(NotAuthenticated):
        services.authenticate(secret)
