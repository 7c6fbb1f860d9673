"""Fit on a region's history, store under routing_dir, route new appeals; confidence and
«route by hand»."""

from __future__ import annotations

import json

import numpy as np
import pytest

from drafter.errors import InvalidInput
from drafter.routing import RoutingModel, fit_from_file, route
from drafter.routing.model import TargetModel
from drafter.routing.storage import MODEL_FILE, _cache, load_router

NEW = {
    "Комитет дорожного хозяйства": "Огромная яма на дороге у остановки, машины бьют колёса",
    "Управляющая компания": "Третий день не вывозят мусор, контейнеры переполнены",
    "Горсвет": "Вечером во дворе темно: не горит ни один фонарь",
}


def test_csv_round_trip(csv_file, settings):
    fit_from_file(
        csv_file, settings.routing_dir, text_col="text", body_col="body", category_col="cat"
    )
    assert (settings.routing_dir / MODEL_FILE).exists()
    _cache.clear()  # read back from disk, as a fresh process would
    results = route(list(NEW.values()), settings.routing_dir)
    for body, res in zip(NEW, results):
        assert res.responsible_body.label == body
        assert res.responsible_body.source == "model"
        c = res.responsible_body.candidates
        assert len(c) == 3 and c[0].label == body
        assert [x.confidence for x in c] == sorted((x.confidence for x in c), reverse=True)
        assert all(0.0 <= x.confidence <= 1.0 for x in c)
    assert [r.category.label for r in results] == ["дороги", "ЖКХ", "освещение"]


def test_jsonl_with_nested_columns(jsonl_file, settings):
    fit_from_file(jsonl_file, settings.routing_dir, text_col="petitions.0.text", body_col="org")
    [res] = route([NEW["Горсвет"]], settings.routing_dir)
    assert res.responsible_body.label == "Горсвет"
    assert res.category.source == "none"  # not trained: nothing suggested
    assert res.needs_manual is res.responsible_body.needs_manual


def test_joined_text_columns(tmp_path, settings):
    # the body depends only on the district in the address, never on the text
    path = tmp_path / "h.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i in range(60):
            district = ["Невский", "Приморский"][i % 2]
            card = {"address": f"{district} район", "text": "Яма во дворе", "org": f"ЖА {district}"}
            fh.write(json.dumps(card, ensure_ascii=False) + "\n")
    fit_from_file(path, settings.routing_dir, text_col="address+text", body_col="org")
    nevsky, primorsky = route(
        ["Невский район\nЯма во дворе", "Приморский район\nЯма во дворе"], settings.routing_dir
    )
    assert nevsky.responsible_body.label == "ЖА Невский"
    assert primorsky.responsible_body.label == "ЖА Приморский"


def test_topic_column_trains_a_topic_classifier(csv_file, settings):
    fit_from_file(csv_file, settings.routing_dir, body_col="body", topic_col="topic")
    [res] = route([NEW["Управляющая компания"]], settings.routing_dir)
    assert res.topic.label == "Вывоз мусора" and res.topic.source == "model"


def test_taxonomy_matches_topic_names(csv_file, taxonomy_file, settings):
    fit_from_file(csv_file, settings.routing_dir, body_col="body", taxonomies=[taxonomy_file])
    yard, lights, other = route(
        [
            "Во дворе ямы, не пройти",
            "Не горит фонарь уличного освещения",
            "Кошка залезла на дерево",
        ],
        settings.routing_dir,
    )
    assert (yard.topic.label, yard.topic.group, yard.topic.source) == (
        "Ямы во дворах",
        "Благоустройство",
        "taxonomy",
    )
    assert lights.topic.label == "Неисправные фонари уличного освещения"
    assert other.topic.label is None and other.topic.needs_manual  # nothing in common


def test_no_model_means_route_by_hand(settings):
    [res] = route(["Яма на дороге"], settings.routing_dir)
    for s in (res.responsible_body, res.category, res.topic):
        assert s.label is None and s.confidence == 0.0 and s.needs_manual and s.candidates == []
    assert res.needs_manual


