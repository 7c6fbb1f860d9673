"""The workspace's commands: `drafter analytics` writes HTML (SVG, nothing fetched) and CSV;
`drafter documents list` pages; `drafter eval --help` speaks Russian; the banner's $TOKEN."""

from __future__ import annotations

import csv
import json
import re

import pytest

from drafter import cli
from drafter.services import build_services


class ManyDocs:
    def documents(self):
        return [{"id": f"doc{n}", "kind": "answer", "title": f"Ответ {n}", "chunks": 1}
                for n in range(95)]  # fmt: skip


@pytest.fixture
def services(settings):
    svc = build_services(settings, index=ManyDocs())  # type: ignore[arg-type]
    yield svc
    svc.close()


def _history(path, n=60):
    agencies = ("ЖА Невского района", "Ленсвет")
    with path.open("w", encoding="utf-8") as fh:
        for k in range(n):
            fh.write(json.dumps({
                "id": f"C{k}", "appeal": f"Не горит фонарь у дома {k}",
                "answer": "Здравствуйте! Фонарь у дома заменён 5 октября. Спасибо.",
                "received_at": f"2026-10-{1 + k % 27:02d}T11:00:00+03:00",
                "first_reply_at": f"2026-10-{1 + k % 27:02d}T15:00:00+03:00",
                "final_reply_at": f"2026-10-{2 + k % 27:02d}T15:00:00+03:00",
                "agency": agencies[k % 2], "topic": "Освещение", "place": "Невский",
                "address": f"ул. Ленина, д. {k % 4}", "region": "RU-SPE",
            }, ensure_ascii=False) + "\n")  # fmt: skip
    return path


def test_analytics_writes_html_with_svg_and_csv(services, tmp_path, capsys):
    services.import_history([_history(tmp_path / "h.jsonl")])
    out = tmp_path / "report"
    argv = ["analytics", "--from", "2026-09-28", "--to", "2026-11-01", "--out", str(out)]
    assert cli.main(argv, services=services) == 0
    assert (out / "index.html").exists() and (out / "agencies.csv").exists()
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "<svg" in page and "Балл = 100" in page and "Ленсвет" in page
    assert not re.search(r"(src|href)=['\"]https?://", page)  # nothing fetched from anywhere
    with (out / "agencies.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert sum(int(r["appeals"]) for r in rows) == 60
    assert {r["agency"] for r in rows} == {"ЖА Невского района", "Ленсвет"}
    # as an executor of one agency sees it
    own = tmp_path / "own"
    argv = [*argv[:-2], "--out", str(own), "--agency", "Ленсвет"]
    assert cli.main(argv, services=services) == 0
    with (own / "agencies.csv").open(encoding="utf-8-sig") as fh:
        assert {r["agency"] for r in csv.DictReader(fh)} == {"Ленсвет"}


def test_documents_list_pages_with_a_total(services, capsys):
    assert cli.main(["documents", "list"], services=services) == 0
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 40 and out.startswith("doc0\t")
    assert "1–40 of 95" in err and "--offset 40" in err
    assert (
        cli.main(["documents", "list", "--limit", "10", "--offset", "90"], services=services) == 0
    )
    out, err = capsys.readouterr()
    assert [line.split("\t")[0] for line in out.splitlines()] == [f"doc{n}" for n in range(90, 95)]
    assert "91–95 of 95" in err
    assert cli.main(["documents", "list", "--all"], services=services) == 0
    assert len(capsys.readouterr().out.splitlines()) == 95


def test_eval_help_is_russian(capsys):
    with pytest.raises(SystemExit):
        cli.main(["eval", "--help"])
    out = capsys.readouterr().out
    assert "использование: drafter eval" in out and "показать эту справку" in out
    assert "--dataset" in out and "набор" in out


def test_the_banner_leaves_TOKEN_to_the_shell(services, monkeypatch, capsys):
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: None)
    monkeypatch.setattr(type(services), "startup_admin_token", lambda self: None)
    assert cli.main(["serve"], services=services) == 0
    out = capsys.readouterr().out
    assert '-H "Authorization: Bearer $TOKEN"' in out
    assert "'Authorization: Bearer $TOKEN'" not in out
