"""Load on the real API: p50/p95 of create, get and list with concurrent clients, and 5xx.

    python -m evals.load_api                      # 20 clients, 60 s, SQLite (+ PostgreSQL)
    python -m evals.load_api --seconds 15         # shorter
    python -m evals.load_api --postgres postgresql+psycopg://postgres@127.0.0.1:5432/test

For each database it starts ``drafter serve`` itself on 127.0.0.1 (a free port, a fresh data
dir, the fake LLM and embedder: the API and the store are measured, not the model), gives each
client an executor token of its own, runs the clients for the given time (and never more than
``--max-requests`` requests in all), then stops the server. PostgreSQL runs in a schema of its
own, dropped afterwards; it is used when ``--postgres`` or DRAFTER_TEST_DATABASE_URL names one.

Each client loops create → get (one of its drafts) → list → get. The rate limit is off for the
run (20 clients would otherwise measure the limiter), the queue bound too (the fake drafting
worker falls behind 20 creating clients; a full queue would be 503 by design). Loopback only.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

HOST = "127.0.0.1"  # loopback only: this script never sends load anywhere else
OPERATIONS = ("create", "get", "list")
APPEALS = (
    "Третью неделю не вывозят мусор во дворе дома 5 на улице Ленина.",
    "Не горит фонарь у подъезда дома 12 по улице Мира, темно и опасно.",
    "Во дворе дома 3 яма на дороге, машины бьют колёса. Просим заделать.",
    "Нет горячей воды в доме 7 на Садовой улице уже пять дней.",
)


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: dict[str, Counter[int]] = field(default_factory=lambda: defaultdict(Counter))
    errors: Counter[str] = field(default_factory=Counter)  # transport errors, by kind
    requests: int = 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    postgres = args.postgres or os.environ.get("DRAFTER_TEST_DATABASE_URL")
    backends: list[tuple[str, str | None]] = [("sqlite", None)]
    if postgres and not args.sqlite_only:
        backends.append(("postgresql", postgres))
    rows = []
    for name, url in backends:
        print(
            f"{name}: {args.clients} clients for {args.seconds:g} s…", file=sys.stderr, flush=True
        )
        tally = run_backend(url, args.clients, args.seconds, args.max_requests, args.workers)
        rows.append((name, tally))
    print(_table(rows, args.clients, args.seconds, args.workers))
    return 1 if any(_server_errors(t) for _, t in rows) else 0


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m evals.load_api", description=__doc__.splitlines()[0]
    )
    p.add_argument("--seconds", type=float, default=60.0, help="per database (default 60)")
    p.add_argument("--clients", type=int, default=20, help="concurrent clients (default 20)")
    p.add_argument(
        "--max-requests", type=int, default=200_000, help="a hard cap on requests per database"
    )
    p.add_argument("--postgres", metavar="URL", help="also on this PostgreSQL (SQLAlchemy URL)")
    p.add_argument("--sqlite-only", action="store_true", help="skip PostgreSQL even if named")
    p.add_argument(
        "--workers",
        type=int,
        default=1,
        help="drafting threads in the server (default 1; 0: the API and the store alone)",
    )
    return p


def run_backend(
    database_url: str | None, clients: int, seconds: float, cap: int, workers: int = 1
) -> Tally:
    with _scratch_schema(database_url) as url, tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        env = _server_env(data_dir, url, workers)
        tokens = _tokens(env, clients)
        port = _free_port()
        with _server(env, port):
            return asyncio.run(_load(f"http://{HOST}:{port}", tokens, seconds, cap))


def _server_env(data_dir: Path, database_url: str | None, workers: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DRAFTER_")}
    env.update(
        DRAFTER_DATA_DIR=str(data_dir),
        DRAFTER_HOST=HOST,
        DRAFTER_LLM__BACKEND="fake",
        DRAFTER_EMBEDDER__BACKEND="fake",
        DRAFTER_API__DRAFTS_PER_MINUTE="0",
        DRAFTER_API__MAX_QUEUE="0",
        DRAFTER_WORKERS=str(workers),
    )
    if database_url:
        env["DRAFTER_DATABASE_URL"] = database_url
    return env


def _tokens(env: dict[str, str], n: int) -> list[str]:
    """One executor token per client (four agencies), on the server's database, which this
    also creates and migrates."""
    from drafter.auth import Role
    from drafter.services import build_services
    from drafter.settings import Settings

    settings = Settings(
        data_dir=Path(env["DRAFTER_DATA_DIR"]), database_url=env.get("DRAFTER_DATABASE_URL")
    )
    services = build_services(settings)
    try:
        return [
            services.create_token(Role.executor, f"Ведомство {i % 4 + 1}", name=f"load-{i}")[0]
            for i in range(n)
        ]
    finally:
        services.close()


@contextmanager
def _server(env: dict[str, str], port: int) -> Iterator[subprocess.Popen]:
    argv = [sys.executable, "-m", "drafter.cli", "serve", "--host", HOST, "--port", str(port)]
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(argv, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_healthy(f"http://{HOST}:{port}/healthz", proc, log)
            yield proc
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


def _wait_healthy(url: str, proc: subprocess.Popen, log) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            log.seek(0)
            raise SystemExit(f"the server exited:\n{log.read().decode(errors='replace')[-2000:]}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise SystemExit("the server did not answer /healthz within 120 s")


async def _load(base: str, tokens: list[str], seconds: float, cap: int) -> Tally:
    tally = Tally()
    deadline = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=len(tokens), max_keepalive_connections=len(tokens))
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as http:
        await asyncio.gather(
            *(_client(http, token, n, deadline, cap, tally) for n, token in enumerate(tokens))
        )
    return tally


async def _client(
    http: httpx.AsyncClient, token: str, n: int, deadline: float, cap: int, tally: Tally
) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    rng = random.Random(n)
    mine: list[str] = []
    step = 0
    while time.monotonic() < deadline and tally.requests < cap:
        kind = ("create", "get", "list", "get")[step % 4]
        step += 1
        if kind == "get" and not mine:
            continue
        if kind == "create":
            body = {
                "appeal": {
                    "text": rng.choice(APPEALS),
                    "channel": rng.choice(["vk", "telegram", "email", "pos"]),
                    "external_id": uuid.uuid4().hex,
                }
            }
            request = http.build_request("POST", "/v1/drafts", json=body, headers=headers)
        elif kind == "get":
            request = http.build_request("GET", f"/v1/drafts/{rng.choice(mine)}", headers=headers)
        else:
            request = http.build_request("GET", "/v1/drafts?limit=20", headers=headers)
        tally.requests += 1
        started = time.perf_counter()
        try:
            resp = await http.send(request)
        except httpx.TransportError as exc:
            tally.errors[f"{kind}: {type(exc).__name__}"] += 1
            continue
        tally.latencies[kind].append(time.perf_counter() - started)
        tally.statuses[kind][resp.status_code] += 1
        if kind == "create" and resp.status_code == 202:
            mine.append(resp.json()["id"])


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _server_errors(tally: Tally) -> int:
    return sum(n for c in tally.statuses.values() for s, n in c.items() if s >= 500)


def _table(rows: list[tuple[str, Tally]], clients: int, seconds: float, workers: int) -> str:
    lines = [
        (
            f"{clients} concurrent clients, {seconds:g} s per database, 127.0.0.1, "
            f"fake LLM, {workers} drafting worker(s) in the server process"
        ),
        "",
        (
            f"{'database':<11}{'operation':<10}{'requests':>9}{'req/s':>8}{'p50 ms':>9}"
            f"{'p95 ms':>9}{'5xx':>6}  statuses"
        ),
    ]
    for name, tally in rows:
        for op in OPERATIONS:
            lat = tally.latencies.get(op, [])
            statuses = tally.statuses.get(op, Counter())
            fivexx = sum(n for s, n in statuses.items() if s >= 500)
            p50 = f"{_percentile(lat, 0.5) * 1000:.1f}" if lat else "-"
            p95 = f"{_percentile(lat, 0.95) * 1000:.1f}" if lat else "-"
            shown = " ".join(f"{s}:{n}" for s, n in sorted(statuses.items()))
            lines.append(
                f"{name:<11}{op:<10}{len(lat):>9}{len(lat) / seconds:>8.1f}{p50:>9}{p95:>9}"
                f"{fivexx:>6}  {shown}"
            )
        if tally.errors:
            lines.append(f"{'':<11}transport errors: {dict(tally.errors)}")
    return "\n".join(lines)


@contextmanager
def _scratch_schema(url: str | None) -> Iterator[str | None]:
    """A PostgreSQL schema of its own for the run (dropped afterwards); None stays None."""
    if not url:
        yield None
        return
    from sqlalchemy import create_engine, make_url, text

    schema = f"load_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    scoped = make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield scoped.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


if __name__ == "__main__":
    raise SystemExit(main())
