"""``drafter eval``: the run, its report files, --replies-only, --format spb and the baseline gate."""

from __future__ import annotations

import gzip
import json
import re

import pytest

from drafter import cli
from tests.evals.conftest import GOOD

ITEM_FIELDS = {"id", "text", "quality", "method", "citations", "timings"}
SUMMARY_FIELDS = {
    "n", "pass_rate", "mean_score", "violations", "ungrounded", "ragas", "reference", "latency",
    "model", "prompt_version", "index_fingerprint", "judge",
}  # fmt: skip
OTPISKA = "Ваше обращение рассмотрено. Информация принята к сведению."


def _eval(*args, services) -> int:
    return cli.main(["eval", *map(str, args)], services=services)


def _report(out):
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


def test_a_drafting_run_writes_both_files_with_the_required_fields(
    services, llm, index, records, write_dataset, tmp_path, capsys
):
    out = tmp_path / "run"
    assert _eval("--dataset", write_dataset(records), "--out", out, services=services) == 0
    report = _report(out)
    s = report["summary"]
    assert SUMMARY_FIELDS <= set(s)
    assert s["n"] == 3 and s["mode"] == "draft"
    assert s["model"] == "fake" and s["prompt_version"] == "reply_v2"
    assert s["index_fingerprint"] and s["judge"] is None
    assert 0.0 <= s["pass_rate"] <= 1.0 and s["latency"]["p50"] is not None
    assert [it["id"] for it in report["items"]] == ["a1", "a2", "a3"]
    for it in report["items"]:
        assert ITEM_FIELDS <= set(it)
        assert it["method"] in ("generated", "composed")
        assert GOOD[:40] in it["text"]  # the FakeLLM's draft went through the pipeline
        assert {c["source_id"] for c in it["citations"]} <= {"reg-1#0", "ans-1#0"}
        assert "total" in it["timings"]
        assert it["metrics"]["chrf"] is not None
    # drafted; written from the executor's facts, nothing is searched for
    assert len(llm.history) >= 3 and index.searches == []
    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.count('src="data:image/png;base64,') == 4
    assert "pass rate" in capsys.readouterr().out


def test_a_run_is_deterministic_at_temperature_zero(services, records, write_dataset, tmp_path):
    outs = [tmp_path / "one", tmp_path / "two"]
    for out in outs:
        assert _eval("--dataset", write_dataset(records), "--out", out, services=services) == 0

    def stable(report):
        return [
            (it["text"], it["quality"], it["citations"], it["metrics"]) for it in report["items"]
        ]

    assert stable(_report(outs[0])) == stable(_report(outs[1]))


def test_replies_only_scores_the_given_replies(services, llm, records, write_dataset, tmp_path):
    records[0]["reply"] = OTPISKA
    records[1]["reply"] = GOOD
    # records[2] has no reply: skipped
    out = tmp_path / "run"
    assert (
        _eval(
            "--dataset", write_dataset(records), "--replies-only", "--out", out, services=services
        )
        == 0
    )
    report = _report(out)
    assert llm.history == []  # nothing drafted
    by_id = {it["id"]: it for it in report["items"]}
    assert set(by_id) == {"a1", "a2"} and report["summary"]["skipped"] == 1
    assert by_id["a1"]["text"] == OTPISKA and by_id["a1"]["method"] == "given"
    bad, good = by_id["a1"]["quality"], by_id["a2"]["quality"]
    assert not bad["passed"] and "OTPISKA" in {v["code"] for v in bad["violations"]}
    assert good["score"] > bad["score"]
    assert report["summary"]["model"] is None and report["summary"]["index_fingerprint"] is None
    # scored against a different reference, the reference metrics are there
    assert by_id["a2"]["metrics"]["chrf"] > by_id["a1"]["metrics"]["chrf"]


