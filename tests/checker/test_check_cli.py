"""``drafter check`` as run_check(argv)."""

import json

from drafter.quality.cli import run_check

GOOD = (
    "Надежда, здравствуйте. Вопрос будет передан специалисту управления администрации города, "
    "вернёмся с ответом не позднее 30 декабря."
)


def test_cli_json_output_is_the_quality_object(capsys, tmp_path):
    src = tmp_path / "deadline.txt"
    src.write_text("Срок ответа: 30.12.2025", encoding="utf-8")
    code = run_check(
        [
            "--appeal",
            "Не убирают снег во дворе",
            "--channel",
            "vk",
            "--author",
            "Надежда",
            "--source",
            str(src),
            "--json",
            GOOD,
        ]
    )
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert out["passed"] is True and out["violations"] == []


def test_cli_prints_violations_readably_and_fails(capsys):
    code = run_check(
        [
            "--author",
            "Надежда",
            "Уважаемый пользователь! Настоящим сообщаем, что обращение рассмотрено.",
        ]
    )
    out = capsys.readouterr().out
    assert code == 1
    assert "не проходит" in out
    assert "FORMALISM" in out and "«Настоящим сообщаем»" in out
    assert "OTPISKA" in out


def test_cli_reads_reply_from_file(capsys, tmp_path):
    f = tmp_path / "reply.txt"
    f.write_text("", encoding="utf-8")
    assert run_check([f"@{f}"]) == 1
    assert "GARBAGE" in capsys.readouterr().out


def test_cli_missing_source_file_is_an_error(capsys, tmp_path):
    assert run_check(["--source", str(tmp_path / "nope.txt"), GOOD]) == 2
    assert "Ошибка" in capsys.readouterr().err
