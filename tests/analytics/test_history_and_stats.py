"""The workspace's pieces without HTTP: working hours on the production calendar, the
quantiles and the Poisson tail, rising topics and returning problems, city-portal cards read
as appeal records (against a plain reading of the real file, when it is there)."""

from __future__ import annotations

import gzip
import itertools
import json
import math
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from drafter.analytics.clock import WorkingClock
from drafter.analytics.history import Timing, read_history
from drafter.analytics.pain_points import repeated_problems, rising_topics
from drafter.analytics.stats import poisson_sf, quantile
from drafter.deadlines import DeadlinePolicy, deadline_for

SPB = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "spb_gorod"
MSK = timezone(timedelta(hours=3))


def test_working_hours_are_the_inverse_of_the_deadline_policy():
    policy = DeadlinePolicy().for_region("RU-SPE")
    clock = WorkingClock(policy)
    start = datetime(2020, 12, 30, 16, 0, tzinfo=MSK)  # before the New Year holidays
    for hours in (0.5, 3, 8, 20, 47.5):
        end = policy.add_working_hours(start, hours)
        assert clock.hours_between(start, end) == pytest.approx(hours, abs=0.01)
    # a weekend and a night add nothing
    friday = datetime(2020, 11, 13, 17, 0, tzinfo=MSK)
    monday = datetime(2020, 11, 16, 10, 0, tzinfo=MSK)
    assert clock.hours_between(friday, monday) == pytest.approx(2.0)
    assert clock.hours_between(monday, friday) == 0.0
    assert clock.week_of(datetime(2020, 11, 15, 23, 0, tzinfo=MSK)) == date(2020, 11, 9)


def test_quantile_and_poisson_tail():
    assert quantile([], 0.5) is None
    assert quantile([5, 1, 3], 0.5) == 3
    assert quantile(list(range(1, 11)), 0.9) == 9.1
    lam = 2.5
    plain = 1 - sum(math.exp(-lam) * lam**k / math.factorial(k) for k in range(7))
    assert poisson_sf(7, lam) == pytest.approx(plain, rel=1e-9)
    assert poisson_sf(0, lam) == 1.0


def test_a_topic_rises_against_its_share_not_against_volume():
    weeks = [date(2026, 10, 5) + timedelta(weeks=k) for k in range(6)]
    rows = []
    for k, week in enumerate(weeks):
        scale = 3 if k == 5 else 1  # the last week has three times the appeals of every topic
        rows += [("Мусор", week, 30 * scale), ("Яма", week, 10 * scale)]
        rows.append(("Снег", week, 2 if k < 5 else 40))
    rising = rising_topics(rows, weeks[4:])
    assert [(r.topic, r.week) for r in rising] == [("Снег", weeks[5])]
    assert rising[0].expected == pytest.approx(2 / 42 * 160, abs=0.01)


def test_a_problem_returns_when_three_appeals_fall_in_30_days():
    t0 = datetime(2026, 10, 1, tzinfo=timezone.utc)
    rows = [("Ленина 5", "Мусор", t0 + timedelta(days=d), f"k{d}") for d in (0, 29, 45, 50, 70)]
    rows += [("Мира 1", "Яма", t0 + timedelta(days=d), f"m{d}") for d in (0, 31, 62)]
    [(problem, keys)] = repeated_problems(rows)
    assert problem.address == "Ленина 5" and problem.appeals == 3
    assert keys == ["k29", "k45", "k50"]  # the first window of three within 30 days


@pytest.mark.skipif(not (SPB / "appeals_dev.jsonl.gz").exists(), reason="no real data")
def test_city_portal_cards_become_records(tmp_path):
    path = tmp_path / "cards.jsonl"
    with gzip.open(SPB / "appeals_dev.jsonl.gz", "rt", encoding="utf-8") as fh:
        cards = [json.loads(line) for line in itertools.islice(fh, 400)]
    path.write_text("\n".join(json.dumps(c, ensure_ascii=False) for c in cards), "utf-8")
    policy = DeadlinePolicy()
    records = list(read_history(path, Timing(policy), format="spb"))
    assert len(records) == len(cards)
    for card, rec in zip(cards, records):
        first = datetime.fromisoformat(card["petitions"][0]["dt"]).replace(tzinfo=MSK)
        finals = [a for a in card["answers"] if a["kind"] == "Окончательный ответ"]
        assert rec.key == f"spb:{card['id']}" and rec.region == "RU-SPE"
        assert rec.received_at == first and rec.topic == card["reason"]
        assert rec.week == first.date() - timedelta(days=first.weekday())
        assert (rec.final_reply_at is None) == (not finals)
        if card["answers"]:
            earliest = min(datetime.fromisoformat(a["dt"]) for a in card["answers"])
            due = deadline_for("pos", first, policy, "RU-SPE")
            assert rec.within_deadline == (earliest.replace(tzinfo=MSK) <= due)
        if finals:
            later = [p for p in card["petitions"] if p["dt"] > finals[-1]["dt"]]
            assert rec.pushback == bool(later)
        assert ("удовлетворен" in card["final_status"]) == (rec.satisfied is True)


def test_drafter_check_explains_with_the_standard(capsys):
    from drafter.quality.cli import run_check
    from drafter.quality.explain import EXPLANATIONS

    reply = "Уважаемый пользователь! Настоящим сообщаем, что обращение рассмотрено."
    assert run_check(["--author", "Надежда", "--explain", reply]) == 1
    out = capsys.readouterr().out
    assert f"Стандарт: {EXPLANATIONS['FORMALISM']}" in out
    assert run_check(["--author", "Надежда", "--explain", "--json", reply]) == 1
    marks = json.loads(capsys.readouterr().out)["violations"]
    assert marks and all(m["explanation"] == EXPLANATIONS[m["code"]] for m in marks)


def test_every_checker_code_has_an_explanation():
    from drafter.quality import CODES
    from drafter.quality.explain import EXPLANATIONS

    assert set(CODES) <= set(EXPLANATIONS)