def test_spb_format_reads_the_portal_file(services, tmp_path):
    recs = [
        {"id": 1, "category": "Благоустройство", "address": "ул. Ленина, д. 5",
         "petitions": [{"dt": "2020-10-18", "text": "Яма во дворе дома 5."}, {"dt": "2020-11-01", "text": "Снова яма."}],
         "answers": [
             {"dt": "2020-10-20", "kind": "Промежуточный ответ", "text": "Передано подрядчику."},
             {"dt": "2020-10-25", "kind": "Окончательный ответ", "text": "Яму заделали."},
             {"dt": "2020-11-05", "kind": "Окончательный ответ", "text": "Яму заделали повторно 5 ноября."},
         ]},
        {"id": 2, "category": "Фасад", "petitions": [{"dt": "2020-10-18", "text": "Граффити."}], "answers": []},
    ]  # fmt: skip
    path = tmp_path / "appeals.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in recs)
    out = tmp_path / "run"
    code = _eval(
        "--dataset", path, "--format", "spb", "--replies-only", "--out", out, services=services
    )
    assert code == 0
    report = _report(out)
    [item] = report["items"]
    assert item["id"] == "spb-1" and item["text"] == "Яму заделали повторно 5 ноября."
    assert item["appeal"]["text"] == "Яма во дворе дома 5." and item["appeal"]["channel"] == "pos"
    assert report["summary"]["skipped"] == 1


def test_baseline_gate_fails_on_a_regression_and_passes_otherwise(
    services, records, write_dataset, tmp_path, capsys
):
    good = [dict(r, reply=GOOD) for r in records]
    bad = [dict(r, reply=OTPISKA) for r in records]
    base = tmp_path / "base"
    assert (
        _eval(
            "--dataset",
            write_dataset(good, "good.jsonl"),
            "--replies-only",
            "--out",
            base,
            services=services,
        )
        == 0
    )
    capsys.readouterr()

    same = tmp_path / "same"
    args = ("--replies-only", "--baseline", base)
    assert (
        _eval(
            "--dataset", write_dataset(good, "good.jsonl"), "--out", same, *args, services=services
        )
        == 0
    )
    assert "no regression" in capsys.readouterr().out

    worse = tmp_path / "worse"
    assert (
        _eval(
            "--dataset", write_dataset(bad, "bad.jsonl"), "--out", worse, *args, services=services
        )
        == 1
    )
    printed = capsys.readouterr().out
    assert re.search(r"mean_score .* REGRESSED", printed)

    # a loose enough limit lets the same change through
    loose = ("--max-regression", "pass_rate=1,mean_score=100")
    assert (
        _eval(
            "--dataset",
            write_dataset(bad, "bad.jsonl"),
            "--out",
            worse,
            *args,
            *loose,
            services=services,
        )
        == 0
    )


def test_bad_regression_spec_is_a_user_error(services, records, write_dataset, tmp_path, capsys):
    code = _eval("--dataset", write_dataset(records), "--out", tmp_path / "x", "--max-regression", "pass_rate",
                 services=services)  # fmt: skip
    assert code == 2 and capsys.readouterr().err.startswith("drafter: ")


def test_the_html_escapes_text_and_marks_violation_spans(
    services, records, write_dataset, tmp_path
):
    records[0]["reply"] = "<script>alert(1)</script> " + OTPISKA
    records[0]["appeal"]["text"] = "<b>жирный</b> мусор во дворе"
    out = tmp_path / "run"
    assert (
        _eval(
            "--dataset",
            write_dataset(records[:1]),
            "--replies-only",
            "--out",
            out,
            services=services,
        )
        == 0
    )
    html = (out / "report.html").read_text(encoding="utf-8")
    # escaped, though the GARBAGE mark may cut the tag from the rest
    assert "<script>" not in html and "&lt;script&gt;" in html and "alert(1)&lt;/script&gt;" in html
    assert "<b>жирный" not in html and "&lt;b&gt;жирный" in html
    assert re.search(r'<mark class="blocker" title="OTPISKA: [^"]+">', html)


@pytest.mark.parametrize("bad", ['{"id": 1}', "not json", '{"appeal": {"text": "x"}}'])
def test_a_bad_dataset_is_a_user_error(services, tmp_path, capsys, bad):
    path = tmp_path / "bad.jsonl"
    path.write_text(bad + "\n", encoding="utf-8")
    assert _eval("--dataset", path, "--out", tmp_path / "x", services=services) == 2
    assert capsys.readouterr().err.startswith("drafter: ")


def test_limit_takes_the_first_items(services, records, write_dataset, tmp_path):
    for r in records:
        r["reply"] = GOOD
    out = tmp_path / "run"
    args = ("--dataset", write_dataset(records), "--replies-only", "--limit", 2, "--out", out)
    assert _eval(*args, services=services) == 0
    assert [it["id"] for it in _report(out)["items"]] == ["a1", "a2"]
