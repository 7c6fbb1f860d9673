"""Which reply is judged, and with what label, in evals.validate_outcomes."""

import json

from evals.checker.spb import replies
from evals.validate_outcomes import _auc_within_length_bins


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


def test_auc_within_length_bins_ignores_length():
    # within each length bin the score ranks perfectly, while length alone says nothing useful
    labels = [0, 1] * 10
    lengths = list(range(20))
    scores = [0 if y == 0 else 1 for y in labels]
    assert _auc_within_length_bins(labels, scores, lengths) == 1.0
    assert _auc_within_length_bins(labels, [1 - s for s in scores], lengths) == 0.0
