"""Which reply is judged, and with what label, in evals.validate_outcomes."""

import json

import pytest

from evals.spb import replies


def _rec(id_, answers, petitions, status):
    return {
        "id": id_,
        "category": "Благоустройство",
        "address": "",
        "petitions": [{"dt": dt, "text": "Яма у дома 5"} for dt in petitions],
        "answers": [{"dt": dt, "kind": kind, "text": text} for dt, kind, text in answers],
        "final_status": status,
    }


def test_labels_follow_petitions_and_status(tmp_path):
    final, interim = "Окончательный ответ", "Промежуточный ответ"
    recs = [
        # satisfied at once: the last final answer, label True
        _rec(
            1,
            [("2020-11-02", final, "Яма заделана.")],
            ["2020-11-01"],
            "Завершено: Пользователь удовлетворен решением проблемы",
        ),
        # pushed back after the first final answer, satisfied by the second one
        _rec(
            2,
            [
                ("2020-11-02", final, "Факты не подтвердились."),
                ("2020-11-09", final, "Яма заделана 8 ноября."),
            ],
            ["2020-11-01", "2020-11-05"],
            "Завершено: Пользователь удовлетворен решением проблемы",
        ),
        # closed automatically: no label
        _rec(
            3,
            [("2020-11-02", final, "Работы выполнены.")],
            ["2020-11-01"],
            "Завершено: Автоматически",
        ),
        # only an interim answer: not a final reply at all
        _rec(
            4,
            [("2020-11-02", interim, "Передано подрядчику.")],
            ["2020-11-01"],
            "Промежуточный ответ",
        ),
    ]
    path = tmp_path / "appeals.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs), encoding="utf-8")
    got = [(r.id, r.text, r.satisfied) for r in replies(path)]
    assert got == [
        (1, "Яма заделана.", True),
        (2, "Факты не подтвердились.", False),
        (2, "Яма заделана 8 ноября.", True),
        (3, "Работы выполнены.", None),
    ]


def test_reply_carries_its_sub_category_and_the_organisation_that_wrote_it(tmp_path):
    rec = _rec(1, [("2020-11-02", "Окончательный ответ", "Яма заделана.")], ["2020-11-01"], "")
    rec["reason"] = "Ямы"
    rec["responsible_org"] = "Администрация района"
    rec["answers"][0]["org"] = "ООО «Дорожник»"
    path = tmp_path / "appeals.jsonl"
    path.write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
    (r,) = replies(path)
    assert (r.reason, r.org) == ("Ямы", "ООО «Дорожник»")
    del rec["answers"][0]["org"]
    path.write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
    (r,) = replies(path)
    assert r.org == "Администрация района"


def test_validation_on_real_replies_reports_each_comparison():
    from evals.spb import appeals_path
    from evals.validate_outcomes import STRATA, render, run

    if not appeals_path().is_file():
        pytest.skip("no ../shared/data")
    res = run(limit=1500)
    auc = res["outcomes"]["auc"]
    assert list(auc) == list(STRATA)
    for name, row in auc.items():
        assert 0.0 <= row["score"]["auc"] <= 1.0 and row["score"]["pairs"] > 0
        assert ("length" in row) == (name != "length quintile")
    assert "sub-category × organisation" in render(res)
