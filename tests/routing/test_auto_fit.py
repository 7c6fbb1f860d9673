"""Routing fitted by `drafter ingest` from past appeals that name their organisation and
category; an admin's own router (`drafter route fit`) is kept; `route --batch` keeps ids."""

from __future__ import annotations

import json

from drafter import cli
from drafter.routing.cli import run_route, run_route_fit
from drafter.routing.router import route
from drafter.services import build_services


def _history(rows, path):
    with path.open("w", encoding="utf-8") as fh:
        for n, row in enumerate(rows):
            fh.write(json.dumps({
                "id": f"R{n}", "appeal": row["text"], "answer": "",
                "received_at": f"2026-10-{1 + n % 28:02d}T10:00:00+03:00",
                "agency": row["body"], "category": row["cat"],
            }, ensure_ascii=False) + "\n")  # fmt: skip
    return path


def test_ingest_fits_routing_from_the_history(settings, rows, tmp_path, capsys):
    services = build_services(settings)
    try:
        path = _history(rows, tmp_path / "history.jsonl")
        argv = ["ingest", str(path), "--history-only", "--no-check"]
        assert cli.main(argv, services=services) == 0
        out = capsys.readouterr().out
        assert f"stored {len(rows)} past appeal(s)" in out
        assert f"routing fitted on {len(rows)} appeal(s)" in out
    finally:
        services.close()
    [res] = route(["Не горит фонарь во дворе, темно"], settings.routing_dir)
    assert res.responsible_body.label == "Горсвет" and res.category.label == "освещение"


def test_an_admins_own_router_is_kept(csv_file, settings, rows, tmp_path, capsys):
    assert run_route_fit([str(csv_file), "--body-col", "body"], settings) == 0
    services = build_services(settings)
    try:
        path = _history(rows, tmp_path / "history.jsonl")
        report = services.ingest_paths([path], index=False, check_replies=False)
        assert report.appeals == len(rows) and report.routed == 0
    finally:
        services.close()
    [res] = route(["Не горит фонарь во дворе"], settings.routing_dir)
    assert res.category.source == "none"  # the admin fitted the body only; nothing replaced it


def test_batch_keeps_the_lines_own_ids(csv_file, settings, tmp_path, capsys):
    run_route_fit([str(csv_file), "--body-col", "body"], settings)
    batch = tmp_path / "in.jsonl"
    batch.write_text(
        '{"external_id": "ИМ-77", "text": "Яма на дороге"}\n'
        '{"appeal_id": 5, "id": "a", "text": "Не горит фонарь", "body": "x"}\n',
        encoding="utf-8",
    )
    capsys.readouterr()
    assert run_route(["--batch", str(batch)], settings) == 0
    first, second = (json.loads(x) for x in capsys.readouterr().out.splitlines())
    assert first["external_id"] == "ИМ-77" and "responsible_body" in first
    assert second["appeal_id"] == 5 and second["id"] == "a" and "body" not in second
