"""`drafter route fit` and `drafter route`, through the functions the main CLI calls."""

from __future__ import annotations

import json

import pytest

from drafter.routing.cli import run_route, run_route_fit


def _fit(csv_file, settings, *extra: str) -> int:
    return run_route_fit(
        [str(csv_file), "--body-col", "body", "--category-col", "cat", *extra], settings
    )


def test_fit_then_route_json(csv_file, settings, capsys):
    assert _fit(csv_file, settings) == 0
    assert "обучено на 120 обращениях" in capsys.readouterr().out
    assert run_route(["--json", "Не горит фонарь во дворе, темно"], settings) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["responsible_body"]["label"] == "Горсвет"
    for target in ("category", "responsible_body", "topic"):
        assert {"label", "confidence", "candidates", "needs_manual"} <= set(out[target])
    assert len(out["responsible_body"]["candidates"]) == 3


def test_route_fit_is_reachable_as_a_subcommand(csv_file, settings):
    assert run_route(["fit", str(csv_file), "--body-col", "body"], settings) == 0
    assert settings.routing_dir.joinpath("router.joblib").exists()


def test_human_output_flags_manual_routing(csv_file, settings, capsys):
    _fit(csv_file, settings)
    capsys.readouterr()
    assert run_route(["--threshold", "1.01", "Не горит фонарь"], settings) == 0
    out = capsys.readouterr().out
    assert "Ответственный: Горсвет" in out and "маршрутизировать вручную" in out


def test_batch_prints_one_json_line_per_input(csv_file, settings, tmp_path, capsys):
    _fit(csv_file, settings)
    batch = tmp_path / "in.jsonl"
    batch.write_text(
        '{"id": 1, "text": "Яма на дороге, разбит асфальт"}\n\n{"text": "Переполнены мусорные баки"}\n',
        encoding="utf-8",
    )
    capsys.readouterr()
    assert run_route(["--batch", str(batch)], settings) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [x["responsible_body"]["label"] for x in lines] == [
        "Комитет дорожного хозяйства",
        "Управляющая компания",
    ]
    assert lines[0]["id"] == 1 and "id" not in lines[1]


def test_batch_line_without_text_is_an_error(settings, tmp_path, capsys):
    batch = tmp_path / "in.jsonl"
    batch.write_text('{"body": "нет текста"}\n', encoding="utf-8")
    assert run_route(["--batch", str(batch)], settings) == 2
    assert "нет поля text" in capsys.readouterr().err


def test_unfitted_route_says_so(settings, capsys):
    assert run_route(["--json", "Яма"], settings) == 0
    captured = capsys.readouterr()
    assert "не обучена" in captured.err
    assert json.loads(captured.out)["needs_manual"] is True


def test_fit_with_a_missing_column_fails_cleanly(csv_file, settings, capsys):
    assert run_route_fit([str(csv_file), "--body-col", "нет"], settings) == 2
    assert "колонка «нет»" in capsys.readouterr().err


def test_fit_needs_a_file_for_label_columns(settings, capsys):
    assert run_route_fit(["--body-col", "body"], settings) == 2
    assert "укажите файл" in capsys.readouterr().err


def test_route_needs_text_or_batch(settings):
    with pytest.raises(SystemExit) as exc:
        run_route([], settings)
    assert exc.value.code == 2


def test_taxonomy_only(taxonomy_file, settings, capsys):
    assert run_route_fit(["--taxonomy", str(taxonomy_file)], settings) == 0
    capsys.readouterr()
    assert run_route(["--json", "Ямы во дворе дома"], settings) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["topic"]["label"] == "Ямы во дворах" and out["topic"]["group"] == "Благоустройство"
    assert out["responsible_body"]["label"] is None


def test_drafter_route_goes_through_the_main_cli(csv_file, settings, monkeypatch, capsys):
    from drafter import cli

    monkeypatch.setenv("DRAFTER_DATA_DIR", str(settings.data_dir))
    assert cli.main(["route", "fit", str(csv_file), "--body-col", "body"]) == 0
    capsys.readouterr()
    assert cli.main(["route", "--json", "Не горит фонарь во дворе, темно"]) == 0
    assert json.loads(capsys.readouterr().out)["responsible_body"]["label"] == "Горсвет"