def test_threshold_decides_needs_manual(csv_file, settings):
    fit_from_file(csv_file, settings.routing_dir, body_col="body", category_col="cat")
    text = NEW["Горсвет"]
    [sure] = route([text], settings.routing_dir, threshold=0.0)
    [never] = route([text], settings.routing_dir, threshold=1.01)
    assert not sure.needs_manual and not sure.responsible_body.needs_manual
    assert (
        never.needs_manual and never.responsible_body.needs_manual and never.category.needs_manual
    )
    # same label either way: the threshold only decides whether a person confirms it
    assert sure.responsible_body.label == never.responsible_body.label


def test_ambiguous_text_is_less_confident_than_a_clear_one(csv_file, settings):
    fit_from_file(csv_file, settings.routing_dir, body_col="body")
    clear, vague = route([NEW["Горсвет"], "Жители жалуются, просим помочь"], settings.routing_dir)
    assert vague.responsible_body.confidence < clear.responsible_body.confidence


def test_refit_replaces_the_model(csv_file, jsonl_file, settings):
    fit_from_file(csv_file, settings.routing_dir, body_col="body")
    first = load_router(settings.routing_dir)
    fit_from_file(
        jsonl_file, settings.routing_dir, text_col="petitions.0.text", category_col="category"
    )
    second = load_router(settings.routing_dir)
    assert first is not second and set(second.targets) == {"category"}


@pytest.mark.parametrize(
    "kwargs",
    [
        {"body_col": "нет такой"},  # a column that is not there
        {"text_col": "нет такой", "body_col": "body"},
        {},  # nothing to learn
    ],
)
def test_bad_columns_are_reported(csv_file, settings, kwargs):
    with pytest.raises(InvalidInput):
        fit_from_file(csv_file, settings.routing_dir, **kwargs)


def test_unsupported_file(tmp_path, settings):
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"PK")
    with pytest.raises(InvalidInput):
        fit_from_file(path, settings.routing_dir, body_col="body")


def test_single_label_and_missing_labels(rows):
    texts = [r["text"] for r in rows]
    only = ["Горсвет"] * len(rows)
    partial = [r["cat"] if i % 2 else None for i, r in enumerate(rows)]
    model = RoutingModel().fit(texts, {"responsible_body": only, "category": partial})
    [res] = model.predict([NEW["Горсвет"]])
    assert res.responsible_body.label == "Горсвет" and res.responsible_body.confidence == 1.0
    assert res.category.label == "освещение"


def test_calibrated_confidence_matches_accuracy_on_noisy_labels(synthetic):
    # half the labels are random, in training and on fresh data alike: a calibrated top-1
    # confidence sits near the share of right answers, far below the certainty a linear model
    # claims on text it separates perfectly
    rnd = np.random.default_rng(0)
    bodies = sorted(NEW)

    def noisy(rows):
        return [r["body"] if rnd.random() < 0.5 else bodies[rnd.integers(3)] for r in rows]

    train, test = synthetic(80, seed=1), synthetic(80, seed=2)
    y_train, y_test = noisy(train), noisy(test)
    gaps = {}
    for calibrate in (True, False):
        # C=5 lets the SVM fit the noise, so its raw margins claim far more than it knows
        model = RoutingModel(c=5.0).fit(
            [r["text"] for r in train], {"responsible_body": y_train}, calibrate=calibrate
        )
        p, classes = model.proba([r["text"] for r in test])["responsible_body"]
        accuracy = np.mean(classes[p.argmax(axis=1)] == np.array(y_test))
        gaps[calibrate] = abs(p.max(axis=1).mean() - accuracy)
    assert gaps[True] < 0.1 and gaps[True] < gaps[False] / 2, gaps


def test_target_model_temperature_is_fitted(rows):
    from drafter.routing.features import Featurizer

    x = Featurizer().fit_transform([r["text"] for r in rows])
    m = TargetModel().fit(x, [r["body"] for r in rows])
    assert m.isotonic is not None and m.temperature != 1.0
