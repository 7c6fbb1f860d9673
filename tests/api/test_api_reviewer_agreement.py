"""``python -m evals.reviewer_agreement`` on a database filled through the API."""

from __future__ import annotations

import json

import pytest

from evals.reviewer_agreement import main


def _decide(client, executor, reviewer, make_appeal, drafter, *, flags: bool, decision, reasons):
    drafter.passed = not flags  # the fake pipeline flags NO_DEADLINE when it does not pass
    resp = client.post("/v1/drafts", headers=executor, json={"appeal": make_appeal(), "wait": True})
    draft_id = resp.json()["id"]
    assert client.post(f"/v1/drafts/{draft_id}/submit", headers=executor).status_code == 200
    done = client.post(
        f"/v1/drafts/{draft_id}/review",
        json={"decision": decision, "reasons": reasons},
        headers=reviewer,
    )
    assert done.status_code == 200, done.text


@pytest.fixture
def filled(client, executor, reviewer, make_appeal, drafter, settings) -> str:
    def decide(**kw) -> None:
        _decide(client, executor, reviewer, make_appeal, drafter, **kw)

    decide(flags=True, decision="return", reasons=["NO_DEADLINE"])  # agree
    decide(flags=False, decision="return", reasons=["NO_DEADLINE", "WRONG_AGENCY"])  # missed
    decide(flags=True, decision="return", reasons=["IMPOLITE"])  # false alarm + missed
    decide(flags=True, decision="approve", reasons=[])  # a false alarm, if approvals count
    return settings.db_url


def _run(capsys, *argv: str) -> dict:
    assert main([*argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_agreement_per_code_over_returned_drafts(filled, capsys):
    report = _run(capsys, "--db-url", filled)
    assert report["decisions"] == 3
    nd = report["codes"]["NO_DEADLINE"]
    assert (nd["reviewer"], nd["checker"], nd["both"], nd["neither"]) == (2, 2, 1, 0)
    assert (
        nd["precision"] == 0.5 and nd["recall"] == 0.5 and nd["agreement"] == pytest.approx(1 / 3)
    )
    impolite = report["codes"]["IMPOLITE"]
    assert (impolite["reviewer"], impolite["checker"]) == (1, 0)
    assert impolite["precision"] is None and impolite["recall"] == 0.0
    assert impolite["agreement"] == pytest.approx(2 / 3)
    wrong = report["codes"]["WRONG_AGENCY"]
    assert wrong["reviewer"] == 1 and wrong["recall"] == 0.0
    quiet = report["codes"]["PII_LEAK"]
    assert quiet["agreement"] == 1.0 and quiet["precision"] is None


def test_approvals_count_when_asked(filled, capsys):
    report = _run(capsys, "--db-url", filled, "--include-approved")
    assert report["decisions"] == 4
    nd = report["codes"]["NO_DEADLINE"]
    assert (nd["checker"], nd["both"]) == (3, 1) and nd["precision"] == pytest.approx(1 / 3)


def test_the_table_and_the_settings_database(filled, capsys, monkeypatch, settings):
    monkeypatch.setenv("DRAFTER_DATA_DIR", str(settings.data_dir))
    if settings.database_url:
        monkeypatch.setenv("DRAFTER_DATABASE_URL", settings.database_url)
    assert main([]) == 0
    out = capsys.readouterr().out
    assert out.startswith("reviewer decisions: 3")
    row = next(line for line in out.splitlines() if line.startswith("NO_DEADLINE"))
    assert row.split() == ["NO_DEADLINE", "2", "2", "1", "0.50", "0.50", "0.33"]


def test_an_unreachable_database_is_an_error(capsys):
    assert main(["--db-url", "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2"]) == 1
    assert "error:" in capsys.readouterr().err


def test_drafter_eval_reviews_reads_the_services_database(filled, services, capsys, eval_command):
    from drafter import cli

    assert cli.main(["eval", "--reviews", "--json"], services=services) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["decisions"] == 3  # the three returns; the approval is not a decision here
    assert out["codes"]["NO_DEADLINE"] == _run(capsys, "--db-url", filled)["codes"]["NO_DEADLINE"]


def test_drafter_eval_without_a_dataset_is_a_clear_error(services, capsys, eval_command):
    from drafter import cli

    assert cli.main(["eval", "--out", "x"], services=services) == 2
    assert "--dataset" in capsys.readouterr().err
