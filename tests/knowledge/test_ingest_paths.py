"""iter_documents: directories, answer tables vs regulations, kinds and errors."""

from __future__ import annotations

import json

import pytest

from knowledge.errors import InvalidInput, UnsupportedDocument
from knowledge.ingest import is_answers_file, iter_documents, samples_dir


def answer_line(appeal: str, answer: str, **extra) -> str:
    return json.dumps({"appeal": appeal, "answer": answer, **extra}, ensure_ascii=False) + "\n"


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "acts" / "deep").mkdir(parents=True)
    (tmp_path / "acts" / "a.md").write_text("# Акт А\n\nТекст акта А.", encoding="utf-8")
    (tmp_path / "acts" / "deep" / "b.txt").write_text(
        "Акт Б\n\nСтатья 1. Первая\n\nТекст.", encoding="utf-8"
    )
    (tmp_path / "acts" / "notes.xyz").write_text("не документ", encoding="utf-8")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "hidden.md").write_text("# Скрытый\n\nНе читать.", encoding="utf-8")
    (tmp_path / "answers.jsonl").write_text(
        answer_line("Яма у дома 1", "Заделаем до 5 мая.", category="дороги")
        + answer_line("Нет света в подъезде", "Починим завтра."),
        encoding="utf-8",
    )
    return tmp_path


def test_directory_is_walked_recursively_skipping_hidden_and_unknown_files(tree) -> None:
    docs = list(iter_documents([tree], agency="Администрация"))
    regs = [d for d in docs if d.kind == "regulation"]
    answers = [d for d in docs if d.kind == "answer"]
    assert sorted(d.title for d in regs) == ["Акт А", "Акт Б"]
    assert all(d.metadata["agency"] == "Администрация" for d in regs)
    assert len(answers) == 2 and answers[0].chunks[0].search_text == "Яма у дома 1"


def test_kind_filters_a_directory(tree) -> None:
    assert {d.kind for d in iter_documents([tree], kind="answers")} == {"answer"}
    assert {d.kind for d in iter_documents([tree], kind="regulation")} == {"regulation"}


def test_kind_answers_reads_any_named_file_as_answers(tree) -> None:
    csv_path = tree / "export.csv"
    csv_path.write_text(
        "appeal,answer\nМусор у дома 3,Вывезем сегодня до 18:00.\n", encoding="utf-8"
    )
    docs = list(iter_documents([csv_path], kind="answers"))
    assert [d.chunks[0].text for d in docs] == ["Вывезем сегодня до 18:00."]


def test_files_and_directories_mix_in_given_order(tree) -> None:
    docs = list(iter_documents([tree / "answers.jsonl", tree / "acts" / "a.md"]))
    assert [d.kind for d in docs] == ["answer", "answer", "regulation"]


def test_missing_paths_fail_before_any_work(tree) -> None:
    with pytest.raises(InvalidInput, match="absent.md"):
        list(iter_documents([tree / "acts" / "a.md", tree / "absent.md"]))


def test_unknown_kind_and_unsupported_explicit_file(tree) -> None:
    with pytest.raises(InvalidInput, match="unknown kind"):
        list(iter_documents([tree], kind="pictures"))
    with pytest.raises(UnsupportedDocument, match="notes.xyz"):
        list(iter_documents([tree / "acts" / "notes.xyz"]))


def test_answer_file_detection() -> None:
    from pathlib import Path

    assert is_answers_file(Path("x.jsonl.gz")) and is_answers_file(Path("X.CSV"))
    assert not is_answers_file(Path("act.md"))


def test_samples_dir_holds_regulations_and_answers() -> None:
    root = samples_dir()
    assert (root / "answers.jsonl").is_file()
    assert len(list((root / "regulations").glob("*.md"))) >= 5
