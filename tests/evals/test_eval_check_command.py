"""``drafter check`` is wired to the checker's command, without services or a database."""

from __future__ import annotations

import json

from drafter import cli

GOOD = (
    "Здравствуйте, Анна! Мусор во дворе дома 5 на улице Ленина вывезут 25 мая. "
    "Вывоз организует управляющая компания, о результате сообщим вам в ответе."
)


def test_check_prints_the_quality_as_json_and_exits_by_the_verdict(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_DATA_DIR", str(tmp_path / "never"))
    bad = cli.main(["check", "--json", "Ваше обращение рассмотрено."])
    q = json.loads(capsys.readouterr().out)
    assert bad == 1 and not q["passed"] and q["violations"]
    code = cli.main(["check", "--appeal", "Во дворе дома 5 на улице Ленина не вывозят мусор 25 мая",
                     "--author", "Анна", "--channel", "pos", GOOD])  # fmt: skip
    out = capsys.readouterr().out
    assert code in (0, 1) and "Оценка:" in out
    assert not (tmp_path / "never").exists()  # no services were built
