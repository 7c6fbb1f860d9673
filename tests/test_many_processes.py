"""Many processes, one truth (issue 13): the documented multi-process deployment, for real.

Real processes on loopback: PostgreSQL (already running; skipped without it), a Chroma server
(``chroma run``), an OpenAI-compatible LLM server (tests/fake_llm_server.py, a fake that
streams a fixed reply slowly; set DRAFTER_FAULT_TEST_LLM=gemma to use ``python -m
llama_cpp.server`` with the bundled Gemma 3 270M instead, minutes slower), two API processes
(``drafter serve --workers 0``) and two workers (``drafter worker``). 40 appeals are drafted
while a worker and an API process are killed with SIGKILL; the other worker is frozen
(SIGSTOP) past its lease, so its jobs are taken over, drafted and approved before it wakes up
with results that must be thrown away.

All 40 end in a terminal state, each has exactly one ``generated`` entry in the audit, the
approved ones stay approved, and the frozen worker's late results are audited as discarded.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, make_url, text

from drafter.storage import FINAL_STATUSES, Store
from tests.servers import free_port, running

REPO = Path(__file__).resolve().parents[1]
CHROMA = Path(sys.executable).parent / "chroma"
PG_URL = os.environ.get(
    "DRAFTER_TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
N_APPEALS = 40
LEASE_S = 3.0
AGENCY = "Жилищный комитет"


@pytest.fixture
def database() -> Iterator[str]:
    """A fresh schema in the running PostgreSQL; the test is skipped without one."""
    admin = create_engine(PG_URL, connect_args={"connect_timeout": 3})
    try:
        with admin.connect():
            pass
    except Exception as exc:  # noqa: BLE001 - any failure to connect means "not here"
        pytest.skip(f"PostgreSQL is not reachable at {PG_URL}: {exc.__class__.__name__}")
    schema = f"procs_{uuid.uuid4().hex[:10]}"
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@contextmanager
def llm_server(tmp: Path) -> Iterator[str]:
    port = free_port()
    if os.environ.get("DRAFTER_FAULT_TEST_LLM") == "gemma":
        pytest.importorskip("llama_cpp.server")
        from drafter.llm.model_files import default_model_path

        model = default_model_path(tmp / "models")
        cmd = [sys.executable, "-m", "llama_cpp.server", "--model", str(model)]
        cmd += ["--host", "127.0.0.1", "--port", str(port), "--n_ctx", "4096"]
    else:
        cmd = [sys.executable, str(REPO / "tests" / "fake_llm_server.py"), str(port), "0.1"]
    with running(cmd, f"http://127.0.0.1:{port}/v1/models", tmp / "llm.log", name="llm"):
        yield f"http://127.0.0.1:{port}/v1"


@contextmanager
def chroma_server(tmp: Path) -> Iterator[int]:
    if not CHROMA.exists():
        pytest.skip("the chroma CLI is not in this environment")
    port = free_port()
    cmd = [str(CHROMA), "run", "--path", str(tmp / "chroma"), "--host", "127.0.0.1"]
    cmd += ["--port", str(port)]
    with running(cmd, f"http://127.0.0.1:{port}/api/v2/heartbeat", tmp / "chroma.log"):
        yield port


@contextmanager
def worker(env: dict[str, str], log: Path) -> Iterator[subprocess.Popen]:
    """``drafter worker`` running, once it says so."""
    cmd = [sys.executable, "-m", "drafter.cli", "worker", "--workers", "2"]
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=REPO)
    try:
        deadline = time.monotonic() + 120
        while "drafting with" not in log.read_text(errors="replace"):
            if proc.poll() is not None:
                pytest.fail(f"the worker exited:\n{log.read_text()[-2000:]}")
            if time.monotonic() > deadline:
                pytest.fail(f"the worker did not start:\n{log.read_text()[-2000:]}")
            time.sleep(0.2)
        yield proc
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGCONT)
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def api(env: dict[str, str], port: int, log: Path):  # type: ignore[no-untyped-def]
    cmd = [sys.executable, "-m", "drafter.cli", "serve", "--workers", "0", "--port", str(port)]
    return running(cmd, f"http://127.0.0.1:{port}/healthz", log, env=env, cwd=REPO, name="api")


class Database:
    """What the test reads straight from PostgreSQL."""

    def __init__(self, url: str) -> None:
        self.engine = create_engine(url)

    def rows(self, sql: str, **params):  # type: ignore[no-untyped-def]
        with self.engine.connect() as conn:
            return conn.execute(text(sql), params).all()

    def statuses(self) -> dict[str, str]:
        return dict(self.rows("SELECT id, status FROM drafts"))

    def held_by(self, pid: int) -> list[str]:
        rows = self.rows(
            "SELECT id FROM drafts WHERE status = 'drafting' AND claimed_by LIKE :who",
            who=f"%:{pid}:%",
        )
        return [r[0] for r in rows]

    def events(self, kind: str) -> dict[str, int]:
        rows = self.rows(
            "SELECT draft_id, count(*) FROM draft_events WHERE event = :kind GROUP BY draft_id",
            kind=kind,
        )
        return dict(rows)


def wait_for(what: str, condition, timeout: float = 120, every: float = 0.1):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not (result := condition()):
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(every)
    return result


def test_forty_drafts_survive_killed_and_frozen_processes(tmp_path, database):
    store = Store.open(database)  # migrate, and the tokens the clients use
    executor = {"Authorization": f"Bearer {store.tokens.create('executor', AGENCY)[0]}"}
    reviewer = {"Authorization": f"Bearer {store.tokens.create('reviewer')[0]}"}
    store.tokens.create("admin")  # so no process makes one at start
    store.close()
    db = Database(database)
    started = time.monotonic()

    with ExitStack() as stack:
        chroma_port = stack.enter_context(chroma_server(tmp_path))
        llm_url = stack.enter_context(llm_server(tmp_path))
        env = {
            **os.environ,
            "PYTHONPATH": str(REPO),
            "DRAFTER_DATA_DIR": str(tmp_path / "data"),
            "DRAFTER_DATABASE_URL": database,
            "DRAFTER_VECTOR_STORE__BACKEND": "chroma_server",
            "DRAFTER_VECTOR_STORE__PORT": str(chroma_port),
            "DRAFTER_LLM__BACKEND": "openai",
            "DRAFTER_LLM__BASE_URL": llm_url,
            "DRAFTER_EMBEDDER__BACKEND": "fake",
            "DRAFTER_WORKER_LEASE_S": str(LEASE_S),
        }
        ports = [free_port(), free_port()]
        apis = [
            stack.enter_context(api(env, p, tmp_path / f"api{i}.log")) for i, p in enumerate(ports)
        ]
        w1 = stack.enter_context(worker(env, tmp_path / "worker1.log"))
        w2 = stack.enter_context(worker(env, tmp_path / "worker2.log"))

        # 40 appeals through both API processes; the second is killed half-way
        ids = []
        for n in range(N_APPEALS):
            port = ports[0] if n % 2 == 0 or apis[1].poll() is not None else ports[1]
            appeal = {
                "text": f"В доме {n + 1} на улице Ленина не работает лифт, подъезд {n % 4 + 1}.",
                "channel": "vk",
                "kind": "final",
            }
            facts = f"{n % 28 + 1} ноября лифт отремонтирован, заменён блок управления."
            resp = httpx.post(
                f"http://127.0.0.1:{port}/v1/drafts",
                json={"appeal": appeal, "facts": facts},  # with facts the model writes the reply
                headers=executor,
            )
            assert resp.status_code == 202, resp.text
            ids.append(resp.json()["id"])
            if n == N_APPEALS // 2:
                apis[1].kill()  # SIGKILL
                apis[1].wait()
        base = f"http://127.0.0.1:{ports[0]}"

        # a worker dies with jobs in hand
        killed_jobs = wait_for("worker 1 to hold a job", lambda: db.held_by(w1.pid))
        w1.kill()
        w1.wait()
        # the other freezes with its jobs (a stalled VM, a stopped container) past its lease
        frozen = wait_for("worker 2 to hold a job", lambda: db.held_by(w2.pid))
        os.kill(w2.pid, signal.SIGSTOP)
        # a new worker comes up (as systemd would restart one) and takes over both
        stack.enter_context(worker(env, tmp_path / "worker3.log"))

        def finished(draft_ids: list[str]) -> bool:
            statuses = db.statuses()
            return all(statuses[i] in FINAL_STATUSES for i in draft_ids)

        wait_for("the frozen worker's jobs to be redrafted", lambda: finished(frozen))
        for draft_id in frozen:  # and approved, before the frozen worker wakes up
            assert httpx.post(f"{base}/v1/drafts/{draft_id}/submit", headers=executor).is_success
            done = httpx.post(
                f"{base}/v1/drafts/{draft_id}/review",
                json={"decision": "approve"},
                headers=reviewer,
            )
            assert done.status_code == 200 and done.json()["status"] == "approved", done.text
        approved = {
            i: v for i, v in db.rows("SELECT id, version FROM drafts WHERE status='approved'")
        }
        os.kill(w2.pid, signal.SIGCONT)

        wait_for("all 40 drafts to end", lambda: finished(ids), timeout=300, every=0.5)
        wait_for(
            "the frozen worker's late results to be discarded",
            lambda: all(db.events("discarded").get(i) for i in frozen),
            timeout=60,
        )
        elapsed = time.monotonic() - started

    statuses = db.statuses()
    generated = db.events("generated")
    discarded = db.events("discarded")
    attempts = dict(db.rows("SELECT id, attempts FROM drafts"))
    now_approved = {
        i: v for i, v in db.rows("SELECT id, version FROM drafts WHERE status='approved'")
    }
    tally: dict[str, int] = {}
    for s in statuses.values():
        tally[s] = tally.get(s, 0) + 1
    print(
        f"\n{len(statuses)} drafts in {elapsed:.0f} s: {tally}; SIGKILLed worker held "
        f"{len(killed_jobs)}, frozen worker held {len(frozen)}; taken again: "
        f"{sum(1 for a in attempts.values() if a > 1)}; 'generated' entries per draft: "
        f"{sorted(set(generated.values()))}; discarded late results: {sum(discarded.values())}; "
        f"approved before the wake-up and still approved at the same version: "
        f"{sum(1 for i, v in approved.items() if now_approved.get(i) == v)}/{len(approved)}"
    )
    assert sorted(statuses) == sorted(ids) and len(ids) == N_APPEALS
    assert all(s in FINAL_STATUSES for s in statuses.values())
    assert generated == {i: 1 for i in ids}  # none drafted twice into the audit
    assert all(attempts[i] >= 2 for i in killed_jobs + frozen)
    assert now_approved == approved  # nothing was written over an approval
    assert set(discarded) <= set(frozen) | set(killed_jobs)
    db.engine.dispose()
