"""The workspace on the real city-portal history: import time and API latency, SQLite and
PostgreSQL; the top agencies and pain points of one real week.

    python -m evals.benchmark_workspace [--calls 40] [--week 2020-11-16] [--no-check]
                                        [--check-everywhere] [--postgres URL] [--json]

For each backend (SQLite in a temporary data dir; PostgreSQL in a fresh schema of ``--postgres``,
default ``postgresql+psycopg://postgres@127.0.0.1:5432/test``, skipped when it does not answer):

1. imports the 30,506 appeals of ``appeals_dev.jsonl.gz`` as appeal records (what
   ``drafter ingest --format spb`` stores for analytics) and prints the time; then, on SQLite
   (everywhere with ``--check-everywhere``; never with ``--no-check``), the same import with the
   final replies held to the standard (what ``drafter ingest`` does by default; the checker
   runs on every core);
2. calls the API in-process (FastAPI TestClient, a reviewer's token) ``--calls`` times each:
   ``/v1/analytics/agencies`` and ``/v1/analytics/pain-points`` on random 1–4-week windows,
   ``/v1/search`` on words, addresses and ids drawn from the data; prints p50/p95 per endpoint.

Goals on 2 cores: import ≤ 2 min, analytics p95 ≤ 500 ms, search p95 ≤ 100 ms.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
SPB = SHARED / "spb_gorod" / "appeals_dev.jsonl.gz"
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
GOALS_MS = {"agencies": 500, "pain-points": 500, "search": 100}


def _queries(rng: random.Random, n: int) -> list[str]:
    """Search queries drawn from the data: a word of an appeal, a street and house, an id."""
    cards = []
    with gzip.open(SPB, "rt", encoding="utf-8") as fh:
        for line in fh:
            cards.append(json.loads(line))
    out = []
    for k in range(n):
        card = rng.choice(cards)
        if k % 3 == 0:
            words = [w for w in (card["petitions"][0]["text"] or "").split() if len(w) > 5]
            out.append(rng.choice(words).strip(".,!?«»()") if words else "мусор")
        elif k % 3 == 1:
            parts = [p.strip() for p in (card.get("address") or "").split(",")]
            street = next((p for p in parts if p.startswith(("улица", "проспект", "переулок"))), "")
            house = next((p for p in parts if p.startswith("дом")), "")
            out.append(" ".join(x for x in (street.split(" ", 1)[-1], house) if x) or "Невский")
        else:
            out.append(str(card["id"]))
    return out


def _percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] * 1000, 1),
    }


def run_backend(name: str, database_url: str | None, args: argparse.Namespace) -> dict[str, Any]:
    from fastapi.testclient import TestClient

    from drafter.api import create_app
    from drafter.auth import Role
    from drafter.services import build_services
    from drafter.settings import EmbedderSettings, LLMSettings, Settings

    settings = Settings(
        data_dir=Path(tempfile.mkdtemp(prefix="bench-ws-")),
        database_url=database_url,
        workers=0,
        llm=LLMSettings(backend="fake"),
        embedder=EmbedderSettings(backend="fake"),
    )
    services = build_services(settings)
    result: dict[str, Any] = {"backend": name}
    try:
        started = time.perf_counter()
        imported = services.import_history([SPB], format="spb", check_replies=False, progress=True)
        result["import_s"] = round(time.perf_counter() - started, 1)
        result["imported"] = imported
        if not args.no_check and (name == "sqlite" or args.check_everywhere):
            # the same import again, the final replies held to the standard (replaces the rows)
            started = time.perf_counter()
            services.import_history([SPB], format="spb", check_replies=True, progress=True)
            result["import_checked_s"] = round(time.perf_counter() - started, 1)
        secret, _ = services.create_token(Role.reviewer)
        headers = {"Authorization": f"Bearer {secret}"}
        rng = random.Random(args.seed)
        weeks = services.store.history.weeks(
            services._scope(services_caller(), None, None, None, default_range=False)
        )
        queries = _queries(rng, args.calls)
        timings: dict[str, list[float]] = {"agencies": [], "pain-points": [], "search": []}
        with TestClient(create_app(settings, services)) as client:
            for k in range(args.calls):
                start = rng.choice(weeks)
                end = min(weeks[-1], start + timedelta(weeks=rng.randint(0, 3)))
                window = {"from": start.isoformat(), "to": (end + timedelta(days=6)).isoformat()}
                for endpoint, params in (
                    ("agencies", window),
                    ("pain-points", window),
                    ("search", {"q": queries[k]}),
                ):
                    path = "/v1/search" if endpoint == "search" else f"/v1/analytics/{endpoint}"
                    t0 = time.perf_counter()
                    resp = client.get(path, params=params, headers=headers)
                    timings[endpoint].append(time.perf_counter() - t0)
                    if resp.status_code != 200:
                        raise SystemExit(f"{path} {params}: {resp.status_code} {resp.text[:300]}")
            result["latency"] = {k: _percentiles(v) for k, v in timings.items()}
            result["week"] = _week_summary(client, headers, args.week)
    finally:
        services.close()
    return result


def services_caller():  # type: ignore[no-untyped-def]
    from drafter.auth import SYSTEM

    return SYSTEM


def _week_summary(client, headers: dict[str, str], week: date) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    params = {"from": week.isoformat(), "to": (week + timedelta(days=6)).isoformat()}
    rating = client.get("/v1/analytics/agencies", params=params, headers=headers).json()
    pain = client.get("/v1/analytics/pain-points", params=params, headers=headers).json()
    ranked = sorted((i for i in rating["items"] if i["rank"]), key=lambda i: i["rank"])
    return {
        "week": week.isoformat(),
        "agencies_ranked": len(ranked),
        "top_agencies": [
            {
                k: i[k]
                for k in (
                    "rank",
                    "agency",
                    "appeals",
                    "score",
                    "within_deadline_share",
                    "first_reply_median_h",
                    "final_reply_median_h",
                    "pass_rate",
                    "pushback_share",
                    "rank_change",
                )
            }
            for i in ranked[:5]
        ],
        "top_places": [{k: i[k] for k in ("topic", "place", "appeals")} for i in pain["items"][:5]],
        "rising": [
            {k: i[k] for k in ("topic", "appeals", "expected", "p_value")}
            for i in pain["rising"][:5]
        ],
        "repeats": [
            {k: i[k] for k in ("address", "topic", "appeals")} for i in pain["repeats"][:5]
        ],
    }


def _pg_schema(url: str) -> tuple[str, Any] | None:
    from sqlalchemy import create_engine, make_url, text
    from sqlalchemy.exc import SQLAlchemyError

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    try:
        admin = create_engine(url)
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except SQLAlchemyError as exc:
        print(
            f"PostgreSQL at {url} does not answer ({exc.__class__.__name__}); skipped",
            file=sys.stderr,
        )
        return None
    scoped = make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})

    def drop() -> None:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()

    return scoped.render_as_string(hide_password=False), drop


def _print(results: list[dict[str, Any]]) -> None:
    for r in results:
        print(f"\n== {r['backend']} ==")
        print(f"import: {r['imported']} appeals in {r['import_s']} s (goal ≤ 120 s)")
        if "import_checked_s" in r:
            print(f"import with the final replies checked: {r['import_checked_s']} s")
        for endpoint, p in r["latency"].items():
            goal = GOALS_MS[endpoint]
            print(
                f"  {endpoint:12} p50 {p['p50_ms']:7.1f} ms   p95 {p['p95_ms']:7.1f} ms"
                f"   (goal p95 ≤ {goal} ms)"
            )
    week = results[0]["week"]
    print(f"\nWeek of {week['week']} ({week['agencies_ranked']} agencies ranked)")
    print("Top 5 agencies (rank, score, in time, median h first/final, pass rate, pushback):")
    for a in week["top_agencies"]:
        print(
            f"  {a['rank']}. {a['agency']}: {a['appeals']} appeals, score {a['score']}, "
            f"{a['within_deadline_share']}, {a['first_reply_median_h']}/"
            f"{a['final_reply_median_h']} h, {a['pass_rate']}, {a['pushback_share']}"
        )
    print("Top 5 pain points (topic × place):")
    for p in week["top_places"]:
        print(f"  {p['appeals']:4}  {p['topic']} — {p['place']}")
    print("Rising topics (Poisson test):")
    for p in week["rising"]:
        print(f"  {p['appeals']:4} vs λ {p['expected']}  p={p['p_value']:.2g}  {p['topic']}")
    print("Returning problems (≥3 on one address and topic in 30 days):")
    for p in week["repeats"]:
        print(f"  {p['appeals']:4}  {p['topic']} — {p['address']}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--calls", type=int, default=40, help="calls per endpoint")
    ap.add_argument("--week", type=date.fromisoformat, default=date(2020, 11, 16))
    ap.add_argument("--no-check", action="store_true", help="never run the checker")
    ap.add_argument(
        "--check-everywhere",
        action="store_true",
        help="time the import with the checker on PostgreSQL too (it costs the same there)",
    )
    ap.add_argument("--postgres", default=PG_URL, help="'' to skip PostgreSQL")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if not SPB.exists():
        print(f"{SPB} is missing", file=sys.stderr)
        return 2
    results = [run_backend("sqlite", None, args)]
    if args.postgres:
        pg = _pg_schema(args.postgres)
        if pg is not None:
            url, drop = pg
            try:
                results.append(run_backend("postgresql", url, args))
            finally:
                drop()
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
    else:
        _print(results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
